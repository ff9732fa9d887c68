/**
 * Deadline reminders through the real grammy client against telegram-test-api (issue 16): a
 * volunteer subscribes with /muistuta Sammalkoski; a scheduler run 14 days before the Sammalkoski
 * deadline (15.2.2027) sends one message with the deadline and its linked source, and nothing on a
 * second run or after a restart; /muistutukset lists the subscriptions numbered, each with a cancel
 * button, /muistutukset peru cancels them all.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTelegramChannel } from '../../adapters/telegram/index.ts';
import { createServices, type Services } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { silentLogger } from '../../src/kernel/log.ts';
import { ingestPaths } from '../../src/ingest/pipeline.ts';
import { createReminderScheduler } from '../../src/dialogue/reminders.ts';
import type { ChannelPlugin } from '../../src/channels/channel.ts';
import { expectValidTelegramHtml, FakeTelegram, settle, type BotMessage } from './harness.ts';

const TOKEN = '3002:reminders';
const CHAT = 402;
const URL = 'https://www.sammalkoski.example.fi/vapaa-aika/yhdistykset/avustusohjeet-2027.docx';
const at = (day: string) => new Date(`${day}T08:00:00Z`);

let services: Services;
let tg: FakeTelegram;
let plugin: ChannelPlugin;

const channelConfig = () => loadConfig({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: tg.apiRoot });

beforeAll(async () => {
  services = await createServices(loadConfig({ KUMPPANI_DATA_DIR: 'memory', LOG_LEVEL: 'silent' }), {
    logger: silentLogger,
  });
  expect((await ingestPaths(['knowledge/demo'], services.writer)).failed).toEqual([]);
  tg = await FakeTelegram.start();
  plugin = (await createTelegramChannel({
    assistant: services.assistant,
    config: channelConfig(),
    logger: silentLogger,
    state: services.channelState,
    reminders: services.reminders,
  }))!;
  await plugin.start!();
});

afterAll(async () => {
  await plugin?.stop?.();
  await tg?.close();
  await services?.close();
});

describe('Telegram reminders', () => {
  it('subscribes, and delivers the 14-day reminder once with the deadline and its source', async () => {
    const client = tg.client(TOKEN, { chatId: CHAT });
    await client.sendCommand(client.makeCommand('/muistuta Sammalkoski', { from: { language_code: 'fi' } as never }));
    const [done] = await tg.waitForBotMessages(TOKEN, CHAT, 1, 30_000);
    expect(done!.text).toContain('Sammalkoski');
    expect(done!.text).toContain('14, 3');

    await client.sendCommand(client.makeCommand('/muistutukset'));
    const [, list] = await tg.waitForBotMessages(TOKEN, CHAT, 2, 30_000);
    expect(list!.text).toContain('1. Sammalkoski');
    expect(list!.text).toContain('/muistutukset peru 1');

    // 1.2.2027: 14 days before the yleisavustus period closes.
    const result = await services.reminders.runOnce(at('2027-02-01'));
    expect(result).toEqual({ sent: 1, failed: 0 });
    const [, , reminder] = await tg.waitForBotMessages(TOKEN, CHAT, 3, 30_000);
    expect(reminder!.parse_mode).toBe('HTML');
    expectValidTelegramHtml(reminder!.text);
    expect(reminder!.text).toContain('Muistutus: määräaikaan on 14 päivää.');
    expect(reminder!.text).toContain('15.2.2027 klo 16.00');
    expect(reminder!.text).toContain(`href="${URL}"`);

    // A second run, and a restarted scheduler (a new instance over the same database): nothing.
    expect(await services.reminders.runOnce(at('2027-02-01'))).toEqual({ sent: 0, failed: 0 });
    const restarted = createReminderScheduler({
      stores: services.stores,
      days: [14, 3],
      intervalMinutes: 15,
      logger: silentLogger,
    });
    const second = (await createTelegramChannel({
      assistant: services.assistant,
      config: channelConfig(),
      logger: silentLogger,
      state: services.channelState,
      reminders: restarted,
    }))!;
    expect(await restarted.runOnce(at('2027-02-02'))).toEqual({ sent: 0, failed: 0 });
    await settle();
    expect(tg.botMessages(TOKEN, CHAT)).toHaveLength(3);

    // The 3-day lead, missed while the server was down on 12.2., goes out on 13.2.
    expect(await restarted.runOnce(at('2027-02-13'))).toEqual({ sent: 1, failed: 0 });
    const [, , , late] = await tg.waitForBotMessages(TOKEN, CHAT, 4, 30_000);
    expect(late!.text).toContain('määräaikaan on 2 päivää');
    await second.stop?.();
  });

  it('cancels with /muistutukset peru: no reminder after that', async () => {
    const chat = CHAT + 1;
    const client = tg.client(TOKEN, { chatId: chat });
    await client.sendCommand(client.makeCommand('/paminn alla', { from: { language_code: 'sv' } as never }));
    const [done] = await tg.waitForBotMessages(TOKEN, chat, 1, 30_000);
    expect(done!.text).toContain('alla kommuner');
    await client.sendCommand(client.makeCommand('/muistutukset peru'));
    const [, cancelled] = await tg.waitForBotMessages(TOKEN, chat, 2, 30_000);
    expect(cancelled!.text).toContain('(1)');
    await services.reminders.runOnce(at('2027-02-03'));
    await settle();
    expect(tg.botMessages(TOKEN, chat)).toHaveLength(2);
  });

  it('forgets the subscription with /unohda: no reminder after that', async () => {
    const chat = CHAT + 2;
    const client = tg.client(TOKEN, { chatId: chat });
    await client.sendCommand(client.makeCommand('/muistuta', { from: { language_code: 'fi' } as never }));
    const [done] = await tg.waitForBotMessages(TOKEN, chat, 1, 30_000);
    // No municipality chosen: every municipality.
    expect(done!.text).toContain('kaikki kunnat');
    await client.sendCommand(client.makeCommand('/unohda'));
    await tg.waitForBotMessages(TOKEN, chat, 2, 30_000);
    await services.reminders.runOnce(at('2027-02-04'));
    await settle();
    expect(tg.botMessages(TOKEN, chat)).toHaveLength(2);
  });

  it('cancels one subscription by its button in the list', async () => {
    const chat = CHAT + 3;
    const client = tg.client(TOKEN, { chatId: chat });
    const from = { id: chat, is_bot: false, first_name: 'Vilja', language_code: 'fi' };
    await client.sendCommand(client.makeCommand('/muistuta Sammalkoski', { from } as never));
    await tg.waitForBotMessages(TOKEN, chat, 1, 30_000);
    await client.sendCommand(client.makeCommand('/muistuta Routasalmi', { from } as never));
    await tg.waitForBotMessages(TOKEN, chat, 2, 30_000);
    await client.sendCommand(client.makeCommand('/muistutukset', { from } as never));
    const [, , list] = await tg.waitForBotMessages(TOKEN, chat, 3, 30_000);
    const buttons = (m: BotMessage) => (m.reply_markup?.inline_keyboard ?? []).flat();
    expect(buttons(list!).map((b) => b.text)).toEqual(['Peru 1. Sammalkoski', 'Peru 2. Routasalmi']);
    // The subscription's id rides in the data itself: the button outlives any stored token.
    const data = buttons(list!)[1]!.callback_data!;
    expect(data).toMatch(/^c:r:\d+$/);

    const query = client.makeCallbackQuery(data);
    query.from = from;
    query.message = {
      message_id: list!.messageId,
      date: 0,
      chat: { id: chat, type: 'private', first_name: 'Vilja' },
      text: list!.text,
      reply_markup: list!.reply_markup,
    } as never;
    await client.sendCallback(query);
    const [, , , cancelled] = await tg.waitForBotMessages(TOKEN, chat, 4, 30_000);
    expect(cancelled!.text).toContain('Muistutus on peruttu: Routasalmi.');

    await client.sendCommand(client.makeCommand('/muistutukset', { from } as never));
    const [, , , , after] = await tg.waitForBotMessages(TOKEN, chat, 5, 30_000);
    expect(after!.text).toContain('1. Sammalkoski');
    expect(after!.text).not.toContain('Routasalmi');
  });
});
