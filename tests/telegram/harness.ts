/**
 * Test rig: `telegram-test-api` as the Telegram Bot API server, reached by the real grammY client
 * through TELEGRAM_API_ROOT, and a fake Assistant that records the Turns it gets.
 *
 * The emulator lacks a few Bot API methods the bot uses and answers getUpdates at once (no long
 * polling), so a thin front on 127.0.0.1 sits before it: it records every Bot API call, answers
 * setMyCommands, sendChatAction, setWebhook and deleteWebhook itself, holds getUpdates until a
 * user update arrives, and can inject error responses (429 with retry_after, 5xx) for one call.
 * Everything else (sendMessage, editMessageReplyMarkup, answerCallbackQuery, the simulated
 * users' messages) is the emulator's own.
 */
import type { AddressInfo } from 'node:net';
import http from 'node:http';
import express from 'express';
import type { NextFunction, Request, Response } from 'express';
import { TelegramServer } from 'telegram-test-api/lib/telegramServer.js';
import type { StoredBotUpdate, StoredClientUpdate } from 'telegram-test-api/lib/telegramServer.js';
import { expect } from 'vitest';
import { said } from '../helpers/said.ts';
import type {
  Assistant,
  Command,
  FeedbackInput,
  MunicipalityInfo,
  Reply,
  Turn,
} from '../../src/kernel/types.ts';

export interface ApiCall {
  token: string;
  method: string;
  payload: Record<string, unknown>;
}

interface Injected {
  token: string;
  method: string;
  status: number;
  body: unknown;
}

/** What a bot sent, as the emulator stored it (the raw sendMessage parameters). */
export interface BotMessage {
  messageId: number;
  text: string;
  parse_mode?: string;
  reply_parameters?: { message_id: number };
  reply_markup?: { inline_keyboard: Array<Array<{ text: string; callback_data?: string }>> };
}

const ANSWERED_BY_FRONT = new Set(['setMyCommands', 'sendChatAction', 'setWebhook', 'deleteWebhook']);
const USER_EVENTS = ['AddedUserMessage', 'AddedUserCommand', 'AddedUserCallbackQuery'] as const;

export class FakeTelegram {
  readonly calls: ApiCall[] = [];
  private readonly injected: Injected[] = [];
  private constructor(
    readonly server: TelegramServer,
    readonly apiRoot: string,
    private readonly http: http.Server,
  ) {}

  static async start(): Promise<FakeTelegram> {
    const app = express();
    const httpServer = http.createServer(app);
    await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
    const port = (httpServer.address() as AddressInfo).port;
    // The emulator is never started itself: its express app serves behind the front.
    const server = new TelegramServer({ host: '127.0.0.1', port });
    const fake = new FakeTelegram(server, `http://127.0.0.1:${port}`, httpServer);
    app.use(express.json({ limit: '5mb' }));
    app.use(express.urlencoded({ extended: true }));
    // The emulator's older body-parser reads the body again unless told it is already parsed.
    app.use((req, _res, next) => {
      (req as unknown as { _body: boolean })._body = true;
      next();
    });
    app.use((req, res, next) => fake.front(req, res, next));
    const emulator = (server as unknown as { webServer: express.RequestHandler }).webServer;
    app.use((req, res, next) => emulator(req, res, next));
    return fake;
  }

  private async front(req: Request, res: Response, next: NextFunction): Promise<void> {
    const m = /^\/bot([^/]+)\/([^/]+)$/.exec(req.path);
    if (!m) return next();
    const [, token, method] = m as unknown as [string, string, string];
    const payload = {
      ...(req.query as Record<string, unknown>),
      ...((req.body ?? {}) as Record<string, unknown>),
    };
    if (method !== 'getUpdates') this.calls.push({ token, method, payload });
    const i = this.injected.findIndex((f) => f.token === token && f.method === method);
    if (i >= 0) {
      const [f] = this.injected.splice(i, 1);
      res.status(f!.status).json(f!.body);
      return;
    }
    if (ANSWERED_BY_FRONT.has(method)) {
      res.json({ ok: true, result: true });
      return;
    }
    if (method === 'getUpdates' && Number(payload.timeout ?? 0) > 0 && !this.hasUnread(token)) {
      await this.waitForUserUpdate(token, res, Math.min(Number(payload.timeout) * 1000, 25_000));
      if (res.writableEnded || res.destroyed) return;
    }
    next();
  }

  private hasUnread(token: string): boolean {
    return this.server.storage.userMessages.some(
      (u: StoredClientUpdate) => u.botToken === token && !u.isRead,
    );
  }

  private waitForUserUpdate(token: string, res: Response, ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        for (const e of USER_EVENTS) this.server.off(e, check);
        res.off('close', done);
        resolve();
      };
      const check = () => {
        if (this.hasUnread(token)) done();
      };
      const timer = setTimeout(done, ms);
      for (const e of USER_EVENTS) this.server.on(e, check);
      // The bot aborts its pending getUpdates when it stops.
      res.on('close', done);
    });
  }

  /** The next call of `method` by the bot with `token` gets this response instead. */
  inject(token: string, method: string, status: number, body: unknown): void {
    this.injected.push({ token, method, status, body });
  }

  callsOf(token: string, method: string): ApiCall[] {
    return this.calls.filter((c) => c.token === token && c.method === method);
  }

  client(
    token: string,
    options: { chatId: number; userId?: number; type?: 'private' | 'group' | 'supergroup' },
  ) {
    return this.server.getClient(token, {
      chatId: options.chatId,
      userId: options.userId ?? options.chatId,
      type: options.type ?? 'private',
      firstName: 'Vilja',
      userName: `user${options.userId ?? options.chatId}`,
      chatTitle: 'Kyläyhdistys',
    });
  }

  botMessages(token: string, chatId: number): BotMessage[] {
    return this.server.storage.botMessages
      .filter((u: StoredBotUpdate) => u.botToken === token && String(u.message.chat_id) === String(chatId))
      .map((u) => ({ ...(u.message as unknown as Omit<BotMessage, 'messageId'>), messageId: u.messageId }));
  }

  /** Waits until the chat holds at least `count` bot messages, and returns them all. */
  async waitForBotMessages(
    token: string,
    chatId: number,
    count: number,
    timeoutMs = 20_000,
  ): Promise<BotMessage[]> {
    await waitUntil(
      () => this.botMessages(token, chatId).length >= count,
      timeoutMs,
      () =>
        `expected ${count} bot message(s) in chat ${chatId}, got ${this.botMessages(token, chatId).length}`,
    );
    return this.botMessages(token, chatId);
  }

  async close(): Promise<void> {
    this.http.closeAllConnections();
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }
}

export async function waitUntil(
  cond: () => boolean,
  timeoutMs = 20_000,
  what: () => string = () => 'condition',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what()}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Resolves after `ms`; used only to give a wrongly sent message the chance to show up. */
export const settle = (ms = 300) => new Promise((r) => setTimeout(r, ms));

/** A user's message in a chat, as the Telegram client would post it. */
export interface UserMessageOptions {
  languageCode?: string;
  entities?: Array<{ type: string; offset: number; length: number }>;
  replyTo?: {
    message_id: number;
    from: { id: number; is_bot: boolean; first_name: string; username?: string };
  };
}

export function mentionEntity(text: string, handle: string) {
  return { type: 'mention', offset: text.indexOf(handle), length: handle.length };
}

export function commandEntity(text: string) {
  const end = text.indexOf(' ');
  return [{ type: 'bot_command', offset: 0, length: end < 0 ? text.length : end }];
}

// ------------------------------------------------------------------------------------------------

/** Answers like the dialogue would, and records every call. `answer` can be replaced per test. */
export class FakeAssistant implements Assistant {
  readonly turns: Turn[] = [];
  readonly feedbacks: FeedbackInput[] = [];
  municipalityList: MunicipalityInfo[] = [];
  private n = 0;
  answer: (turn: Turn) => Reply | Promise<Reply> = (turn) => this.defaultAnswer(turn);

  async handle(turn: Turn): Promise<Reply> {
    this.turns.push(turn);
    return this.answer(turn);
  }

  async feedback(input: FeedbackInput): Promise<void> {
    this.feedbacks.push(input);
  }

  async municipalities(): Promise<MunicipalityInfo[]> {
    return this.municipalityList;
  }

  turnsOf(conversationId: number | string): Turn[] {
    return this.turns.filter((t) => t.conversationId === String(conversationId));
  }

  nextId(): string {
    return `answer-${++this.n}`;
  }

  defaultAnswer(turn: Turn): Reply {
    const base = { id: this.nextId(), language: 'fi' as const, citations: [], answered: false };
    const c: Command | undefined = turn.command;
    if (c?.kind === 'start') return { ...base, kind: 'command', ...said('Tervetuloa Kumppaniin!') };
    if (c?.kind === 'set-municipality') {
      return {
        ...base,
        kind: 'command',
        ...said(
          c.municipality ? `Kunta valittu: ${c.municipality}` : 'Vastaan kaikkien kuntien asiakirjoista.',
        ),
        ...(c.municipality ? { municipality: c.municipality } : {}),
      };
    }
    if (c?.kind === 'set-language')
      return { ...base, kind: 'command', language: c.language, ...said(`Kieli: ${c.language}`) };
    if (c) return { ...base, kind: 'notice', ...said(`Komento ${c.kind}`) };
    return {
      ...base,
      kind: 'answer',
      answered: true,
      ...said([{ kind: 'answer', parts: [{ text: `Vastaus kysymykseen: ${turn.text}`, cite: [1] }] }]),
      citations: [
        {
          source: 'iisalmi/avustukset.md',
          title: 'Avustusohje',
          section: 'Toiminta-avustus',
          url: 'https://www.iisalmi.fi/avustukset?a=1&b=2',
          municipality: 'Iisalmi',
          date: '2025-01-15',
          score: 1,
        },
      ],
    };
  }
}

/**
 * Checks a message as Telegram's HTML parser would: only the tags and entities Telegram knows,
 * every tag closed, nothing unescaped, within the 4096-character limit.
 */
export function expectValidTelegramHtml(html: string): void {
  expect(html.length).toBeLessThanOrEqual(4096);
  const stack: string[] = [];
  const token = /<\/?([a-z]+)(?:\s+href="[^"<>]*")?>|&(?:lt|gt|amp|quot);|[<>&]/g;
  for (const m of html.matchAll(token)) {
    const s = m[0];
    if (s === '<' || s === '>' || s === '&')
      throw new Error(`unescaped ${s} at ${m.index}: …${html.slice(m.index - 20, m.index + 20)}…`);
    if (s.startsWith('&')) continue;
    const tag = m[1]!;
    expect(['b', 'i', 'a', 'code', 'pre']).toContain(tag);
    if (s.startsWith('</')) expect(stack.pop()).toBe(tag);
    else stack.push(tag);
  }
  expect(stack).toEqual([]);
}
