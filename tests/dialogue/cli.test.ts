/**
 * The terminal side: `kumppani ingest` then piped `kumppani chat` (text and --json),
 * `kumppani municipalities` and `kumppani report`, as separate processes on one temp data dir.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeCorpus } from './corpus.ts';

const BIN = path.resolve(import.meta.dirname, '../../bin/kumppani.js');
// Each command is a fresh process (tsx start, database open): generous limits on a busy machine.
const SLOW = 300_000;
let corpus: string;
let dataDir: string;

function run(args: string[], input = ''): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: corpus,
      env: { ...process.env, KUMPPANI_DATA_DIR: dataDir, KUMPPANI_AUTO_INGEST: 'false', LOG_LEVEL: 'error' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

beforeAll(async () => {
  corpus = writeCorpus();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kumppani-data-'));
  const ingest = await run(['ingest', '.']);
  expect(ingest.stderr).toBe('');
  expect(ingest.code).toBe(0);
}, SLOW);
afterAll(() => {
  fs.rmSync(corpus, { recursive: true, force: true });
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('kumppani chat, piped', () => {
  it(
    '--json: one JSON object per input line, follow-ups included',
    async () => {
      const input = [
        'Milloin Koivulan toiminta-avustuksen haku päättyy?',
        'entä Haapalan?',
        '/kunta Koivula',
        '+',
      ].join('\n');
      const r = await run(['chat', '--json'], `${input}\n`);
      expect(r.code).toBe(0);
      const lines = r.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      expect(lines).toHaveLength(3);
      const [first, second, command] = lines;
      expect(Object.keys(first).sort()).toEqual(
        ['answer', 'answered', 'citations', 'id', 'language', 'latency_ms', 'question'].sort(),
      );
      expect(first).toMatchObject({
        question: 'Milloin Koivulan toiminta-avustuksen haku päättyy?',
        answered: true,
        language: 'fi',
      });
      expect(first.answer).toContain('15.3.2027');
      // `page` is left out for formats without pages (JSON drops undefined).
      expect(Object.keys(first.citations[0])).toEqual(
        expect.arrayContaining(['source', 'title', 'section', 'url', 'municipality', 'date', 'score']),
      );
      expect(first.citations[0]).toMatchObject({
        source: 'koivula/yhteistyo.md',
        municipality: 'Koivula',
        date: '2026-02-01',
      });
      expect(second).toMatchObject({ question: 'entä Haapalan?', answered: true });
      expect(second.answer).toContain('30.4.2027');
      expect(second.citations[0].source).toBe('haapala/yhteistyo.md');
      expect(command).toMatchObject({ question: '/kunta Koivula', answered: false, citations: [] });
      // "+" rated the last answer; the confirmation goes to stderr so stdout stays JSON.
      expect(r.stderr).toContain('Palaute tallennettu.');
    },
    SLOW,
  );

  it(
    'plain text: one answer per question as a group, with sources',
    async () => {
      const r = await run(
        ['chat', '--municipality', 'Haapala'],
        'Kuka on yhteyshenkilö?\nNär går ansökningstiden ut?\n',
      );
      expect(r.code).toBe(0);
      const groups = r.stdout.trim().split(/\n\s*\n(?=Kunta|Kommun|Municipality)/);
      expect(groups).toHaveLength(2);
      expect(groups[0]).toContain('Heikki Haapanen');
      expect(groups[0]).toContain('Lähteet:');
      expect(groups[1]).toMatch(/^Kommun: Haapala/);
      expect(groups[1]).toContain('30.4.2027');
    },
    SLOW,
  );
});

describe('kumppani municipalities and report', () => {
  it(
    'lists the municipalities with documents, with counts',
    async () => {
      const r = await run(['municipalities', '--json']);
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout)).toEqual([
        { name: 'Haapala', documents: 1 },
        { name: 'Koivula', documents: 1 },
      ]);
      const all = await run(['municipalities', '--all', '--json']);
      const rows = JSON.parse(all.stdout) as Array<{ name: string; sv?: string }>;
      expect(rows.length).toBeGreaterThanOrEqual(311);
      expect(rows).toContainEqual({ name: 'Närpiö', sv: 'Närpes', documents: 0 });
    },
    SLOW,
  );

  it(
    'reports what was asked in the period, per topic and with gaps',
    async () => {
      await run(
        ['chat'],
        'Saako Koivulassa pitää koiraa mukana yhdistysillassa?\nSaako koiran tuoda Koivulan yhdistysiltaan?\n',
      );
      const today = new Date().toISOString().slice(0, 10);
      const r = await run(['report', '--from', today, '--to', today, '--municipality', 'Koivula']);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(`Kumppani-raportti ${today} – ${today}, Koivula`);
      expect(r.stdout).toContain('Avustukset: ');
      expect(r.stdout).toMatch(/2 × "Saako Koivulassa pitää koiraa mukana yhdistysillassa\?"/);
      const json = JSON.parse((await run(['report', '--json', '--municipality', 'Koivula'])).stdout);
      expect(json.totals.questions).toBeGreaterThanOrEqual(3);
      const bad = await run(['report', '--from', '31.3.2026']);
      expect(bad.code).not.toBe(0);
      expect(bad.stderr).toContain('--from must be a date like 2026-03-31');
    },
    SLOW,
  );
});
