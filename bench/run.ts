/**
 * The benchmark runner: for each scale, in one run on the same data, generate the corpus, ingest
 * it through the real pipeline, rebuild the HNSW index, measure retrieval side by side with its
 * baselines, then start `kumppani serve` on that index and measure answers over HTTP on every
 * channel. Against the embedded PGlite by default, or the PostgreSQL server in DATABASE_URL.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServices, type Services } from '../src/app.ts';
import type { Config } from '../src/config.ts';
import { ingestPaths } from '../src/ingest/pipeline.ts';
import { silentLogger } from '../src/kernel/log.ts';
import { projectRoot } from '../src/kernel/paths.ts';
import { HNSW_BUILD, ensureVectorIndex, indexStats } from '../src/store/documents.ts';
import { measureCliStart, type CliStartResult } from './cli-start.ts';
import { measureDialogue, type DialogueResult } from './dialogue.ts';
import { BENCH_DIR, readScaleRecords } from './report.ts';
import { generateCorpus, writeCorpus } from './generate.ts';
import { measureHttp, type HttpBudget, type HttpResult } from './http.ts';
import { currentLoad, databaseVersions, machineInfo, type MachineInfo } from './machine.ts';
import { buildQueries } from './queries.ts';
import { findPostmaster } from './pg-cpu.ts';
import { measureReplicas, type ReplicaBudget, type ReplicasResult } from './replicas.ts';
import { measureRetrieval, type RetrievalBudget, type RetrievalResult } from './retrieval.ts';
import { rate } from './stats.ts';
import { evaluateReplicaTarget, evaluateTargets, type TargetCheck } from './targets.ts';

// From the root, not this module: the same whether run from the sources or from dist/.
const ROOT = projectRoot();
export const EVAL_FILE = join(ROOT, 'tests/eval/questions.jsonl');
/** Sources of benchmark documents start with this; nothing else in a database is touched. */
export const CORPUS_DIR = 'bench-corpus';

export interface BenchOptions {
  scales: number[];
  quick: boolean;
  seed: number;
  http: boolean;
  /** Keep the generated files and data directory (PGlite) or the rows (PostgreSQL). */
  keep: boolean;
  /**
   * A folder kept by an earlier `--keep` run (one scale, same seed): its index is measured again
   * without generating files, ingesting or rebuilding HNSW.
   */
  reuseIndex?: string;
  /** Configuration as loaded from the environment (DATABASE_URL, embeddings, …). */
  config: Config;
  /** The environment the server child process inherits. */
  env: NodeJS.ProcessEnv;
  log: (line: string) => void;
  /** Called after each scale with the results so far, so a long run keeps what it measured. */
  onScale?: (results: BenchResults) => void;
  /** Time `kumppani --help` and `kumppani ask` as child processes first (default true). */
  cliStart?: boolean;
  /**
   * Only generate, ingest and build the index: a 100k ingestion figure without the hour of
   * retrieval and HTTP measurements after it (such a run is a probe, kept out of RESULTS.md).
   */
  ingestOnly?: boolean;
  /**
   * Replica counts (e.g. [1, 2]): after ingesting, only the scale-out throughput of that many
   * `kumppani serve` processes on the DATABASE_URL server behind a round-robin proxy (replicas.ts);
   * no retrieval, dialogue or per-channel HTTP measurements.
   */
  replicas?: number[];
}

export interface ScaleResult {
  targetChunks: number;
  corpus: {
    documents: number;
    chunks: number;
    activeChunks: number;
    municipalities: number;
    generateS: number;
  };
  ingest: {
    method: string;
    documents: number;
    chunks: number;
    failed: number;
    seconds: number;
    documentsPerS: number;
    chunksPerS: number;
    /**
     * CPU seconds of the process (all threads; the embedded database runs in it) during the
     * ingestion: on a shared machine the wall time says as much about the neighbours.
     */
    cpuS?: number;
  };
  index: {
    hnswBuildS: number;
    dimensions: number;
    storedChunks: number;
    /** The build settings (absent in results from before they were recorded: m 16, ef_construction 64). */
    m?: number;
    efConstruction?: number;
  };
  /** Absent in an `ingestOnly` run. */
  retrieval?: RetrievalResult;
  dialogue?: DialogueResult;
  http?: HttpResult;
  httpError?: string;
  /** A `replicas` run's scale-out figures. */
  replicas?: ReplicasResult;
  /** Peak RSS of the benchmark process so far (it holds the embedded database), MB. */
  benchPeakRssMb: number;
  targets: TargetCheck[];
  load: { start: number; end: number };
  finishedAt: string;
}

export interface BenchResults {
  version: 1;
  mode: 'quick' | 'full';
  seed: number;
  startedAt: string;
  finishedAt: string;
  durationS: number;
  machine: MachineInfo;
  budgets: { retrieval: RetrievalBudget; http: HttpBudget; queries: number; replicas?: ReplicaBudget };
  scales: ScaleResult[];
  /** The command line's start-up on the demo index (absent when skipped). */
  cliStart?: CliStartResult;
}

export function budgetsFor(quick: boolean): {
  retrieval: RetrievalBudget;
  http: HttpBudget;
  replicas: ReplicaBudget;
  generated: number;
} {
  return quick
    ? {
        retrieval: { secondsPerMethod: 2, minQueries: 30, maxQueries: 300, recallQueries: 50 },
        http: {
          singleRequests: 10,
          senders: 50,
          loadRequests: 100,
          warmupRequests: 150,
          thinkMs: 5000,
          pacedRequests: 50,
        },
        replicas: { singleRequests: 20, senders: 50, loadRequests: 400, warmupRequests: 150 },
        generated: 150,
      }
    : {
        retrieval: { secondsPerMethod: 10, minQueries: 100, maxQueries: 1000, recallQueries: 200 },
        http: {
          singleRequests: 40,
          senders: 50,
          loadRequests: 400,
          warmupRequests: 600,
          thinkMs: 5000,
          pacedRequests: 200,
        },
        replicas: { singleRequests: 40, senders: 50, loadRequests: 1500, warmupRequests: 300 },
        generated: 600,
      };
}

const peakRssMb = () => process.resourceUsage().maxRSS / 1024;

/** This scale's ingestion and index figures from an earlier run's record, if there is one. */
function previousScale(db: string, mode: string, chunks: number): ScaleResult | undefined {
  return readScaleRecords(join(BENCH_DIR, 'results')).find(
    (r) =>
      (r.machine.database?.kind ?? 'pglite') === db && r.mode === mode && r.scale.targetChunks === chunks,
  )?.scale;
}

/** The benchmark's services over `dataDir` (or the DATABASE_URL server): quiet, nothing ingested at start. */
export async function openServices(config: Config, dataDir: string): Promise<Services> {
  const cfg: Config = {
    ...config,
    logLevel: 'silent',
    autoIngest: false,
    database: { url: config.database.url, dataDir },
  };
  return createServices(cfg, { logger: silentLogger });
}

/** With a PostgreSQL server: refuse to write into a database that holds anything but benchmark data. */
export async function prepareServerDatabase(services: Services): Promise<void> {
  const pool = services.db.pool;
  const foreign = await pool.query<{ n: string }>(
    `SELECT count(*) AS n FROM documents WHERE source NOT LIKE $1`,
    [`${CORPUS_DIR}/%`],
  );
  if (Number(foreign.rows[0]!.n) > 0) {
    throw new Error(
      `The database in DATABASE_URL holds ${foreign.rows[0]!.n} documents that are not benchmark data. ` +
        'The benchmark writes and deletes documents: point DATABASE_URL at an empty scratch database.',
    );
  }
  const old = (await services.writer.sources()).filter((s) => s.startsWith(`${CORPUS_DIR}/`));
  if (old.length) await services.writer.remove(old);
}

/** The database server's postmaster, when it runs on this machine, for its CPU time (pg-cpu.ts). */
export async function locateServer(services: Services, config: Config): Promise<number | undefined> {
  const url = new URL(config.database.url!);
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) return undefined;
  // Only a superuser or pg_read_all_settings may see the data directory; the port is enough then.
  const dir = await services.db.pool
    .query<{ data_directory: string }>('SHOW data_directory')
    .then((r) => r.rows[0]?.data_directory)
    .catch(() => undefined);
  return findPostmaster({ dataDirectory: dir, port: Number(url.port || 5432) });
}

async function runScale(
  target: number,
  opts: BenchOptions,
  budgets: ReturnType<typeof budgetsFor>,
  machine: MachineInfo,
): Promise<ScaleResult> {
  const { log } = opts;
  const loadStart = currentLoad();
  const reuse = opts.reuseIndex;
  const root = reuse ?? mkdtempSync(join(tmpdir(), `kumppani-bench-${target}-`));
  const dataDir = join(root, 'data');
  log(`\n== ${target} chunks ==`);
  try {
    let t = performance.now();
    const corpus = generateCorpus({ seed: opts.seed, targetChunks: target });
    const generateS = (performance.now() - t) / 1000;
    if (!reuse) await writeCorpus(join(root, CORPUS_DIR), corpus);
    log(
      `  corpus: ${corpus.documents.length} documents, ${corpus.chunks} chunks (${corpus.activeChunks} active), ${corpus.towns.length} municipalities, generated in ${generateS.toFixed(1)} s`,
    );

    const services = await openServices(opts.config, dataDir);
    let retrieval: RetrievalResult | undefined;
    let ingest: ScaleResult['ingest'];
    let index: ScaleResult['index'];
    let dialogue: DialogueResult | undefined;
    let postmaster: number | undefined;
    try {
      if (!machine.database) {
        machine.database = { kind: services.db.kind, ...(await databaseVersions(services.db.pool)) };
        const d = machine.database;
        log(
          `  database: ${d.kind === 'pglite' ? `embedded PGlite ${machine.pglite}, PostgreSQL` : 'PostgreSQL server'} ${d.server}, pgvector ${d.pgvector}`,
        );
      }
      const dims = services.embedder.dimensions;
      if (reuse) {
        const stored = await indexStats(services.db.pool);
        if (stored.documents !== corpus.documents.length)
          throw new Error(
            `${root} holds ${stored.documents} documents, but seed ${opts.seed} at ${target} chunks makes ${corpus.documents.length}: give the --seed and --scales it was built with`,
          );
        const before = previousScale(services.db.kind, opts.quick ? 'quick' : 'full', target);
        ingest = before?.ingest ?? {
          method: 'reused a kept index (not measured)',
          documents: NaN,
          chunks: stored.chunks,
          failed: 0,
          seconds: NaN,
          documentsPerS: NaN,
          chunksPerS: NaN,
        };
        if (before)
          ingest = { ...ingest, method: `${ingest.method}; measured in the run that built this index` };
        index = before?.index ?? { hnswBuildS: NaN, dimensions: dims, storedChunks: stored.chunks };
        log(
          `  reusing the index in ${root} (${stored.chunks} chunks); ingestion and index build figures ${before ? 'from the run that built it' : 'not measured'}`,
        );
      } else {
        if (services.db.kind === 'postgres') await prepareServerDatabase(services);
        t = performance.now();
        const cpu = process.cpuUsage();
        const summary = await ingestPaths([CORPUS_DIR], services.writer, { cwd: root });
        const ingestMs = performance.now() - t;
        const cpuUsed = process.cpuUsage(cpu);
        const written = summary.added + summary.updated;
        ingest = {
          method:
            'ingestPaths over Markdown files (the `kumppani ingest` pipeline: read, parse, chunk, analyse once for terms and vector, insert; a bulk load builds the HNSW index once at the end, counted here)',
          documents: written,
          chunks: summary.chunks,
          failed: summary.failed.length,
          seconds: ingestMs / 1000,
          documentsPerS: rate(written, ingestMs),
          chunksPerS: rate(summary.chunks, ingestMs),
          cpuS: (cpuUsed.user + cpuUsed.system) / 1e6,
        };
        log(
          `  ingest: ${written} documents, ${summary.chunks} chunks in ${ingest.seconds.toFixed(1)} s (${ingest.documentsPerS.toFixed(1)} docs/s, ${ingest.chunksPerS.toFixed(0)} chunks/s, ${ingest.cpuS!.toFixed(1)} s of CPU), ${summary.failed.length} failed; load average ${currentLoad().toFixed(1)}`,
        );
        if (summary.failed.length)
          log(`    first failure: ${summary.failed[0]!.file}: ${summary.failed[0]!.reason}`);

        await services.db.pool.query(`DROP INDEX IF EXISTS chunks_embedding_hnsw_${dims}`);
        t = performance.now();
        await ensureVectorIndex(services.db.pool, dims);
        const stats = await indexStats(services.db.pool);
        index = {
          hnswBuildS: (performance.now() - t) / 1000,
          dimensions: dims,
          storedChunks: stats.chunks,
          m: HNSW_BUILD.m,
          efConstruction: HNSW_BUILD.efConstruction,
        };
        log(
          `  HNSW index build: ${index.hnswBuildS.toFixed(1)} s for ${stats.chunks} vectors of ${dims} dimensions`,
        );
      }

      if (opts.replicas && services.db.kind === 'postgres')
        postmaster = await locateServer(services, opts.config);
      if (!opts.ingestOnly && !opts.replicas) {
        const queries = buildQueries({
          evalFile: EVAL_FILE,
          towns: corpus.towns,
          seed: opts.seed,
          generated: budgets.generated,
        });
        log(`  retrieval (${queries.length} distinct queries):`);
        retrieval = await measureRetrieval(services, queries, budgets.retrieval, log);
        dialogue = await measureDialogue(
          services,
          queries,
          budgets.retrieval,
          corpus.towns.map((t) => t.name),
        );
        log(
          `    dialogue turn in-process p50 ${dialogue.latency.p50.toFixed(1)} ms  p95 ${dialogue.latency.p95.toFixed(1)} ms; ` +
            `${dialogue.sqlPerTurn.toFixed(1)} SQL statements, ${dialogue.sqlMsPerTurn.toFixed(1)} ms in SQL, ${dialogue.otherMsPerTurn.toFixed(1)} ms elsewhere per turn`,
        );
      }
    } finally {
      await services.close();
    }

    let http: HttpResult | undefined;
    let httpError: string | undefined;
    let replicas: ReplicasResult | undefined;
    if (opts.replicas) {
      log(`  replicas on one PostgreSQL server behind a round-robin proxy (web chat):`);
      replicas = await measureReplicas({
        counts: opts.replicas,
        databaseUrl: opts.config.database.url!,
        postmaster,
        questions: buildQueries({
          evalFile: EVAL_FILE,
          towns: corpus.towns,
          seed: opts.seed + 1,
          generated: budgets.generated,
        }),
        municipalities: corpus.towns.map((t) => t.name),
        budget: budgets.replicas,
        inherited: opts.env,
        log,
      });
    } else if (opts.http && !opts.ingestOnly) {
      log('  over HTTP (kumppani serve):');
      const queries = buildQueries({
        evalFile: EVAL_FILE,
        towns: corpus.towns,
        seed: opts.seed + 1,
        generated: budgets.generated,
      });
      try {
        http = await measureHttp(
          { dataDir, databaseUrl: opts.config.database.url },
          queries,
          corpus.towns.map((t) => t.name),
          budgets.http,
          opts.env,
          log,
        );
      } catch (err) {
        httpError = (err as Error).message;
        log(`    HTTP measurements failed: ${httpError}`);
      }
    }

    if (opts.config.database.url && !opts.keep && !reuse) {
      const cleanup = await openServices(opts.config, dataDir);
      try {
        const ours = (await cleanup.writer.sources()).filter((s) => s.startsWith(`${CORPUS_DIR}/`));
        if (ours.length) await cleanup.writer.remove(ours);
      } finally {
        await cleanup.close();
      }
    }

    const result: ScaleResult = {
      targetChunks: target,
      corpus: {
        documents: corpus.documents.length,
        chunks: corpus.chunks,
        activeChunks: corpus.activeChunks,
        municipalities: corpus.towns.length,
        generateS,
      },
      ingest,
      index,
      retrieval,
      dialogue,
      http,
      httpError,
      replicas,
      benchPeakRssMb: peakRssMb(),
      targets: [],
      load: { start: loadStart, end: currentLoad() },
      finishedAt: new Date().toISOString(),
    };
    if (retrieval) result.targets = evaluateTargets({ retrieval, http, httpError }, budgets.http.senders);
    if (replicas) result.targets = [evaluateReplicaTarget(replicas)];
    for (const c of result.targets) log(`  target ${c.met ? 'met   ' : 'MISSED'} ${c.name}: ${c.detail}`);
    return result;
  } finally {
    if (opts.keep || reuse) log(`  kept: ${root}`);
    else rmSync(root, { recursive: true, force: true });
  }
}

export async function runBench(opts: BenchOptions): Promise<BenchResults> {
  const started = new Date();
  const t0 = performance.now();
  const budgets = budgetsFor(opts.quick);
  const machine = machineInfo();
  const results: BenchResults = {
    version: 1,
    mode: opts.quick ? 'quick' : 'full',
    seed: opts.seed,
    startedAt: started.toISOString(),
    finishedAt: '',
    durationS: 0,
    machine,
    budgets: {
      retrieval: budgets.retrieval,
      http: budgets.http,
      queries: budgets.generated,
      ...(opts.replicas ? { replicas: budgets.replicas } : {}),
    },
    scales: [],
  };
  opts.log(
    `Kumppani benchmark (${results.mode}): ${machine.cpus} cores, ${machine.memoryGb} GB, Node ${machine.node}, ` +
      `load average ${machine.loadStart.toFixed(1)}`,
  );
  const stamp = () => {
    machine.loadEnd = currentLoad();
    results.finishedAt = new Date().toISOString();
    results.durationS = (performance.now() - t0) / 1000;
  };
  if (opts.cliStart !== false) {
    results.cliStart = await measureCliStart({
      runs: opts.quick ? 3 : 5,
      env: opts.env,
      load: currentLoad(),
      log: opts.log,
    });
    stamp();
  }
  for (const target of opts.scales) {
    results.scales.push(await runScale(target, opts, budgets, machine));
    stamp();
    opts.onScale?.(results);
  }
  stamp();
  return results;
}
