/**
 * `kumppani ingest` end to end: the real command in a child process and the pipeline with the real
 * index writer (PGlite), so that what the operator sees and what the index holds are both checked.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { ingestPaths } from '../../src/ingest/pipeline.ts';
import { silentLogger } from '../../src/kernel/log.ts';
import { makeDocx, makePdf } from './make-fixtures.ts';

const launcher = fileURLToPath(new URL('../../bin/kumppani.js', import.meta.url));
/** Each describe block works in its own folder, so that one cannot spoil the other. */
let root: string;

const write = (path: string, content: string | Buffer): void => {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), content);
};

async function knowledge(): Promise<void> {
  write('kb/testila/_meta.yml', 'municipality: Testilä\n');
  write(
    'kb/testila/avustusohje.pdf',
    await makePdf([
      { kind: 'title', text: 'Testilän avustusohje' },
      { kind: 'h1', text: '1. Toiminta-avustus' },
      { kind: 'p', lines: ['Toiminta-avustusta haetaan huhtikuussa. Hakemukseen liitetään talousarvio.'] },
      { kind: 'page' },
      { kind: 'h1', text: '2. Kohdeavustus' },
      {
        kind: 'p',
        lines: ['Kohdeavustuksen hakuaika päättyy syyskuun lopussa. Kohdeavustus on enintään 5 000 euroa.'],
      },
    ]),
  );
  write('kb/mallila/tilat.docx', await makeDocx());
  write('kb/mallila/_meta.yml', 'municipality: Mallila\n');
  write(
    'kb/yhteistyo.md',
    '---\ntitle: Alueen suositus\ndate: 5.11.2025\n---\n# Suositus\n\n## Yhdyshenkilö\n\nJokainen kunta nimeää järjestöyhdyshenkilön.\n',
  );
}

function runCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, KUMPPANI_DATA_DIR: join(root, 'data'), LOG_LEVEL: 'info' };
  delete env.DATABASE_URL;
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [launcher, ...args],
      { cwd: root, env, timeout: 240_000 },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

describe('kumppani ingest (child process, store on disk)', () => {
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'kumppani-cli-'));
    await knowledge();
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('prints one line per failed file, the summary, and exits 1; then 0 once the files are fixed', async () => {
    write('kb/mallila/rikki.pdf', '%PDF-1.4\nthis is not really a pdf\n');
    write('muistiinpanot.xyz', 'ei tuettu');
    const first = await runCli(['ingest', 'kb', 'muistiinpanot.xyz']);
    expect(first.code).toBe(1);
    const failures = first.stderr.split('\n').filter((l) => l.startsWith('failed: '));
    expect(failures).toEqual([
      expect.stringMatching(/^failed: muistiinpanot\.xyz: unsupported file type \.xyz/),
      expect.stringMatching(/^failed: kb\/mallila\/rikki\.pdf: not a readable PDF: /),
    ]);
    expect(first.stdout).toMatch(
      /^4 documents: 3 added, 0 updated, 0 unchanged; 2 files failed; \d+ chunks written\.$/m,
    );
    // Logs stay out of stdout: it carries the summary only.
    expect(first.stdout).not.toContain('"level"');

    unlinkSync(join(root, 'kb/mallila/rikki.pdf'));
    const second = await runCli(['ingest', 'kb', '--json']);
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout)).toEqual({
      files: 3,
      added: 0,
      updated: 0,
      unchanged: 3,
      skipped: [],
      failed: [],
      removed: [],
      chunks: 0,
    });
    expect(second.stderr).not.toContain('failed:');
  }, 600_000);
});

describe('ingestion through the real index writer (PGlite in memory)', () => {
  let services: Services;
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'kumppani-store-'));
    await knowledge();
    services = await createServices(loadConfig({ KUMPPANI_DATA_DIR: 'memory' }), { logger: silentLogger });
  });
  afterAll(async () => {
    await services?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('indexes sections and pages that search finds, skips unchanged files and prunes removed ones', async () => {
    const first = await ingestPaths(['kb'], services.writer, { cwd: root });
    expect(first).toMatchObject({ added: 3, failed: [] });

    const hits = await services.searcher.search('kohdeavustuksen hakuaika', {
      audience: 'public',
      municipality: 'Testilä',
    });
    expect(hits[0]).toMatchObject({
      source: 'kb/testila/avustusohje.pdf',
      title: 'Testilän avustusohje',
      section: '2. Kohdeavustus',
      page: 2,
      municipality: 'Testilä',
    });
    expect(hits[0]!.text).toContain('Kohdeavustus on enintään 5 000 euroa.');
    expect(hits.map((h) => h.text).join('\n')).not.toContain('Avustusohje 2026'); // the running header

    const again = await ingestPaths(['kb'], services.writer, { cwd: root });
    expect(again).toMatchObject({ added: 0, updated: 0, unchanged: 3, chunks: 0 });

    write(
      'kb/yhteistyo.md',
      '---\ntitle: Alueen suositus\ndate: 5.11.2025\n---\n# Suositus\n\n## Yhdyshenkilö\n\nJokainen kunta nimeää järjestöyhdyshenkilön ja kertoo sen verkkosivuillaan.\n',
    );
    const changed = await ingestPaths(['kb'], services.writer, { cwd: root });
    expect(changed).toMatchObject({ updated: 1, unchanged: 2 });
    const contact = await services.searcher.search('järjestöyhdyshenkilö verkkosivut', {
      audience: 'public',
    });
    expect(contact[0]).toMatchObject({
      source: 'kb/yhteistyo.md',
      section: 'Yhdyshenkilö',
      date: '2025-11-05',
    });
    expect(contact[0]!.text).toContain('kertoo sen verkkosivuillaan');

    unlinkSync(join(root, 'kb/mallila/tilat.docx'));
    const pruned = await ingestPaths(['kb'], services.writer, { cwd: root, prune: true });
    expect(pruned.removed).toEqual(['kb/mallila/tilat.docx']);
    expect(await services.writer.sources()).not.toContain('kb/mallila/tilat.docx');
  });
});
