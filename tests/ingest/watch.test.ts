/**
 * The server follows KUMPPANI_KNOWLEDGE_DIR live: a document written there is answered from within
 * seconds, a change replaces it, a removal forgets it, all without a restart and logged; editors'
 * working files are left alone.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { oneAtATime, watchedKind, watchKnowledgeDir } from '../../src/ingest/watch.ts';
import { silentLogger } from '../../src/kernel/log.ts';
import { FakeWriter } from './fake-writer.ts';
import { ask, startServe, type ServeProcess } from '../helpers/serve-process.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kumppani-watch-'));
const kb = path.join(tmp, 'kb');
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const QUESTION = 'Paljonko kuutamouintiavustus on?';
const doc = (sum: number): string =>
  `---\ntitle: Kuutamouintiavustus\n---\n# Kuutamouintiavustus\n\nKuutamouintiavustus on ${sum} euroa vuodessa jokaiselle avantouintiseuralle.\n`;

describe('which changes in the folder count', () => {
  it('documents and metadata, not editors’ working files or ignored folders', () => {
    expect(watchedKind('ohje.md')).toBe('document');
    expect(watchedKind('kunta/avustus.pdf')).toBe('document');
    expect(watchedKind('kunta/_meta.yml')).toBe('metadata');
    expect(watchedKind('kunta/avustus.meta.yml')).toBe('metadata');
    for (const scratch of [
      '~$avustus.docx',
      '.ohje.md.swp',
      'ohje.md~',
      '#ohje.md#',
      'lataus.pdf.crdownload',
      '_luonnokset/ohje.md',
      '.git/HEAD',
      'muistiinpanot.yml',
      'kuva.png',
      'README.md',
    ])
      expect(watchedKind(scratch), scratch).toBeUndefined();
  });
});

describe('the one-at-a-time queue', () => {
  it('runs tasks in order, never two at once, and goes on after a failure', async () => {
    const serial = oneAtATime();
    let active = 0;
    let most = 0;
    const order: number[] = [];
    const task =
      (n: number, fail = false) =>
      async () => {
        active++;
        most = Math.max(most, active);
        await new Promise((r) => setTimeout(r, 20));
        order.push(n);
        active--;
        if (fail) throw new Error('broken');
        return n;
      };
    const results = await Promise.allSettled([serial(task(1)), serial(task(2, true)), serial(task(3))]);
    await serial.idle();
    expect(order).toEqual([1, 2, 3]);
    expect(most).toBe(1);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });
});

describe('watchKnowledgeDir', () => {
  it(
    'gathers a burst into few runs, re-reads a folder whose _meta.yml changed, forgets a removed folder',
    { timeout: 60_000 },
    async () => {
      const root = fs.mkdtempSync(path.join(tmp, 'unit-'));
      const dir = path.join(root, 'kb');
      fs.mkdirSync(path.join(dir, 'kunta'), { recursive: true });
      const writer = new FakeWriter();
      let runs = 0;
      const failed: string[] = [];
      const watcher = await watchKnowledgeDir({
        dir,
        writer,
        logger: silentLogger,
        cwd: root,
        quietMs: 300,
        limits: { maxFileBytes: 1024 },
        onRun: (r) => {
          runs++;
          failed.push(...(r.summary?.failed.map((f) => f.reason) ?? []));
        },
      });
      try {
        for (let i = 0; i < 5; i++)
          fs.writeFileSync(path.join(dir, 'kunta', `ohje${i}.md`), `# Ohje ${i}\n\nOhjeen ${i} teksti.\n`);
        await expect.poll(() => writer.docs.size, { timeout: 20_000 }).toBe(5);
        expect(runs).toBeLessThan(5);
        // Recorded as the folder's own, so that the start-up sync forgets them with their files.
        expect(writer.docs.get('kb/kunta/ohje0.md')?.doc.origin).toBe('knowledge-dir');
        // The server's bounds apply to what the watcher reads.
        fs.writeFileSync(path.join(dir, 'iso.pdf'), Buffer.alloc(2048));
        await expect
          .poll(() => failed, { timeout: 20_000 })
          .toEqual([expect.stringMatching(/over the .* limit/)]);

        fs.writeFileSync(path.join(dir, 'kunta', '_meta.yml'), 'municipality: Testilä\n');
        await expect
          .poll(() => writer.meta('kb/kunta/ohje0.md').municipality, { timeout: 20_000 })
          .toBe('Testilä');

        fs.rmSync(path.join(dir, 'kunta'), { recursive: true });
        await expect.poll(() => writer.docs.size, { timeout: 20_000 }).toBe(0);
      } finally {
        await watcher.close();
      }
    },
  );
});

describe('kumppani serve follows the knowledge folder', () => {
  let server: ServeProcess;
  beforeAll(async () => {
    fs.mkdirSync(kb, { recursive: true });
    fs.writeFileSync(
      path.join(kb, 'perus.md'),
      '---\ntitle: Perusohje\n---\n# Yhteystiedot\n\nJärjestöyhdyshenkilö vastaa kysymyksiin.\n',
    );
    server = await startServe(
      { KUMPPANI_DATA_DIR: 'memory', KUMPPANI_KNOWLEDGE_DIR: kb, WEB_RATE_LIMIT_PER_MINUTE: '10000' },
      tmp,
    );
  }, 150_000);
  afterAll(async () => {
    await server?.stop();
  });

  const answer = async (): Promise<string> => (await ask(server.url, QUESTION)).text;
  const poll = { timeout: 20_000, interval: 500 };

  it(
    'answers from an added file, follows a change, and forgets a removed file',
    { timeout: 90_000 },
    async () => {
      expect(await answer()).not.toContain('777');
      // An office suite's lock file beside it must not be read as a document.
      fs.writeFileSync(path.join(kb, '~$kuutamo.docx'), 'owner lock');
      fs.writeFileSync(path.join(kb, 'kuutamo.md'), doc(777));
      await expect.poll(answer, poll).toContain('777');
      expect(server.log()).toContain('knowledge folder changed: index updated');

      fs.writeFileSync(path.join(kb, 'kuutamo.md'), doc(888));
      await expect.poll(answer, poll).toContain('888');
      expect(await answer()).not.toContain('777');

      fs.rmSync(path.join(kb, 'kuutamo.md'));
      await expect.poll(answer, poll).not.toContain('888');
      expect(server.log()).toMatch(/"removed":\["kb\/kuutamo\.md"\]/);
      expect(server.log()).not.toContain('~$kuutamo.docx');
    },
  );
});
