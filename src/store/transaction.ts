/**
 * One transaction on one connection of the pool. Writes that must land together (a document and
 * its chunks, an index swap) go through here, so a failure halfway leaves what was there before.
 */
import type pg from 'pg';

/** Runs `fn` between BEGIN and COMMIT; rolls back and rethrows if it throws. */
export async function inTransaction<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const out = await fn(client);
    await client.query('COMMIT');
    return out;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}
