/**
 * The benchmark's statistics: if these are wrong, every figure in bench/RESULTS.md is.
 */
import { describe, expect, it } from 'vitest';
import { fmt, percentile, rate, ratio, recallAtK, recallAtKWithTies, summarize } from '../../bench/stats.ts';
import { evaluateTargets } from '../../bench/targets.ts';
import { isErrorReply, type LoadResult } from '../../bench/http.ts';
import { dialogue } from '../../src/kernel/i18n/dialogue.ts';
import type { RetrievalResult } from '../../bench/retrieval.ts';

describe('percentile', () => {
  it('interpolates between closest ranks, whatever the input order', () => {
    const v = [10, 1, 4, 2, 3, 5, 6, 8, 7, 9];
    expect(percentile(v, 0)).toBe(1);
    expect(percentile(v, 100)).toBe(10);
    expect(percentile(v, 50)).toBe(5.5);
    expect(percentile(v, 95)).toBeCloseTo(9.55, 10);
    expect(percentile([1, 2, 3, 4, 5], 25)).toBe(2);
    expect(percentile([42], 99)).toBe(42);
  });

  it('does not reorder the caller’s array', () => {
    const v = [3, 1, 2];
    percentile(v, 50);
    expect(v).toEqual([3, 1, 2]);
  });

  it('is NaN for no values and refuses a percentile outside 0..100', () => {
    expect(percentile([], 50)).toBeNaN();
    expect(() => percentile([1], 101)).toThrow(RangeError);
  });
});

describe('summarize', () => {
  it('gives p50/p95/p99, mean, min and max', () => {
    const v = Array.from({ length: 100 }, (_, i) => i + 1); // 1..100
    const s = summarize(v);
    expect(s.n).toBe(100);
    expect(s.p50).toBeCloseTo(50.5, 10);
    expect(s.p95).toBeCloseTo(95.05, 10);
    expect(s.p99).toBeCloseTo(99.01, 10);
    expect(s.mean).toBeCloseTo(50.5, 10);
    expect(s.min).toBe(1);
    expect(s.max).toBe(100);
  });

  it('of nothing is all NaN with n = 0', () => {
    const s = summarize([]);
    expect(s.n).toBe(0);
    expect(s.p95).toBeNaN();
  });
});

describe('recallAtK', () => {
  it('is the share of the exact top k that the approximate top k found', () => {
    expect(recallAtK([1, 2, 3, 4], [1, 2, 3, 4], 4)).toBe(1);
    expect(recallAtK([1, 2, 9, 8], [1, 2, 3, 4], 4)).toBe(0.5);
    expect(recallAtK([4, 3, 2, 1], [1, 2, 3, 4], 4)).toBe(1); // order inside the top k does not matter
    expect(recallAtK([1, 2, 3, 4, 5], [1, 2, 3, 4, 5], 2)).toBe(1);
    expect(recallAtK([5, 6], [1, 2, 3], 2)).toBe(0);
  });

  it('counts only what exists when a filter leaves fewer than k, and an empty truth as found', () => {
    expect(recallAtK([1, 2, 7], [1, 2], 10)).toBe(1);
    expect(recallAtK([1], [1, 2], 10)).toBe(0.5);
    expect(recallAtK([], [], 10)).toBe(1);
  });
});

describe('recallAtKWithTies', () => {
  it('counts a neighbour as near as the exact k-th as found, and a farther one as missed', () => {
    // exact similarities 0.9, 0.8, 0.7; the index returned 0.9, 0.7 (a tie with the 3rd), 0.6
    expect(recallAtKWithTies([0.9, 0.7, 0.6], [0.9, 0.8, 0.7], 3)).toBeCloseTo(2 / 3, 10);
    expect(recallAtKWithTies([0.9, 0.8, 0.7], [0.9, 0.8, 0.7], 3)).toBe(1);
    expect(recallAtKWithTies([0.7, 0.7, 0.7], [0.9, 0.8, 0.7], 3)).toBe(1);
    expect(recallAtKWithTies([0.5], [0.9, 0.8], 10)).toBe(0);
    expect(recallAtKWithTies([], [], 10)).toBe(1);
  });
});

describe('rates and formatting', () => {
  it('computes per-second rates and ratios, with no division by zero', () => {
    expect(rate(500, 2000)).toBe(250);
    expect(rate(5, 0)).toBe(0);
    expect(ratio(30, 10)).toBe(3);
    expect(ratio(1, 0)).toBeNaN();
    expect(fmt(NaN)).toBe('–');
    expect(fmt(1234.5)).toBe('1235');
    expect(fmt(12.34)).toBe('12.3');
    expect(fmt(0.1234, 3)).toBe('0.123');
  });
});

describe('targets', () => {
  const lat = (p95: number) => ({ n: 10, p50: p95 / 2, p95, p99: p95, mean: p95 / 2, min: 1, max: p95 });
  const retrieval = (hybrid: number, hnsw: number, recall: number) =>
    ({
      latency: { hybrid: lat(hybrid), hnsw: lat(hnsw) },
      recallAt10: {
        filtered: recall,
        unfiltered: 1,
        planned: 1,
        queries: 10,
        hnswUsedFiltered: true,
        hnswUsedUnfiltered: true,
      },
    }) as unknown as RetrievalResult;
  const load = (p95: number, errors = 0): LoadResult => ({
    senders: 50,
    requests: 100,
    ok: 100 - errors,
    errors,
    errorKinds: errors ? ({ timeout: errors } as Record<string, number>) : {},
    seconds: 1,
    answersPerS: 100,
    latency: lat(p95),
  });

  it('says by how much a missed target is missed', () => {
    const checks = evaluateTargets(
      {
        retrieval: retrieval(40, 10, 0.9),
        http: {
          coldStart: { firstAnswerMs: 1, listeningMs: 1 },
          serverPeakRssMb: 1,
          stubCalls: {},
          channels: { web: { c1: load(20), c50: load(300) } },
        },
      },
      50,
    );
    expect(checks.map((c) => c.met)).toEqual([false, false, false]);
    expect(checks[0]!.value).toBe(4);
    expect(checks[0]!.detail).toContain('1.60× over the limit');
    expect(checks[1]!.detail).toContain('0.050 short');
    expect(checks[2]!.detail).toContain('150 ms over');
  });

  it('meets targets within the limits, and an HTTP error alone fails the HTTP target', () => {
    const ok = evaluateTargets(
      {
        retrieval: retrieval(24, 10, 0.96),
        http: {
          coldStart: { firstAnswerMs: 1, listeningMs: 1 },
          serverPeakRssMb: 1,
          stubCalls: {},
          channels: { web: { c1: load(20), c50: load(149) } },
        },
      },
      50,
    );
    expect(ok.map((c) => c.met)).toEqual([true, true, true]);
    const withError = evaluateTargets(
      {
        retrieval: retrieval(24, 10, 0.96),
        http: {
          coldStart: { firstAnswerMs: 1, listeningMs: 1 },
          serverPeakRssMb: 1,
          stubCalls: {},
          channels: { web: { c1: load(20, 1), c50: load(100) } },
        },
      },
      50,
    );
    expect(withError[2]!.met).toBe(false);
  });

  it('checks questions without a municipality only where there is no BM25 index (pg_textsearch)', () => {
    const open = (p95: number, bm25: boolean) =>
      evaluateTargets(
        { retrieval: { ...retrieval(24, 10, 0.96), withoutMunicipality: { hybrid: lat(p95), hnsw: lat(5), bm25 } } },
        50,
      );
    const slow = open(80, false).at(-1)!;
    expect(slow.name).toContain('without a municipality');
    expect(slow.met).toBe(false);
    expect(slow.detail).toContain('20.0 ms over');
    expect(open(59, false).at(-1)!.met).toBe(true);
    expect(open(80, true).some((c) => c.name.includes('without a municipality'))).toBe(false);
  });
});

describe('isErrorReply', () => {
  it('recognises the server’s failure notice in any language, not an ordinary answer', () => {
    expect(isErrorReply(`Sources\n${dialogue.sv!['dialogue.error']}`)).toBe(true);
    expect(isErrorReply('Toiminta-avustus haetaan 1.2.–31.3. [1]')).toBe(false);
  });
});
