/**
 * The embedded database's bridge hands PGlite a statement's protocol messages together (Bind,
 * Describe, Execute up to the Sync) instead of one call each, and node-postgres gets the same
 * replies: rows, errors, and the statements after an error.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { batchedProtocol } from '../../src/store/pglite-batch.ts';

describe('the batched PGlite bridge', () => {
  let lite: PGlite;
  let pool: pg.Pool;
  const calls: string[] = [];

  beforeAll(async () => {
    lite = await PGlite.create();
    const counted: Pick<PGlite, 'waitReady' | 'execProtocolStream'> = {
      get waitReady() {
        return lite.waitReady;
      },
      execProtocolStream: (message, opts) => {
        // The message types of one call into PGlite, e.g. "BDES" for Bind, Describe, Execute, Sync.
        const types: string[] = [];
        for (let at = 0; at < message.length;) {
          types.push(String.fromCharCode(message[at]!));
          at += 1 + new DataView(message.buffer, message.byteOffset + at + 1, 4).getInt32(0);
        }
        calls.push(types.join(''));
        return lite.execProtocolStream(message, opts);
      },
    };
    pool = new pg.Pool({ ...createPgConfig(batchedProtocol(counted) as PGlite), max: 1 } as pg.PoolConfig);
    await pool.query('CREATE TABLE t (id int PRIMARY KEY, name text)');
  });
  afterAll(async () => {
    await pool?.end();
    await lite?.close();
  });

  it('sends a statement with parameters to PGlite in one call, and a prepared one without its Parse', async () => {
    calls.length = 0;
    await pool.query('INSERT INTO t VALUES ($1, $2), ($3, $4)', [1, 'yksi', 2, 'kaksi']);
    const q = { name: 'batch_probe', text: 'SELECT name FROM t WHERE id = $1', values: [2] };
    expect((await pool.query(q)).rows).toEqual([{ name: 'kaksi' }]);
    expect((await pool.query({ ...q, values: [1] })).rows).toEqual([{ name: 'yksi' }]);
    expect(calls).toEqual(['PBDES', 'PBDES', 'BDES']);
  });

  it('sends a statement without parameters (the simple protocol) as it is', async () => {
    calls.length = 0;
    expect((await pool.query('SELECT count(*)::int AS n FROM t')).rows).toEqual([{ n: 2 }]);
    expect(calls).toEqual(['Q']);
  });

  it('reports an error in a batch and runs the next statement', async () => {
    await expect(pool.query('INSERT INTO t VALUES ($1, $2)', [1, 'taas'])).rejects.toThrow(/duplicate key/);
    await expect(pool.query('SELECT name FROM t WHERE id = $1', ['ei luku'])).rejects.toThrow(/integer/);
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('INSERT INTO t VALUES ($1, $2)', [3, 'kolme']);
      await expect(client.query('INSERT INTO t VALUES ($1, $2)', [3, 'kolme'])).rejects.toThrow();
      await client.query('ROLLBACK');
    } finally {
      client.release();
    }
    expect((await pool.query('SELECT id FROM t WHERE id > $1 ORDER BY id', [0])).rows).toEqual([
      { id: 1 },
      { id: 2 },
    ]);
  });
});
