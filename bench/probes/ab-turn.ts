/**
 * Probe: CPU per dialogue turn in-process (`assistant.handle`, as bench/probes/turn-cpu.ts: session
 * read, search, extractive answer, the turn's record) of two versions in one process, interleaved:
 * A is another checkout's services (BASE=/path/to/checkout) on one copy of a kept index, B this
 * checkout's on a second copy; each turn goes to A and B in turn (the order alternating), so that a
 * busy neighbour slows both alike. The process's CPU includes each embedded database's. Also
 * checks that both give the same reply texts.
 *
 *   BASE=/work/wt/perfbase npx tsx bench/probes/ab-turn.ts /tmp/copy-a /tmp/copy-b [turns] [rounds]
 */
import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as mineApp from '../../src/app.ts';
import * as mineConfig from '../../src/config.ts';
import { EVAL_FILE } from '../run.ts';
import { queriesForIndex } from '../queries.ts';

const [dirA, dirB, n = '300', roundsArg = '2'] = process.argv.slice(2);
const base = resolve(process.env.BASE ?? '.');
const theirApp: typeof mineApp = await import(pathToFileURL(join(base, 'src/app.ts')).href);
const theirConfig: typeof mineConfig = await import(pathToFileURL(join(base, 'src/config.ts')).href);
const open = async (app: typeof mineApp, config: typeof mineConfig, dir: string) => {
  process.env.KUMPPANI_DATA_DIR = join(dir, 'data');
  process.env.KUMPPANI_AUTO_INGEST = 'false';
  return app.createServices(config.loadConfig());
};
const a = await open(theirApp, theirConfig, dirA!);
const b = await open(mineApp, mineConfig, dirB!);
const qs = (await queriesForIndex(b.db.pool, { evalFile: EVAL_FILE, seed: 1, generated: 1000 })).slice(
  0,
  Number(n),
);
const conversations = qs.map((_, i) => (i % 5 === 0 ? randomUUID() : ''));
for (let i = 0; i < conversations.length; i++) conversations[i] ||= conversations[i - 1]!;
const turn = (s: typeof a, i: number, round: number) =>
  s.assistant.handle({
    channel: 'web',
    conversationId: `${conversations[i]}-${round}`,
    userId: conversations[i]!,
    text: qs[i]!.text,
    audience: 'public',
  });
let differ = 0;
for (let i = 0; i < qs.length; i++) {
  const [x, y] = [await turn(a, i, -1), await turn(b, i, -1)];
  if (x.text.replace(/[0-9a-f-]{36}/g, '') !== y.text.replace(/[0-9a-f-]{36}/g, '')) differ++;
}
const cpu = { a: 0, b: 0 };
const time = async (k: 'a' | 'b', i: number, r: number) => {
  const c0 = process.cpuUsage();
  await turn(k === 'a' ? a : b, i, r);
  const c = process.cpuUsage(c0);
  cpu[k] += (c.user + c.system) / 1000;
};
const load0 = loadavg()[0]!;
const rounds = Number(roundsArg);
for (let r = 0; r < rounds; r++)
  for (let i = 0; i < qs.length; i++) {
    const first = (i + r) % 2 ? 'a' : 'b';
    await time(first, i, r);
    await time(first === 'a' ? 'b' : 'a', i, r);
  }
const per = (x: number) => (x / qs.length / rounds).toFixed(2);
console.log(
  `${qs.length} turns × ${rounds}: A ${per(cpu.a)} ms CPU per turn, B ${per(cpu.b)} ms (B/A ${(cpu.b / cpu.a).toFixed(3)}); replies differ for ${differ}; load ${load0.toFixed(1)} → ${loadavg()[0]!.toFixed(1)}`,
);
await a.close();
await b.close();
