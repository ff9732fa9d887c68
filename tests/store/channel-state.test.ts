/**
 * The database's channel state: a claim is won once until it expires, also when connections race
 * for it; values and hit counts expire; platform keys are stored only as digests. Runs on the
 * embedded database, over the wire protocol with two pools (two connections racing), and on a real
 * PostgreSQL server when KUMPPANI_TEST_DATABASE_URL names one (READ COMMITTED row locks for real).
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/store/db.ts';
import { ChannelStateUsageError, PgChannelState } from '../../src/store/channel-state.ts';
import { startPgliteServer, type WireServer } from '../helpers/pglite-server.ts';
import { createServerDatabase, describeOnServer } from '../helpers/backends.ts';

const SECRET = 'test-hmac-key';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('channel state on the embedded database', () => {
  let db: Database;
  let state: PgChannelState;
  beforeAll(async () => {
    db = await openDatabase({ dataDir: 'memory' });
    state = new PgChannelState(db.pool, SECRET);
  });
  afterAll(async () => {
    await db?.close();
  });

  it('grants a claim once, per scope, and again after it expired', async () => {
    expect(await state.claim('test:event', 'Ev1', 60_000)).toBe(true);
    expect(await state.claim('test:event', 'Ev1', 60_000)).toBe(false);
    expect(await state.claim('test:other', 'Ev1', 60_000)).toBe(true);
    expect(await state.claim('test:short', 'Ev2', 30)).toBe(true);
    expect(await state.claim('test:short', 'Ev2', 30)).toBe(false);
    await sleep(80);
    expect(await state.claim('test:short', 'Ev2', 60_000)).toBe(true);
    expect(await state.claim('test:short', 'Ev2', 60_000)).toBe(false);
  });

  it('takes any key a platform sends: NUL, very long, or only differing after a NUL', async () => {
    expect(await state.claim('test:keys', 'a\0b', 60_000)).toBe(true);
    expect(await state.claim('test:keys', 'a\0c', 60_000)).toBe(true);
    expect(await state.claim('test:keys', 'a', 60_000)).toBe(true);
    expect(await state.claim('test:keys', 'x'.repeat(100_000), 60_000)).toBe(true);
    expect(await state.claim('test:keys', "'); DROP TABLE channel_state; --", 60_000)).toBe(true);
    await state.put('test:keys', 'k\0', 'v', 60_000);
    expect(await state.get('test:keys', 'k\0')).toBe('v');
    expect(await state.get('test:keys', 'k')).toBeUndefined();
  });

  it('keeps no platform key readable in the table', async () => {
    await state.put('test:privacy', 'U0123SECRETUSER', '1', 60_000);
    const { rows } = await db.pool.query('SELECT * FROM channel_state');
    expect(JSON.stringify(rows)).not.toContain('U0123SECRETUSER');
    // Another secret digests differently: a second deployment's rows mean nothing here.
    expect(
      await new PgChannelState(db.pool, 'other-key').get('test:privacy', 'U0123SECRETUSER'),
    ).toBeUndefined();
  });

  it('stores a value until it expires; a later put replaces it', async () => {
    await state.put('test:value', 'thread', 'one', 60_000);
    expect(await state.get('test:value', 'thread')).toBe('one');
    await state.put('test:value', 'thread', 'two', 30);
    expect(await state.get('test:value', 'thread')).toBe('two');
    await sleep(80);
    expect(await state.get('test:value', 'thread')).toBeUndefined();
    expect(await state.get('test:value', 'never')).toBeUndefined();
  });

  it('refuses what only code can get wrong, saying what to do', async () => {
    await expect(state.claim('Bad Scope', 'k', 1000)).rejects.toThrow(ChannelStateUsageError);
    await expect(state.claim('test:ttl', 'k', 0)).rejects.toThrow(/TTL/);
    await expect(state.put('test:value', 'k', 'a\0b', 1000)).rejects.toThrow(/NUL/);
    await expect(state.put('test:value', 'k', 'x'.repeat(20_000), 1000)).rejects.toThrow(/at most/);
  });

  it('counts hits in a window that starts again after it ends', async () => {
    const counts = [];
    for (let i = 0; i < 3; i++) counts.push(await state.hit('test:rate', 'user', 60));
    expect(counts.map((c) => c.count)).toEqual([1, 2, 3]);
    expect(counts[2]!.resetInMs).toBeGreaterThan(0);
    expect(counts[2]!.resetInMs).toBeLessThanOrEqual(60);
    await sleep(90);
    expect((await state.hit('test:rate', 'user', 60_000)).count).toBe(1);
    expect((await state.hit('test:rate', 'other', 60_000)).count).toBe(1);
  });

  it('deletes expired rows and only those', async () => {
    await state.claim('test:purge', 'gone', 20);
    await state.claim('test:purge', 'kept', 60_000);
    await sleep(50);
    expect(await state.purgeExpired()).toBeGreaterThanOrEqual(1);
    const { rows } = await db.pool.query<{ n: string }>(
      `SELECT count(*) AS n FROM channel_state WHERE scope = 'test:purge'`,
    );
    expect(Number(rows[0]!.n)).toBe(1);
    expect(await state.claim('test:purge', 'kept', 60_000)).toBe(false);
  });
});

/** Two replicas: separate pools (connections) on one database race for the same keys. */
function racingReplicas(label: string, open: () => Promise<{ url: string; close(): Promise<void> }>) {
  describe(label, () => {
    let target: { url: string; close(): Promise<void> };
    let pools: pg.Pool[];
    let replicas: PgChannelState[];
    beforeAll(async () => {
      target = await open();
      const db = await openDatabase({ url: target.url }); // migrates
      await db.close();
      pools = [0, 1].map(() => new pg.Pool({ connectionString: target.url, max: 5 }));
      replicas = pools.map((p) => new PgChannelState(p, SECRET));
    });
    afterAll(async () => {
      await Promise.all((pools ?? []).map((p) => p.end()));
      await target?.close();
    });

    it('lets exactly one of many concurrent claims win, fresh or on an expired row', async () => {
      const race = (key: string) =>
        Promise.all(Array.from({ length: 20 }, (_, i) => replicas[i % 2]!.claim('test:race', key, 60_000)));
      expect((await race('Ev9')).filter(Boolean)).toHaveLength(1);
      expect(await replicas[0]!.claim('test:race', 'Ev10', 30)).toBe(true);
      await sleep(80);
      expect((await race('Ev10')).filter(Boolean)).toHaveLength(1);
    });

    it('loses no hit when replicas count at once', async () => {
      const hits = await Promise.all(
        Array.from({ length: 20 }, (_, i) => replicas[i % 2]!.hit('test:race-rate', 'U1', 60_000)),
      );
      expect(hits.map((h) => h.count).sort((a, b) => a - b)).toEqual(
        Array.from({ length: 20 }, (_, i) => i + 1),
      );
    });
  });
}

let wire: WireServer | undefined;
racingReplicas('channel state claims racing over the wire protocol (two pools)', async () => {
  wire = await startPgliteServer();
  return { url: wire.url, close: () => wire!.stop() };
});

// A database of its own on the test server (tests/helpers/backends.ts), dropped afterwards.
describeOnServer('on a PostgreSQL server (KUMPPANI_TEST_DATABASE_URL)', () => {
  racingReplicas('channel state claims racing on a real server', async () => {
    const scratch = await createServerDatabase('channel_state');
    return { url: scratch.url, close: () => scratch.drop() };
  });
});
