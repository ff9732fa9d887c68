/**
 * The replica bench's target and its RESULTS.md section: two replicas short of 1.7× one (or with
 * errors) read as missed, by how much, and the single-server rows stay as they were.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  BENCH_DIR,
  readScaleRecords,
  renderResultsMarkdown,
  type ReplicaRecord,
} from '../../bench/report.ts';
import type { ReplicaLoad, ReplicaRun, ReplicasResult } from '../../bench/replicas.ts';
import { evaluateReplicaTarget } from '../../bench/targets.ts';

function loadOf(senders: number, answersPerS: number, perReplica: number, errors = 0): ReplicaLoad {
  return {
    senders,
    requests: 400,
    ok: 400 - errors,
    errors,
    errorKinds: errors ? { 'http 502': errors } : {},
    seconds: 400 / answersPerS,
    answersPerS,
    latency: { n: 400, p50: 700, p95: 1300, p99: 1500, mean: 750, min: 20, max: 1600 },
    perReplica: Array.from({ length: perReplica }, () => ({
      requests: 200,
      cpuMsPerRequest: 8,
      cores: 0.6,
      runQueueMsPerRequest: 31,
    })),
    db: { cores: 0.5, cpuMsPerAnswer: 7.5 },
    benchCores: 0.2,
    machineCores: 1.95,
  };
}

const run = (replicas: number, c50: number, errors = 0): ReplicaRun => ({
  replicas,
  firstAnswerMs: Array.from({ length: replicas }, () => 3000),
  peakRssMb: Array.from({ length: replicas }, () => 300),
  loads: { c1: loadOf(1, 30, replicas), c50: loadOf(50, c50, replicas, errors) },
  proxy: { failures: errors ? { ECONNRESET: errors } : {}, retried: 0 },
});

const result = (runs: ReplicaRun[]): ReplicasResult => ({
  channel: 'web',
  senders: 50,
  budget: { singleRequests: 20, senders: 50, loadRequests: 400, warmupRequests: 150 },
  dbCpuSource: 'postmaster pid 4242',
  runs,
});

describe('two-replica target', () => {
  it('is missed below 1.7× and says by how much and what 2 replicas would need', () => {
    const t = evaluateReplicaTarget(result([run(1, 60), run(2, 72)]));
    expect(t.met).toBe(false);
    expect(t.value).toBeCloseTo(1.2);
    expect(t.detail).toContain('72.0/s with 2 against 60.0/s with 1 = 1.20×');
    expect(t.detail).toContain('0.50× short, would need 102.0/s with 2');
  });

  it('is met at 1.7× or more without errors, and missed with errors', () => {
    expect(evaluateReplicaTarget(result([run(1, 50), run(2, 90)])).met).toBe(true);
    const withErrors = evaluateReplicaTarget(result([run(1, 50), run(2, 90, 3)]));
    expect(withErrors.met).toBe(false);
    expect(withErrors.detail).toContain('3 errors');
  });

  it('is not measured without both 1 and 2 replicas', () => {
    const t = evaluateReplicaTarget(result([run(2, 90)]));
    expect(t.met).toBe(false);
    expect(t.detail).toContain('--replicas 1,2');
  });
});

describe('RESULTS.md replica section', () => {
  const records = readScaleRecords(join(BENCH_DIR, 'results'));
  const plain = renderResultsMarkdown(records);
  const replicas = result([run(1, 60), run(2, 72, 2)]);
  const base = records.find((r) => r.machine.database?.kind === 'postgres') ?? records[0]!;
  const record: ReplicaRecord = {
    version: 1,
    mode: 'quick',
    seed: 1,
    startedAt: '2026-12-01T20:00:00.000Z',
    machine: base.machine,
    budgets: base.budgets,
    scale: {
      ...base.scale,
      targetChunks: 1000,
      retrieval: undefined,
      dialogue: undefined,
      http: undefined,
      replicas,
      targets: [evaluateReplicaTarget(replicas)],
    },
  };
  const md = renderResultsMarkdown(records, [record]);
  const section = md.slice(md.indexOf('## Replicas on one PostgreSQL server'));

  it('adds the section after the single-server report, which stays as it was', () => {
    expect(md.startsWith(plain.trimEnd())).toBe(true);
    expect(section).toContain('### 1 000 chunks — quick run, 2026-12-01 20:00 UTC');
  });

  it('has a row per replica count and sender count, with each replica and the database', () => {
    const rows = section.split('\n').filter((l) => /^\| [12] \| (1|50) \|/.test(l));
    expect(rows).toHaveLength(4);
    const two50 = rows.find((l) => l.startsWith('| 2 | 50 |'))!;
    expect(two50).toContain('| 72.0 |');
    expect(two50).toContain('**2** (http 502: 2)');
    expect(two50).toContain('| 0.60 + 0.60 |');
    expect(two50).toContain('| 31.0 / 31.0 |');
    // 1.95 on the machine less 2 × 0.6 + 0.5 + 0.2 of ours: what the neighbours took.
    expect(two50.trim().endsWith('| 0.05 |')).toBe(true);
    expect(section).toContain('postmaster pid 4242');
    expect(section).toContain('2 unreachable (ECONNRESET)');
  });

  it('gives every row of its tables as many cells as the header', () => {
    const width = (l: string) => l.split('|').length;
    let header: string | undefined;
    for (const line of section.split('\n')) {
      if (!line.startsWith('|')) header = undefined;
      else if (!header) header = line;
      else expect([line, width(line)]).toEqual([line, width(header)]);
    }
  });

  it('renders the missed target', () => {
    const line = section.split('\n').find((l) => l.startsWith('| 2 replicas ≥ 1.7×'))!;
    expect(line).toContain('| **missed** |');
    expect(line).toContain('1.20×, 2 errors');
  });
});
