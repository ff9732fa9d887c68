/**
 * The Telegram channel in long-polling mode against `telegram-test-api` (through the front in
 * harness.ts), with the real grammY client and a fake Assistant.
 */
import { Writable } from 'node:stream';
import { helpSections } from '../../src/dialogue/vocabulary.ts';
import { promises } from '../dialogue/help-promises.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTelegramChannel, createTelegramChannelWith } from '../../adapters/telegram/index.ts';
import { loadConfig } from '../../src/config.ts';
import type { Language, Reply, Turn } from '../../src/kernel/types.ts';
import { createLogger, silentLogger } from '../../src/kernel/log.ts';
import type { ChannelPlugin } from '../../src/channels/channel.ts';
import type { StoredClientUpdate } from 'telegram-test-api/lib/telegramServer.js';
import type { BotMessage } from './harness.ts';
import { said } from '../helpers/said.ts';
import {
  commandEntity,
  expectValidTelegramHtml,
  FakeAssistant,
  FakeTelegram,
  mentionEntity,
  settle,
  waitUntil,
} from './harness.ts';
import { MemoryChannelState } from '../helpers/channel-state.ts';

const TOKEN = '1001:polling';
const BOT = { id: 666, is_bot: true, first_name: 'Test First name', username: 'TestNameBot' };
const MUNICIPALITIES = [
  'Iisalmi',
  'Kuopio',
  'Joensuu',
  'Kajaani',
  'Mikkeli',
  'Savonlinna',
  'Varkaus',
  'Pieksämäki',
  'Siilinjärvi',
  'Lapinlahti',
  'Keitele',
  'Vieremä',
  'Sonkajärvi',
  'Kiuruvesi',
  'Pielavesi',
  'Tervo',
  'Korsholm',
  'Närpes',
  'Pedersöre',
  'Kristinestad',
];

let tg: FakeTelegram;
let plugin: ChannelPlugin;
const assistant = new FakeAssistant();
const logLines: string[] = [];

function buttons(msg: BotMessage) {
  return (msg.reply_markup?.inline_keyboard ?? []).flat();
}

function buttonByText(msg: BotMessage, text: string) {
  const b = buttons(msg).find((x) => x.text === text);
  if (!b?.callback_data) throw new Error(`no button "${text}" in ${JSON.stringify(msg.reply_markup)}`);
  return b.callback_data;
}

/** Presses an inline button on a bot message, as the user's Telegram app would. */
async function press(
  chatId: number,
  msg: BotMessage,
  data: string,
  type: 'private' | 'group' = 'private',
  userId = chatId,
) {
  const client = tg.client(TOKEN, { chatId, userId, type });
  const query = client.makeCallbackQuery(data);
  // Built by hand: the emulator's helper shares one object between `from` and `message.from`.
  query.from = { id: userId, is_bot: false, first_name: 'Vilja', language_code: 'fi' };
  query.message = {
    message_id: msg.messageId,
    date: 0,
    chat: { id: chatId, type, ...(type === 'private' ? { first_name: 'Vilja' } : { title: 'Kyläyhdistys' }) },
    from: BOT,
    text: msg.text,
    reply_markup: msg.reply_markup,
  } as never;
  await client.sendCallback(query);
}

function lastUserMessageId(chatId: number): number {
  const mine = tg.server.storage.userMessages.filter(
    (u: StoredClientUpdate) =>
      u.botToken === TOKEN && 'message' in u && String(u.message.chat.id) === String(chatId),
  );
  return mine[mine.length - 1]!.messageId;
}

/** Telegram HTML back to the text a user sees. */
function visible(html: string): string {
  return html
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

beforeAll(async () => {
  tg = await FakeTelegram.start();
  assistant.municipalityList = MUNICIPALITIES.map((name) => ({ name, documents: 3 }));
  const config = loadConfig({
    TELEGRAM_BOT_TOKEN: TOKEN,
    TELEGRAM_API_ROOT: tg.apiRoot,
    KUMPPANI_RATE_LIMIT_PER_MINUTE: '1000',
  });
  const sink = new Writable({
    write(chunk, _enc, cb) {
      logLines.push(String(chunk));
      cb();
    },
  });
  const factory = createTelegramChannelWith({ typingIntervalMs: 50 });
  plugin = (await factory({
    assistant,
    config,
    logger: createLogger('debug', sink),
    state: new MemoryChannelState(),
  }))!;
  await plugin.start!();
});

afterAll(async () => {
  await plugin?.stop?.();
  await tg?.close();
});

describe('Telegram channel factory', () => {
  it('is off without TELEGRAM_BOT_TOKEN', async () => {
    expect(
      await createTelegramChannel({
        assistant,
        config: loadConfig({}),
        logger: silentLogger,
        state: new MemoryChannelState(),
      }),
    ).toBeNull();
  });

  it('registers the command menu in Finnish, Swedish and English, Finnish by default', () => {
    const calls = tg.callsOf(TOKEN, 'setMyCommands');
    const byCode = new Map(calls.map((c) => [c.payload.language_code ?? 'default', c.payload.commands]));
    const names = (code: string) => (byCode.get(code) as Array<{ command: string }>).map((c) => c.command);
    // The vocabulary's order, as the help lists them.
    expect(names('fi')).toEqual([
      'kunta',
      'kieli',
      'tietoja',
      'uusi',
      'muistuta',
      'muistutukset',
      'pikatesti',
      'unohda',
      'apua',
    ]);
    expect(names('sv')).toEqual([
      'kommun',
      'sprak',
      'om',
      'ny',
      'paminn',
      'paminnelser',
      'snabbtest',
      'glom',
      'hjalp',
    ]);
    expect(names('en')).toEqual([
      'municipality',
      'language',
      'about',
      'new',
      'remind',
      'reminders',
      'quicktest',
      'forget',
      'help',
    ]);
    expect(names('default')).toEqual(names('fi'));
    expect((byCode.get('sv') as Array<{ description: string }>)[0]!.description).toBe(
      'Välj eller byt kommun',
    );
  });
});

describe('onboarding', () => {
  it('/start welcomes and offers the municipalities as a paged keyboard; a press sets one', async () => {
    const chat = 101;
    const client = tg.client(TOKEN, { chatId: chat });
    await client.sendCommand(client.makeCommand('/start', { from: { language_code: 'fi' } as never }));
    const [welcome] = await tg.waitForBotMessages(TOKEN, chat, 1);
    expect(welcome!.text).toContain('Tervetuloa Kumppaniin!');
    const turn = assistant.turnsOf(chat)[0]!;
    expect(turn).toMatchObject({
      channel: 'telegram',
      conversationId: '101',
      userId: '101',
      locale: 'fi',
      audience: 'public',
      isGroup: false,
      command: { kind: 'start' },
    });
    const first = buttons(welcome!).map((b) => b.text);
    const sorted = [...MUNICIPALITIES].sort((a, b) => a.localeCompare(b, 'fi'));
    expect(first).toEqual([...sorted.slice(0, 8), 'Seuraavat ▶', 'Kaikki kunnat']);
    for (const b of buttons(welcome!)) expect(Buffer.byteLength(b.callback_data!)).toBeLessThanOrEqual(64);

    // ▶ shows the next page in the same message.
    await press(chat, welcome!, buttonByText(welcome!, 'Seuraavat ▶'));
    await waitUntil(() => buttons(tg.botMessages(TOKEN, chat)[0]!).some((b) => b.text === sorted[8]));
    const page2 = tg.botMessages(TOKEN, chat)[0]!;
    expect(buttons(page2).map((b) => b.text)).toEqual([
      ...sorted.slice(8, 16),
      '◀ Edelliset',
      'Seuraavat ▶',
      'Kaikki kunnat',
    ]);
    expect(tg.botMessages(TOKEN, chat)).toHaveLength(1);

    await press(chat, page2, buttonByText(page2, 'Lapinlahti'));
    const [list, confirmation] = await tg.waitForBotMessages(TOKEN, chat, 2);
    expect(confirmation!.text).toContain('Kunta valittu: Lapinlahti');
    expect(assistant.turnsOf(chat).at(-1)!.command).toEqual({
      kind: 'set-municipality',
      municipality: 'Lapinlahti',
    });
    expect(tg.callsOf(TOKEN, 'answerCallbackQuery').length).toBeGreaterThanOrEqual(2);
    await waitUntil(
      () => buttons(tg.botMessages(TOKEN, chat)[0]!).length === 0,
      5000,
      () => 'list keyboard removed',
    );
    expect(list).toBeDefined();
  });

  it('speaks the user language when the core does not handle /start itself', async () => {
    const chat = 108;
    const previous = assistant.answer;
    // A core that treats every turn as a question (the placeholder assistant does).
    assistant.answer = (t: Turn): Reply => ({
      ...assistant.defaultAnswer({ ...t, command: undefined }),
      language: 'sv',
    });
    try {
      const client = tg.client(TOKEN, { chatId: chat });
      await client.sendCommand(client.makeCommand('/start', { from: { language_code: 'sv' } as never }));
      const [welcome] = await tg.waitForBotMessages(TOKEN, chat, 1);
      expect(welcome!.text).toContain('Välj först din kommun');
      expect(buttons(welcome!).map((b) => b.text)).toContain('Alla kommuner');
    } finally {
      assistant.answer = previous;
    }
  });

  it('a deep link /start <municipality> welcomes and chooses it at once', async () => {
    const chat = 109;
    const client = tg.client(TOKEN, { chatId: chat });
    await client.sendCommand(client.makeCommand('/start siilinjarvi'));
    const [welcome, chosen] = await tg.waitForBotMessages(TOKEN, chat, 2);
    expect(welcome!.text).toContain('Tervetuloa');
    expect(chosen!.text).toContain('Kunta valittu: Siilinjärvi');
  });

  it('/kieli offers the three languages and a press sets the language', async () => {
    const chat = 110;
    const client = tg.client(TOKEN, { chatId: chat });
    await client.sendCommand(client.makeCommand('/kieli'));
    const [prompt] = await tg.waitForBotMessages(TOKEN, chat, 1);
    expect(prompt!.text).toContain('Valitse kieli');
    expect(buttons(prompt!).map((b) => b.text)).toEqual(['Suomi', 'Svenska', 'English']);
    await press(chat, prompt!, buttonByText(prompt!, 'Svenska'));
    const [, confirmation] = await tg.waitForBotMessages(TOKEN, chat, 2);
    expect(confirmation!.text).toContain('Kieli: sv');
    expect(assistant.turnsOf(chat).at(-1)!.command).toEqual({ kind: 'set-language', language: 'sv' });
  });

  it('maps the Swedish and English command aliases to the same commands', async () => {
    const chat = 111;
    const client = tg.client(TOKEN, { chatId: chat });
    for (const text of ['/hjalp', '/forget', '/kommun Kuopio', '/glom']) {
      await client.sendCommand(client.makeCommand(text));
    }
    await tg.waitForBotMessages(TOKEN, chat, 4);
    expect(assistant.turnsOf(chat).map((t) => t.command)).toEqual([
      { kind: 'help' },
      { kind: 'forget-me' },
      { kind: 'set-municipality', municipality: 'Kuopio' },
      { kind: 'forget-me' },
    ]);
  });
});

describe('commands the help advertises', () => {
  it('/kunta kaikki, /kommun alla and /municipality all clear the municipality choice', async () => {
    const chat = 114;
    const client = tg.client(TOKEN, { chatId: chat });
    for (const text of ['/kunta kaikki', '/kommun alla', '/municipality all', '/kunta Kaikki']) {
      await client.sendCommand(client.makeCommand(text));
    }
    await tg.waitForBotMessages(TOKEN, chat, 4);
    expect(assistant.turnsOf(chat).map((t) => t.command)).toEqual(
      Array(4).fill({ kind: 'set-municipality', municipality: null }),
    );
  });

  it('/tietoja and /uusi (sv /om, /ny; en /about, /new) do what the help says, not the help again', async () => {
    const chat = 115;
    const client = tg.client(TOKEN, { chatId: chat });
    for (const text of ['/tietoja', '/uusi', '/om', '/ny', '/about', '/new']) {
      await client.sendCommand(client.makeCommand(text));
    }
    await tg.waitForBotMessages(TOKEN, chat, 6);
    expect(assistant.turnsOf(chat).map((t) => t.command)).toEqual([
      { kind: 'about' },
      { kind: 'new-conversation' },
      { kind: 'about' },
      { kind: 'new-conversation' },
      { kind: 'about' },
      { kind: 'new-conversation' },
    ]);
  });
});

describe('every command the Telegram help names', () => {
  it.each([
    ['fi', 116],
    ['sv', 117],
    ['en', 118],
  ] as Array<[Language, number]>)(
    'in %s reaches the core as the command the help promises',
    async (lang, chat) => {
      const client = tg.client(TOKEN, { chatId: chat });
      const lines = helpSections(lang, 'telegram').flatMap((s) => s.lines);
      expect(lines.map((l) => l.usage.split(' ')[0])).toEqual(
        {
          fi: [
            '/kunta',
            '/kieli',
            '/tietoja',
            '/uusi',
            '/muistuta',
            '/muistutukset',
            '/pikatesti',
            '/unohda',
            '/apua',
          ],
          sv: ['/kommun', '/sprak', '/om', '/ny', '/paminn', '/paminnelser', '/snabbtest', '/glom', '/hjalp'],
          en: [
            '/municipality',
            '/language',
            '/about',
            '/new',
            '/remind',
            '/reminders',
            '/quicktest',
            '/forget',
            '/help',
          ],
        }[lang],
      );
      const cases = lines.flatMap((l) => promises(l, lang));
      for (const [text] of cases) await client.sendCommand(client.makeCommand(text));
      await tg.waitForBotMessages(TOKEN, chat, cases.length);
      expect(assistant.turnsOf(chat).map((t) => t.command)).toEqual(cases.map(([, command]) => command));
    },
  );
});

describe('questions and answers', () => {
  let answer: BotMessage;
  const chat = 102;

  it('answers a question as a reply, in HTML with everything escaped and sources as links', async () => {
    const client = tg.client(TOKEN, { chatId: chat });
    const question = 'Milloin haetaan <b>avustusta</b> & "muuta"?';
    await client.sendMessage(client.makeMessage(question, { from: { language_code: 'fi' } as never }));
    [answer] = (await tg.waitForBotMessages(TOKEN, chat, 1)) as [BotMessage];
    expect(assistant.turnsOf(chat)[0]).toMatchObject({ text: question, isGroup: false, locale: 'fi' });
    expect(answer.parse_mode).toBe('HTML');
    expect(answer.text).toContain(
      'Vastaus kysymykseen: Milloin haetaan &lt;b&gt;avustusta&lt;/b&gt; &amp; &quot;muuta&quot;?',
    );
    expect(answer.text).toContain('<b>Lähteet</b>');
    expect(answer.text).toContain(
      '[1] <a href="https://www.iisalmi.fi/avustukset?a=1&amp;b=2">Avustusohje</a> · Toiminta-avustus · Iisalmi · 2025-01-15',
    );
    expectValidTelegramHtml(answer.text);
    expect(answer.reply_parameters?.message_id).toBe(lastUserMessageId(chat));
  });

  it('shows "typing" while answering', () => {
    const actions = tg
      .callsOf(TOKEN, 'sendChatAction')
      .filter((c) => String(c.payload.chat_id) === String(chat));
    expect(actions.length).toBeGreaterThanOrEqual(1);
    expect(actions[0]!.payload.action).toBe('typing');
  });

  it('offers to choose a municipality when the answer came from all documents', async () => {
    const offer = buttonByText(answer, '📍 Valitse kunta tarkempaa vastausta varten');
    await press(chat, answer, offer);
    const [, list] = await tg.waitForBotMessages(TOKEN, chat, 2);
    expect(buttons(list!).map((b) => b.text)).toContain('Iisalmi');
  });

  it('stores 👍/👎 feedback, answers the button press and removes the vote buttons', async () => {
    const down = buttonByText(answer, '👎 Ei auttanut');
    expect(Buffer.byteLength(down)).toBeLessThanOrEqual(64);
    const before = tg.callsOf(TOKEN, 'answerCallbackQuery').length;
    await press(chat, answer, down);
    await waitUntil(() => assistant.feedbacks.length > 0);
    expect(assistant.feedbacks[0]).toEqual({
      answerId: 'answer-' + answerNumber(answer),
      channel: 'telegram',
      userId: String(chat),
      vote: 'down',
    });
    await waitUntil(() => tg.callsOf(TOKEN, 'answerCallbackQuery').length > before);
    expect(tg.callsOf(TOKEN, 'answerCallbackQuery').at(-1)!.payload.text).toBe('Kiitos palautteesta!');
    await waitUntil(
      () => !buttons(tg.botMessages(TOKEN, chat)[0]!).some((b) => b.text.startsWith('👍')),
      5000,
      () => 'vote row removed',
    );
  });

  it('keeps "typing" up while a slow answer is being written', async () => {
    const slowChat = 103;
    const previous = assistant.answer;
    const typing = () =>
      tg.callsOf(TOKEN, 'sendChatAction').filter((c) => String(c.payload.chat_id) === String(slowChat))
        .length;
    assistant.answer = async (t) => {
      await waitUntil(() => typing() >= 3);
      return assistant.defaultAnswer(t);
    };
    try {
      const client = tg.client(TOKEN, { chatId: slowChat });
      await client.sendMessage(client.makeMessage('Hidas kysymys'));
      await tg.waitForBotMessages(TOKEN, slowChat, 1);
      expect(typing()).toBeGreaterThanOrEqual(3);
    } finally {
      assistant.answer = previous;
    }
  });

  it('splits an answer over 4096 characters into valid messages, keyboard on the last', async () => {
    const longChat = 104;
    const paragraphs = Array.from(
      { length: 40 },
      (_, i) => `Kappale ${i}: <b>&</b> ${'sanat ja luvut '.repeat(12)}loppu ${i}.`,
    );
    const oneLongLine = 'pitkä '.repeat(900).trim();
    const previous = assistant.answer;
    assistant.answer = (t) => ({
      ...assistant.defaultAnswer(t),
      ...said([...paragraphs, oneLongLine].join('\n\n')),
    });
    try {
      const client = tg.client(TOKEN, { chatId: longChat });
      await client.sendMessage(client.makeMessage('Kerro kaikki'));
      await tg.waitForBotMessages(TOKEN, longChat, 3);
      await settle();
      const parts = tg.botMessages(TOKEN, longChat);
      expect(parts.length).toBeGreaterThanOrEqual(3);
      for (const p of parts) {
        expectValidTelegramHtml(p.text);
        expect(p.parse_mode).toBe('HTML');
      }
      expect(parts[0]!.reply_parameters?.message_id).toBe(lastUserMessageId(longChat));
      expect(parts.slice(1).every((p) => p.reply_parameters === undefined)).toBe(true);
      expect(parts.slice(0, -1).every((p) => p.reply_markup === undefined)).toBe(true);
      expect(buttons(parts.at(-1)!).some((b) => b.text.startsWith('👍'))).toBe(true);
      // Nothing lost, nothing reordered: the parts read back as the whole answer.
      const all = parts.map((p) => visible(p.text)).join('\n\n');
      let at = 0;
      for (const para of paragraphs) {
        const found = all.indexOf(para, at);
        expect(found, para.slice(0, 20)).toBeGreaterThanOrEqual(at);
        at = found + para.length;
      }
      expect(all.replace(/\s+/g, ' ')).toContain(oneLongLine);
    } finally {
      assistant.answer = previous;
    }
  });

  it('asks for text when sent something else', async () => {
    const chat2 = 112;
    const client = tg.client(TOKEN, { chatId: chat2 });
    const sticker = client.makeMessage('') as Record<string, unknown>;
    delete sticker.text;
    sticker.sticker = {
      file_id: 'x',
      file_unique_id: 'y',
      type: 'regular',
      width: 1,
      height: 1,
      is_animated: false,
      is_video: false,
    };
    await client.sendMessage(sticker as never);
    const [notice] = await tg.waitForBotMessages(TOKEN, chat2, 1);
    expect(notice!.text).toContain('Ymmärrän vain tekstiviestejä');
    expect(assistant.turnsOf(chat2)).toHaveLength(0);
  });

  it('keeps user texts out of the logs', () => {
    const logs = logLines.join('');
    expect(logs.length).toBeGreaterThan(0);
    expect(logs).not.toContain('avustusta');
    expect(logs).not.toContain('Hidas kysymys');
  });
});

function answerNumber(msg: BotMessage): string {
  const data = buttons(msg).find((b) => b.text.startsWith('👍'))!.callback_data!;
  return /answer-(\d+)/.exec(data)![1]!;
}

describe('group chats', () => {
  const chat = -200;
  const user = 201;
  const group = () => tg.client(TOKEN, { chatId: chat, userId: user, type: 'group' });

  it('ignores messages that are not addressed to the bot', async () => {
    const client = group();
    await client.sendMessage(client.makeMessage('Milloin on seuraava kokous?'));
    await client.sendCommand(client.makeCommand('/apua@OtherBot'));
    await settle(500);
    expect(tg.botMessages(TOKEN, chat)).toHaveLength(0);
    expect(assistant.turnsOf(chat)).toHaveLength(0);
  });

  it('answers a mention, as a reply, with the mention removed', async () => {
    const client = group();
    const text = '@TestNameBot milloin avustushaku päättyy?';
    await client.sendMessage(
      client.makeMessage(text, { entities: [mentionEntity(text, '@TestNameBot')] as never }),
    );
    const [answer] = await tg.waitForBotMessages(TOKEN, chat, 1);
    expect(assistant.turnsOf(chat)[0]).toMatchObject({
      text: 'milloin avustushaku päättyy?',
      isGroup: true,
      userId: String(user),
      conversationId: String(chat),
    });
    expect(answer!.reply_parameters?.message_id).toBe(lastUserMessageId(chat));
  });

  it('answers a reply to its own message and a command addressed to it', async () => {
    const client = group();
    const [answer] = tg.botMessages(TOKEN, chat);
    await client.sendMessage(
      client.makeMessage('entä kohdeavustus?', {
        reply_to_message: {
          message_id: answer!.messageId,
          from: BOT,
          chat: { id: chat, type: 'group' },
          date: 0,
        },
      } as never),
    );
    await client.sendCommand(
      client.makeCommand('/apua@TestNameBot', { entities: commandEntity('/apua@TestNameBot') as never }),
    );
    await tg.waitForBotMessages(TOKEN, chat, 3);
    expect(assistant.turnsOf(chat).map((t) => t.command?.kind ?? t.text)).toEqual([
      'milloin avustushaku päättyy?',
      'entä kohdeavustus?',
      'help',
    ]);
  });
});

describe('Bot API errors', () => {
  it('retries a 429 after retry_after and a 5xx, then delivers the answer', async () => {
    const chat = 106;
    tg.inject(TOKEN, 'sendMessage', 429, {
      ok: false,
      error_code: 429,
      description: 'Too Many Requests: retry after 1',
      parameters: { retry_after: 1 },
    });
    tg.inject(TOKEN, 'sendMessage', 502, { ok: false, error_code: 502, description: 'Bad Gateway' });
    const client = tg.client(TOKEN, { chatId: chat });
    await client.sendMessage(client.makeMessage('Toimiiko uudelleenyritys?'));
    const [answer] = await tg.waitForBotMessages(TOKEN, chat, 1, 30_000);
    expect(answer!.text).toContain('Vastaus kysymykseen');
    const sends = tg.callsOf(TOKEN, 'sendMessage').filter((c) => String(c.payload.chat_id) === String(chat));
    expect(sends).toHaveLength(3);
  });

  it('survives a failing send and a failing core, and keeps answering', async () => {
    const chat = 107;
    const client = tg.client(TOKEN, { chatId: chat });
    tg.inject(TOKEN, 'sendMessage', 400, {
      ok: false,
      error_code: 400,
      description: 'Bad Request: chat not found',
    });
    await client.sendMessage(client.makeMessage('Ensimmäinen katoaa'));
    await waitUntil(() =>
      tg.callsOf(TOKEN, 'sendMessage').some((c) => String(c.payload.chat_id) === String(chat)),
    );

    const previous = assistant.answer;
    assistant.answer = () => Promise.reject(new Error('database is down'));
    try {
      await client.sendMessage(client.makeMessage('Toinen kaatuu'));
      const [apology] = await tg.waitForBotMessages(TOKEN, chat, 1);
      expect(apology!.text).toContain('Pahoittelen');
    } finally {
      assistant.answer = previous;
    }
    await client.sendMessage(client.makeMessage('Kolmas onnistuu'));
    const [, answer] = await tg.waitForBotMessages(TOKEN, chat, 2);
    expect(answer!.text).toContain('Kolmas onnistuu');
  });
});

describe('rate limit', () => {
  const LIMITED = '1002:limited';
  let limited: ChannelPlugin;
  const limitedAssistant = new FakeAssistant();

  beforeAll(async () => {
    const config = loadConfig({
      TELEGRAM_BOT_TOKEN: LIMITED,
      TELEGRAM_API_ROOT: tg.apiRoot,
      KUMPPANI_RATE_LIMIT_PER_MINUTE: '2',
    });
    limited = (await createTelegramChannel({
      assistant: limitedAssistant,
      config,
      logger: silentLogger,
      state: new MemoryChannelState(),
    }))!;
    await limited.start!();
  });

  afterAll(async () => {
    await limited?.stop?.();
  });

  it('answers within the limit, then says so once instead of going silent', async () => {
    const chat = 105;
    const client = tg.client(LIMITED, { chatId: chat });
    for (let i = 1; i <= 5; i++) {
      await client.sendMessage(
        client.makeMessage(`Kysymys ${i}`, { from: { language_code: 'en' } as never }),
      );
    }
    const msgs = await tg.waitForBotMessages(LIMITED, chat, 3);
    await settle(500);
    const all = tg.botMessages(LIMITED, chat);
    expect(all).toHaveLength(3);
    expect(limitedAssistant.turnsOf(chat).map((t) => t.text)).toEqual(['Kysymys 1', 'Kysymys 2']);
    // The fake core answers in Finnish, so the notice follows the chat's language.
    expect(msgs[2]!.text).toMatch(
      /^Hetkinen – viestejä tulee nyt nopeammin kuin ehdin vastata\. Yritä uudelleen noin \d+ sekunnin kuluttua\.$/,
    );
    // A different chat is not affected.
    const other = tg.client(LIMITED, { chatId: 113 });
    await other.sendMessage(other.makeMessage('Toinen chatti'));
    await tg.waitForBotMessages(LIMITED, 113, 1);
  });
});
