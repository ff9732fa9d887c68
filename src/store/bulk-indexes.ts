/**
 * The chunks' full-text GIN indexes and filter indexes, set aside during a bulk load and built
 * once at its end, as the HNSW index is (`dropVectorIndexes`). Keeping a GIN index up to date
 * costs an entry per distinct word of every chunk inserted; building it from the loaded table is
 * a sort (at 10k chunks the upkeep was about 1.4 s of database CPU, the build 0.4 s).
 *
 * What is set aside is recorded, with each index's definition as the database gives it
 * (`pg_get_indexdef`), in the same transaction that drops it: a process that dies mid-load
 * leaves the record, and the next start builds what it names (`restoreSetAsideIndexes`, run by
 * `syncIndex` before anything answers). Searches meanwhile go on without them, scanning the table.
 *
 * The BM25 indexes stay: the searcher decides once per process whether to use them, and a query
 * naming a missing one fails instead of scanning.
 */
import type pg from 'pg';
import { inTransaction } from './transaction.ts';

type Queryable = pg.Pool | pg.PoolClient;

/** Indexes that are neither unique nor read by name, so a load can go without them. */
export const SET_ASIDE_INDEXES = ['chunks_fts', 'chunks_terms', 'chunks_filter', 'chunks_municipality_lower'];

const SETTING = 'bulk_load_set_aside_indexes';

/** Builds and drops of set-aside indexes wait for each other (the HNSW lock's space, another key). */
const LOCK = [4_242_003, 1] as const;

async function recorded(db: Queryable): Promise<Record<string, string>> {
  const r = await db.query<{ value: string }>('SELECT value FROM settings WHERE key = $1', [SETTING]);
  return r.rows[0] ? (JSON.parse(r.rows[0].value) as Record<string, string>) : {};
}

/** Drops the set-aside indexes for a bulk load, recording how to build each again. */
export async function setIndexesAside(pool: pg.Pool): Promise<void> {
  await inTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1, $2)', [...LOCK]);
    const present = await client.query<{ name: string; def: string }>(
      `SELECT c.relname AS name, pg_get_indexdef(c.oid) AS def
         FROM pg_class c JOIN pg_index i ON i.indexrelid = c.oid
        WHERE i.indrelid = 'chunks'::regclass AND c.relname = ANY($1::text[]) AND NOT i.indisunique`,
      [SET_ASIDE_INDEXES],
    );
    if (present.rows.length === 0) return;
    // An earlier load that died keeps its record: what it set aside is still to be built.
    const defs = { ...(await recorded(client)) };
    for (const row of present.rows) defs[row.name] = row.def;
    await client.query(
      `INSERT INTO settings (key, value) VALUES ($1, $2)
       ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
      [SETTING, JSON.stringify(defs)],
    );
    for (const row of present.rows) await client.query(`DROP INDEX IF EXISTS ${safeName(row.name)}`);
  });
}

/**
 * Builds every index a bulk load set aside and forgets the record, in one transaction: a build
 * that fails leaves the record for the next start. A start with nothing set aside only reads.
 */
export async function restoreSetAsideIndexes(pool: pg.Pool): Promise<void> {
  if (Object.keys(await recorded(pool)).length === 0) return;
  await inTransaction(pool, async (client) => {
    // As the HNSW build: a server's 30 s statement timeout must not cancel a build at 100k chunks.
    await client.query('SET LOCAL statement_timeout = 0');
    await client.query('SELECT pg_advisory_xact_lock($1, $2)', [...LOCK]);
    // Another process may have built them while this one waited.
    const defs = await recorded(client);
    for (const [name, def] of Object.entries(defs)) {
      const exists = await client.query('SELECT to_regclass($1) IS NOT NULL AS present', [safeName(name)]);
      // The definition is the database's own (pg_get_indexdef), recorded by setIndexesAside.
      if (!exists.rows[0]?.present) await client.query(def);
    }
    await client.query('DELETE FROM settings WHERE key = $1', [SETTING]);
  });
}

const safeName = (name: string): string => name.replace(/[^a-z0-9_]/g, '');
