/**
 * The Telegram channel in webhook mode: its router mounted on an express app as the shared server
 * does, updates posted to it the way Telegram posts them, answers going to `telegram-test-api`.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTelegramChannel } from '../../adapters/telegram/index.ts';
import { loadConfig } from '../../src/config.ts';
import { silentLogger } from '../../src/kernel/log.ts';
import type { ChannelPlugin } from '../../src/channels/channel.ts';
import { FakeAssistant, FakeTelegram, settle } from './harness.ts';
import { MemoryChannelState } from '../helpers/channel-state.ts';

const TOKEN = '2001:webhook';
const SECRET = 'kumppani_webhook-Secret1';

let tg: FakeTelegram;
let server: http.Server;
let webhookUrl: string;
let plugin: ChannelPlugin;
const assistant = new FakeAssistant();

function update(updateId: number, chatId: number, text: string) {
  return {
    update_id: updateId,
    message: {
      message_id: updateId,
      date: Math.floor(Date.now() / 1000),
      chat: { id: chatId, type: 'private', first_name: 'Vilja' },
      from: { id: chatId, is_bot: false, first_name: 'Vilja', language_code: 'fi' },
      text,
    },
  };
}

function post(body: unknown, secret?: string): Promise<Response> {
  return fetch(webhookUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(secret !== undefined ? { 'X-Telegram-Bot-Api-Secret-Token': secret } : {}),
    },
    body: JSON.stringify(body),
  });
}

beforeAll(async () => {
  tg = await FakeTelegram.start();
  const app = express();
  server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  webhookUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/telegram/webhook`;
  const config = loadConfig({
    TELEGRAM_BOT_TOKEN: TOKEN,
    // A trailing slash, as people paste it, must not break the API URLs.
    TELEGRAM_API_ROOT: `${tg.apiRoot}/`,
    TELEGRAM_WEBHOOK_URL: webhookUrl,
    TELEGRAM_WEBHOOK_SECRET: SECRET,
  });
  plugin = (await createTelegramChannel({
    assistant,
    config,
    logger: silentLogger,
    state: new MemoryChannelState(),
  }))!;
  // As the shared server does: each plugin's router at its mount path, no global body parser.
  app.use(plugin.mountPath!, plugin.router!);
  await plugin.start!();
});

afterAll(async () => {
  await plugin?.stop?.();
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  await tg?.close();
});

describe('webhook mode', () => {
  it('registers the webhook with its secret at start-up instead of polling', () => {
    expect(plugin.mountPath).toBe('/telegram/webhook');
    expect(plugin.mode).toBe('webhook');
    const [call] = tg.callsOf(TOKEN, 'setWebhook');
    expect(call?.payload).toMatchObject({
      url: webhookUrl,
      secret_token: SECRET,
      allowed_updates: ['message', 'callback_query'],
    });
    expect(tg.callsOf(TOKEN, 'deleteWebhook')).toHaveLength(0);
  });

  it('refuses a request without the secret or with a wrong one, and does nothing with it', async () => {
    expect((await post(update(1, 301, 'Ilman salaisuutta'))).status).toBe(401);
    expect((await post(update(2, 301, 'Väärä salaisuus'), 'not-the-secret')).status).toBe(401);
    expect((await post(update(3, 301, 'Melkein oikein'), SECRET + 'x')).status).toBe(401);
    await settle();
    expect(assistant.turnsOf(301)).toHaveLength(0);
    expect(tg.botMessages(TOKEN, 301)).toHaveLength(0);
  });

  it('accepts the right secret and answers the question', async () => {
    const res = await post(update(10, 302, 'Milloin avustushaku päättyy?'), SECRET);
    expect(res.status).toBe(200);
    const [answer] = await tg.waitForBotMessages(TOKEN, 302, 1);
    expect(answer!.text).toContain('Vastaus kysymykseen: Milloin avustushaku päättyy?');
    expect(answer!.reply_parameters?.message_id).toBe(10);
  });

  it('answers an update once even when Telegram delivers it again', async () => {
    const u = update(20, 303, 'Saako koulun salia käyttää ilmaiseksi?');
    const first = await post(u, SECRET);
    const again = await post(u, SECRET);
    const [third, fourth] = await Promise.all([
      post(update(21, 303, 'Toinen'), SECRET),
      post(update(21, 303, 'Toinen'), SECRET),
    ]);
    expect([first.status, again.status, third.status, fourth.status]).toEqual([200, 200, 200, 200]);
    await tg.waitForBotMessages(TOKEN, 303, 2);
    await settle(500);
    expect(tg.botMessages(TOKEN, 303)).toHaveLength(2);
    expect(assistant.turnsOf(303).map((t) => t.text)).toEqual([
      'Saako koulun salia käyttää ilmaiseksi?',
      'Toinen',
    ]);
  });

  it('rejects a body that is not an update', async () => {
    expect((await post({ hello: 'world' }, SECRET)).status).toBe(400);
  });
});
