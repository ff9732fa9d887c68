/**
 * The Telegram channel over the real core: the composition root's assistant (dialogue, sessions,
 * feedback in PostgreSQL) with the extractive answerer over a small indexed corpus, and
 * `telegram-test-api` as Telegram. A volunteer starts, picks a municipality, asks, and votes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMAND_NAMES } from '../../adapters/telegram/commands.ts';
import { createTelegramChannel } from '../../adapters/telegram/index.ts';
import { t } from '../../src/kernel/i18n/index.ts';
import type { Language } from '../../src/kernel/types.ts';
import { createServices, type Services } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { silentLogger } from '../../src/kernel/log.ts';
import type { ChannelPlugin } from '../../src/channels/channel.ts';
import { corpus } from '../retrieval/fixtures.ts';
import type { BotMessage } from './harness.ts';
import { expectValidTelegramHtml, FakeTelegram, waitUntil } from './harness.ts';

const TOKEN = '3001:realcore';
const CHAT = 401;

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
  for (const f of corpus) await services.writer.put(f.doc, f.chunks);
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

describe('Telegram over the real core', () => {
  it('onboards, answers with linked sources and stores the vote', async () => {
    const client = tg.client(TOKEN, { chatId: CHAT });
    await client.sendCommand(client.makeCommand('/start', { from: { language_code: 'fi' } as never }));
    const [welcome] = await tg.waitForBotMessages(TOKEN, CHAT, 1, 30_000);
    expect(buttons(welcome!).map((b) => b.text)).toContain('Lahdenkylä');

    await press(welcome!, 'Lahdenkylä');
    const [, chosen] = await tg.waitForBotMessages(TOKEN, CHAT, 2, 30_000);
    expect(chosen!.text).toContain('Lahdenkylä');

    await client.sendMessage(client.makeMessage('Milloin toiminta-avustusta haetaan?'));
    const [, , answer] = await tg.waitForBotMessages(TOKEN, CHAT, 3, 30_000);
    expect(answer!.text).toContain('31.3.2026');
    expect(answer!.text).toContain(
      '<a href="https://lahdenkyla.example.fi/ohje">Järjestöyhteistyön ohje</a>',
    );
    expectValidTelegramHtml(answer!.text);
    // A municipality is chosen, so no offer to choose one.
    expect(buttons(answer!).some((b) => b.text.startsWith('📍'))).toBe(false);

    await press(answer!, '👍 Hyödyllinen');
    await waitUntil(
      () => tg.callsOf(TOKEN, 'answerCallbackQuery').some((c) => c.payload.text === 'Kiitos palautteesta!'),
      30_000,
    );
    const votes = await services.db.pool.query<{ vote: string; channel: string }>(
      'SELECT vote, channel FROM feedback',
    );
    expect(votes.rows).toEqual([{ vote: 'up', channel: 'telegram' }]);
  });
});

describe('Telegram help over the real core', () => {
  const delivered = new Set<string>(Object.values(COMMAND_NAMES).flat());

  it.each([
    ['fi', 402, '/kunta kaikki', '/tietoja', '/uusi'],
    ['sv', 403, '/kommun alla', '/om', '/ny'],
    ['en', 404, '/municipality all', '/about', '/new'],
  ] as Array<[Language, number, string, string, string]>)(
    'in %s lists only commands Telegram delivers, and each does what the help says',
    async (lang, chat, clear, about, fresh) => {
      const client = tg.client(TOKEN, { chatId: chat });
      const from = { from: { language_code: lang } as never };
      await client.sendCommand(
        client.makeCommand(`/${COMMAND_NAMES.help[{ fi: 0, sv: 1, en: 2 }[lang]]}`, from),
      );
      const [help] = await tg.waitForBotMessages(TOKEN, chat, 1, 30_000);
      const advertised = [...help!.text.matchAll(/(?:^|[\s(])\/(\p{L}+)/gu)].map((m) => m[1]!);
      expect(advertised.length).toBeGreaterThanOrEqual(6);
      for (const name of advertised) expect(delivered).toContain(name);
      for (const c of [clear, about, fresh]) expect(help!.text).toContain(c);

      await client.sendCommand(client.makeCommand('/kunta Lahdenkylä', from));
      await client.sendCommand(client.makeCommand(clear, from));
      await client.sendCommand(client.makeCommand(about, from));
      await client.sendCommand(client.makeCommand(fresh, from));
      const [, , cleared, documents, started] = await tg.waitForBotMessages(TOKEN, chat, 5, 30_000);
      expect(cleared!.text).toBe(t(lang, 'dialogue.municipality.cleared'));
      expect(documents!.text).toContain(
        t(lang, 'dialogue.about.header', { count: '' }).split('(')[0]!.trim(),
      );
      expect(started!.text).toBe(t(lang, 'dialogue.new.done'));
    },
  );

  it('answers "hei" with what the bot can do and how to choose a municipality, not a search', async () => {
    const chat = 405;
    const client = tg.client(TOKEN, { chatId: chat });
    await client.sendMessage(client.makeMessage('hei'));
    const [hello] = await tg.waitForBotMessages(TOKEN, chat, 1, 30_000);
    expect(hello!.text).toContain(t('fi', 'dialogue.smalltalk.capabilities'));
    expect(hello!.text).toContain('/kunta NIMI');
  });
});
