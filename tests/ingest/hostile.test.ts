/**
 * Hostile and huge files are bounded: each one gives a `failed:` line (or is read in a safe way)
 * within seconds, and the good file after them is indexed. The files are made here, at test time.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chunkBlocks } from '../../src/ingest/chunker.ts';
import { loadFile } from '../../src/ingest/loaders/index.ts';
import { ingestPaths, type IngestSummary } from '../../src/ingest/pipeline.ts';
import { listSources } from '../../src/store/documents.ts';
import { makeDocxBomb } from './make-fixtures.ts';
import { useTempIndex } from './temp-index.ts';

/** Letters without a single known compound part boundary pattern: one long "word". */
function longWord(length: number): string {
  const letters = 'abdeghijklmnoprstuvyäö';
  let x = 7;
  let s = '';
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    s += letters[x % letters.length];
  }
  return s;
}

const GOOD = '# Hyvä ohje\n\nKohdeavustusta haetaan syyskuussa. Hakemukseen liitetään talousarvio.\n';

const temp = useTempIndex('kumppani-hostile-');
const write = (name: string, content: string | Buffer): void =>
  writeFileSync(join(temp.root(), name), content);
const reasons = (s: IngestSummary): Record<string, string> =>
  Object.fromEntries(s.failed.map((f) => [f.file, f.reason]));

describe('hostile and huge files', () => {
  it('fails a zip-bomb .docx, a 200 000-deep page and a 50 MB .txt with a reason, and indexes the file after them', async () => {
    write('a-pommi.docx', makeDocxBomb(400));
    write(
      'b-syva.html',
      `<html><body>${'<div>'.repeat(200_000)}Syvällä oleva teksti.${'</div>'.repeat(200_000)}</body></html>`,
    );
    write('c-iso.txt', Buffer.alloc(50 * 1024 * 1024, 'sana '));
    write('z-hyva.md', GOOD);

    const started = Date.now();
    const summary = await ingestPaths(['.'], temp.services().writer, { cwd: temp.root() });
    expect(Date.now() - started).toBeLessThan(30_000);

    expect(reasons(summary)).toEqual({
      'a-pommi.docx': expect.stringMatching(
        /^the \.docx would unpack to 400 MB \(limit 200 MB, KUMPPANI_INGEST_MAX_INFLATED_MB\)/,
      ),
      'b-syva.html': expect.stringMatching(
        /^the document nests its elements 200000 levels deep \(limit 512, deeper than any browser shows\): not read/,
      ),
      'c-iso.txt': expect.stringMatching(
        /^the file is 50 MB, over the 10 MB limit for \.txt files \(KUMPPANI_INGEST_MAX_TEXT_MB\)/,
      ),
    });
    expect(summary.added).toBe(1);
    expect(await listSources(temp.services().db.pool)).toEqual(['z-hyva.md']);
  }, 60_000);

  it('indexes single 20 KB and 40 KB "words" in seconds (compound splitting was quadratic: 109 s and never)', async () => {
    write('sana-20k.txt', `Pitkä sana\n\nAlussa ${longWord(20_000)} lopussa.\n`);
    write('sana-40k.txt', `Pidempi sana\n\nAlussa ${longWord(40_000)} lopussa.\n`);
    write('z-hyva.md', GOOD.replace('syyskuussa', 'lokakuussa'));
    const started = Date.now();
    const summary = await ingestPaths(['sana-20k.txt', 'sana-40k.txt', 'z-hyva.md'], temp.services().writer, {
      cwd: temp.root(),
    });
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(summary.failed).toEqual([]);
    expect(summary).toMatchObject({ added: 2, updated: 1 });
  }, 60_000);

  it('keeps a document whose 40 KB "word" has digits in it (the full-text index refused the whole write)', async () => {
    write('numerot.txt', `Numerot\n\nAlussa ${'1234567890'.repeat(4000)} lopussa.\n`);
    const summary = await ingestPaths(['numerot.txt'], temp.services().writer, { cwd: temp.root() });
    expect(summary.failed).toEqual([]);
    const stored = await temp
      .services()
      .db.pool.query<{ text: string }>(
        `SELECT c.text FROM chunks c JOIN documents d ON d.id = c.document_id WHERE d.source = 'numerot.txt'`,
      );
    expect(stored.rows.map((r) => r.text)).toEqual([`Alussa ${'1234567890'.repeat(50)}… lopussa.`]);
  }, 60_000);

  it('gives up a file that takes longer than the time limit, or needs more memory than the limit, and goes on with a fresh thread', async () => {
    // 32 MB of HTML (the text limit raised for it): many seconds of parsing, and a tree far over 64 MB.
    write(
      'iso-sivu.html',
      `<html><body><main>${'<p>Yhdistys hakee avustusta.</p>\n'.repeat(1_000_000)}</main></body></html>`,
    );
    write('z-hyva.md', GOOD.replace('syyskuussa', 'marraskuussa'));
    const big = { maxTextFileBytes: 64 * 1024 * 1024 };
    const files = ['iso-sivu.html', 'z-hyva.md'];

    const slow = await ingestPaths(files, temp.services().writer, {
      cwd: temp.root(),
      limits: { ...big, timeoutMs: 1000 },
    });
    expect(reasons(slow)).toEqual({
      'iso-sivu.html': expect.stringMatching(
        /^reading took longer than 1 s \(KUMPPANI_INGEST_TIMEOUT_MS\): given up/,
      ),
    });
    expect(slow.updated).toBe(1);

    write('z-hyva.md', GOOD.replace('syyskuussa', 'joulukuussa'));
    const greedy = await ingestPaths(files, temp.services().writer, {
      cwd: temp.root(),
      limits: { ...big, memoryMb: 64 },
    });
    expect(reasons(greedy)).toEqual({
      'iso-sivu.html': expect.stringMatching(
        /^reading needed more than 64 MB of memory \(KUMPPANI_INGEST_MEMORY_MB\): given up/,
      ),
    });
    expect(greedy.updated).toBe(1);
  }, 120_000);

  it('reads a page of 100 000 paragraphs in seconds (finding furniture under <main> was quadratic in its children: minutes)', async () => {
    const page = `<html><body><main><h1>Iso sivu</h1>${'<p class="kappale">Yhdistys hakee avustusta.</p>\n'.repeat(100_000)}<div class="share">Jaa</div></main></body></html>`;
    const started = Date.now();
    const loaded = await loadFile('html', Buffer.from(page), { source: 'iso.html' });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(loaded.blocks).toHaveLength(100_000);
    expect(loaded.blocks.some((b) => b.text.includes('Jaa'))).toBe(false);
  }, 60_000);

  it('chunks 6 MB of text in seconds (looking ahead at each paragraph break was quadratic: 4 MB took 15 s)', () => {
    const para = 'Yhdistys voi hakea avustusta kunnalta. Hakemus jätetään määräaikaan mennessä.';
    const blocks = Array.from({ length: 75_000 }, () => ({ headings: ['Avustukset'], text: para }));
    const started = Date.now();
    const chunks = chunkBlocks(blocks, { language: 'fi' });
    expect(Date.now() - started).toBeLessThan(8_000);
    expect(chunks.length).toBeGreaterThan(6_000);
    expect(chunks.every((c) => c.text.length <= 900)).toBe(true);
  }, 60_000);
});
