/**
 * Stand-ins for the platforms' outgoing APIs on 127.0.0.1, so that the server under test delivers
 * its answers somewhere measurable: the Bot Connector (Teams), the Slack Web API and the Telegram
 * Bot API, on one port. Each answer resolves the waiter registered for it; nothing is kept beyond
 * counts, so a long run does not grow memory.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export const SLACK_BOT_USER = 'UBENCHBOT';

interface Waiter {
  resolve: (text: string) => void;
  timer: NodeJS.Timeout;
}

export interface PlatformStub {
  /** Base URL, e.g. http://127.0.0.1:PORT */
  url: string;
  /** Bot Connector service URL to put in Teams activities. */
  teamsServiceUrl: string;
  /** SLACK_API_URL for the server. */
  slackApiUrl: string;
  /** TELEGRAM_API_ROOT for the server. */
  telegramApiRoot: string;
  /**
   * Resolves with the answer's text when the platform API receives the answer for `key`
   * (Teams: the user's activity id; Slack: the question's ts; Telegram: `chat:message_id`);
   * rejects after `timeoutMs`.
   */
  expect(key: string, timeoutMs: number): Promise<string>;
  /** Calls received per API method, for the report's sanity checks. */
  counts: Record<string, number>;
  close(): Promise<void>;
}

async function readBody(req: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function parse(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (!raw) return {};
  if (contentType?.includes('application/json')) return JSON.parse(raw) as Record<string, unknown>;
  return Object.fromEntries(new URLSearchParams(raw));
}

/** All text in an Adaptive Card or Block Kit payload, for error detection. */
function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(textOf).join('\n');
  if (value && typeof value === 'object') return Object.values(value).map(textOf).join('\n');
  return '';
}

export async function startPlatformStub(): Promise<PlatformStub> {
  const waiters = new Map<string, Waiter>();
  /** Answers that arrived before anyone waited (cannot happen for Teams/Telegram; cheap insurance). */
  const early = new Map<string, string>();
  const counts: Record<string, number> = {};
  let seq = 0;

  const deliver = (key: string, text: string) => {
    const w = waiters.get(key);
    if (w) {
      clearTimeout(w.timer);
      waiters.delete(key);
      w.resolve(text);
    } else if (early.size < 10_000) early.set(key, text);
  };

  const json = (res: http.ServerResponse, body: unknown) => {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  };

  const server = http.createServer(async (req, res) => {
    try {
      const raw = await readBody(req);
      const path = new URL(req.url ?? '/', 'http://stub').pathname;
      const body = parse(raw, req.headers['content-type']);

      // Bot Connector: POST /teams/v3/conversations/:conv/activities[/:replyToId]
      const teams = /^\/teams\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(path);
      if (teams) {
        counts[`teams.${String(body.type ?? 'activity')}`] =
          (counts[`teams.${String(body.type ?? 'activity')}`] ?? 0) + 1;
        if (body.type === 'message') {
          const replyTo = String(body.replyToId ?? (teams[2] ? decodeURIComponent(teams[2]) : ''));
          deliver(`teams:${replyTo}`, textOf([body.text, body.attachments]));
        }
        return json(res, { id: `bot-${++seq}` });
      }

      // Slack Web API: POST /slack/api/<method>
      const slack = /^\/slack\/api\/([\w.]+)$/.exec(path);
      if (slack) {
        const method = slack[1]!;
        counts[`slack.${method}`] = (counts[`slack.${method}`] ?? 0) + 1;
        if (method === 'auth.test')
          return json(res, {
            ok: true,
            user_id: SLACK_BOT_USER,
            bot_id: 'BBENCH',
            team_id: 'TBENCH',
            user: 'kumppani',
          });
        if (method === 'chat.postMessage') {
          const ts = `${1_800_000_000 + ++seq}.000100`;
          const thread = String(body.thread_ts ?? '');
          if (thread) deliver(`slack:${thread}`, textOf([body.text, body.blocks]));
          return json(res, { ok: true, channel: body.channel, ts });
        }
        return json(res, { ok: true });
      }

      // Telegram Bot API: POST /telegram/bot<token>/<method>
      const tg = /^\/telegram\/bot[^/]+\/(\w+)$/.exec(path);
      if (tg) {
        const method = tg[1]!;
        counts[`telegram.${method}`] = (counts[`telegram.${method}`] ?? 0) + 1;
        if (method === 'getMe')
          return json(res, {
            ok: true,
            result: {
              id: 7_000_001,
              is_bot: true,
              first_name: 'Kumppani',
              username: 'kumppani_bench_bot',
              can_join_groups: true,
              can_read_all_group_messages: false,
              supports_inline_queries: false,
            },
          });
        if (method === 'sendMessage') {
          const chatId = Number(body.chat_id);
          const params =
            typeof body.reply_parameters === 'string'
              ? JSON.parse(body.reply_parameters)
              : body.reply_parameters;
          const replyTo = (params as { message_id?: number } | undefined)?.message_id;
          // Answers reply to the question; a command's reply in a private chat replies to nothing,
          // so it goes to the chat (the sender waits for it there).
          deliver(
            replyTo !== undefined ? `telegram:${chatId}:${replyTo}` : `telegram:${chatId}:chat`,
            String(body.text ?? ''),
          );
          return json(res, {
            ok: true,
            result: {
              message_id: ++seq,
              date: Math.floor(Date.now() / 1000),
              chat: { id: chatId, type: 'private', first_name: 'Bench' },
              text: body.text,
            },
          });
        }
        return json(res, { ok: true, result: true });
      }

      res
        .writeHead(404, { 'content-type': 'application/json' })
        .end(JSON.stringify({ ok: false, error: 'not_found' }));
    } catch (err) {
      res.writeHead(500).end(String((err as Error).message));
    }
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    teamsServiceUrl: `${url}/teams`,
    slackApiUrl: `${url}/slack/api/`,
    telegramApiRoot: `${url}/telegram`,
    counts,
    expect(key, timeoutMs) {
      const got = early.get(key);
      if (got !== undefined) {
        early.delete(key);
        return Promise.resolve(got);
      }
      return new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(key);
          reject(new Error(`no answer within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.set(key, { resolve, timer });
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const w of waiters.values()) clearTimeout(w.timer);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
