/**
 * State that must outlive a process: the whole server (composition root, real store on an
 * embedded database in a directory) is stopped and built again over the same data directory, as
 * a restart or a second replica would be. A Slack event, a Telegram update and a Teams activity
 * delivered again after it get no second answer; a Telegram button issued before it still works;
 * a Slack thread the bot answered in before it is still followed.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../src/app.ts';
import { loadConfig, type Config } from '../../src/config.ts';
import { silentLogger } from '../../src/kernel/log.ts';
import type { Assistant, Reply, Turn } from '../../src/kernel/types.ts';
import { createServer, type KumppaniServer } from '../../src/server/app.ts';
import { createSlackChannel } from '../../adapters/slack/index.ts';
import { createTeamsChannel } from '../../adapters/teams/index.ts';
import { createTelegramChannel } from '../../adapters/telegram/index.ts';
import { BOT_USER, sendEvent, startFakeSlack, type FakeSlack } from '../slack/helpers.ts';
import { FakeTelegram, waitUntil, settle, type BotMessage } from '../telegram/harness.ts';
import { startConnectorStub, type ConnectorStub } from '../teams/connector-stub.ts';
import { said } from '../helpers/said.ts';

const TELEGRAM_TOKEN = '3001:restart';
const TELEGRAM_SECRET = 'restart_webhook-Secret1';
/** Longer than Telegram's 64 bytes of callback data: its button carries a token stored in the database. */
const SUGGESTION = 'Milloin toiminta-avustusta voi hakea ja mitä liitteitä hakemukseen tarvitaan?';

/** Records every turn; answers each with a suggested follow-up question. */
class RecordingAssistant implements Assistant {
  readonly turns: Turn[] = [];
  async handle(turn: Turn): Promise<Reply> {
    this.turns.push(turn);
    return {
      id: `answer-${this.turns.length}`,
      kind: 'answer',
      ...said(`Vastaus: ${turn.text}`),
      answered: true,
      language: 'fi',
      citations: [],
      suggestions: [SUGGESTION],
    };
  }
  async feedback(): Promise<void> {}
  async municipalities() {
    return [];
  }
  of(channel: string): Turn[] {
    return this.turns.filter((t) => t.channel === channel);
  }
}

let dataDir: string;
let slack: FakeSlack;
let tg: FakeTelegram;
let teams: ConnectorStub;
let config: Config;
const assistant = new RecordingAssistant();

/** One running process: services over the data directory and the server with three channels. */
interface Running {
  services: Services;
  server: KumppaniServer;
  base: string;
  stop(): Promise<void>;
}

async function boot(): Promise<Running> {
  const services = await createServices(config, { logger: silentLogger });
  const server = await createServer({
    config,
    logger: silentLogger,
    assistant,
    state: services.channelState,
    indexStats: async () => ({ documents: 0, activeDocuments: 0, chunks: 0 }),
    channels: [createSlackChannel, createTelegramChannel, createTeamsChannel],
  });
  const { url } = await server.start({ port: 0, host: '127.0.0.1' });
  return {
    services,
    server,
    base: url,
    async stop() {
      await server.stop();
      await services.close();
    },
  };
}

const mentionEvent = {
  type: 'app_mention',
  user: 'U1',
  channel: 'C1',
  text: `<@${BOT_USER}> Milloin avustushaku päättyy?`,
  ts: '1700000000.000100',
};

/** Another thread the bot answers in before the restart; nothing in it is redelivered after it. */
const threadEvent = {
  ...mentionEvent,
  text: `<@${BOT_USER}> Mistä tiloja voi varata?`,
  ts: '1700000010.000100',
};

const telegramMessage = {
  update_id: 500,
  message: {
    message_id: 500,
    date: Math.floor(Date.now() / 1000),
    chat: { id: 701, type: 'private', first_name: 'Vilja' },
    from: { id: 701, is_bot: false, first_name: 'Vilja', language_code: 'fi' },
    text: 'Saako koulun salia käyttää ilmaiseksi?',
  },
};

const postTelegram = (base: string, update: unknown) =>
  fetch(`${base}/telegram/webhook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'X-Telegram-Bot-Api-Secret-Token': TELEGRAM_SECRET },
    body: JSON.stringify(update),
  });

const teamsActivity = () => ({
  type: 'message',
  id: 'teams-msg-1',
  timestamp: new Date().toISOString(),
  channelId: 'msteams',
  serviceUrl: teams.url,
  from: { id: '29:user-1', name: 'Maija', aadObjectId: 'aad-user-1' },
  recipient: { id: '28:kumppani-bot', name: 'Kumppani' },
  conversation: { id: 'a:personal-chat-1', conversationType: 'personal', tenantId: 'tenant-public' },
  locale: 'fi-FI',
  text: 'Kuka on järjestöyhdyshenkilö?',
});

const postTeams = (base: string, body: unknown) =>
  fetch(`${base}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

let before: Running | undefined;
let after: Running | undefined;
let answerWithButton: BotMessage;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kumppani-restart-'));
  slack = await startFakeSlack();
  tg = await FakeTelegram.start();
  teams = await startConnectorStub();
  config = loadConfig({
    KUMPPANI_DATA_DIR: dataDir,
    KUMPPANI_AUTO_INGEST: 'false',
    LOG_LEVEL: 'silent',
    SLACK_SIGNING_SECRET: 'test-signing-secret',
    SLACK_BOT_TOKEN: 'xoxb-test',
    SLACK_API_URL: slack.apiUrl,
    TELEGRAM_BOT_TOKEN: TELEGRAM_TOKEN,
    TELEGRAM_API_ROOT: tg.apiRoot,
    TELEGRAM_WEBHOOK_URL: 'https://bot.example.fi',
    TELEGRAM_WEBHOOK_SECRET: TELEGRAM_SECRET,
    TEAMS_ALLOW_UNAUTHENTICATED: 'true',
  });

  // Before the restart: one delivery on each channel, answered.
  before = await boot();
  expect((await sendEvent(before.base, mentionEvent, 'EvRestart1')).status).toBe(200);
  expect((await sendEvent(before.base, threadEvent, 'EvRestart3')).status).toBe(200);
  expect((await postTelegram(before.base, telegramMessage)).status).toBe(200);
  expect((await postTeams(before.base, teamsActivity())).status).toBe(200);
  await waitUntil(
    () => slack.of('chat.postMessage').length >= 2,
    20_000,
    () => 'the Slack answer',
  );
  answerWithButton = (await tg.waitForBotMessages(TELEGRAM_TOKEN, 701, 1))[0]!;
  expect(assistant.turns).toHaveLength(4);
  await before.stop();
  before = undefined;

  after = await boot();
}, 120_000);

afterAll(async () => {
  await before?.stop();
  await after?.stop();
  await slack?.close();
  await tg?.close();
  await teams?.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('after a restart on the same database', () => {
  it('does not answer a Slack event again when Slack redelivers it', async () => {
    const res = await sendEvent(after!.base, mentionEvent, 'EvRestart1', {
      headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' },
    });
    expect(res.status).toBe(200);
    // The same message under another event id (a second subscription) is not answered either.
    await sendEvent(after!.base, mentionEvent, 'EvRestart1b');
    await settle(500);
    expect(assistant.of('slack')).toHaveLength(2);
    expect(slack.of('chat.postMessage')).toHaveLength(2);
  });

  it('still follows a Slack thread the bot answered in before the restart', async () => {
    await sendEvent(
      after!.base,
      {
        type: 'message',
        channel: 'C1',
        channel_type: 'channel',
        user: 'U1',
        text: 'Entä ensi vuonna?',
        ts: '1700000050.000300',
        thread_ts: threadEvent.ts,
      },
      'EvRestart2',
    );
    const followUp = () => assistant.of('slack').find((t) => t.text === 'Entä ensi vuonna?');
    await waitUntil(
      () => followUp() !== undefined,
      10_000,
      () => 'the follow-up turn',
    );
    expect(followUp()).toMatchObject({ conversationId: 'C1', threadId: threadEvent.ts });
  });

  it('does not answer a Telegram update again when Telegram redelivers it', async () => {
    expect((await postTelegram(after!.base, telegramMessage)).status).toBe(200);
    await settle(500);
    expect(assistant.of('telegram')).toHaveLength(1);
    expect(tg.botMessages(TELEGRAM_TOKEN, 701)).toHaveLength(1);
  });

  it('still acts on a Telegram button issued before the restart', async () => {
    const button = (answerWithButton.reply_markup?.inline_keyboard ?? [])
      .flat()
      .find((b) => b.text.includes('toiminta-avustusta'));
    // The suggestion is too long for the callback data itself: the button carries a stored token.
    expect(button?.callback_data).toMatch(/^t:/);
    const res = await postTelegram(after!.base, {
      update_id: 501,
      callback_query: {
        id: 'cb-restart',
        chat_instance: 'ci-701',
        from: { id: 701, is_bot: false, first_name: 'Vilja', language_code: 'fi' },
        data: button!.callback_data,
        message: {
          message_id: answerWithButton.messageId,
          date: 0,
          chat: { id: 701, type: 'private', first_name: 'Vilja' },
          text: answerWithButton.text,
          reply_markup: answerWithButton.reply_markup,
        },
      },
    });
    expect(res.status).toBe(200);
    await waitUntil(
      () => assistant.of('telegram').some((t) => t.text === SUGGESTION),
      10_000,
      () => 'the turn of the suggested question',
    );
    // Answered, not told that the button has expired.
    await tg.waitForBotMessages(TELEGRAM_TOKEN, 701, 2);
    expect(tg.botMessages(TELEGRAM_TOKEN, 701).map((m) => m.text)).toContain(`Vastaus: ${SUGGESTION}`);
  });

  it('does not answer a Teams activity again when Bot Framework redelivers it', async () => {
    const teamsBefore = teams.posted().filter((c) => c.activity.type === 'message').length;
    expect((await postTeams(after!.base, teamsActivity())).status).toBe(200);
    expect(assistant.of('teams')).toHaveLength(1);
    expect(teams.posted().filter((c) => c.activity.type === 'message')).toHaveLength(teamsBefore);
  });
});
