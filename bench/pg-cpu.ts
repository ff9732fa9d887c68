/**
 * CPU time of a PostgreSQL server on this machine, read from /proc: the postmaster and every
 * process it started (one backend per connection, the background workers), plus what its exited
 * children used (the kernel adds that to the parent's cutime/cstime when it reaps them). On 2
 * cores the database competes with the replicas for the same CPU, and this says how much it took.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** USER_HZ: 100 on every mainstream Linux. */
const CLOCK_TICKS = 100;

interface ProcStat {
  comm: string;
  ppid: number;
  /** utime + stime, and cutime + cstime (reaped children), in ticks. */
  own: number;
  children: number;
}

function procStat(pid: number): ProcStat | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const close = stat.lastIndexOf(')');
    const comm = stat.slice(stat.indexOf('(') + 1, close);
    // Fields after the command name (which may hold spaces) start after the last ')'.
    const f = stat.slice(close + 2).split(' ');
    return {
      comm,
      ppid: Number(f[1]),
      own: Number(f[11]) + Number(f[12]),
      children: Number(f[13]) + Number(f[14]),
    };
  } catch {
    return undefined;
  }
}

const pids = () =>
  readdirSync('/proc')
    .filter((n) => /^\d+$/.test(n))
    .map(Number);

/**
 * The postmaster's pid: from `postmaster.pid` in its data directory when this process may read it,
 * else the one `postgres` process not started by another whose command line names that directory
 * or the port. Undefined when the server is not on this machine or /proc is not there.
 */
export function findPostmaster(where: { dataDirectory?: string; port?: number }): number | undefined {
  if (where.dataDirectory) {
    try {
      const pid = Number(readFileSync(join(where.dataDirectory, 'postmaster.pid'), 'utf8').split('\n')[0]);
      if (pid > 0 && procStat(pid)?.comm === 'postgres') return pid;
    } catch {
      // another user's directory: look through /proc instead
    }
  }
  try {
    for (const pid of pids()) {
      const st = procStat(pid);
      if (st?.comm !== 'postgres' || procStat(st.ppid)?.comm === 'postgres') continue;
      const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      const names =
        (where.dataDirectory !== undefined && args.some((a) => a === where.dataDirectory)) ||
        (where.port !== undefined &&
          args.some(
            (a, i) => (a === '-p' && args[i + 1] === String(where.port)) || a === `port=${where.port}`,
          ));
      if (names) return pid;
    }
  } catch {
    // no /proc
  }
  return undefined;
}

/** CPU milliseconds the server rooted at `postmaster` has used so far; NaN when it cannot be read. */
export function serverCpuMs(postmaster: number): number {
  const root = procStat(postmaster);
  if (!root) return NaN;
  let ticks = root.own + root.children;
  for (const pid of pids()) {
    const st = procStat(pid);
    if (st && st.ppid === postmaster) ticks += st.own + st.children;
  }
  return (ticks * 1000) / CLOCK_TICKS;
}
