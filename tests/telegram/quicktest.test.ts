/**
 * The self-assessment in Telegram over the real core (issue 17): /pikatesti is a bot command, the
 * answers are inline buttons whose callback data carries the answer back, and the last one brings
 * the result with its sources.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTelegramChannel } from '../../adapters/telegram/index.ts';
import { createServices, type Services } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { loadQuicktest } from '../../src/dialogue/quicktest.ts';
import { t } from '../../src/kernel/i18n/index.ts';
import { silentLogger } from '../../src/kernel/log.ts';
import type { ChannelPlugin } from '../../src/channels/channel.ts';
import type { BotMessage } from './harness.ts';
import { FakeTelegram } from './harness.ts';

const TOKEN = '3001:quicktest';
const CHAT = 417;

let services: Services;
let tg: FakeTelegram;
let plugin: ChannelPlugin;

const buttons = (m: BotMessage) => (m.reply_markup?.inline_keyboard ?? []).flat();

async function press(msg: BotMessage, text: string): Promise<void> {
  const data = buttons(msg).find((b) => b.text === text)?.callback_data;
  if (!data) throw new Error(`no button "${text}" in ${JSON.stringify(msg.reply_markup)}`);
  const client = tg.client(TOKEN, { chatId: CHAT });
  const query = client.makeCallbackQuery(data);
  query.from = { id: CHAT, is_bot: false, first_name: 'Vilja', language_code: 'fi' };
  query.message = {
    message_id: msg.messageId,
    date: 0,
    chat: { id: CHAT, type: 'private', first_name: 'Vilja' },
    text: msg.text,
    reply_markup: msg.reply_markup,
  } as never;
  await client.sendCallback(query);
}

beforeAll(async () => {
  services = await createServices(loadConfig({ KUMPPANI_DATA_DIR: 'memory', LOG_LEVEL: 'silent' }), {
    logger: silentLogger,
  });
  tg = await FakeTelegram.start();
  const config = loadConfig({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: tg.apiRoot });
  plugin = (await createTelegramChannel({
    assistant: services.assistant,
    config,
    logger: silentLogger,
    state: services.channelState,
  }))!;
  await plugin.start!();
});

afterAll(async () => {
  await plugin?.stop?.();
  await tg?.close();
  await services?.close();
});

describe('the self-assessment in Telegram', () => {
  it('runs from /pikatesti to the result through inline answer buttons', async () => {
    const test = loadQuicktest('knowledge/quicktest.yml');
    const n = test.questions.length;
    const client = tg.client(TOKEN, { chatId: CHAT });
    await client.sendCommand(client.makeCommand('/pikatesti', { from: { language_code: 'fi' } as never }));
    let messages = await tg.waitForBotMessages(TOKEN, CHAT, 1, 30_000);
    for (let i = 0; i < n; i++) {
      const last = messages.at(-1)!;
      expect(last.text).toContain(test.questions[i]!.text.fi);
      // The answers ride in the callback data itself, not as stored tokens.
      expect(buttons(last).map((b) => ('callback_data' in b ? b.callback_data : ''))).toEqual(
        expect.arrayContaining(['c:q:yes', 'c:q:partly', 'c:q:no', 'c:q:unknown', 'c:t:stop']),
      );
      await press(last, t('fi', i % 2 ? 'quicktest.answer.no' : 'quicktest.answer.yes'));
      messages = await tg.waitForBotMessages(TOKEN, CHAT, i + 2, 30_000);
    }
    const result = messages.at(-1)!;
    expect(result.text).toContain('Tulos:');
    expect(result.text).toContain(t('fi', 'quicktest.result.steps'));
    expect(buttons(result).map((b) => b.text)).toContain(t('fi', 'quicktest.button.restart'));
  }, 60_000);
});
