/**
 * A load of many documents (the first start of a large knowledge folder, `kumppani ingest` of a
 * region's documents) goes in batches without the HNSW index, which is built once at the end. What
 * a user sees must not change: every chunk keeps its section and page, the index answers with
 * HNSW in place afterwards, a process killed halfway leaves an index that answers after a
 * restart, and a bad document fails alone.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { syncIndex } from '../../src/ingest/indexer.ts';
import { ingestPaths } from '../../src/ingest/pipeline.ts';
import type { IndexWriter } from '../../src/ingest/types.ts';
import { SET_ASIDE_INDEXES } from '../../src/store/bulk-indexes.ts';
import { makePdf } from './make-fixtures.ts';
import { useTempIndex } from './temp-index.ts';

const temp = useTempIndex('kumppani-bulk-');
const write = (path: string, content: string | Buffer): void => {
  mkdirSync(dirname(join(temp.root(), path)), { recursive: true });
  writeFileSync(join(temp.root(), path), content);
};
const pad = (n: number) => String(n).padStart(3, '0');
/** `count` documents under `dir`, each with two sections; number 42 alone names the snow castle. */
const folder = (dir: string, count: number): void => {
  for (let n = 0; n < count; n++)
    write(
      `${dir}/ohje-${pad(n)}.md`,
      `# Ohje ${n}\n\n## Hakuaika\n\nAvustusta haetaan ${n === 42 ? 'lumilinnan rakentamiseen' : 'kerhotoimintaan'} maaliskuussa.\n\n` +
        `## Yhteystiedot\n\nLisätietoja antaa kulttuurisihteeri numerosta ${n}.\n`,
    );
};
const pool = () => temp.services().db.pool;
const hnswIndexes = async (): Promise<string[]> =>
  (
    await pool().query<{ indexname: string }>(
      `SELECT indexname FROM pg_indexes WHERE tablename = 'chunks' AND indexname LIKE 'chunks_embedding_hnsw_%'`,
    )
  ).rows.map((r) => r.indexname);
/** The full-text and filter indexes a bulk load sets aside, as far as they exist. */
const lexicalIndexes = async (): Promise<string[]> =>
  (
    await pool().query<{ indexname: string }>(
      `SELECT indexname FROM pg_indexes WHERE tablename = 'chunks' AND indexname = ANY($1::text[]) ORDER BY 1`,
      [SET_ASIDE_INDEXES],
    )
  ).rows.map((r) => r.indexname);
const search = (q: string) => temp.services().searcher.search(q, { audience: 'public' });
const clear = async () => temp.services().writer.remove(await temp.services().writer.sources());

describe('a bulk load', () => {
  it('stores every chunk with its section and page, and answers through the HNSW index built at the end', async () => {
    folder('kb', 120);
    write(
      'kb/sivut.pdf',
      await makePdf([
        { kind: 'title', text: 'Tilaohje' },
        { kind: 'h1', text: 'Varaaminen' },
        { kind: 'p', lines: ['Tilat varataan verkossa.'] },
        { kind: 'page' },
        { kind: 'h1', text: 'Hinnat' },
        { kind: 'p', lines: ['Iltavuoro maksaa kymmenen euroa.'] },
      ]),
    );
    // Two versions of one document in the same batch: only the newer one answers.
    write('kb/tilat-2023.md', '---\ndate: 2023-01-01\n---\n# Tilavaraus\n\nTilat varataan puhelimitse.\n');
    write('kb/tilat-2024.md', '---\ndate: 2024-01-01\n---\n# Tilavaraus\n\nTilat varataan verkossa.\n');
    const summary = await ingestPaths(['kb'], temp.services().writer, { cwd: temp.root() });
    expect(summary).toMatchObject({ added: 123, failed: [] });
    const active = await pool().query<{ source: string; active: boolean }>(
      `SELECT d.source, bool_and(c.active) AND bool_and(d.active) AS active FROM chunks c JOIN documents d ON d.id = c.document_id
        WHERE d.source LIKE 'kb/tilat-%' GROUP BY d.source ORDER BY d.source`,
    );
    expect(active.rows).toEqual([
      { source: 'kb/tilat-2023.md', active: false },
      { source: 'kb/tilat-2024.md', active: true },
    ]);

    const rows = await pool().query<{ source: string; section: string | null; page: number | null }>(
      `SELECT d.source, c.section, c.page FROM chunks c JOIN documents d ON d.id = c.document_id ORDER BY d.source, c.ord`,
    );
    expect(rows.rowCount).toBe(summary.chunks);
    const sections = (source: string) =>
      rows.rows.filter((r) => r.source === source).map((r) => [r.section, r.page]);
    expect(sections('kb/ohje-007.md').map(([s]) => s)).toEqual([
      expect.stringMatching(/Hakuaika/),
      expect.stringMatching(/Yhteystiedot/),
    ]);
    expect(sections('kb/sivut.pdf')).toEqual([
      [expect.stringMatching(/Varaaminen/), 1],
      [expect.stringMatching(/Hinnat/), 2],
    ]);

    expect(await hnswIndexes()).toEqual([`chunks_embedding_hnsw_${temp.services().embedder.dimensions}`]);
    expect(await lexicalIndexes()).toEqual([...SET_ASIDE_INDEXES].sort());
    expect((await search('lumilinnan rakentaminen'))[0]?.source).toBe('kb/ohje-042.md');
    // The full-text index built at the end is the one a word search is answered through.
    const plan = await pool().query<{ 'QUERY PLAN': string }>(
      `BEGIN; SET LOCAL enable_seqscan = off;
       EXPLAIN SELECT id FROM chunks WHERE fts @@ to_tsquery('finnish', 'lumilinna'); COMMIT`,
    );
    expect(JSON.stringify(plan)).toMatch(/chunks_fts/);
  }, 180_000);

  it('killed before its index build, answers after a restart, and the next run writes the rest', async () => {
    await clear();
    folder('kb2', 150);
    const writer = temp.services().writer;
    // The process dies after the first batch: the second never commits and the index is not built.
    let batches = 0;
    const dying: IndexWriter = Object.assign(Object.create(writer) as IndexWriter, {
      putMany: async (items: Parameters<NonNullable<IndexWriter['putMany']>>[0]) => {
        if (++batches > 1) throw new Error('terminated');
        return writer.putMany!(items);
      },
      put: async () => {
        throw new Error('terminated');
      },
      endBulk: async () => {},
    });
    const killed = ingestPaths(['kb2'], dying, {
      cwd: temp.root(),
      onFailure: () => {
        throw new Error('killed');
      },
    });
    await expect(killed).rejects.toThrow('killed');
    expect(await hnswIndexes()).toEqual([]);
    expect(await lexicalIndexes()).toEqual([]);

    // What every start runs before it answers.
    const { embedder, analyzer } = temp.services();
    await syncIndex(pool(), embedder, analyzer);
    expect(await hnswIndexes()).toHaveLength(1);
    expect(await lexicalIndexes()).toEqual([...SET_ASIDE_INDEXES].sort());
    expect((await search('lumilinnan rakentaminen'))[0]?.source).toBe('kb2/ohje-042.md');

    const resumed = await ingestPaths(['kb2'], writer, { cwd: temp.root() });
    expect(resumed).toMatchObject({ added: 50, unchanged: 100, failed: [] });
    expect((await writer.sources()).filter((s) => s.startsWith('kb2/'))).toHaveLength(150);
  }, 180_000);

  it('writes the rest of a batch when one of its documents cannot be written, and reports that one', async () => {
    await clear();
    folder('kb3', 110);
    const writer = temp.services().writer;
    const bad = 'kb3/ohje-050.md';
    const flaky: IndexWriter = Object.assign(Object.create(writer) as IndexWriter, {
      put: async (...args: Parameters<IndexWriter['put']>) => {
        if (args[0].source === bad) throw new Error('value too long for type character varying(8)');
        return writer.put(...args);
      },
      putMany: async (items: Parameters<NonNullable<IndexWriter['putMany']>>[0]) => {
        if (items.some((it) => it.doc.source === bad))
          throw new Error('value too long for type character varying(8)');
        return writer.putMany!(items);
      },
    });
    const summary = await ingestPaths(['kb3'], flaky, { cwd: temp.root() });
    expect(summary.failed).toEqual([
      { file: bad, reason: expect.stringMatching(/^could not write to the index: value too long/) },
    ]);
    expect(summary.added).toBe(109);
    expect((await writer.sources()).filter((s) => s.startsWith('kb3/'))).toHaveLength(109);
  }, 180_000);
});
