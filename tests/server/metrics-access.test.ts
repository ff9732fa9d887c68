/**
 * `/metrics` is not open to the world: with KUMPPANI_METRICS_TOKEN it wants that bearer token,
 * without one it answers only clients on this machine. "Remote" clients are made with
 * X-Forwarded-For through a trusted proxy setting, as a reverse proxy would send them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/kernel/log.ts';
import { createServer, type KumppaniServer } from '../../src/server/app.ts';
import { createFakeAssistant, fakeIndexStats, testConfig } from './fakes.ts';
import { MemoryChannelState } from '../helpers/channel-state.ts';

const REMOTE = { 'X-Forwarded-For': '203.0.113.7' };

async function startServer(env: Record<string, string>): Promise<{ server: KumppaniServer; base: string }> {
  const server = await createServer({
    config: testConfig(env),
    logger: silentLogger,
    state: new MemoryChannelState(),
    assistant: createFakeAssistant(),
    indexStats: fakeIndexStats,
    channels: [],
  });
  const { url } = await server.start({ port: 0, host: '127.0.0.1' });
  return { server, base: url };
}

/** Starts a server with `env` around the enclosing describe block; gives its base URL. */
function serverWith(env: Record<string, string>): () => string {
  let running: { server: KumppaniServer; base: string } | undefined;
  beforeAll(async () => {
    running = await startServer(env);
  });
  afterAll(() => running?.server.stop());
  return () => running!.base;
}

async function status(url: string, headers: Record<string, string> = {}): Promise<number> {
  const res = await fetch(url, { headers });
  await res.arrayBuffer();
  return res.status;
}

describe('/metrics without a token', () => {
  const base = serverWith({ KUMPPANI_TRUST_PROXY: 'loopback' });

  it('answers a client on this machine', async () => {
    const res = await fetch(`${base()}/metrics`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('kumppani_http_requests_total');
  });

  it('refuses a remote client', async () => {
    const res = await fetch(`${base()}/metrics`, { headers: REMOTE });
    expect(res.status).toBe(403);
    expect((await res.json()).error).toContain('KUMPPANI_METRICS_TOKEN');
  });
});

describe('/metrics behind a proxy the server does not trust', () => {
  const base = serverWith({});

  it('refuses forwarded requests, whose socket address is only the proxy’s', async () => {
    expect(await status(`${base()}/metrics`, REMOTE)).toBe(403);
    expect(await status(`${base()}/metrics`, { Forwarded: 'for=203.0.113.7' })).toBe(403);
    expect(await status(`${base()}/metrics`)).toBe(200);
  });
});

describe('/metrics with a token', () => {
  const base = serverWith({ KUMPPANI_TRUST_PROXY: 'loopback', KUMPPANI_METRICS_TOKEN: 's3cret-token' });

  it('answers a remote client that sends it', async () => {
    expect(await status(`${base()}/metrics`, { ...REMOTE, Authorization: 'Bearer s3cret-token' })).toBe(200);
  });

  it('refuses without it or with another, even from this machine', async () => {
    const res = await fetch(`${base()}/metrics`, { headers: REMOTE });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
    await res.arrayBuffer();
    expect(await status(`${base()}/metrics`, { Authorization: 'Bearer wrong' })).toBe(401);
    expect(await status(`${base()}/metrics`)).toBe(401);
  });
});

describe('/metrics when every proxy is trusted (KUMPPANI_TRUST_PROXY=true)', () => {
  const base = serverWith({ KUMPPANI_TRUST_PROXY: 'true' });

  it('does not believe a forwarded 127.0.0.1', async () => {
    expect(await status(`${base()}/metrics`, { 'X-Forwarded-For': '127.0.0.1' })).toBe(403);
    expect(await status(`${base()}/metrics`)).toBe(200);
  });
});
