/**
 * End to end over HTTP, as users feel it: `kumppani serve` started as its own process on
 * 127.0.0.1 with a pre-built index, then questions sent the way each platform sends them (web
 * chat API, a Teams activity, a signed Slack event, a Telegram webhook update), the answer timed
 * until it reaches the platform's API (a local stub) or, for the web chat, the HTTP response.
 * At 1 and at N concurrent senders, with answers/s, errors counted by kind, the server's peak RSS
 * and the cold start to the first answer.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import { dialogue } from '../src/kernel/i18n/dialogue.ts';
import { slack } from '../src/kernel/i18n/slack.ts';
import { teams } from '../src/kernel/i18n/teams.ts';
import { telegram } from '../src/kernel/i18n/telegram.ts';
import { projectRoot } from '../src/kernel/paths.ts';
import type { BenchQuery } from './queries.ts';
import { rate, summarize, type LatencySummary } from './stats.ts';
import { SLACK_BOT_USER, startPlatformStub, type PlatformStub } from './stubs.ts';

// From the root, not this module: the same whether run from the sources or from dist/.
const ROOT = projectRoot();
const SLACK_SECRET = 'bench-signing-secret';
const TELEGRAM_TOKEN = '7000001:bench-token';
const TELEGRAM_SECRET = 'bench_webhook_secret';
/** An answer slower than this counts as an error (timeout). */
const ANSWER_TIMEOUT_MS = 30_000;
const COLD_START_LIMIT_MS = 300_000;

export type ChannelName = 'web' | 'teams' | 'slack' | 'telegram';
export const CHANNELS: ChannelName[] = ['web', 'teams', 'slack', 'telegram'];

export interface LoadResult {
  senders: number;
  /**
   * Mean pause of each sender between an answer and its next question, ms; absent (0) in the
   * closed loop, where every sender asks again at once (the target's definition).
   */
  thinkMs?: number;
  /** CPU time the server process used per answer, ms (Linux; NaN elsewhere). */
  serverCpuMsPerAnswer?: number;
  /** Cores the server kept busy on average (1.0 = one core flat out). */
  serverCores?: number;
  requests: number;
  ok: number;
  errors: number;
  /** Error kinds and how many: `http 500`, `timeout`, `error reply`, `network`. */
  errorKinds: Record<string, number>;
  seconds: number;
  answersPerS: number;
  latency: LatencySummary;
}

export interface HttpResult {
  coldStart: { firstAnswerMs: number; listeningMs: number };
  channels: Partial<Record<ChannelName, Record<string, LoadResult>>>;
  serverPeakRssMb: number;
  stubCalls: Record<string, number>;
}

export interface HttpBudget {
  /** Requests sent by a single sender, per channel. */
  singleRequests: number;
  /** Concurrent senders for the load step. */
  senders: number;
  /** Requests in the load step, per channel. */
  loadRequests: number;
  /** Unmeasured requests before the first channel, at most the number of questions. */
  warmupRequests: number;
  /**
   * Besides the closed loop: the same senders as people ask, pausing about this long (ms) between
   * an answer and the next question (0 = not measured)…
   */
  thinkMs: number;
  /** …for this many requests per channel. */
  pacedRequests: number;
}

/** Texts the server sends when answering failed (any channel, any language). */
const ERROR_TEXTS = [
  ...Object.values(dialogue).map((s) => s['dialogue.error']),
  ...Object.values(slack).map((s) => s['slack.error']),
  ...Object.values(teams).map((s) => s['teams.error']),
  ...Object.values(telegram).map((s) => s['telegram.error']),
  ...Object.values(telegram).map((s) => s['telegram.rateLimited']),
].filter((s): s is string => typeof s === 'string' && s.length > 0);

/** True when an answer text is one of the server's failure notices. */
export function isErrorReply(text: string): boolean {
  return ERROR_TEXTS.some((e) => text.includes(e.slice(0, 40)));
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** CPU time (user + system) a process has used, ms (Linux /proc); NaN elsewhere. */
export function cpuMsOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15)
    return (ticks * 1000) / CLOCK_TICKS;
  } catch {
    return NaN;
  }
}

/** USER_HZ: 100 on every mainstream Linux. */
const CLOCK_TICKS = 100;

/** Peak resident memory of a process (Linux VmHWM), MB; NaN where /proc is not available. */
export function peakRssMbOf(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const m = /VmHWM:\s+(\d+)\s+kB/.exec(status);
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

interface Sender {
  /** Sends one question; resolves with the answer text or throws a classified error. */
  ask(text: string): Promise<string>;
}

class SendError extends Error {
  constructor(readonly kind: string) {
    super(kind);
  }
}

async function post(url: string, body: string, headers: Record<string, string>): Promise<Response> {
  try {
    return await fetch(url, {
      method: 'POST',
      headers,
      body,
      signal: AbortSignal.timeout(ANSWER_TIMEOUT_MS),
    });
  } catch (err) {
    throw new SendError((err as Error).name === 'TimeoutError' ? 'timeout' : 'network');
  }
}

async function expectOk(res: Response): Promise<void> {
  if (!res.ok) {
    await res.text().catch(() => '');
    throw new SendError(`http ${res.status}`);
  }
  await res.arrayBuffer().catch(() => undefined);
}

let uniq = 0;
const next = () => ++uniq;

/** One simulated user per channel; `id` keeps users apart (their own conversation/chat). */
function makeSender(channel: ChannelName, base: string, stub: PlatformStub, id: number): Sender {
  switch (channel) {
    case 'web': {
      const conversationId = randomUUID();
      const userId = randomUUID();
      return {
        async ask(text) {
          const res = await post(`${base}/api/chat/turn`, JSON.stringify({ conversationId, userId, text }), {
            'content-type': 'application/json',
          });
          if (!res.ok) {
            await res.text().catch(() => '');
            throw new SendError(`http ${res.status}`);
          }
          const body = (await res.json()) as { reply?: { text?: string } };
          return body.reply?.text ?? '';
        },
      };
    }
    case 'teams':
      return {
        async ask(text) {
          const activityId = `bench-${id}-${next()}`;
          const answer = stub.expect(`teams:${activityId}`, ANSWER_TIMEOUT_MS);
          answer.catch(() => {});
          const res = await post(
            `${base}/api/messages`,
            JSON.stringify({
              type: 'message',
              id: activityId,
              timestamp: new Date().toISOString(),
              channelId: 'msteams',
              serviceUrl: stub.teamsServiceUrl,
              from: { id: `29:bench-user-${id}`, name: `Bench ${id}`, aadObjectId: `aad-bench-${id}` },
              recipient: { id: '28:kumppani-bench', name: 'Kumppani' },
              conversation: { id: `a:bench-${id}`, conversationType: 'personal', tenantId: 'tenant-bench' },
              channelData: { tenant: { id: 'tenant-bench' } },
              locale: 'fi-FI',
              text,
            }),
            { 'content-type': 'application/json' },
          );
          await expectOk(res);
          try {
            return await answer;
          } catch {
            throw new SendError('timeout');
          }
        },
      };
    case 'slack':
      return {
        async ask(text) {
          const n = next();
          const ts = `${1_700_000_000 + n}.${String(id).padStart(6, '0')}`;
          const answer = stub.expect(`slack:${ts}`, ANSWER_TIMEOUT_MS);
          answer.catch(() => {});
          const body = JSON.stringify({
            token: 'legacy',
            team_id: 'TBENCH',
            api_app_id: 'ABENCH',
            type: 'event_callback',
            event_id: `EvBench${id}x${n}`,
            event_time: Math.floor(Date.now() / 1000),
            authorizations: [{ team_id: 'TBENCH', user_id: SLACK_BOT_USER, is_bot: true }],
            event: {
              type: 'app_mention',
              user: `UBENCH${id}`,
              text: `<@${SLACK_BOT_USER}> ${text}`,
              ts,
              channel: `CBENCH${id}`,
            },
          });
          const timestamp = Math.floor(Date.now() / 1000);
          const signature = `v0=${createHmac('sha256', SLACK_SECRET).update(`v0:${timestamp}:${body}`).digest('hex')}`;
          const res = await post(`${base}/slack/events`, body, {
            'content-type': 'application/json',
            'x-slack-request-timestamp': String(timestamp),
            'x-slack-signature': signature,
          });
          await expectOk(res);
          try {
            return await answer;
          } catch {
            throw new SendError('timeout');
          }
        },
      };
    case 'telegram': {
      const chatId = 5_000_000 + id;
      return {
        async ask(text) {
          const n = next();
          // A command (/kunta X) is answered in the chat without replying to the message.
          const key = text.startsWith('/') ? `telegram:${chatId}:chat` : `telegram:${chatId}:${n}`;
          const answer = stub.expect(key, ANSWER_TIMEOUT_MS);
          answer.catch(() => {});
          const res = await post(
            `${base}/telegram/webhook`,
            JSON.stringify({
              update_id: n,
              message: {
                message_id: n,
                date: Math.floor(Date.now() / 1000),
                chat: { id: chatId, type: 'private', first_name: 'Bench' },
                from: { id: chatId, is_bot: false, first_name: 'Bench', language_code: 'fi' },
                text,
              },
            }),
            { 'content-type': 'application/json', 'X-Telegram-Bot-Api-Secret-Token': TELEGRAM_SECRET },
          );
          await expectOk(res);
          try {
            return await answer;
          } catch {
            throw new SendError('timeout');
          }
        },
      };
    }
  }
}

/** `requests` questions from `senders` concurrent users, each waiting for its answer before the next. */
export async function load(
  channel: ChannelName,
  base: string,
  stub: PlatformStub,
  questions: BenchQuery[],
  senders: number,
  requests: number,
  firstSender: number,
  offset = 0,
  municipalities: string[] = [],
  thinkMs = 0,
): Promise<LoadResult> {
  const latencies: number[] = [];
  const errorKinds: Record<string, number> = {};
  let issued = 0;
  let ok = 0;
  const senderList = Array.from({ length: senders }, (_, s) =>
    makeSender(channel, base, stub, firstSender + s),
  );
  // Every other user (the lone sender too) has chosen a municipality first (the web chat's
  // selector, "/kunta X"), as people do who use the bot more than once; the others ask straight
  // away, so their questions search every municipality unless they name one. Not timed.
  await Promise.all(
    senderList.map(async (sender, s) => {
      const id = firstSender + s;
      if (s % 2 !== 0 || municipalities.length === 0) return;
      try {
        await sender.ask(`/kunta ${municipalities[(id * 31) % municipalities.length]}`);
      } catch (err) {
        const kind = `municipality choice: ${err instanceof SendError ? err.kind : 'bench failure'}`;
        errorKinds[kind] = (errorKinds[kind] ?? 0) + 1;
      }
    }),
  );
  const started = performance.now();
  // Pauses between 0.5 and 1.5 times thinkMs, spread but the same from run to run; with a pause,
  // senders also start spread over one pause instead of all at once.
  const pause = (k: number) =>
    thinkMs ? new Promise((r) => setTimeout(r, thinkMs * (0.5 + ((k * 0.618034) % 1)))) : undefined;
  const worker = async (s: number) => {
    const sender = senderList[s]!;
    if (thinkMs) await new Promise((r) => setTimeout(r, (thinkMs * s) / senders));
    for (let mine = 0; ; mine++) {
      if (mine > 0) await pause(s * 131 + mine);
      const i = issued++;
      if (i >= requests) return;
      const q = questions[(offset + i * 7 + s) % questions.length]!;
      const t0 = performance.now();
      try {
        const text = await sender.ask(q.text);
        const ms = performance.now() - t0;
        if (isErrorReply(text)) errorKinds['error reply'] = (errorKinds['error reply'] ?? 0) + 1;
        else if (!text.trim()) errorKinds['empty reply'] = (errorKinds['empty reply'] ?? 0) + 1;
        else {
          ok++;
          latencies.push(ms);
        }
      } catch (err) {
        const kind = err instanceof SendError ? err.kind : 'bench failure';
        errorKinds[kind] = (errorKinds[kind] ?? 0) + 1;
      }
    }
  };
  await Promise.all(Array.from({ length: senders }, (_, s) => worker(s)));
  const ms = performance.now() - started;
  const errors = Object.values(errorKinds).reduce((a, b) => a + b, 0);
  return {
    senders,
    ...(thinkMs ? { thinkMs } : {}),
    requests,
    ok,
    errors,
    errorKinds,
    seconds: ms / 1000,
    answersPerS: rate(ok, ms),
    latency: summarize(latencies),
  };
}

/** Adds the server's CPU use during `run` to its result. */
async function withCpu(pid: number, run: () => Promise<LoadResult>): Promise<LoadResult> {
  const cpu0 = cpuMsOf(pid);
  const r = await run();
  const cpu = cpuMsOf(pid) - cpu0;
  return { ...r, serverCpuMsPerAnswer: r.ok ? cpu / r.ok : NaN, serverCores: cpu / (r.seconds * 1000) };
}

export interface ServerEnv {
  /** KUMPPANI_DATA_DIR of the pre-built index (ignored with DATABASE_URL). */
  dataDir: string;
  /** DATABASE_URL, when the suite runs against a PostgreSQL server. */
  databaseUrl?: string;
  /** Extra Node options for the server (e.g. `--cpu-prof` in a probe of where its time goes). */
  nodeArgs?: string[];
}

export interface ServerProcess {
  child: ChildProcess;
  base: string;
  stderr: () => string;
  stop(): Promise<void>;
}

/**
 * Starts `node bin/kumppani.js serve` on a free port with every channel pointed at the stub.
 * The child gets the caller's environment plus these variables (a child process is configured
 * through its environment; the bench itself reads configuration only through src/config.ts).
 */
export async function startServer(
  env: ServerEnv,
  stub: PlatformStub,
  inherited: NodeJS.ProcessEnv,
): Promise<ServerProcess & { spawnedAt: number; port: number }> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const childEnv: NodeJS.ProcessEnv = {
    ...inherited,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    KUMPPANI_DATA_DIR: env.dataDir,
    KUMPPANI_AUTO_INGEST: 'false',
    KUMPPANI_RATE_LIMIT_PER_MINUTE: '10000',
    WEB_RATE_LIMIT_PER_MINUTE: '100000',
    TEAMS_ALLOW_UNAUTHENTICATED: 'true',
    MicrosoftAppId: '',
    MicrosoftAppPassword: '',
    SLACK_SIGNING_SECRET: SLACK_SECRET,
    SLACK_BOT_TOKEN: 'xoxb-bench',
    SLACK_APP_TOKEN: '',
    SLACK_API_URL: stub.slackApiUrl,
    TELEGRAM_BOT_TOKEN: TELEGRAM_TOKEN,
    TELEGRAM_API_ROOT: stub.telegramApiRoot,
    TELEGRAM_WEBHOOK_URL: `${base}/telegram/webhook`,
    TELEGRAM_WEBHOOK_SECRET: TELEGRAM_SECRET,
    KUMPPANI_ANSWER_MODE: 'extractive',
  };
  if (env.databaseUrl) childEnv.DATABASE_URL = env.databaseUrl;
  else delete childEnv.DATABASE_URL;
  const spawnedAt = performance.now();
  const child = spawn(process.execPath, [...(env.nodeArgs ?? []), join(ROOT, 'bin/kumppani.js'), 'serve'], {
    cwd: ROOT,
    env: childEnv,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  child.stderr?.on('data', (d: Buffer) => {
    err = (err + d.toString('utf8')).slice(-20_000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    base,
    port,
    spawnedAt,
    stderr: () => err,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Time from spawn until the server listens (`/healthz` answers) and until the first web answer. */
export async function coldStart(
  server: ServerProcess & { spawnedAt: number },
  question: string,
): Promise<HttpResult['coldStart']> {
  let listeningMs = NaN;
  const until = server.spawnedAt + COLD_START_LIMIT_MS;
  const body = JSON.stringify({ conversationId: randomUUID(), userId: randomUUID(), text: question });
  for (;;) {
    if (server.child.exitCode !== null)
      throw new Error(
        `the server exited during start-up (code ${server.child.exitCode}): ${server.stderr().slice(-2000)}`,
      );
    if (performance.now() > until)
      throw new Error(`no answer within ${COLD_START_LIMIT_MS / 1000} s of starting the server`);
    try {
      const res = await fetch(`${server.base}/api/chat/turn`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
        signal: AbortSignal.timeout(ANSWER_TIMEOUT_MS),
      });
      if (Number.isNaN(listeningMs)) listeningMs = performance.now() - server.spawnedAt;
      if (res.ok) {
        const json = (await res.json()) as { reply?: { text?: string } };
        if (json.reply?.text) return { firstAnswerMs: performance.now() - server.spawnedAt, listeningMs };
      } else await res.text().catch(() => '');
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function measureHttp(
  env: ServerEnv,
  questions: BenchQuery[],
  municipalities: string[],
  budget: HttpBudget,
  inherited: NodeJS.ProcessEnv,
  log: (line: string) => void,
): Promise<HttpResult> {
  const stub = await startPlatformStub();
  const server = await startServer(env, stub, inherited);
  try {
    const cold = await coldStart(server, questions[0]!.text);
    log(
      `    cold start: listening after ${(cold.listeningMs / 1000).toFixed(1)} s, first answer after ${(cold.firstAnswerMs / 1000).toFixed(1)} s`,
    );
    const channels: HttpResult['channels'] = {};
    let senderBase = 1;
    // Warm-up, not measured: the question set once through the web chat (so that no channel
    // profits from caches filled by the one measured before it), then a few on each channel to
    // load its code paths.
    await load(
      'web',
      server.base,
      stub,
      questions,
      4,
      Math.min(questions.length, budget.warmupRequests),
      senderBase,
    );
    senderBase += 4;
    for (const channel of CHANNELS) {
      await load(channel, server.base, stub, questions, 2, 4, senderBase, 1);
      senderBase += 2;
    }
    for (const channel of CHANNELS) {
      // Every channel asks the same questions in the same order: a question without a
      // municipality costs far more than one with, so different questions would make channels
      // incomparable. The warm-up above filled the caches for all of them alike.
      const offset = 0;
      const pid = server.child.pid!;
      const single = await withCpu(pid, () =>
        load(
          channel,
          server.base,
          stub,
          questions,
          1,
          budget.singleRequests,
          senderBase,
          offset,
          municipalities,
        ),
      );
      senderBase += 1;
      const many = await withCpu(pid, () =>
        load(
          channel,
          server.base,
          stub,
          questions,
          budget.senders,
          budget.loadRequests,
          senderBase,
          offset + 13,
          municipalities,
        ),
      );
      senderBase += budget.senders;
      channels[channel] = { c1: single, [`c${budget.senders}`]: many };
      log(
        `    ${channel.padEnd(8)} 1 sender p95 ${single.latency.p95.toFixed(0)} ms, ${single.answersPerS.toFixed(1)}/s; ` +
          `${budget.senders} senders p50 ${many.latency.p50.toFixed(0)} ms p95 ${many.latency.p95.toFixed(0)} ms, ${many.answersPerS.toFixed(1)}/s, errors ${single.errors + many.errors}; ` +
          `server ${many.serverCpuMsPerAnswer?.toFixed(0)} ms CPU/answer, ${many.serverCores?.toFixed(2)} cores busy`,
      );
      if (budget.thinkMs > 0 && budget.pacedRequests > 0) {
        const paced = await withCpu(pid, () =>
          load(
            channel,
            server.base,
            stub,
            questions,
            budget.senders,
            budget.pacedRequests,
            senderBase,
            offset + 29,
            municipalities,
            budget.thinkMs,
          ),
        );
        senderBase += budget.senders;
        channels[channel]![`think${budget.senders}`] = paced;
        log(
          `    ${channel.padEnd(8)} ${budget.senders} senders pausing ~${(budget.thinkMs / 1000).toFixed(0)} s: p50 ${paced.latency.p50.toFixed(0)} ms p95 ${paced.latency.p95.toFixed(0)} ms, ${paced.answersPerS.toFixed(1)}/s, errors ${paced.errors}`,
        );
      }
    }
    const serverPeakRssMb = peakRssMbOf(server.child.pid!);
    return { coldStart: cold, channels, serverPeakRssMb, stubCalls: { ...stub.counts } };
  } finally {
    await server.stop();
    await stub.close();
  }
}
