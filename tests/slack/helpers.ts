/**
 * Test doubles for the Slack adapter: a local stand-in for Slack's Web API (and response_url) that
 * records every call, a fake Assistant that records Turns, and a client that signs requests the
 * way Slack does (v0 HMAC-SHA256 over `v0:timestamp:body`).
 */
import type { ReminderSenders } from '../../src/kernel/ports.ts';
import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { loadConfig } from '../../src/config.ts';
import type { Assistant, FeedbackInput, Reply, Turn } from '../../src/kernel/types.ts';
import { silentLogger } from '../../src/kernel/log.ts';
import type { ChannelPlugin } from '../../src/channels/channel.ts';
import { said } from '../helpers/said.ts';
import { createSlackChannel } from '../../adapters/slack/index.ts';
import { MemoryChannelState } from '../helpers/channel-state.ts';

export const SIGNING_SECRET = 'test-signing-secret';
export const BOT_USER = 'UBOT';

/** One recorded Web API (or response_url) call. */
export interface ApiCall {
  method: string;
  body: Record<string, unknown>;
  authorization?: string;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function parseBody(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (!raw) return {};
  if (contentType?.includes('application/json')) return JSON.parse(raw) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    // The Web API client sends objects (blocks) as JSON strings inside the form.
    out[k] = k === 'blocks' ? (JSON.parse(v) as unknown) : v;
  }
  return out;
}

export interface FakeSlack {
  url: string;
  apiUrl: string;
  calls: ApiCall[];
  /** Calls to one method, e.g. `chat.postMessage`; response_url posts are `respond`. */
  of(method: string): ApiCall[];
  /** Makes a method answer `{ ok: false, error }` from now on. */
  fail(method: string, error: string): void;
  /** Extra handling of paths the fake does not know (Socket Mode's WebSocket upgrade). */
  server: Server;
  close(): Promise<void>;
}

export async function startFakeSlack(extra: Record<string, unknown> = {}): Promise<FakeSlack> {
  const calls: ApiCall[] = [];
  const failures = new Map<string, string>();
  let ts = 1_700_000_100;
  const server = createServer(async (req, res) => {
    const raw = await readBody(req);
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const method = path.startsWith('/respond/') ? 'respond' : path.replace(/^\/api\//, '');
    calls.push({
      method,
      body: parseBody(raw, req.headers['content-type']),
      authorization: req.headers.authorization,
    });
    const failure = failures.get(method);
    let result: Record<string, unknown>;
    if (failure) result = { ok: false, error: failure };
    else if (method === 'auth.test')
      result = { ok: true, user_id: BOT_USER, bot_id: 'BBOT', team_id: 'T1', user: 'kumppani' };
    else if (method === 'chat.postMessage') result = { ok: true, channel: 'C1', ts: `${ts++}.000100` };
    else if (method === 'chat.postEphemeral') result = { ok: true, message_ts: `${ts++}.000200` };
    else if (method in extra) result = extra[method] as Record<string, unknown>;
    else result = { ok: true };
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(result));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    apiUrl: `${url}/api/`,
    calls,
    server,
    of: (method) => calls.filter((c) => c.method === method),
    fail: (method, error) => failures.set(method, error),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A stand-in for the core that records what it was asked. */
export class FakeAssistant implements Assistant {
  turns: Turn[] = [];
  feedbacks: FeedbackInput[] = [];
  /** Replies per turn; the default echoes a cited answer. */
  reply: (turn: Turn) => Reply | Promise<Reply> = (turn) => ({
    id: `answer-${this.turns.length}`,
    kind: 'answer',
    ...said(`Vastaus: ${turn.text}`),
    answered: true,
    language: 'fi',
    citations: [],
  });
  failFeedback = false;

  async handle(turn: Turn): Promise<Reply> {
    this.turns.push(turn);
    return this.reply(turn);
  }
  async feedback(input: FeedbackInput): Promise<void> {
    if (this.failFeedback) throw new Error('database down');
    this.feedbacks.push(input);
  }
  async municipalities() {
    return [];
  }
}

export interface SlackHarness {
  plugin: ChannelPlugin;
  /** Base URL of the small express app the plugin's router is mounted on. */
  url: string;
  close(): Promise<void>;
}

/** Builds the channel from env-like settings, mounts its router on an express app on 127.0.0.1. */
export async function startSlackChannel(
  assistant: Assistant,
  env: Record<string, string>,
  reminders?: ReminderSenders,
): Promise<SlackHarness> {
  const config = loadConfig({ SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: 'xoxb-test', ...env });
  const plugin = await createSlackChannel({
    assistant,
    config,
    logger: silentLogger,
    state: new MemoryChannelState(),
    ...(reminders ? { reminders } : {}),
  });
  if (!plugin) throw new Error('the Slack channel was not created');
  const app = express();
  if (plugin.router && plugin.mountPath) app.use(plugin.mountPath, plugin.router);
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  await plugin.start?.();
  return {
    plugin,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      await plugin.stop?.();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export function sign(body: string, timestamp: number, secret = SIGNING_SECRET): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export interface SendOptions {
  timestamp?: number;
  signature?: string | null;
  headers?: Record<string, string>;
}

/** POSTs a body to /slack/events signed as Slack would (override the signature or timestamp to forge). */
export async function sendToSlackEndpoint(
  baseUrl: string,
  body: string,
  contentType: string,
  opts: SendOptions = {},
): Promise<Response> {
  const timestamp = opts.timestamp ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = {
    'content-type': contentType,
    'x-slack-request-timestamp': String(timestamp),
    ...opts.headers,
  };
  const signature = opts.signature === undefined ? sign(body, timestamp) : opts.signature;
  if (signature !== null) headers['x-slack-signature'] = signature;
  return fetch(`${baseUrl}/slack/events`, { method: 'POST', headers, body });
}

let eventSeq = 0;

/** An Events API envelope around `event`. */
export function eventEnvelope(event: Record<string, unknown>, eventId = `Ev${++eventSeq}`): string {
  return JSON.stringify({
    token: 'legacy',
    team_id: 'T1',
    api_app_id: 'A1',
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: 'T1', user_id: BOT_USER, is_bot: true }],
    event,
  });
}

export const sendEvent = (
  baseUrl: string,
  event: Record<string, unknown>,
  eventId?: string,
  opts?: SendOptions,
) => sendToSlackEndpoint(baseUrl, eventEnvelope(event, eventId), 'application/json', opts);

/** A slash command as Slack posts it (form-encoded). */
export function sendCommand(baseUrl: string, fields: Record<string, string>): Promise<Response> {
  const body = new URLSearchParams({
    token: 'legacy',
    team_id: 'T1',
    team_domain: 'alue',
    channel_name: 'general',
    user_name: 'organiser',
    command: '/kumppani',
    api_app_id: 'A1',
    trigger_id: 'trig',
    ...fields,
  }).toString();
  return sendToSlackEndpoint(baseUrl, body, 'application/x-www-form-urlencoded');
}

/** An interaction (button press) as Slack posts it: form field `payload` holding JSON. */
export function sendInteraction(baseUrl: string, payload: Record<string, unknown>): Promise<Response> {
  const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  return sendToSlackEndpoint(baseUrl, body, 'application/x-www-form-urlencoded');
}

/** Waits until `check` returns a value (not undefined/false); fails with `what` after a while. */
export async function waitFor<T>(
  what: string,
  check: () => T | undefined | false,
  limitMs = 5000,
): Promise<T> {
  const until = Date.now() + limitMs;
  for (;;) {
    const v = check();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** All mrkdwn text in a posted message's blocks. */
export function blockTexts(call: ApiCall): string[] {
  const blocks = (call.body.blocks ?? []) as Array<{
    type: string;
    text?: { text: string };
    elements?: Array<{ text?: unknown }>;
  }>;
  return blocks.flatMap((b) => {
    if (b.text?.text) return [b.text.text];
    if (b.type === 'context') return (b.elements ?? []).map((e) => String(e.text ?? ''));
    return [];
  });
}

/** Buttons (action_id, label) in a posted message. */
export function buttons(call: ApiCall): Array<{ action_id: string; text: string; value?: string }> {
  const blocks = (call.body.blocks ?? []) as Array<{
    type: string;
    elements?: Array<{ type: string; action_id: string; text: { text: string }; value?: string }>;
  }>;
  return blocks
    .filter((b) => b.type === 'actions')
    .flatMap((b) => b.elements ?? [])
    .map((e) => ({ action_id: e.action_id, text: e.text.text, value: e.value }));
}
