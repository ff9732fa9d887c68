/**
 * Scale-out throughput (issue 18): N `kumppani serve` replicas on one PostgreSQL server behind the
 * bench's round-robin proxy, for each N asked for, on an index ingested once. The same web chat
 * load as a single server gets (1 sender, then 50 in a closed loop), through the proxy, so a
 * sender's turns alternate between replicas and the conversation lives in the database. Besides
 * answers/s and latency: each replica's CPU per request it served and cores busy, the database
 * server's cores busy (from /proc, when it runs on this machine), and the bench's own (the senders
 * and the proxy share the same cores), since on a small machine that is where the answer lies.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { coldStart, cpuMsOf, load, peakRssMbOf, startServer, type LoadResult } from './http.ts';
import { machineCpuMs, runQueueWaitMs } from './machine.ts';
import { serverCpuMs } from './pg-cpu.ts';
import { startRoundRobinProxy } from './proxy.ts';
import type { BenchQuery } from './queries.ts';
import { startPlatformStub } from './stubs.ts';

export interface ReplicaBudget {
  /** Requests from a single sender. */
  singleRequests: number;
  /** Concurrent senders of the closed loop. */
  senders: number;
  /** Requests of the closed loop: enough rounds that start and end matter little. */
  loadRequests: number;
  /** Unmeasured requests per replica before measuring (each replica warms its own caches). */
  warmupRequests: number;
}

export interface ReplicaLoad extends LoadResult {
  /**
   * Per replica, in start order: requests the proxy sent it, its CPU per such request, cores busy,
   * and per request the time its threads were ready to run but waited for a core.
   */
  perReplica: Array<{
    requests: number;
    cpuMsPerRequest: number;
    cores: number;
    runQueueMsPerRequest: number;
  }>;
  /** The PostgreSQL server's cores busy and CPU per answer; NaN when its processes cannot be read. */
  db: { cores: number; cpuMsPerAnswer: number };
  /** The bench process (every sender and the proxy): cores busy. */
  benchCores: number;
  /** Every process on the machine (ours and the neighbours'): cores busy. */
  machineCores: number;
}

export interface ReplicaRun {
  replicas: number;
  /** Each replica's time from spawn to its first answer, ms. */
  firstAnswerMs: number[];
  peakRssMb: number[];
  /** `c1` and `c<senders>`. */
  loads: Record<string, ReplicaLoad>;
  /** The proxy over the whole run (warm-up included): 502s by cause, and requests sent again. */
  proxy: { failures: Record<string, number>; retried: number };
}

export interface ReplicasResult {
  channel: 'web';
  senders: number;
  budget: ReplicaBudget;
  /** How the database server's CPU was read: `postmaster pid N`, or why it was not. */
  dbCpuSource: string;
  runs: ReplicaRun[];
}

export interface ReplicasOptions {
  counts: number[];
  databaseUrl: string;
  /** The database server's postmaster on this machine (see pg-cpu.ts), if found. */
  postmaster?: number;
  questions: BenchQuery[];
  municipalities: string[];
  budget: ReplicaBudget;
  inherited: NodeJS.ProcessEnv;
  log: (line: string) => void;
}

const cores = (cpuMs: number, seconds: number) => cpuMs / (seconds * 1000);

export async function measureReplicas(opts: ReplicasOptions): Promise<ReplicasResult> {
  const { budget, log } = opts;
  const runs: ReplicaRun[] = [];
  for (const n of opts.counts) {
    const stub = await startPlatformStub();
    const dataDirs = Array.from({ length: n }, (_, i) =>
      mkdtempSync(join(tmpdir(), `kumppani-bench-replica-${i + 1}-`)),
    );
    // One signing key for every replica, as an operator sets it; each replica gets a data
    // directory of its own, so what they share is in the database.
    const env = { ...opts.inherited, KUMPPANI_HMAC_KEY: 'bench-replicas-key' };
    const servers = await Promise.all(
      dataDirs.map((dataDir) => startServer({ dataDir, databaseUrl: opts.databaseUrl }, stub, env)),
    );
    const proxy = await startRoundRobinProxy(servers.map((s) => s.base));
    try {
      const firstAnswerMs = (
        await Promise.all(servers.map((s) => coldStart(s, opts.questions[0]!.text)))
      ).map((c) => c.firstAnswerMs);
      let senderBase = 1;
      await load(
        'web',
        proxy.url,
        stub,
        opts.questions,
        4,
        Math.min(opts.questions.length, budget.warmupRequests) * n,
        senderBase,
      );
      senderBase += 4;
      const measure = async (senders: number, requests: number, offset: number): Promise<ReplicaLoad> => {
        const cpu0 = servers.map((s) => cpuMsOf(s.child.pid!));
        const wait0 = servers.map((s) => runQueueWaitMs(s.child.pid!));
        const fwd0 = [...proxy.forwarded];
        const db0 = opts.postmaster ? serverCpuMs(opts.postmaster) : NaN;
        const bench0 = process.cpuUsage();
        const machine0 = machineCpuMs();
        const r = await load(
          'web',
          proxy.url,
          stub,
          opts.questions,
          senders,
          requests,
          senderBase,
          offset,
          opts.municipalities,
        );
        const bench = process.cpuUsage(bench0);
        const machine = machineCpuMs() - machine0;
        const db = (opts.postmaster ? serverCpuMs(opts.postmaster) : NaN) - db0;
        senderBase += senders;
        return {
          ...r,
          perReplica: servers.map((s, i) => {
            const cpu = cpuMsOf(s.child.pid!) - cpu0[i]!;
            const served = proxy.forwarded[i]! - fwd0[i]!;
            const wait = runQueueWaitMs(s.child.pid!) - wait0[i]!;
            return {
              requests: served,
              cpuMsPerRequest: served ? cpu / served : NaN,
              cores: cores(cpu, r.seconds),
              runQueueMsPerRequest: served ? wait / served : NaN,
            };
          }),
          db: { cores: cores(db, r.seconds), cpuMsPerAnswer: r.ok ? db / r.ok : NaN },
          benchCores: cores((bench.user + bench.system) / 1000, r.seconds),
          machineCores: cores(machine, r.seconds),
        };
      };
      const single = await measure(1, budget.singleRequests, 0);
      const many = await measure(budget.senders, budget.loadRequests, 13);
      const run: ReplicaRun = {
        replicas: n,
        firstAnswerMs,
        peakRssMb: servers.map((s) => peakRssMbOf(s.child.pid!)),
        loads: { c1: single, [`c${budget.senders}`]: many },
        proxy: { failures: { ...proxy.failures }, retried: proxy.retried },
      };
      runs.push(run);
      const busy = many.perReplica.map((p) => p.cores.toFixed(2)).join(' + ');
      const waited = many.perReplica.map((p) => p.runQueueMsPerRequest.toFixed(0)).join(' / ');
      log(
        `    ${n} replica${n === 1 ? ' ' : 's'}: 1 sender p95 ${single.latency.p95.toFixed(0)} ms, ${single.answersPerS.toFixed(1)}/s; ` +
          `${budget.senders} senders p50 ${many.latency.p50.toFixed(0)} ms p95 ${many.latency.p95.toFixed(0)} ms, ${many.answersPerS.toFixed(1)}/s, errors ${single.errors + many.errors}; ` +
          `cores busy: replicas ${busy}, database ${many.db.cores.toFixed(2)}, bench ${many.benchCores.toFixed(2)}, whole machine ${many.machineCores.toFixed(2)}; replicas waited for a core ${waited} ms per request`,
      );
    } finally {
      await proxy.close();
      await Promise.all(servers.map((s) => s.stop()));
      await stub.close();
      for (const d of dataDirs) rmSync(d, { recursive: true, force: true });
    }
  }
  return {
    channel: 'web',
    senders: budget.senders,
    budget,
    dbCpuSource: opts.postmaster ? `postmaster pid ${opts.postmaster}` : 'not found on this machine',
    runs,
  };
}
