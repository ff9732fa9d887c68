/**
 * `kumppani ingest` beside a running server: the run is handed to the server through its loopback
 * admin endpoint, prints what a local ingest prints, and the server answers from the documents at
 * once. The endpoint refuses a missing or forged token; the token file is readable by its owner only.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IngestSummary } from '../../src/ingest/pipeline.ts';
import { silentLogger } from '../../src/kernel/log.ts';
import {
  ADMIN_TOKEN_FILE,
  requestIngest,
  startAdmin,
  writeAdminToken,
  type AdminServer,
} from '../../src/server/admin.ts';
import { LOCK_FILE, type LockHolder } from '../../src/store/lock.ts';
import { ask, runKumppani, startServe, type ServeProcess } from '../helpers/serve-process.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kumppani-admin-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const write = (rel: string, content: string): void => {
  fs.mkdirSync(path.dirname(path.join(tmp, rel)), { recursive: true });
  fs.writeFileSync(path.join(tmp, rel), content);
};

const summary: IngestSummary = {
  files: 1,
  added: 1,
  updated: 0,
  unchanged: 0,
  skipped: [],
  failed: [],
  removed: [],
  chunks: 3,
};

describe('the admin endpoint', () => {
  let admin: AdminServer;
  const token = 'a-token-of-the-right-kind-0123456789';
  const calls: string[][] = [];
  beforeAll(async () => {
    admin = await startAdmin({
      token,
      logger: silentLogger,
      handlers: {
        ingest: async (paths, opts) => {
          calls.push(paths);
          opts.onFailure?.({ file: 'x.pdf', reason: 'broken' });
          return summary;
        },
      },
    });
  });
  afterAll(() => admin.close());

  it('listens on loopback only', () => {
    expect(new URL(admin.url).hostname).toBe('127.0.0.1');
  });

  it('refuses a missing or forged token with 401 and does nothing', async () => {
    const body = JSON.stringify({ paths: ['/etc'], cwd: '/' });
    const headers = { 'content-type': 'application/json' };
    for (const auth of [undefined, 'Bearer forged', `Bearer ${token}x`, token]) {
      const res = await fetch(`${admin.url}/ingest`, {
        method: 'POST',
        body,
        headers: auth ? { ...headers, authorization: auth } : headers,
      });
      expect(res.status).toBe(401);
      expect((await res.json()).error).toMatch(/admin token/);
    }
    expect(calls).toEqual([]);
  });

  it('streams failures and the summary to an authenticated client', async () => {
    const events: string[] = [];
    const got = await requestIngest(admin.url, token, { paths: ['/docs'], cwd: '/' }, (e) =>
      events.push(e.type),
    );
    expect(got).toEqual(summary);
    expect(events).toContain('failure');
    expect(calls).toEqual([['/docs']]);
  });

  it('writes the token readable by its owner only', () => {
    const { file } = writeAdminToken(tmp);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });
});

describe('kumppani ingest beside kumppani serve', () => {
  let server: ServeProcess;
  const dataDir = path.join(tmp, 'data');
  beforeAll(async () => {
    write(
      'kb/perus.md',
      '---\ntitle: Perusohje\n---\n# Yhteystiedot\n\nJärjestöyhdyshenkilö vastaa kysymyksiin.\n',
    );
    server = await startServe(
      // The server's own bounds apply to what it is handed.
      {
        KUMPPANI_DATA_DIR: dataDir,
        KUMPPANI_KNOWLEDGE_DIR: path.join(tmp, 'kb'),
        KUMPPANI_INGEST_MAX_FILE_MB: '1',
      },
      tmp,
    );
  }, 150_000);
  afterAll(async () => {
    await server?.stop();
  });

  it(
    'hands the documents to the server, prints the local summary and failure lines, and the server answers from them',
    { timeout: 240_000 },
    async () => {
      const holder = JSON.parse(fs.readFileSync(path.join(dataDir, LOCK_FILE), 'utf8')) as LockHolder;
      expect(holder.pid).toBe(server.pid);
      expect(fs.statSync(path.join(dataDir, ADMIN_TOKEN_FILE)).mode & 0o777).toBe(0o600);
      const forged = await fetch(`${holder.server!.adminUrl}/ingest`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer forged' },
        body: JSON.stringify({ paths: [tmp], cwd: tmp }),
      });
      expect(forged.status).toBe(401);

      write(
        'extra/kuutamo.md',
        '---\ntitle: Kuutamouintiavustus\n---\n# Kuutamouintiavustus\n\nKuutamouintiavustus on 777 euroa vuodessa jokaiselle avantouintiseuralle.\n',
      );
      write('extra/rikki.pdf', 'this is not a PDF');
      write('extra/iso.pdf', 'x'.repeat(2 * 1024 * 1024));
      const run = await runKumppani(['ingest', 'extra'], { KUMPPANI_DATA_DIR: dataDir }, tmp);
      expect(run.stderr, run.stderr).toContain(`The server (process ${server.pid}) holds the database`);
      expect(run.stderr).toMatch(/^failed: extra\/rikki\.pdf: /m);
      expect(run.stderr).toMatch(/^failed: extra\/iso\.pdf: the file is 2 MB, over the 1 MB limit/m);
      expect(run.stdout, run.stderr).toContain(
        '3 documents: 1 added, 0 updated, 0 unchanged; 2 files failed;',
      );
      expect(run.code).toBe(1);
      expect(server.log()).toContain('ingest handed over');

      const reply = await ask(server.url, 'Paljonko kuutamouintiavustus on?');
      expect(reply.text).toContain('777');
    },
  );

  it('hands `kumppani ask` to the server, which holds the database', { timeout: 120_000 }, async () => {
    const run = await runKumppani(
      ['ask', '--json', 'Paljonko kuutamouintiavustus on?'],
      { KUMPPANI_DATA_DIR: dataDir },
      tmp,
    );
    expect(run.code, run.stderr).toBe(0);
    const reply = JSON.parse(run.stdout) as { answer: string; answered: boolean };
    expect(reply.answered, run.stdout).toBe(true);
    expect(reply.answer).toContain('777');
  });

  it('frees the data directory when it stops: lock and token are gone', { timeout: 30_000 }, async () => {
    expect(await server.stop()).toBe(0);
    expect(fs.existsSync(path.join(dataDir, LOCK_FILE))).toBe(false);
    expect(fs.existsSync(path.join(dataDir, ADMIN_TOKEN_FILE))).toBe(false);
  });
});
