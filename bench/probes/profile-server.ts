/**
 * Probe: the HTTP measurements with the server under `--cpu-prof`, to see where a turn's server
 * time goes (summarise with bench/probes/cpuprofile-summary.py). Arguments: a kept bench folder,
 * its number of municipalities, and a directory for the profile:
 *
 *   npx tsx bench/probes/profile-server.ts /tmp/kumppani-bench-1000-XXXX 9 /tmp/prof
 */
import { join } from 'node:path';
import { measureHttp } from '../http.ts';
import { buildQueries } from '../queries.ts';
import { makeTown } from '../towns.ts';
import { EVAL_FILE } from '../run.ts';
const root = process.argv[2]!;
const towns = Number(process.argv[3]);
const dir = process.argv[4]!;
const qs = buildQueries({
  evalFile: EVAL_FILE,
  towns: Array.from({ length: towns }, (_, i) => makeTown(1, i)),
  seed: 1,
  generated: 150,
});
const names = Array.from({ length: towns }, (_, i) => makeTown(1, i).name);
const r = await measureHttp(
  { dataDir: join(root, 'data'), nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${dir}`] },
  qs,
  names,
  {
    singleRequests: 10,
    senders: 50,
    loadRequests: 200,
    warmupRequests: 150,
    thinkMs: 0,
    pacedRequests: 0,
  },
  process.env,
  (l) => console.log(l),
);
for (const [c, x] of Object.entries(r.channels))
  for (const [k, l] of Object.entries(x ?? {}))
    console.log(
      c,
      k,
      l.errors,
      JSON.stringify(l.errorKinds),
      l.latency.p50.toFixed(0),
      l.latency.p95.toFixed(0),
      l.answersPerS.toFixed(1),
      l.serverCpuMsPerAnswer?.toFixed(1),
    );
