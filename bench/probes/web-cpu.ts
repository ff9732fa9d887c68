/**
 * Probe: the server's CPU per web answer at 50 closed-loop senders, as `npm run bench` measures it
 * (bench/http.ts: `kumppani serve` on a kept index, the bench's HTTP question mix, every other
 * sender with a municipality chosen), the web channel only, in several rounds so that a busy
 * neighbour shows as spread. With PROFILE=DIR the server runs under `--cpu-prof` (summarise with
 * bench/probes/cpuprofile-summary.py). Run it on a copy of the kept data directory.
 *
 *   npx tsx bench/probes/web-cpu.ts /tmp/kumppani-bench-10000-XXXX [rounds] [requests]
 */
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { cpuMsOf, load, startServer, coldStart } from '../http.ts';
import { buildQueries } from '../queries.ts';
import { makeTown } from '../towns.ts';
import { EVAL_FILE } from '../run.ts';
import { startPlatformStub } from '../stubs.ts';

const root = process.argv[2]!;
const rounds = Number(process.argv[3] ?? 3);
const requests = Number(process.argv[4] ?? 400);
// The 10k corpus of seed 1 has 85 municipalities (TOWNS= for another scale).
const towns = Array.from({ length: Number(process.env.TOWNS ?? 85) }, (_, i) => makeTown(1, i));
// As bench/run.ts builds the HTTP questions: seed + 1, 600 generated (a full run).
const qs = buildQueries({ evalFile: EVAL_FILE, towns, seed: 2, generated: 600 });
const names = towns.map((t) => t.name);
const stub = await startPlatformStub();
const profile = process.env.PROFILE;
const server = await startServer(
  {
    dataDir: join(root, 'data'),
    nodeArgs: profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : [],
  },
  stub,
  process.env,
);
try {
  await coldStart(server, qs[0]!.text);
  await load('web', server.base, stub, qs, 4, Math.min(qs.length, 600), 1);
  const pid = server.child.pid!;
  let sender = 100;
  for (let r = 0; r < rounds; r++) {
    const l0 = loadavg()[0]!;
    const c0 = cpuMsOf(pid);
    const res = await load('web', server.base, stub, qs, 50, requests, sender, 0, names);
    const cpu = cpuMsOf(pid) - c0;
    sender += 50;
    console.log(
      `round ${r + 1}: ${res.ok} answers, ${res.errors} errors, ${(cpu / res.ok).toFixed(1)} ms CPU/answer, ${res.answersPerS.toFixed(1)}/s, p50 ${res.latency.p50.toFixed(0)} ms; load ${l0.toFixed(1)} → ${loadavg()[0]!.toFixed(1)}`,
    );
  }
} finally {
  await server.stop();
  await stub.close();
}
