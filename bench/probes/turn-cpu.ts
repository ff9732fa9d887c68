/**
 * Probe: CPU per dialogue turn in-process (`assistant.handle`: session, search, extractive answer,
 * the turn's writes) on a kept index, the bench's question mix in conversations of five as in
 * bench/dialogue.ts, asked once to warm up and then measured; with the SQL statements per turn.
 * The process's CPU includes the embedded database's, so this is the server's CPU per web answer
 * without HTTP and the channel adapter.
 *
 *   KUMPPANI_DATA_DIR=/tmp/kumppani-bench-10000-XXXX/data npx tsx bench/probes/turn-cpu.ts [questions]
 */
import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { loadConfig } from '../../src/config.ts';
import { createServices } from '../../src/app.ts';
import { EVAL_FILE } from '../run.ts';
import { queriesForIndex } from '../queries.ts';
import { newCounter, withSqlCounter } from '../dialogue.ts';

const n = Number(process.argv[2] ?? 300);
const services = await createServices(loadConfig());
const qs = (await queriesForIndex(services.db.pool, { evalFile: EVAL_FILE, seed: 1, generated: 1000 })).slice(
  0,
  n,
);
const counter = newCounter();
const turns = async () => {
  let conversation = '';
  for (const [i, q] of qs.entries()) {
    if (i % 5 === 0) conversation = randomUUID();
    await services.assistant.handle({
      channel: 'web',
      conversationId: conversation,
      userId: conversation,
      text: q.text,
      audience: 'public',
    });
  }
};
await turns();
const load0 = loadavg()[0]!;
const c0 = process.cpuUsage();
const t0 = performance.now();
await withSqlCounter(services.db.pool, counter, turns);
const wall = performance.now() - t0;
const cpu = process.cpuUsage(c0);
console.log(
  `${qs.length} turns: CPU ${((cpu.user + cpu.system) / 1000 / qs.length).toFixed(2)} ms per turn, wall ${(wall / qs.length).toFixed(2)} ms, ${(counter.calls / qs.length).toFixed(2)} statements per turn; load ${load0.toFixed(1)} → ${loadavg()[0]!.toFixed(1)}`,
);

for (const [sql, v] of [...counter.bySql.entries()].sort((a, b) => b[1].ms - a[1].ms).slice(0, 5))
  console.log(`  ${(v.ms / v.calls).toFixed(2)} ms × ${v.calls}  ${sql}`);
await services.close();
