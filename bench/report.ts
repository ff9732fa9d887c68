/**
 * Results on disk: the run as JSON (`bench/results/latest.json` or `--out`), one JSON file per
 * database, mode and scale (`bench/results/pglite-full-100000.json`), and `bench/RESULTS.md`
 * rebuilt from those per-scale files, so a quick run never erases the record of a 100k run.
 * A `--replicas` run keeps its own files (`postgres-replicas-full-10000.json`) and section.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fromRoot } from '../src/kernel/paths.ts';
import type { MachineInfo } from './machine.ts';
import type { BenchResults, ScaleResult } from './run.ts';
import type { RetrievalResult } from './retrieval.ts';
import type { DialogueResult } from './dialogue.ts';
import type { ReplicaLoad, ReplicasResult } from './replicas.ts';

/** A scale measured in full (not `--ingest-only`): only these have a row and a section here. */
export type MeasuredScale = ScaleResult & { retrieval: RetrievalResult; dialogue: DialogueResult };

const measured = (s: ScaleResult): s is MeasuredScale => !!s.retrieval && !!s.dialogue;
import { fmt, type LatencySummary } from './stats.ts';

/** The sources' bench/ folder (results live beside them), also when run from dist/. */
export const BENCH_DIR = fromRoot('bench');

/** One scale of one run, with what it ran on. */
export interface ScaleRecord {
  version: 1;
  mode: 'quick' | 'full';
  seed: number;
  startedAt: string;
  machine: MachineInfo;
  budgets: BenchResults['budgets'];
  scale: MeasuredScale;
}

export function scaleFileName(db: string, mode: string, chunks: number): string {
  return `${db}-${mode}-${chunks}.json`;
}

/** Writes the run to `out`, and with `resultsDir` one record per scale there too. */
export function writeResults(results: BenchResults, out: string, resultsDir?: string): string[] {
  const written: string[] = [];
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  written.push(out);
  if (!resultsDir) return written;
  mkdirSync(resultsDir, { recursive: true });
  const db = results.machine.database?.kind ?? 'pglite';
  for (const scale of results.scales.filter(measured)) {
    const record: ScaleRecord = {
      version: 1,
      mode: results.mode,
      seed: results.seed,
      startedAt: results.startedAt,
      machine: results.machine,
      budgets: results.budgets,
      scale,
    };
    const file = join(resultsDir, scaleFileName(db, results.mode, scale.targetChunks));
    writeFileSync(file, `${JSON.stringify(record, null, 2)}\n`);
    written.push(file);
  }
  return written;
}

/** One scale of a `--replicas` run: no retrieval figures, its own file and section. */
export interface ReplicaRecord extends Omit<ScaleRecord, 'scale'> {
  scale: ScaleResult & { replicas: ReplicasResult };
}

export function replicaFileName(mode: string, chunks: number): string {
  return `postgres-replicas-${mode}-${chunks}.json`;
}

/** Writes a `--replicas` run's scales to `resultsDir`, one record each. */
export function writeReplicaRecords(results: BenchResults, resultsDir: string): string[] {
  mkdirSync(resultsDir, { recursive: true });
  const written: string[] = [];
  for (const scale of results.scales) {
    if (!scale.replicas) continue;
    const record: ReplicaRecord = {
      version: 1,
      mode: results.mode,
      seed: results.seed,
      startedAt: results.startedAt,
      machine: results.machine,
      budgets: results.budgets,
      scale: { ...scale, replicas: scale.replicas },
    };
    const file = join(resultsDir, replicaFileName(results.mode, scale.targetChunks));
    writeFileSync(file, `${JSON.stringify(record, null, 2)}\n`);
    written.push(file);
  }
  return written;
}

/** The JSON records in `resultsDir` whose names match `name`, in name order, that `keep` accepts. */
function readRecords<T>(resultsDir: string, name: RegExp, keep: (record: T) => boolean): T[] {
  let names: string[];
  try {
    names = readdirSync(resultsDir);
  } catch {
    return [];
  }
  const out: T[] = [];
  for (const n of names.filter((x) => name.test(x)).sort()) {
    try {
      const record = JSON.parse(readFileSync(join(resultsDir, n), 'utf8')) as T;
      if (keep(record)) out.push(record);
    } catch {
      // a half-written or foreign file is skipped, not fatal
    }
  }
  return out;
}

export function readReplicaRecords(resultsDir: string): ReplicaRecord[] {
  return readRecords<ReplicaRecord>(
    resultsDir,
    /^postgres-replicas-(quick|full)-\d+\.json$/,
    (r) => !!r.scale?.replicas,
  );
}

export function readScaleRecords(resultsDir: string): ScaleRecord[] {
  return readRecords<ScaleRecord>(resultsDir, /^(pglite|postgres)-(quick|full)-\d+\.json$/, (r) =>
    measured(r.scale),
  );
}

const ms = (v: number) => fmt(v, v >= 100 ? 0 : 1);
const row = (cells: Array<string | number>) => `| ${cells.join(' | ')} |`;
const latencyRow = (name: string, l: LatencySummary | undefined) =>
  l ? row([name, ms(l.p50), ms(l.p95), ms(l.p99), ms(l.mean), l.n]) : row([name, '–', '–', '–', '–', 0]);
const thousands = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');

function machineLine(m: MachineInfo, r: { scale: Pick<ScaleResult, 'load'> }): string {
  const db = m.database
    ? `${m.database.kind === 'pglite' ? `PGlite ${m.pglite} (PostgreSQL ${m.database.server}, pgvector ${m.database.pgvector})` : `PostgreSQL ${m.database.server} (pgvector ${m.database.pgvector})`}`
    : `PGlite ${m.pglite}`;
  return (
    `${m.cpus} × ${m.cpuModel}, ${m.memoryGb} GB, ${m.platform}, Node ${m.node}; ${db}. ` +
    `Load average ${fmt(r.scale.load.start, 1)} at the start and ${fmt(r.scale.load.end, 1)} at the end of this scale ` +
    `(${m.cpus} cores: above ${m.cpus} means other work competed for the CPU).`
  );
}

function scaleSection(r: ScaleRecord): string {
  const s = r.scale;
  const ret = s.retrieval;
  const L = ret.latency;
  const lines: string[] = [];
  const dbName =
    r.machine.database?.kind === 'postgres' ? 'PostgreSQL server (DATABASE_URL)' : 'embedded PGlite';
  lines.push(
    `### ${thousands(s.targetChunks)} chunks — ${dbName}, ${r.mode} run, ${r.startedAt.slice(0, 16).replace('T', ' ')} UTC`,
  );
  lines.push('');
  lines.push(machineLine(r.machine, r));
  lines.push('');
  lines.push(
    `Corpus: ${thousands(s.corpus.documents)} generated documents, ${thousands(s.corpus.chunks)} chunks ` +
      `(${thousands(s.corpus.activeChunks)} in the newest versions, the rest replaced by them), ${s.corpus.municipalities} municipalities, seed ${r.seed}.`,
  );
  lines.push('');
  lines.push('| Ingestion and index | |');
  lines.push('|---|---|');
  lines.push(row(['documents/s', fmt(s.ingest.documentsPerS, 1)]));
  lines.push(row(['chunks/s', fmt(s.ingest.chunksPerS, 0)]));
  lines.push(
    row([
      'ingestion time',
      `${fmt(s.ingest.seconds, 1)} s (${thousands(s.ingest.documents)} documents, ${thousands(s.ingest.chunks)} chunks, ${s.ingest.failed} failed)`,
    ]),
  );
  lines.push(
    row([
      'HNSW index build (drop and create)',
      `${fmt(s.index.hnswBuildS, 1)} s (${thousands(s.index.storedChunks)} vectors × ${s.index.dimensions} dims, m ${s.index.m ?? 16}, ef_construction ${s.index.efConstruction ?? 64})`,
    ]),
  );
  lines.push(row(['first search after start (term statistics load)', `${ms(ret.firstSearchMs)} ms`]));
  lines.push(
    row(['peak RSS, benchmark process (holds the embedded database)', `${fmt(s.benchPeakRssMb, 0)} MB`]),
  );
  if (s.http) lines.push(row(['peak RSS, `kumppani serve`', `${fmt(s.http.serverPeakRssMb, 0)} MB`]));
  if (s.http)
    lines.push(
      row([
        'cold start to first answer (`kumppani serve`, pre-built index)',
        `${fmt(s.http.coldStart.firstAnswerMs / 1000, 1)} s (listening after ${fmt(s.http.coldStart.listeningMs / 1000, 1)} s)`,
      ]),
    );
  lines.push('');
  lines.push(
    `Retrieval latency, ms (${ret.queries} distinct queries: the eval set on generated municipalities plus generated questions; one query at a time):`,
  );
  lines.push('');
  lines.push('| Method | p50 | p95 | p99 | mean | n |');
  lines.push('|---|---|---|---|---|---|');
  lines.push(
    latencyRow(
      '**hybrid** (HybridSearcher.search: analyse, embed, candidates and chunks in SQL (one statement embedded, three at once on a server), re-score)',
      L.hybrid,
    ),
  );
  lines.push(latencyRow('extractive answer in-process (search + sentence choice + citations)', L.answer));
  if (L.hnswIndex)
    lines.push(
      latencyRow(
        'vector only: bare HNSW index query (SQL, 40 candidates, planner steered onto the index)',
        L.hnswIndex,
      ),
    );
  lines.push(
    latencyRow('vector only: the same query as the planner runs it (may scan instead of HNSW)', L.hnsw),
  );
  lines.push(latencyRow('vector only: exact scan (SQL, no index)', L.exact));
  lines.push(latencyRow('full text only: analysed terms (SQL)', L.terms));
  lines.push(latencyRow('full text only: language stemmer (SQL)', L.fulltext));
  lines.push(latencyRow('query embedding (offline embedder)', L.embed));
  lines.push('');
  const open = ret.withoutMunicipality;
  if (open) {
    lines.push(
      `Questions without a municipality alone (${open.hybrid.n} of the hybrid's; ${open.bm25 ? 'BM25 indexes, pg_textsearch' : 'no pg_textsearch: GIN queries over the rarer terms'}): ` +
        `hybrid p50 ${ms(open.hybrid.p50)} ms, p95 **${ms(open.hybrid.p95)}** ms; their vector query p95 ${ms(open.hnsw.p95)} ms.`,
    );
    lines.push('');
  }
  const stages = Object.entries(ret.hybridStages);
  const total = stages.reduce((a, [, v]) => a + v, 0);
  lines.push(
    `Where a hybrid search's time goes (mean ms): ${stages.map(([k, v]) => `${k} ${ms(v)} (${fmt((100 * v) / (total || 1), 0)} %)`).join(', ')}.`,
  );
  lines.push('');
  const rc = ret.recallAt10;
  lines.push(
    `HNSW recall@10 against the exact scan (${rc.queries} queries): **${fmt(rc.filtered, 3)}** through the index with the users' filters ` +
      `(municipality + region-wide, public; ${fmt(rc.filteredWithTies, 3)} when a result exactly as near as the exact 10th counts as found), ` +
      `${fmt(rc.unfiltered, 3)} without filters (${fmt(rc.unfilteredWithTies, 3)}); the vector query as the planner runs it: ${fmt(rc.planned, 3)}` +
      `${rc.hnswUsedFiltered ? ' (HNSW index used)' : ' (the planner chose a filtered scan over HNSW here)'}. ` +
      `Generated questions whose expected fact is in the extractive answer: ${fmt(ret.answerAccuracy.accuracy, 2)} (${ret.answerAccuracy.n}).`,
  );
  lines.push('');
  const d = s.dialogue;
  if (d) {
    lines.push(
      `A dialogue turn in-process (\`assistant.handle\`: session, search, extractive answer, query log; one at a time): ` +
        `p50 ${ms(d.latency.p50)} ms, p95 ${ms(d.latency.p95)} ms; per turn ${fmt(d.sqlPerTurn, 1)} SQL statements taking ${ms(d.sqlMsPerTurn)} ms, ` +
        `and ${ms(d.otherMsPerTurn)} ms of JavaScript (analysis, re-scoring, answer composition). Statements by total time:`,
    );
    lines.push('');
    lines.push('| Statement (start) | calls | mean ms | total ms |');
    lines.push('|---|---|---|---|');
    for (const t of d.topStatements)
      lines.push(row([`\`${t.sql.replace(/\|/g, '\\|')}\``, t.calls, ms(t.meanMs), ms(t.totalMs)]));
    lines.push('');
  }
  if (s.http) {
    lines.push(
      'Answers over HTTP to `kumppani serve` on 127.0.0.1 (time until the answer reaches the platform API stub; web: the HTTP response):',
    );
    lines.push('');
    lines.push(
      '| Channel | senders | requests | answers/s | p50 ms | p95 ms | p99 ms | errors | server CPU ms/answer | server cores busy |',
    );
    lines.push('|---|---|---|---|---|---|---|---|---|---|');
    for (const [channel, runs] of Object.entries(s.http.channels)) {
      for (const l of Object.values(runs ?? {})) {
        const kinds = Object.entries(l.errorKinds)
          .map(([k, n]) => `${k}: ${n}`)
          .join(', ');
        lines.push(
          row([
            channel,
            l.thinkMs ? `${l.senders}, pausing ~${fmt(l.thinkMs / 1000, 0)} s` : l.senders,
            l.requests,
            fmt(l.answersPerS, 1),
            ms(l.latency.p50),
            ms(l.latency.p95),
            ms(l.latency.p99),
            l.errors ? `**${l.errors}** (${kinds})` : '0',
            l.serverCpuMsPerAnswer === undefined ? '–' : ms(l.serverCpuMsPerAnswer),
            l.serverCores === undefined ? '–' : fmt(l.serverCores, 2),
          ]),
        );
      }
    }
    lines.push('');
  } else if (s.httpError) {
    lines.push(`HTTP measurements failed: ${s.httpError}`);
    lines.push('');
  }
  lines.push('| Target | | Measured |');
  lines.push('|---|---|---|');
  for (const t of s.targets) lines.push(row([t.name, t.met ? 'met' : '**missed**', t.detail]));
  lines.push('');
  lines.push("<details><summary>EXPLAIN ANALYZE of the hybrid search's SQL</summary>");
  lines.push('');
  lines.push(`Query: ${ret.explain.query ?? ''}`);
  // Older results explained three statements; newer ones the one statement, with and without a
  // municipality.
  const parts = ret.explain['one statement']
    ? ['one statement', 'query without a municipality', 'one statement, no municipality']
    : ['vector', 'terms', 'fulltext'];
  for (const k of parts) {
    if (ret.explain[k] === undefined) continue;
    lines.push('');
    if (k === 'query without a municipality') {
      lines.push(`Query: ${ret.explain[k]}  [municipality: none]`);
      continue;
    }
    lines.push(`${k}:`);
    lines.push('```');
    lines.push(ret.explain[k] ?? '');
    lines.push('```');
  }
  lines.push('</details>');
  lines.push('');
  return lines.join('\n');
}

/** The summary table's columns; every row has exactly these cells. */
export const SUMMARY_HEADER = [
  'Database',
  'chunks',
  'run',
  'ingest chunks/s',
  'HNSW build s',
  'hybrid p95 ms',
  'vector p95 ms (as planned)',
  'HNSW p95 ms (index forced)',
  'exact p95 ms',
  'recall@10',
  'HTTP p95 ms at 50 (worst channel)',
  'answers/s at 50 (web)',
  'errors',
  'cold start s',
];

/** Per key, a full run if any, else a quick one; the newest of those. */
function bestBy<R extends { mode: string; startedAt: string }>(records: R[], key: (r: R) => string): R[] {
  const best = new Map<string, R>();
  const rank = (x: R) => (x.mode === 'full' ? 1 : 0);
  for (const r of records) {
    const cur = best.get(key(r));
    if (!cur || rank(r) > rank(cur) || (rank(r) === rank(cur) && r.startedAt > cur.startedAt))
      best.set(key(r), r);
  }
  return [...best.values()];
}

/**
 * The Markdown report from every per-scale record: for each database and scale, a full run if
 * any, else a quick one; then the replica runs, one per scale chosen the same way.
 */
export function renderResultsMarkdown(records: ScaleRecord[], replicaRecords: ReplicaRecord[] = []): string {
  const best = bestBy(records, (r) => `${r.machine.database?.kind ?? 'pglite'}:${r.scale.targetChunks}`);
  const ordered = best.sort(
    (a, b) =>
      (a.machine.database?.kind ?? '').localeCompare(b.machine.database?.kind ?? '') ||
      a.scale.targetChunks - b.scale.targetChunks,
  );
  const out: string[] = [];
  out.push('# Benchmark results');
  out.push('');
  out.push(
    'Written by `npm run bench` (see [README.md](README.md) for how to reproduce). Timings are of one',
  );
  out.push(
    'machine at one moment: read them side by side (hybrid against its own baselines in the same run),',
  );
  out.push(
    'not as absolutes. The load average is noted, because other work on the machine slows every figure.',
  );
  out.push('');
  out.push(
    'Why the missed targets are missed, and what would close them: [README.md](README.md#what-the-figures-say).',
  );
  out.push('');
  out.push('## Summary');
  out.push('');
  out.push(`| ${SUMMARY_HEADER.join(' | ')} |`);
  out.push(`|${SUMMARY_HEADER.map(() => '---|').join('')}`);
  for (const r of ordered) {
    const s = r.scale;
    const L = s.retrieval.latency;
    const httpTarget = s.targets.find((t) => t.name.startsWith('HTTP'));
    const web = s.http?.channels.web?.[`c${r.budgets.http.senders}`];
    const errors = s.http
      ? Object.values(s.http.channels).reduce(
          (n, runs) => n + Object.values(runs ?? {}).reduce((m, l) => m + l.errors, 0),
          0,
        )
      : NaN;
    out.push(
      row([
        r.machine.database?.kind ?? 'pglite',
        thousands(s.targetChunks),
        r.mode,
        fmt(s.ingest.chunksPerS, 0),
        fmt(s.index.hnswBuildS, 1),
        ms(L.hybrid.p95),
        ms(L.hnsw.p95),
        L.hnswIndex ? ms(L.hnswIndex.p95) : '–',
        ms(L.exact.p95),
        fmt(s.retrieval.recallAt10.filtered, 3),
        httpTarget && Number.isFinite(httpTarget.value) ? ms(httpTarget.value) : '–',
        web ? fmt(web.answersPerS, 1) : '–',
        Number.isNaN(errors) ? '–' : String(errors),
        s.http ? fmt(s.http.coldStart.firstAnswerMs / 1000, 1) : '–',
      ]),
    );
  }
  out.push('');
  out.push('Which run each row comes from:');
  out.push('');
  for (const r of ordered) {
    const s = r.scale;
    out.push(
      `- ${r.machine.database?.kind ?? 'pglite'} ${thousands(s.targetChunks)}: ${r.mode} run started ` +
        `${r.startedAt.slice(0, 16).replace('T', ' ')} UTC, load average ${fmt(s.load.start, 1)} → ${fmt(s.load.end, 1)}; ` +
        `ingestion: ${s.ingest.method}`,
    );
  }
  out.push('');
  out.push('## Per scale');
  out.push('');
  for (const r of ordered) out.push(scaleSection(r));
  const replicas = bestBy(replicaRecords, (r) => String(r.scale.targetChunks)).sort(
    (a, b) => a.scale.targetChunks - b.scale.targetChunks,
  );
  if (replicas.length) out.push(replicasSection(replicas));
  return `${out.join('\n')}\n`;
}

/** Cores the rest of the machine kept busy during a replica load (NaN without /proc figures). */
export function othersCores(l: ReplicaLoad): number {
  const ours = l.perReplica.reduce((a, p) => a + p.cores, 0) + l.db.cores + l.benchCores;
  return Math.max(0, l.machineCores - ours);
}

/** `--replicas` runs: answers/s of N replicas behind the round-robin proxy, and where the CPU went. */
export function replicasSection(records: ReplicaRecord[]): string {
  const lines: string[] = ['## Replicas on one PostgreSQL server', ''];
  lines.push(
    'N `kumppani serve` processes on one PostgreSQL server behind a round-robin proxy in the bench ' +
      '(`npm run bench -- --replicas 1,2`; each request to the next replica, so a conversation moves between them), ' +
      'web chat API, the same questions as the single-server rows. Cores busy are CPU seconds per second of the run: ' +
      'each replica, the database server (all its processes, from /proc) and the bench process (the senders and the proxy), ' +
      "which all share the machine. Run-queue wait is the time a replica's threads were ready to run but every core was taken " +
      '(/proc schedstat), per request it served; "others" is what the rest of the machine used in the same seconds ' +
      '(other work on a shared machine takes cores from all of these).',
  );
  lines.push('');
  for (const r of records) {
    const s = r.scale;
    const rep = s.replicas;
    lines.push(
      `### ${thousands(s.targetChunks)} chunks — ${r.mode} run, ${r.startedAt.slice(0, 16).replace('T', ' ')} UTC`,
    );
    lines.push('');
    lines.push(machineLine(r.machine, r));
    lines.push('');
    lines.push(
      '| Replicas | senders | requests | answers/s | p50 ms | p95 ms | errors | CPU ms/request per replica | run-queue wait ms/request per replica | replica cores busy | database cores busy | database CPU ms/answer | bench cores busy | others cores busy |',
    );
    lines.push('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
    for (const run of rep.runs) {
      for (const l of Object.values(run.loads)) {
        const kinds = Object.entries(l.errorKinds)
          .map(([k, n]) => `${k}: ${n}`)
          .join(', ');
        lines.push(
          row([
            run.replicas,
            l.senders,
            l.requests,
            fmt(l.answersPerS, 1),
            ms(l.latency.p50),
            ms(l.latency.p95),
            l.errors ? `**${l.errors}** (${kinds})` : '0',
            l.perReplica.map((p) => ms(p.cpuMsPerRequest)).join(' / '),
            l.perReplica.map((p) => ms(p.runQueueMsPerRequest)).join(' / '),
            l.perReplica.map((p) => fmt(p.cores, 2)).join(' + '),
            fmt(l.db.cores, 2),
            ms(l.db.cpuMsPerAnswer),
            fmt(l.benchCores, 2),
            fmt(othersCores(l), 2),
          ]),
        );
      }
    }
    lines.push('');
    const proxyNotes = rep.runs
      .filter((run) => run.proxy && (run.proxy.retried || Object.keys(run.proxy.failures).length))
      .map(
        (run) =>
          `${run.replicas} replica${run.replicas === 1 ? '' : 's'}: ${run.proxy.retried} sent again after a kept-alive connection was found closed` +
          Object.entries(run.proxy.failures)
            .map(([k, n]) => `, ${n} unreachable (${k})`)
            .join(''),
      );
    lines.push(
      `Database CPU read from: ${rep.dbCpuSource}.` +
        (proxyNotes.length ? ` Proxy: ${proxyNotes.join('; ')}.` : ''),
    );
    lines.push('');
    lines.push('| Target | | Measured |');
    lines.push('|---|---|---|');
    for (const t of s.targets) lines.push(row([t.name, t.met ? 'met' : '**missed**', t.detail]));
    lines.push('');
  }
  return lines.join('\n');
}
