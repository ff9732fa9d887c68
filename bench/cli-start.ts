/**
 * How long the command line takes from `node bin/kumppani.js …` to exit, as a user waits for it:
 * `kumppani --help`, and `kumppani ask "…"` against the demo knowledge pack indexed in a fresh
 * data directory. Each is run as a child process a few times; the first run is reported apart,
 * because after a source change it also fills tsx's transform cache.
 *
 * Measured twice: from the compiled build in dist/ (what `npm install` gives and the launcher runs
 * while the build is fresh; the targets apply to it) and from the sources through tsx (what a
 * developer gets between an edit and `npm run build`). Without a fresh build only the sources are
 * measured, and the report says so.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { projectRoot } from '../src/kernel/paths.ts';
import { percentile } from './stats.ts';
import type { buildState as BuildState } from '../scripts/build-state.js';

// From the root, not this module: the same whether run from the sources or from dist/.
const ROOT = projectRoot();
const BIN = join(ROOT, 'bin/kumppani.js');
export const CLI_START_QUESTION = 'Saako yhdistys käyttää koulun salia maksutta?';
/** The targets (issue 14): help under a second, one answer under three. */
export const CLI_START_TARGETS = { helpMs: 1000, askMs: 3000 };

export interface CliTiming {
  command: string;
  firstMs: number;
  /** Median, fastest and slowest of the runs after the first. */
  medianMs: number;
  minMs: number;
  maxMs: number;
  runs: number;
  targetMs: number;
  met: boolean;
}

export interface CliStartResult {
  /** What help and ask were measured on: the build when it was fresh, else the sources. */
  launch: 'build' | 'sources';
  help: CliTiming;
  ask: CliTiming;
  /** The same through tsx, when `help` and `ask` are the build's. */
  sources?: { help: CliTiming; ask: CliTiming };
  /** Load average at the start; the figures are wall-clock and suffer from other work. */
  load: number;
}

function run(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      const ms = performance.now() - started;
      if (code === 0) resolve(ms);
      else
        reject(new Error(`kumppani ${args.join(' ')} exited with ${code}: ${stderr.trim().slice(0, 500)}`));
    });
  });
}

async function time(label: string, args: string[], env: NodeJS.ProcessEnv, runs: number, targetMs: number) {
  const firstMs = await run(args, env);
  const rest: number[] = [];
  for (let i = 0; i < runs; i++) rest.push(await run(args, env));
  const medianMs = percentile(rest, 50);
  return {
    command: label,
    firstMs,
    medianMs,
    minMs: Math.min(...rest),
    maxMs: Math.max(...rest),
    runs,
    targetMs,
    met: medianMs < targetMs,
  } satisfies CliTiming;
}

export async function measureCliStart(opts: {
  runs: number;
  env: NodeJS.ProcessEnv;
  load: number;
  log: (line: string) => void;
}): Promise<CliStartResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kumppani-bench-cli-'));
  // The demo index, embedded, never a server: what a newcomer's first `ask` runs against.
  const env: NodeJS.ProcessEnv = { ...opts.env, KUMPPANI_DATA_DIR: dataDir, LOG_LEVEL: 'silent' };
  delete env.DATABASE_URL;
  delete env.KUMPPANI_KNOWLEDGE_DIR;
  // Loaded by path: a relative import would point into dist/ when this runs compiled.
  const { buildState } = (await import(pathToFileURL(join(ROOT, 'scripts/build-state.js')).href)) as {
    buildState: typeof BuildState;
  };
  const state = buildState(ROOT);
  const measure = async (launch: 'build' | 'sources') => {
    const launchEnv = { ...env, KUMPPANI_LAUNCH: launch };
    const suffix = launch === 'build' ? ' (build)' : ' (sources, tsx)';
    const help = await time(
      `kumppani --help${suffix}`,
      ['--help'],
      launchEnv,
      opts.runs,
      CLI_START_TARGETS.helpMs,
    );
    const ask = await time(
      `kumppani ask "${CLI_START_QUESTION}" --municipality Routasalmi${suffix}`,
      ['ask', CLI_START_QUESTION, '--municipality', 'Routasalmi'],
      launchEnv,
      opts.runs,
      CLI_START_TARGETS.askMs,
    );
    for (const t of [help, ask])
      opts.log(
        `  ${t.command}: median ${t.medianMs.toFixed(0)} ms (${t.minMs.toFixed(0)}–${t.maxMs.toFixed(0)} over ${t.runs} runs; first ${t.firstMs.toFixed(0)} ms); target ${t.met ? 'met' : 'MISSED'} (< ${t.targetMs} ms)`,
      );
    return { help, ask };
  };
  try {
    opts.log('\n== CLI start-up (demo index, embedded database) ==');
    await run(['ingest', join(ROOT, 'knowledge')], env);
    if (!state.fresh) {
      opts.log(
        `  no fresh build (${state.reason}): the sources only; run npm run build to time what users get`,
      );
      return { launch: 'sources', ...(await measure('sources')), load: opts.load };
    }
    const built = await measure('build');
    return { launch: 'build', ...built, sources: await measure('sources'), load: opts.load };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
