/**
 * `kumppani bench` (= `npm run bench`): ingestion, retrieval side by side with its baselines, and
 * answers over HTTP on every channel, at growing scale. The work lives in `bench/`; this command
 * parses options and writes the results.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { loadConfig } from '../../config.ts';
import type { BenchResults } from '../../../bench/run.ts';

interface BenchCliOptions {
  quick?: boolean;
  scales?: number[];
  out?: string;
  seed: number;
  http: boolean;
  keep?: boolean;
  index?: string;
  report: boolean;
  cliStart: boolean;
  cliStartOnly?: boolean;
  ingestOnly?: boolean;
  replicas?: number[];
}

function parseScales(value: string): number[] {
  const scales = value.split(',').map((s) => Number(s.trim().replace(/_/g, '').replace(/k$/i, '000')));
  if (scales.length === 0 || scales.some((n) => !Number.isInteger(n) || n < 10 || n > 2_000_000))
    throw new InvalidArgumentError(
      'give chunk counts separated by commas, e.g. 1000,10000,100000 (each 10 … 2000000)',
    );
  return scales;
}

function parseReplicas(value: string): number[] {
  const counts = value.split(',').map((s) => Number(s.trim()));
  if (counts.some((n) => !Number.isInteger(n) || n < 1 || n > 16))
    throw new InvalidArgumentError('give replica counts separated by commas, e.g. 1,2 (each 1 … 16)');
  return counts;
}

function parseSeed(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('the seed is a whole number ≥ 0');
  return n;
}

export function register(program: Command): void {
  program
    .command('bench')
    .description(
      'Benchmark ingestion, retrieval (hybrid vs HNSW, exact scan, full text) and answers over HTTP at growing scale',
    )
    .option(
      '--quick',
      'one small scale (1000 chunks), every measurement for a few seconds: under three minutes',
    )
    .option('--scales <list>', 'chunk counts to generate and measure, e.g. 1000,10000,100000', parseScales)
    .option(
      '--out <file>',
      'write the run as JSON to this file only (default: bench/results/latest.json, one file per scale there, and RESULTS.md)',
    )
    .option('--seed <n>', 'seed of the generated corpus and questions', parseSeed, 1)
    .option('--no-http', 'skip the HTTP measurements (kumppani serve)')
    .option(
      '--keep',
      'keep the generated files and the index (printed path); with DATABASE_URL keep the rows',
    )
    .option(
      '--index <folder>',
      'measure again an index kept by --keep (same --seed, one --scales): no generation, ingestion or HNSW build',
    )
    .option('--no-report', 'do not rebuild bench/RESULTS.md')
    .option('--no-cli-start', 'skip timing `kumppani --help` and `kumppani ask` on the demo index')
    .option(
      '--cli-start-only',
      'time only the CLI start-up (writes bench/results/cli-start.json unless --out is given)',
    )
    .option(
      '--ingest-only',
      'only generate, ingest and build the index at each scale (writes bench/results/ingest-only.json unless --out is given; RESULTS.md stays as it is)',
    )
    .option(
      '--replicas <list>',
      'only the scale-out throughput: N `kumppani serve` replicas on the DATABASE_URL server behind a round-robin proxy, for each N, e.g. 1,2 (writes bench/results/postgres-replicas-*.json and its RESULTS.md section)',
      parseReplicas,
    )
    .action(async (opts: BenchCliOptions) => {
      const config = loadConfig();
      if (opts.replicas && !config.database.url)
        throw new InvalidArgumentError(
          '--replicas needs DATABASE_URL: replicas share one PostgreSQL server. An embedded PGlite data ' +
            'directory belongs to one process and cannot be opened by two servers at once. Start a server ' +
            '(e.g. `eval "$(.ci/postgres.sh start)"` and DATABASE_URL=$KUMPPANI_TEST_DATABASE_URL) and run again.',
        );
      // Loaded only when the command runs: the benchmark code is not part of the other commands.
      const { runBench } = await import('../../../bench/run.ts');
      const {
        BENCH_DIR,
        readReplicaRecords,
        readScaleRecords,
        renderResultsMarkdown,
        writeReplicaRecords,
        writeResults,
      } = await import('../../../bench/report.ts');
      const scales = opts.cliStartOnly
        ? []
        : (opts.scales ?? (opts.quick ? [1000] : [1000, 10_000, 100_000]));
      if (opts.index && scales.length !== 1)
        throw new InvalidArgumentError(
          '--index measures one kept index: give the one scale it was built at with --scales',
        );
      const log = (line: string) => process.stdout.write(`${line}\n`);
      const resultsDir = join(BENCH_DIR, 'results');
      const save = (results: BenchResults): string[] => {
        // A run written elsewhere is a probe: the record in bench/results and RESULTS.md stay as they are.
        if (opts.cliStartOnly) return writeResults(results, opts.out ?? join(resultsDir, 'cli-start.json'));
        // Without retrieval figures a scale has no row in RESULTS.md: the run is kept beside them.
        if (opts.ingestOnly) return writeResults(results, opts.out ?? join(resultsDir, 'ingest-only.json'));
        // A replica run has its own records: the single-server rows of RESULTS.md stay as they are.
        const written = opts.out
          ? writeResults(results, opts.out)
          : opts.replicas
            ? [
                ...writeResults(results, join(resultsDir, 'replicas-latest.json')),
                ...writeReplicaRecords(results, resultsDir),
              ]
            : writeResults(results, join(resultsDir, 'latest.json'), resultsDir);
        if (opts.report && !opts.out) {
          const file = join(BENCH_DIR, 'RESULTS.md');
          writeFileSync(
            file,
            renderResultsMarkdown(readScaleRecords(resultsDir), readReplicaRecords(resultsDir)),
          );
          written.push(file);
        }
        return written;
      };
      const results = await runBench({
        scales,
        quick: !!opts.quick,
        seed: opts.seed,
        http: opts.http,
        keep: !!opts.keep,
        reuseIndex: opts.index,
        config,
        // The server under test is a child process, configured through its environment.
        env: process.env,
        log,
        // Each scale is written as soon as it is measured: a failure at 100k keeps 1k and 10k.
        onScale: (partial) => save(partial),
        cliStart: opts.cliStart && !opts.ingestOnly && !opts.replicas,
        ingestOnly: !!opts.ingestOnly,
        replicas: opts.replicas,
      });
      const written = save(results);
      log(`\nDone in ${results.durationS.toFixed(0)} s. Wrote ${written.join(', ')}`);
      const missed = results.scales.flatMap((s) =>
        s.targets.filter((t) => !t.met).map((t) => `${s.targetChunks}: ${t.name}`),
      );
      if (missed.length) log(`Targets missed: ${missed.join('; ')}`);
    });
}
