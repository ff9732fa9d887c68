/**
 * Probe: where a bulk ingestion's wall time goes, by phase. Generates the bench corpus (seed 1) in
 * a temporary folder, ingests it through `ingestPaths` into a fresh embedded database or the
 * DATABASE_URL server (bench data only), and reports the time spent in the chunk analysis
 * (`StoreIndexWriter`'s per-document version: terms, vector, events), in the batches' writes
 * (`replaceDocuments`), and in the load's end (`endBulk`: the set-aside indexes and the HNSW build),
 * beside the wall time and the process's CPU:
 *
 *   DATABASE_URL=… npx tsx bench/probes/ingest-phases.ts 10000
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config.ts';
import { StoreIndexWriter } from '../../src/ingest/indexer.ts';
import { ingestPaths } from '../../src/ingest/pipeline.ts';
import { generateCorpus, writeCorpus } from '../generate.ts';
import { currentLoad } from '../machine.ts';
import { serverCpuMs } from '../pg-cpu.ts';
import { locateServer, openServices, prepareServerDatabase } from '../run.ts';

const target = Number(process.argv[2] ?? 10000);
const root = mkdtempSync(join(tmpdir(), 'kumppani-phases-'));
const corpus = generateCorpus({ seed: 1, targetChunks: target });
await writeCorpus(join(root, 'bench-corpus'), corpus);
const base = loadConfig(process.env);
const services = await openServices(base, join(root, 'data'));
if (services.db.kind === 'postgres') await prepareServerDatabase(services);

const times: Record<string, number> = {};
/** Database server CPU ms spent while each wrapped call ran (calls that overlap count twice). */
const serverTimes: Record<string, number> = {};
let postmaster: number | undefined;
const wrap = (proto: object, name: string, label: string): void => {
  const p = proto as Record<string, (...a: unknown[]) => Promise<unknown>>;
  const orig = p[name];
  if (!orig) return;
  p[name] = async function (this: unknown, ...args: unknown[]) {
    const t = performance.now();
    const c = postmaster ? serverCpuMs(postmaster) : 0;
    try {
      return await orig.apply(this, args);
    } finally {
      times[label] = (times[label] ?? 0) + performance.now() - t;
      if (postmaster) serverTimes[label] = (serverTimes[label] ?? 0) + serverCpuMs(postmaster) - c;
    }
  };
};
wrap(StoreIndexWriter.prototype, 'version', 'analysis (JS)');
wrap(StoreIndexWriter.prototype, 'prepare', 'prepare (analysis ahead)');
wrap(StoreIndexWriter.prototype, 'putMany', 'putMany (write; + analysis unprepared)');
wrap(StoreIndexWriter.prototype, 'beginBulk', 'beginBulk');
wrap(StoreIndexWriter.prototype, 'endBulk', 'endBulk (indexes + HNSW)');
wrap(StoreIndexWriter.prototype, 'finish', 'finish (ANALYZE)');

if (services.db.kind === 'postgres') postmaster = await locateServer(services, base);
const pg0 = postmaster ? serverCpuMs(postmaster) : 0;
const load0 = currentLoad();
const cpu = process.cpuUsage();
const t0 = performance.now();
const summary = await ingestPaths(['bench-corpus'], services.writer, { cwd: root });
const wall = performance.now() - t0;
const used = process.cpuUsage(cpu);
console.log(
  `${summary.chunks} chunks in ${(wall / 1000).toFixed(1)} s = ${((summary.chunks * 1000) / wall).toFixed(0)} chunks/s; ` +
    `process CPU ${((used.user + used.system) / 1e6).toFixed(1)} s; load ${load0.toFixed(1)} -> ${currentLoad().toFixed(1)}`,
);
if (postmaster) console.log(`  database server CPU ${((serverCpuMs(postmaster) - pg0) / 1000).toFixed(1)} s`);
for (const [k, v] of Object.entries(times))
  console.log(
    `  ${k.padEnd(40)} ${(v / 1000).toFixed(1)} s` +
      (postmaster ? `, database CPU meanwhile ${((serverTimes[k] ?? 0) / 1000).toFixed(1)} s` : ''),
  );
await services.close();
rmSync(root, { recursive: true, force: true });
process.exit(0);
