/**
 * `kumppani backup` and `kumppani restore` as an operator runs them: documents ingested into one
 * data directory are back after a restore into a fresh one; a restore refuses to replace a database
 * without --force and to run beside the process that holds it; a backup with a running server is
 * written by that server; with DATABASE_URL both print the pg_dump recipe.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/db.ts';
import { listSources } from '../../src/store/documents.ts';
import { runKumppani, startServe } from '../helpers/serve-process.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kumppani-backup-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const kumppani = (args: string[], env: Record<string, string>) => runKumppani(args, env, tmp);

async function sourcesIn(dataDir: string): Promise<string[]> {
  const db = await openDatabase({ dataDir, migrate: false });
  try {
    return await listSources(db.pool);
  } finally {
    await db.close();
  }
}

const original = path.join(tmp, 'original');
const fresh = path.join(tmp, 'fresh');
const backup = path.join(tmp, 'kumppani.tar.gz');

describe('kumppani backup and restore', () => {
  beforeAll(() => {
    fs.mkdirSync(path.join(tmp, 'kb'), { recursive: true });
    fs.writeFileSync(
      path.join(tmp, 'kb/a.md'),
      '---\ntitle: A\n---\n# A\n\nKuutamouintiavustus on 777 euroa.\n',
    );
    fs.writeFileSync(
      path.join(tmp, 'kb/b.md'),
      '---\ntitle: B\n---\n# B\n\nAvantouintiseura saa salin ilmaiseksi.\n',
    );
  });

  it('brings the ingested documents back in a fresh data directory', { timeout: 240_000 }, async () => {
    expect((await kumppani(['ingest', 'kb'], { KUMPPANI_DATA_DIR: original })).code).toBe(0);
    const made = await kumppani(['backup', backup], { KUMPPANI_DATA_DIR: original });
    expect(made.stderr).toBe('');
    expect(made.stdout).toContain('2 documents');
    expect(fs.statSync(backup).size).toBeGreaterThan(0);

    const restored = await kumppani(['restore', backup], { KUMPPANI_DATA_DIR: fresh });
    expect(restored.stderr).toBe('');
    expect(restored.stdout).toContain('2 documents');
    expect(await sourcesIn(fresh)).toEqual(['kb/a.md', 'kb/b.md']);
  });

  it(
    'refuses to replace a database without --force, and replaces it with --force',
    { timeout: 240_000 },
    async () => {
      const refused = await kumppani(['restore', backup], { KUMPPANI_DATA_DIR: fresh });
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/already holds a database.*--force/);

      fs.writeFileSync(path.join(tmp, 'kb/c.md'), '---\ntitle: C\n---\n# C\n\nKolmas ohje.\n');
      expect((await kumppani(['ingest', 'kb'], { KUMPPANI_DATA_DIR: fresh })).code).toBe(0);
      expect(await sourcesIn(fresh)).toHaveLength(3);
      const forced = await kumppani(['restore', backup, '--force'], { KUMPPANI_DATA_DIR: fresh });
      expect(forced.code).toBe(0);
      expect(await sourcesIn(fresh)).toEqual(['kb/a.md', 'kb/b.md']);
    },
  );

  it('leaves the database as it was when the backup is not one', { timeout: 60_000 }, async () => {
    const junk = path.join(tmp, 'junk.tar.gz');
    fs.writeFileSync(junk, 'not a tarball');
    const bad = await kumppani(['restore', junk, '--force'], { KUMPPANI_DATA_DIR: fresh });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('Cannot restore the backup');
    expect(await sourcesIn(fresh)).toEqual(['kb/a.md', 'kb/b.md']);
  });

  it(
    'refuses to restore under a running server, whose backup the server writes',
    { timeout: 240_000 },
    async () => {
      const server = await startServe(
        { KUMPPANI_DATA_DIR: fresh, KUMPPANI_KNOWLEDGE_DIR: path.join(tmp, 'none') },
        tmp,
      );
      try {
        const refused = await kumppani(['restore', backup, '--force'], { KUMPPANI_DATA_DIR: fresh });
        expect(refused.code).toBe(1);
        expect(refused.stderr).toContain(`Process ${server.pid}`);
        expect(refused.stderr).toContain('Stop it first');

        const live = path.join(tmp, 'live.tar.gz');
        const made = await kumppani(['backup', live], { KUMPPANI_DATA_DIR: fresh });
        expect(made.stdout).toContain('written by the running server');
        expect(fs.statSync(live).size).toBeGreaterThan(0);
      } finally {
        await server.stop();
      }
      expect(await sourcesIn(fresh)).toEqual(['kb/a.md', 'kb/b.md']);
      // The backup the live server wrote is a whole database.
      const third = path.join(tmp, 'from-live');
      expect(
        (await kumppani(['restore', path.join(tmp, 'live.tar.gz')], { KUMPPANI_DATA_DIR: third })).code,
      ).toBe(0);
      expect(await sourcesIn(third)).toEqual(['kb/a.md', 'kb/b.md']);
    },
  );

  it('prints the pg_dump recipe for a PostgreSQL server', async () => {
    for (const command of ['backup', 'restore']) {
      const r = await kumppani([command, backup], { DATABASE_URL: 'postgres://k:k@127.0.0.1:1/k' });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('pg_dump --format=custom');
      expect(r.stderr).toContain('pg_restore');
    }
  });
});
