/**
 * The round-robin proxy of the replica bench (bench/proxy.ts): requests alternate between the
 * replicas, and what reaches a replica and what comes back is what was sent, unchanged.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRoundRobinProxy, type RoundRobinProxy } from '../../bench/proxy.ts';

interface Seen {
  method: string;
  url: string;
  header: string | undefined;
  body: string;
}

/** A replica stand-in that records what it got and answers with its name, the body back and a status. */
async function replica(name: string, seen: Seen[]): Promise<{ url: string; server: http.Server }> {
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    seen.push({ method: req.method!, url: req.url!, header: req.headers['x-bench'] as string, body });
    const status = req.url === '/missing' ? 404 : 200;
    res.writeHead(status, { 'content-type': 'application/json', 'x-replica': name });
    res.end(JSON.stringify({ replica: name, echo: body }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

describe('round-robin proxy', () => {
  const seenA: Seen[] = [];
  const seenB: Seen[] = [];
  let a: Awaited<ReturnType<typeof replica>>;
  let b: Awaited<ReturnType<typeof replica>>;
  let proxy: RoundRobinProxy;

  beforeAll(async () => {
    a = await replica('a', seenA);
    b = await replica('b', seenB);
    proxy = await startRoundRobinProxy([a.url, b.url]);
  });
  afterAll(async () => {
    await proxy.close();
    await new Promise((r) => a.server.close(r));
    await new Promise((r) => b.server.close(r));
  });

  it('listens on 127.0.0.1 only', () => {
    expect(new URL(proxy.url).hostname).toBe('127.0.0.1');
  });

  it('sends each request to the next replica in turn', async () => {
    const served: string[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await fetch(`${proxy.url}/api/chat/turn`, { method: 'POST', body: `q${i}` });
      served.push(res.headers.get('x-replica')!);
      await res.arrayBuffer();
    }
    expect(served).toEqual(['a', 'b', 'a', 'b']);
    expect(proxy.forwarded).toEqual([2, 2]);
  });

  it("forwards method, path with query, headers and body, and returns the replica's status, headers and body", async () => {
    seenA.length = 0;
    seenB.length = 0;
    const body = JSON.stringify({ text: 'Saako yhdistys käyttää koulun salia maksutta?' });
    const res = await fetch(`${proxy.url}/api/chat/turn?lang=fi`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-bench': 'kept' },
      body,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(await res.json()).toEqual({ replica: 'a', echo: body });
    expect(seenA).toEqual([{ method: 'POST', url: '/api/chat/turn?lang=fi', header: 'kept', body }]);

    const missing = await fetch(`${proxy.url}/missing`);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { replica: string }).replica).toBe('b');
    expect(seenB.map((s) => [s.method, s.url])).toEqual([['GET', '/missing']]);
  });

  it('answers 502 when a replica is down, and the next request reaches the live one', async () => {
    const dead = await replica('dead', []);
    await new Promise((r) => dead.server.close(r));
    const partial = await startRoundRobinProxy([dead.url, a.url]);
    try {
      const first = await fetch(`${partial.url}/x`);
      expect(first.status).toBe(502);
      await first.arrayBuffer();
      const second = await fetch(`${partial.url}/x`);
      expect(second.status).toBe(200);
      expect(second.headers.get('x-replica')).toBe('a');
      await second.arrayBuffer();
      expect(partial.failures).toEqual({ ECONNREFUSED: 1 });
    } finally {
      await partial.close();
    }
  });
});
