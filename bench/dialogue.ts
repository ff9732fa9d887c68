/**
 * A dialogue turn in-process (what every channel's request does once it is past HTTP and the
 * adapter): `assistant.handle(turn)` with session, search, extractive answer and query log, one at
 * a time, with the SQL statements it sends and the time spent waiting for them. Telling SQL time
 * from the rest shows whether the database or the JavaScript around it bounds an answer.
 */
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { Services } from '../src/app.ts';
import type { BenchQuery } from './queries.ts';
import type { RetrievalBudget } from './retrieval.ts';
import { mean, summarize, type LatencySummary } from './stats.ts';

export interface DialogueResult {
  latency: LatencySummary;
  /** Mean SQL statements per turn. */
  sqlPerTurn: number;
  /** Mean milliseconds per turn spent waiting for SQL. */
  sqlMsPerTurn: number;
  /** Mean milliseconds per turn spent elsewhere (analysis, re-scoring, answer composition). */
  otherMsPerTurn: number;
  /** The slowest statements by total time over the run (first 80 characters of each). */
  topStatements: Array<{ sql: string; calls: number; totalMs: number; meanMs: number }>;
}

interface Counter {
  calls: number;
  ms: number;
  bySql: Map<string, { calls: number; ms: number }>;
}

/**
 * Counts and times every `pool.query` of this pool instance while `fn` runs (the instance's own
 * method is shadowed, then restored; the store code is unchanged).
 */
export async function withSqlCounter<T>(pool: pg.Pool, counter: Counter, fn: () => Promise<T>): Promise<T> {
  const original = pool.query;
  const wrapped = async function (this: pg.Pool, ...args: unknown[]) {
    const t0 = performance.now();
    try {
      return await (original as (...a: unknown[]) => Promise<unknown>).apply(this, args);
    } finally {
      const ms = performance.now() - t0;
      counter.calls++;
      counter.ms += ms;
      const text = typeof args[0] === 'string' ? args[0] : ((args[0] as { text?: string })?.text ?? '?');
      const key = text.replace(/\s+/g, ' ').trim().slice(0, 80);
      const e = counter.bySql.get(key) ?? { calls: 0, ms: 0 };
      e.calls++;
      e.ms += ms;
      counter.bySql.set(key, e);
    }
  };
  (pool as unknown as { query: unknown }).query = wrapped;
  try {
    return await fn();
  } finally {
    delete (pool as unknown as { query?: unknown }).query;
    if (pool.query !== original) (pool as unknown as { query: unknown }).query = original;
  }
}

export function newCounter(): Counter {
  return { calls: 0, ms: 0, bySql: new Map() };
}

export async function measureDialogue(
  services: Services,
  queries: BenchQuery[],
  budget: RetrievalBudget,
  municipalities: string[] = [],
): Promise<DialogueResult> {
  const pool = services.db.pool;
  const times: number[] = [];
  const sqlCalls: number[] = [];
  const sqlMs: number[] = [];
  const all = newCounter();
  const until = performance.now() + budget.secondsPerMethod * 1000;
  let conversation = randomUUID();
  for (let i = 0; i < budget.maxQueries; i++) {
    if (i >= budget.minQueries && performance.now() > until) break;
    // A conversation of five questions, as a user asks follow-ups, then a new user; every other
    // user has chosen a municipality first (not timed), as over HTTP.
    if (i % 5 === 0) {
      conversation = randomUUID();
      if ((i / 5) % 2 === 0 && municipalities.length) {
        const text = `/kunta ${municipalities[(i * 31) % municipalities.length]}`;
        await services.assistant.handle({
          channel: 'web',
          conversationId: conversation,
          userId: conversation,
          text,
          audience: 'public',
        });
      }
    }
    const q = queries[i % queries.length]!;
    const c = newCounter();
    const t0 = performance.now();
    await withSqlCounter(pool, c, () =>
      services.assistant.handle({
        channel: 'web',
        conversationId: conversation,
        userId: conversation,
        text: q.text,
        audience: 'public',
      }),
    );
    times.push(performance.now() - t0);
    sqlCalls.push(c.calls);
    sqlMs.push(c.ms);
    all.calls += c.calls;
    all.ms += c.ms;
    for (const [k, v] of c.bySql) {
      const e = all.bySql.get(k) ?? { calls: 0, ms: 0 };
      e.calls += v.calls;
      e.ms += v.ms;
      all.bySql.set(k, e);
    }
  }
  const latency = summarize(times);
  const top = [...all.bySql.entries()]
    .sort((a, b) => b[1].ms - a[1].ms)
    .slice(0, 8)
    .map(([sql, v]) => ({ sql, calls: v.calls, totalMs: v.ms, meanMs: v.ms / v.calls }));
  return {
    latency,
    sqlPerTurn: mean(sqlCalls),
    sqlMsPerTurn: mean(sqlMs),
    otherMsPerTurn: latency.mean - mean(sqlMs),
    topStatements: top,
  };
}
