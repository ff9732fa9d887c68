/**
 * The pieces of the adapter a user notices without a network: how answers are escaped and cut,
 * what buttons carry, when a chat is told to slow down, when a group message is for the bot.
 */
import { describe, expect, it } from 'vitest';
import { isAddressedToBot, stripMention } from '../../adapters/telegram/addressing.ts';
import { silentLogger } from '../../src/kernel/log.ts';
import { CallbackCodec } from '../../adapters/telegram/callback-data.ts';
import { MemoryChannelState } from '../helpers/channel-state.ts';
import { escapeHtml, renderReplyHtml, splitPlain } from '../../adapters/telegram/html.ts';
import { missingTranslations } from '../../src/kernel/i18n/index.ts';
import { telegram } from '../../src/kernel/i18n/telegram.ts';
import type { Block, Reply } from '../../src/kernel/types.ts';
import { said } from '../helpers/said.ts';
import type { Message, UserFromGetMe } from 'grammy/types';
import { expectValidTelegramHtml } from './harness.ts';

const reply = (text: string | Block[], extra: Partial<Reply> = {}): Reply => ({
  id: 'a1',
  kind: 'answer',
  ...said(text),
  answered: true,
  language: 'fi',
  citations: [],
  ...extra,
});

describe('HTML answers', () => {
  it('escapes markup, entities and quotes from the answer and the sources', () => {
    const [html] = renderReplyHtml(
      reply('Käytä <b>tätä</b> & "tuota" &amp;', {
        citations: [
          {
            source: 'a.md',
            title: 'Ohje <script>',
            url: 'https://example.fi/a?x=1&y="2"',
            section: 'A & B',
            page: 3,
            score: 1,
          },
          { source: 'b.md', title: 'Ei linkkiä', url: 'javascript:alert(1)', score: 0.5 },
        ],
      }),
    );
    expect(html).toContain('Käytä &lt;b&gt;tätä&lt;/b&gt; &amp; &quot;tuota&quot; &amp;amp;');
    expect(html).toContain(
      '[1] <a href="https://example.fi/a?x=1&amp;y=%222%22">Ohje &lt;script&gt;</a> · A &amp; B · s. 3',
    );
    expect(html).toContain('[2] Ei linkkiä');
    expect(html).not.toContain('javascript:');
    expectValidTelegramHtml(html!);
  });

  it('never cuts inside an entity, a surrogate pair or a word when it can avoid it', () => {
    const text = '&'.repeat(30) + ' ' + '😀'.repeat(30) + ' sana';
    for (const limit of [7, 10, 23, 64]) {
      const chunks = splitPlain(text, limit);
      for (const c of chunks) {
        expect(escapeHtml(c).length).toBeLessThanOrEqual(limit);
        expect(c).not.toMatch(/[\uD800-\uDBFF]$/);
        expect(c).not.toMatch(/^[\uDC00-\uDFFF]/);
      }
      expect(chunks.join('').replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
    }
    expect(splitPlain('yksi kaksi kolme neljä', 12)).toEqual(['yksi kaksi', 'kolme neljä']);
  });

  it('cuts between paragraphs first and keeps every part within the limit', () => {
    const paragraphs = Array.from({ length: 10 }, (_, i) => `Kappale ${i} & <lisää> tekstiä.`);
    const parts = renderReplyHtml(reply(paragraphs.join('\n\n')), 'fi', 80);
    expect(parts.length).toBeGreaterThan(3);
    for (const p of parts) {
      expect(p.length).toBeLessThanOrEqual(80);
      expectValidTelegramHtml(p);
      // Each part starts at a paragraph's beginning: no paragraph was cut in two.
      expect(p).toMatch(/^Kappale \d/);
    }
  });
});

describe('answer blocks', () => {
  const sources = [
    { source: 'a.md', title: 'A', url: 'https://a.example/ohje?x=1&y=2', score: 1 },
    { source: 'b.md', title: 'B', score: 0.9 },
  ];

  it('links each citation number to its source and leaves "[2]" and "• Foo:" in document text as text', () => {
    const [html] = renderReplyHtml(
      reply([{ kind: 'answer', parts: [{ text: '• Liite: katso kohta [2] <b>ohjeesta</b>.', cite: [1] }] }], {
        citations: sources,
      }),
    );
    expect(html!.split('\n')[0]).toBe(
      '• Liite: katso kohta [2] &lt;b&gt;ohjeesta&lt;/b&gt;. <a href="https://a.example/ohje?x=1&amp;y=2">[1]</a>',
    );
    expectValidTelegramHtml(html!);
  });

  it("puts a comparison's municipality names in bold from the block; a source without a link stays [n]", () => {
    const [html] = renderReplyHtml(
      reply(
        [
          { kind: 'notice', text: 'Näissä kunnissa:' },
          {
            kind: 'municipalities',
            items: [
              { municipality: 'Iisalmi', parts: [{ text: 'Tilat ovat maksuttomia.', cite: [1] }] },
              { municipality: 'Kuopio <x>', parts: [{ text: 'Hinta: 10 €.', cite: [2] }] },
            ],
          },
        ],
        { citations: sources },
      ),
    );
    expect(html!.split('\n').slice(0, 3)).toEqual([
      'Näissä kunnissa:',
      '• <b>Iisalmi</b>: Tilat ovat maksuttomia. <a href="https://a.example/ohje?x=1&amp;y=2">[1]</a>',
      '• <b>Kuopio &lt;x&gt;</b>: Hinta: 10 €. [2]',
    ]);
    expectValidTelegramHtml(html!);
  });

  it('cuts a long cited answer within the limit without breaking its links', () => {
    const parts = Array.from({ length: 12 }, (_, i) => ({
      text: ` Lause ${i} & ${'sana '.repeat(8)}`,
      cite: [1],
    }));
    const messages = renderReplyHtml(reply([{ kind: 'answer', parts }], { citations: sources }), 'fi', 120);
    expect(messages.length).toBeGreaterThan(3);
    for (const m of messages) {
      expect(m.length).toBeLessThanOrEqual(120);
      expectValidTelegramHtml(m);
    }
    expect(messages.join('\n').split('>[1]</a>').length - 1).toBe(12);
  });
});

describe('button data', () => {
  it('fits commands and feedback into 64 bytes and reads them back', async () => {
    const codec = new CallbackCodec(new MemoryChannelState(), silentLogger);
    const actions = [
      { type: 'feedback', answerId: '0b9a4a8e-2f7c-4d0e-9a53-5b8f1f2f9c11', vote: 'up' },
      { type: 'command', command: { kind: 'set-municipality', municipality: 'Pieksämäki' } },
      { type: 'command', command: { kind: 'set-municipality', municipality: null } },
      { type: 'command', command: { kind: 'choose-municipality', page: 3 } },
      { type: 'command', command: { kind: 'set-language', language: 'sv' } },
      { type: 'command', command: { kind: 'forget-me' } },
      { type: 'command', command: { kind: 'set-municipality', municipality: 'Ä'.repeat(40) } },
      { type: 'ask', text: 'Milloin toiminta-avustusta voi hakea ja mitä liitteitä tarvitaan?' },
    ] as const;
    for (const a of actions) {
      const data = codec.encode(a);
      expect(Buffer.byteLength(data)).toBeLessThanOrEqual(64);
      await codec.flush();
      expect(await codec.resolve(data)).toEqual(a);
    }
  });

  it('treats foreign or expired data as unknown instead of guessing', async () => {
    let now = 0;
    const codec = new CallbackCodec(new MemoryChannelState(() => now), silentLogger);
    const data = codec.encode({ type: 'ask', text: 'Mikä on järjestöjen yhteyshenkilön puhelinnumero?' });
    await codec.flush();
    expect(await codec.resolve(data)).toBeDefined();
    now = 8 * 24 * 3600_000;
    expect(await codec.resolve(data)).toBeUndefined();
    expect(await codec.resolve('something-else')).toBeUndefined();
    expect(await codec.resolve('c:l:de')).toBeUndefined();
  });
});

describe('group addressing', () => {
  const me = { id: 666, is_bot: true, first_name: 'Kumppani', username: 'KumppaniBot' } as UserFromGetMe;
  const msg = (text: string, extra: Partial<Message> = {}) =>
    ({ message_id: 1, date: 0, chat: { id: -1, type: 'group', title: 'g' }, text, ...extra }) as Message;

  it('is addressed by a mention, a reply to the bot, or a command with its name', () => {
    const mention = '@KumppaniBot milloin?';
    expect(
      isAddressedToBot(msg(mention, { entities: [{ type: 'mention', offset: 0, length: 12 }] }), me),
    ).toBe(true);
    expect(isAddressedToBot(msg('milloin?', { reply_to_message: { from: me } as never }), me)).toBe(true);
    expect(
      isAddressedToBot(
        msg('/apua@kumppanibot', { entities: [{ type: 'bot_command', offset: 0, length: 17 }] }),
        me,
      ),
    ).toBe(true);
    expect(
      isAddressedToBot(
        msg('/apua@OtherBot', { entities: [{ type: 'bot_command', offset: 0, length: 14 }] }),
        me,
      ),
    ).toBe(false);
    expect(
      isAddressedToBot(
        msg('@Someone milloin?', { entities: [{ type: 'mention', offset: 0, length: 8 }] }),
        me,
      ),
    ).toBe(false);
    expect(isAddressedToBot(msg('ihan muuta'), me)).toBe(false);
  });

  it('removes the mention wherever it is', () => {
    expect(stripMention('@KumppaniBot, milloin haku alkaa?', me)).toBe('milloin haku alkaa?');
    expect(stripMention('milloin haku alkaa @kumppanibot', me)).toBe('milloin haku alkaa');
  });
});

describe('strings', () => {
  it('has every Telegram string in Finnish, Swedish and English', () => {
    expect(missingTranslations(telegram)).toEqual([]);
  });
});
