/**
 * The shared server: /healthz against a real (embedded) PostgreSQL, /metrics counting every
 * channel through the metered Assistant, and graceful shutdown with a request in flight.
 */
import { Router } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWebChannel } from '../../adapters/web/index.ts';
import { silentLogger } from '../../src/kernel/log.ts';
import type { ChannelFactory } from '../../src/channels/channel.ts';
import { createServer, type KumppaniServer } from '../../src/server/app.ts';
import { openDatabase, type Database } from '../../src/store/db.ts';
import { indexStats } from '../../src/store/documents.ts';
import { createFakeAssistant, fakeIndexStats, testConfig, type FakeAssistant } from './fakes.ts';
import { MemoryChannelState } from '../helpers/channel-state.ts';

const ids = { conversationId: 'conv-0001-abcd', userId: 'user-0001-abcd' };

async function postJson(url: string, body: unknown) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: res.status === 204 ? undefined : await res.json() };
}

/** A channel like Telegram's: it calls the Assistant it was given, and counts nothing itself. */
const echoChannel: ChannelFactory = ({ assistant }) => {
  const router = Router();
  router.post('/', async (_req, res) => {
    const reply = await assistant.handle({
      channel: 'telegram',
      conversationId: 'c',
      userId: 'u',
      text: 'tuntematon asia',
      audience: 'public',
    });
    res.json({ answered: reply.answered });
  });
  return { name: 'telegram', mountPath: '/telegram/webhook', router, mode: 'webhook' };
};

describe('/healthz with a real database', () => {
  let db: Database;
  let server: KumppaniServer;
  let base: string;

  beforeAll(async () => {
    db = await openDatabase({ dataDir: 'memory' });
    server = await createServer({
      config: testConfig(),
      logger: silentLogger,
      state: new MemoryChannelState(),
      assistant: createFakeAssistant(),
      indexStats: () => indexStats(db.pool),
      channels: [createWebChannel],
    });
    base = (await server.start({ port: 0, host: '127.0.0.1' })).url;
  });

  afterAll(async () => {
    await server.stop();
    await db.close().catch(() => {});
  });

  it('reports ok, the index size and the channels while the database answers', async () => {
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({
      status: 'ok',
      database: 'ok',
      index: { documents: 0, activeDocuments: 0, chunks: 0 },
      channels: { web: 'page and API' },
    });
  });

  it('answers 503 once the database is gone', async () => {
    await db.close();
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ status: 'unavailable', database: 'unreachable' });
  });
});

describe('/metrics', () => {
  let server: KumppaniServer;
  let base: string;

  beforeAll(async () => {
    server = await createServer({
      config: testConfig(),
      logger: silentLogger,
      state: new MemoryChannelState(),
      assistant: createFakeAssistant(),
      indexStats: fakeIndexStats,
      channels: [echoChannel, createWebChannel],
    });
    base = (await server.start({ port: 0, host: '127.0.0.1' })).url;
  });
  afterAll(() => server.stop());

  it('counts requests, answers, unanswered questions, feedback and latency per channel', async () => {
    const answered = await postJson(`${base}/api/chat/turn`, { ...ids, text: 'Milloin avustusta haetaan?' });
    expect(answered.status).toBe(200);
    await postJson(`${base}/api/chat/turn`, { ...ids, text: 'Tuntematon asia' });
    await postJson(`${base}/api/chat/feedback`, {
      answerId: answered.body.reply.id,
      userId: ids.userId,
      vote: 'down',
    });
    expect((await postJson(`${base}/telegram/webhook`, {})).body).toEqual({ answered: false });

    const res = await fetch(`${base}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/plain/);
    const text = await res.text();
    const value = (name: string, labels: string) => {
      const line = text
        .split('\n')
        .find((l) => l.startsWith(`${name}{`) && labels.split(',').every((p) => l.includes(p)));
      return line ? Number(line.split(' ').pop()) : undefined;
    };
    expect(value('kumppani_answers_total', 'channel="web"')).toBe(1);
    expect(value('kumppani_unanswered_total', 'channel="web"')).toBe(1);
    expect(value('kumppani_unanswered_total', 'channel="telegram"')).toBe(1);
    expect(value('kumppani_turns_total', 'channel="web",kind="answer"')).toBe(2);
    expect(value('kumppani_feedback_total', 'channel="web",vote="down"')).toBe(1);
    expect(value('kumppani_reply_duration_seconds_count', 'channel="web",kind="answer"')).toBe(2);
    expect(value('kumppani_reply_duration_seconds_count', 'channel="telegram",kind="answer"')).toBe(1);
    expect(value('kumppani_http_requests_total', 'channel="web",method="POST",status="200"')).toBe(2);
    expect(value('kumppani_http_requests_total', 'channel="telegram",method="POST",status="200"')).toBe(1);
    expect(text).toContain('kumppani_process_cpu_seconds_total');
  });
});

describe('graceful shutdown', () => {
  it('stops taking connections, finishes the answer in flight, then stops the channels', async () => {
    const assistant: FakeAssistant = createFakeAssistant();
    let release!: () => void;
    assistant.gate = new Promise<void>((resolve) => (release = resolve));
    const stopped: string[] = [];
    const background: ChannelFactory = () => ({
      name: 'slack',
      mode: 'socket mode',
      async stop() {
        stopped.push('slack');
      },
    });
    const server = await createServer({
      config: testConfig(),
      logger: silentLogger,
      state: new MemoryChannelState(),
      assistant,
      indexStats: fakeIndexStats,
      channels: [background, createWebChannel],
    });
    const { url } = await server.start({ port: 0, host: '127.0.0.1' });

    const inFlight = postJson(`${url}/api/chat/turn`, { ...ids, text: 'Milloin avustusta haetaan?' });
    await expect.poll(() => assistant.turns.length).toBe(1);

    const stopping = server.stop();
    // The listening socket is closed at once: a new client is refused…
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
    // …while the question already being answered still gets its answer.
    release();
    const answered = await inFlight;
    expect(answered.status).toBe(200);
    expect(answered.body.reply.answered).toBe(true);
    await stopping;
    expect(stopped).toEqual(['slack']);
  });
});
