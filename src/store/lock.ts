/**
 * One writer per embedded database. PGlite has no lock of its own: two processes that open one
 * data directory both write to it, and whatever the second wrote is lost (or the files are
 * corrupted) when the first one checkpoints.
 *
 * The lock is a file created exclusively (`wx`) beside the database, holding who took it. It is
 * not `proper-lockfile`: that library judges staleness by an mtime heartbeat, so an ingest that
 * keeps the event loop busy past the threshold "compromises" a live server's lock (and by default
 * throws from a timer), while it cannot tell the second process who holds the lock. Here the
 * holder's pid is checked directly: a lock whose process is gone (or that was taken before the
 * last reboot) is taken over at once, a live one never.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { KumppaniError } from '../kernel/errors.ts';

export const LOCK_FILE = 'kumppani.lock';

/** What the lock file says about the process that holds it. */
export interface LockHolder {
  pid: number;
  hostname: string;
  /** Linux boot id: a pid recorded before the last reboot belongs to no one now. */
  bootId?: string;
  /** The holder's command line, as the operator would recognise it. */
  command: string;
  /** When the holder took the lock (ISO 8601). */
  since: string;
  /** Tells this lock apart from a later one of the same pid. */
  nonce: string;
  /** Set by `kumppani serve` once it listens: where its admin endpoint is. */
  server?: { adminUrl: string };
}

/** Thrown when another live process holds the data directory. */
export class DataDirLockedError extends KumppaniError {
  constructor(
    /** The data directory that is held. */
    readonly dataDir: string,
    /** The process holding it. */
    readonly holder: LockHolder,
    /** The lock file, to name in the message when the holder's liveness cannot be checked. */
    readonly lockFile: string,
  ) {
    super('KUMPPANI_DATA_DIR_LOCKED', lockedMessage(dataDir, holder, lockFile));
  }
}

function lockedMessage(dataDir: string, h: LockHolder, lockFile: string): string {
  const who = `process ${h.pid}${h.hostname !== os.hostname() ? ` on ${h.hostname}` : ''} (${h.command}), since ${h.since}`;
  const instead = h.server
    ? 'The Kumppani server is running on it: `kumppani ingest PATH…` hands documents to that server; ' +
      'for anything else stop the server first (or use a PostgreSQL server through DATABASE_URL, which several processes can share).'
    : 'Wait for it to finish or stop it, set KUMPPANI_DATA_DIR to another directory, ' +
      'or use a PostgreSQL server through DATABASE_URL, which several processes can share.';
  const foreign =
    h.hostname !== os.hostname()
      ? ` Its host cannot be checked from here; if it no longer runs Kumppani, delete ${lockFile}.`
      : '';
  return `The embedded database in ${dataDir} is in use by ${who}. Only one process may open it. ${instead}${foreign}`;
}

function bootId(): string | undefined {
  try {
    return fs.readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to another user.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Directories this process holds: a second open in the same process would corrupt them too. */
const heldHere = new Map<string, string>();

/** Whether the recorded holder may still be using the directory. */
function holderIsLive(h: LockHolder): boolean {
  if (h.hostname !== os.hostname()) return true;
  const boot = bootId();
  if (h.bootId && boot && h.bootId !== boot) return false;
  if (h.pid === process.pid) return [...heldHere.values()].includes(h.nonce);
  if (!isAlive(h.pid)) return false;
  // The pid may have been reused by a process that started after the lock was taken.
  const started = processStartMs(h.pid);
  return started === undefined || started <= Date.parse(h.since) + 2000;
}

/** When a process started (Linux /proc), or undefined where that cannot be read. */
function processStartMs(pid: number): number | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 22 (starttime, in clock ticks since boot) counted after the command name's ')'.
    const ticks = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]);
    const btime = Number(/^btime (\d+)$/m.exec(fs.readFileSync('/proc/stat', 'utf8'))?.[1]);
    // USER_HZ is 100 on every Linux architecture Node runs on.
    return Number.isFinite(ticks) && Number.isFinite(btime) ? (btime + ticks / 100) * 1000 : undefined;
  } catch {
    return undefined;
  }
}

function readHolder(file: string): LockHolder | undefined {
  try {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as LockHolder;
    return typeof parsed.pid === 'number' && typeof parsed.nonce === 'string' ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** Replaces the file's content atomically: readers see the old holder or the new, never half. */
function writeAtomically(file: string, content: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, content);
  fs.renameSync(tmp, file);
}

/** The holder of `dataDir`'s lock when it is live, else undefined. */
export function lockHolder(dataDir: string): LockHolder | undefined {
  const h = readHolder(path.join(path.resolve(dataDir), LOCK_FILE));
  return h && holderIsLive(h) ? h : undefined;
}

/**
 * The running `kumppani serve` that holds `dataDir` on this machine, if any: its admin endpoint
 * is on this machine's loopback, so a holder on another host (a shared disk) does not count.
 */
export function localServer(dataDir: string): (LockHolder & { server: { adminUrl: string } }) | undefined {
  const h = lockHolder(dataDir);
  return h?.server && h.hostname === os.hostname()
    ? (h as LockHolder & { server: { adminUrl: string } })
    : undefined;
}

export interface DataDirLock {
  readonly file: string;
  readonly holder: LockHolder;
  /** Records that a server listens here, so that a second process can hand its work over. */
  setServer(server: LockHolder['server']): void;
  /** Removes the lock if it is still this one's. Safe to call twice. */
  release(): void;
}

/**
 * Takes `dataDir`'s lock or throws `DataDirLockedError` naming the live holder. A lock left by a
 * process that is gone is taken over.
 */
export function acquireLock(dataDir: string): DataDirLock {
  const dir = path.resolve(dataDir);
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, LOCK_FILE);
  const holder: LockHolder = {
    pid: process.pid,
    hostname: os.hostname(),
    bootId: bootId(),
    command: [
      path.basename(process.argv0),
      ...process.argv.slice(1).map((a) => path.relative(process.cwd(), a) || a),
    ]
      .join(' ')
      .slice(0, 300),
    since: new Date().toISOString(),
    nonce: randomUUID(),
  };
  for (let attempt = 0; ; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify(holder), { flag: 'wx' });
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const current = readHolder(file);
    if (current && holderIsLive(current)) throw new DataDirLockedError(dir, current, file);
    if (attempt >= 5) {
      throw new Error(
        `Could not take the lock ${file}: it keeps changing. Another Kumppani process is starting on ${dir}; stop it and try again.`,
      );
    }
    if (!current && Date.now() - statMs(file) < 2000) {
      // Just created and not yet written by its owner: give it a moment.
      sleepSync(100);
      continue;
    }
    takeOver(file, current);
  }
  heldHere.set(file, holder.nonce);
  let released = false;
  const release = (): void => {
    if (released) return;
    released = true;
    process.off('exit', release);
    if (heldHere.get(file) === holder.nonce) heldHere.delete(file);
    if (readHolder(file)?.nonce === holder.nonce) fs.rmSync(file, { force: true });
  };
  // A process that exits without closing the database (an uncaught error) still frees it.
  process.on('exit', release);
  return {
    file,
    holder,
    setServer(server) {
      holder.server = server;
      if (!released) writeAtomically(file, JSON.stringify(holder));
    },
    release,
  };
}

function statMs(file: string): number {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Removes a stale lock, unless someone else is doing the same: two processes that both found
 * the same stale lock must not end with one deleting the other's fresh one.
 */
function takeOver(file: string, stale: LockHolder | undefined): void {
  const guard = `${file}.takeover`;
  try {
    fs.writeFileSync(guard, String(process.pid), { flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    // A guard whose creator died mid-takeover would block everyone for ever.
    if (Date.now() - statMs(guard) > 10_000) fs.rmSync(guard, { force: true });
    else sleepSync(50);
    return;
  }
  try {
    if (readHolder(file)?.nonce === stale?.nonce) fs.rmSync(file, { force: true });
  } finally {
    fs.rmSync(guard, { force: true });
  }
}
