/**
 * One writer per embedded database: a second process is refused with the holder's pid, command and
 * start, and what to do instead; a lock left by a killed process is taken over.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { acquireLock, DataDirLockedError, localServer, LOCK_FILE, lockHolder } from '../../src/store/lock.ts';
import { childEnv, ROOT, runKumppani } from '../helpers/serve-process.ts';

const HOLDER = path.join(ROOT, 'tests/store/hold-db.ts');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kumppani-lock-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function startHolder(dataDir: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', HOLDER, dataDir], {
    cwd: ROOT,
    env: childEnv({ KUMPPANI_DATA_DIR: dataDir, LOG_LEVEL: 'error' }),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => d.toString().includes('ready') && resolve());
    child.once('exit', (code) => reject(new Error(`holder exited with ${code}: ${err}`)));
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return { child, ready, exited };
}

const cli = (args: string[], dataDir: string) => runKumppani(args, { KUMPPANI_DATA_DIR: dataDir });

describe('the data directory lock', () => {
  it(
    'refuses a second process, naming the holder, and takes over after the holder is killed',
    { timeout: 240_000 },
    async () => {
      const dataDir = path.join(tmp, 'two-processes');
      const holder = startHolder(dataDir);
      await holder.ready;

      const second = await cli(['municipalities'], dataDir);
      expect(second.code).toBe(1);
      expect(second.stderr).toContain(`in use by process ${holder.child.pid}`);
      expect(second.stderr).toContain('hold-db.ts');
      expect(second.stderr).toMatch(/since \d{4}-\d\d-\d\dT/);
      expect(second.stderr).toMatch(/stop it|DATABASE_URL/);

      // SIGKILL: no chance to remove the lock, which stays behind, stale.
      holder.child.kill('SIGKILL');
      await holder.exited;
      expect(fs.existsSync(path.join(dataDir, LOCK_FILE))).toBe(true);

      const after = await cli(['municipalities'], dataDir);
      expect(after.stderr).not.toContain('in use by');
      expect(after.code).toBe(0);
      // The command closed the database: the lock is gone with it.
      expect(fs.existsSync(path.join(dataDir, LOCK_FILE))).toBe(false);
    },
  );

  it('refuses a second open in the same process and frees the directory on release', () => {
    const dir = path.join(tmp, 'same-process');
    const lock = acquireLock(dir);
    expect(() => acquireLock(dir)).toThrow(DataDirLockedError);
    expect(lockHolder(dir)?.pid).toBe(process.pid);
    lock.release();
    expect(lockHolder(dir)).toBeUndefined();
    acquireLock(dir).release();
  });

  it('takes over a lock whose pid is gone or that was taken before the last reboot', () => {
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    for (const stale of [
      { pid: dead, bootId: undefined },
      { pid: process.ppid, bootId: 'an-earlier-boot' },
      // A live process that started after the lock was taken got the pid by reuse.
      { pid: process.ppid, bootId: undefined, since: '2000-01-01T00:00:00Z' },
    ]) {
      const dir = path.join(tmp, `stale-${stale.pid}`);
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(
        path.join(dir, LOCK_FILE),
        JSON.stringify({
          hostname: os.hostname(),
          command: 'node old',
          since: '2020-01-01T00:00:00Z',
          nonce: 'x',
          ...stale,
        }),
      );
      const lock = acquireLock(dir);
      expect(lock.holder.pid).toBe(process.pid);
      lock.release();
    }
  });

  it('refuses a lock held by a live process of this machine that started before taking it', () => {
    const dir = path.join(tmp, 'live-other');
    fs.mkdirSync(dir, { recursive: true });
    const holder = { pid: process.ppid, hostname: os.hostname(), command: 'node bin/kumppani.js serve' };
    fs.writeFileSync(
      path.join(dir, LOCK_FILE),
      JSON.stringify({ ...holder, since: new Date().toISOString(), nonce: 'y' }),
    );
    expect(() => acquireLock(dir)).toThrow(`in use by process ${process.ppid} (node bin/kumppani.js serve)`);
  });

  it('hands work only to a server on this machine: a holder on another host (a shared disk) is refused, not called', () => {
    const dir = path.join(tmp, 'foreign');
    fs.mkdirSync(dir, { recursive: true });
    const foreign = {
      pid: 1,
      hostname: 'another-host',
      command: 'node bin/kumppani.js serve',
      since: new Date().toISOString(),
      nonce: 'z',
      server: { adminUrl: 'http://127.0.0.1:9' },
    };
    fs.writeFileSync(path.join(dir, LOCK_FILE), JSON.stringify(foreign));
    expect(localServer(dir)).toBeUndefined();
    expect(() => acquireLock(dir)).toThrow(/on another-host .*delete .*kumppani\.lock/);

    const here = path.join(tmp, 'local-server');
    const lock = acquireLock(here);
    lock.setServer({ adminUrl: 'http://127.0.0.1:9' });
    expect(localServer(here)?.server.adminUrl).toBe('http://127.0.0.1:9');
    lock.release();
  });

  it('says the running server takes ingests when the holder is a server', () => {
    const dir = path.join(tmp, 'server');
    const lock = acquireLock(dir);
    lock.setServer({ adminUrl: 'http://127.0.0.1:1' });
    try {
      acquireLock(dir);
      expect.unreachable();
    } catch (err) {
      expect((err as Error).message).toContain('`kumppani ingest PATH…` hands documents to that server');
    } finally {
      lock.release();
    }
  });
});
