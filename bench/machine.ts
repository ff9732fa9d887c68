/**
 * What the figures were measured on: cores, memory, load (other work on the machine skews every
 * number), Node, and the database's own versions.
 */
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import type pg from 'pg';

export interface MachineInfo {
  cpus: number;
  cpuModel: string;
  memoryGb: number;
  platform: string;
  node: string;
  /** 1-minute load average when the run started and ended (2 cores: above 2 means waiting). */
  loadStart: number;
  loadEnd?: number;
  pglite: string;
  pglitePgvector: string;
  database?: { kind: 'pglite' | 'postgres'; server: string; pgvector: string };
}

const require = createRequire(import.meta.url);

/** A dependency's version from its package.json (found upwards from its entry point: not every package exports it). */
function packageVersion(name: string): string {
  try {
    let dir = dirname(require.resolve(name));
    for (let i = 0; i < 6; i++) {
      try {
        const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
          name?: string;
          version?: string;
        };
        if (pkg.name === name && pkg.version) return pkg.version;
      } catch {
        // not here: one folder up
      }
      dir = dirname(dir);
    }
  } catch {
    // not installed
  }
  return 'unknown';
}

export function machineInfo(): MachineInfo {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    memoryGb: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    loadStart: os.loadavg()[0]!,
    pglite: packageVersion('@electric-sql/pglite'),
    pglitePgvector: packageVersion('@electric-sql/pglite-pgvector'),
  };
}

export function currentLoad(): number {
  return os.loadavg()[0]!;
}

/** The database's server version and pgvector version, as it reports them. */
export async function databaseVersions(pool: pg.Pool): Promise<{ server: string; pgvector: string }> {
  const server = (
    await pool.query<{ v: string }>("SELECT current_setting('server_version') AS v").catch(() => null)
  )?.rows[0]?.v;
  const pgvector = (
    await pool
      .query<{ v: string }>("SELECT extversion AS v FROM pg_extension WHERE extname = 'vector'")
      .catch(() => null)
  )?.rows[0]?.v;
  return { server: server ?? 'unknown', pgvector: pgvector ?? 'unknown' };
}

/**
 * CPU milliseconds every process on the machine has used (all cores, /proc/stat: user, nice,
 * system, irq, softirq, steal); NaN elsewhere. Beside a measured process's own CPU it shows how
 * much of the machine other work took in the same seconds.
 */
export function machineCpuMs(): number {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
    const [user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number);
    return ((user! + nice! + system! + irq! + softirq! + steal!) * 1000) / 100;
  } catch {
    return NaN;
  }
}

/**
 * Milliseconds a process's threads have spent runnable but waiting for a core (the run queue,
 * /proc/PID/task/TID/schedstat's second field; Linux with schedstats), summed over its threads;
 * NaN where it cannot be read. On a machine with fewer cores than busy processes, this is the
 * part of an answer's latency that more replicas cannot remove.
 */
export function runQueueWaitMs(pid: number): number {
  try {
    let ns = 0;
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      const f = readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').trim().split(/\s+/);
      ns += Number(f[1]);
    }
    return ns / 1e6;
  } catch {
    return NaN;
  }
}
