/**
 * A Bot Connector stand-in on 127.0.0.1: records what the bot posts (replies, typing) and updates
 * (card redraws), and answers like the real service (`{ id }`), so the real CloudAdapter can talk
 * to it over HTTP.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedActivity {
  method: 'POST' | 'PUT';
  conversationId: string;
  /** For PUT: the activity updated. For POST to `/activities/:id`: the activity replied to. */
  activityId?: string;
  authorization?: string;
  activity: Record<string, unknown> & {
    type?: string;
    attachments?: Array<{ contentType: string; content: Record<string, unknown> }>;
  };
}

export interface ConnectorStub {
  url: string;
  calls: RecordedActivity[];
  posted(): RecordedActivity[];
  updated(): RecordedActivity[];
  reset(): void;
  close(): Promise<void>;
}

export async function startConnectorStub(): Promise<ConnectorStub> {
  const calls: RecordedActivity[] = [];
  let n = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://stub');
      const m = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(url.pathname);
      if (!m || (req.method !== 'POST' && req.method !== 'PUT')) {
        res
          .writeHead(404, { 'Content-Type': 'application/json' })
          .end(JSON.stringify({ error: { code: 'NotFound' } }));
        return;
      }
      const body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {};
      calls.push({
        method: req.method as 'POST' | 'PUT',
        conversationId: decodeURIComponent(m[1]!),
        activityId: m[2] ? decodeURIComponent(m[2]) : undefined,
        authorization: req.headers.authorization,
        activity: body,
      });
      n += 1;
      res
        .writeHead(200, { 'Content-Type': 'application/json' })
        .end(JSON.stringify({ id: req.method === 'PUT' ? m[2] : `bot-msg-${n}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    posted: () => calls.filter((c) => c.method === 'POST'),
    updated: () => calls.filter((c) => c.method === 'PUT'),
    reset: () => {
      calls.length = 0;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
