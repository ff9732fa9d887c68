/**
 * Probe: CPU per extractive answer in-process (`answerer.ask`) on a kept index, the bench's
 * question mix asked once to warm up and then measured; run under `--cpu-prof` to see where it
 * goes, PROFILE=FILE writes a CPU profile of the measured pass alone (not the start or the warm-up;
 * summarise with cpuprofile-summary.py):
 *
 *   KUMPPANI_DATA_DIR=/tmp/kumppani-bench-10000-XXXX/data PROFILE=/tmp/answer.cpuprofile \
 *     npx tsx bench/probes/answer-cpu.ts [questions]
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { loadConfig } from '../../src/config.ts';
import { createServices } from '../../src/app.ts';
import { EVAL_FILE } from '../run.ts';
import { queriesForIndex } from '../queries.ts';

const n = Number(process.argv[2] ?? 300);
const services = await createServices(loadConfig());
const qs = (await queriesForIndex(services.db.pool, { evalFile: EVAL_FILE, seed: 1, generated: 1000 })).slice(
  0,
  n,
);
const ask = async () => {
  for (const q of qs)
    await services.answerer.ask(q.text, {
      audience: 'public',
      municipality: q.municipality,
      language: q.language,
    });
};
await ask();
const session = process.env.PROFILE ? new Session() : undefined;
if (session) {
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
}
const c0 = process.cpuUsage();
const t0 = performance.now();
await ask();
const wall = performance.now() - t0;
const cpu = process.cpuUsage(c0);
if (session) {
  const { profile } = await session.post('Profiler.stop');
  writeFileSync(process.env.PROFILE!, JSON.stringify(profile));
}
console.log(
  `${qs.length} answers: CPU ${((cpu.user + cpu.system) / 1000 / qs.length).toFixed(2)} ms per answer, wall ${(wall / qs.length).toFixed(2)} ms`,
);
await services.close();
