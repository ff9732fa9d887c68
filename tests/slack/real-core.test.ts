/**
 * The Slack channel over the real core: the composition root's assistant, the extractive answerer
 * and hybrid search over a small indexed corpus (embedded PostgreSQL in memory), so a regional
 * question asked by @mention comes back in its thread with sources from the documents.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { silentLogger } from '../../src/kernel/log.ts';
import { parseCommand } from '../../src/dialogue/commands.ts';
import { t } from '../../src/kernel/i18n/index.ts';
import type { Language } from '../../src/kernel/types.ts';
import { SLASH_COMMAND } from '../../adapters/slack/listeners.ts';
import { parseSlashText } from '../../adapters/slack/turn.ts';
import { corpus } from '../retrieval/fixtures.ts';
import {
  BOT_USER,
  blockTexts,
  buttons,
  sendEvent,
  startFakeSlack,
  startSlackChannel,
  waitFor,
} from './helpers.ts';
import type { FakeSlack, SlackHarness } from './helpers.ts';

let services: Services;
let slack: FakeSlack;
let bot: SlackHarness;

beforeAll(async () => {
  services = await createServices(loadConfig({ KUMPPANI_DATA_DIR: 'memory', LOG_LEVEL: 'silent' }), {
    logger: silentLogger,
  });
  for (const f of corpus) await services.writer.put(f.doc, f.chunks);
  slack = await startFakeSlack();
  bot = await startSlackChannel(services.assistant, { SLACK_API_URL: slack.apiUrl });
});

afterAll(async () => {
  await bot?.close();
  await slack?.close();
  await services?.close();
});

describe('Slack over the real core', () => {
  it('answers a regional question with no municipality chosen, citing the documents, in the thread', async () => {
    const ts = '1700001000.000100';
    await sendEvent(bot.url, {
      type: 'app_mention',
      user: 'U1',
      text: `<@${BOT_USER}> Kuka on kunnan järjestöyhdyshenkilö?`,
      ts,
      channel: 'CREAL',
    });
    const post = await waitFor('the answer', () => slack.of('chat.postMessage')[0], 30_000);
    expect(post.body.thread_ts).toBe(ts);
    const texts = blockTexts(post).join('\n');
    expect(texts).toContain('Liisa Laine');
    expect(texts).toMatch(
      /\*Lähteet\*\n\*\[1\]\* <https:\/\/lahdenkyla\.example\.fi\/ohje\|Järjestöyhteistyön ohje>/,
    );
    expect(buttons(post).map((b) => b.action_id)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^kumppani_feedback:up:./),
        expect.stringMatching(/^kumppani_feedback:down:./),
      ]),
    );
  });
});

describe('Slack help over the real core', () => {
  it.each([
    ['apua', 'D401', 'kunta', 'fi'],
    ['hjälp', 'D402', 'kommun', 'sv'],
    ['help', 'D403', 'municipality', 'en'],
  ] as Array<[string, string, string, Language]>)(
    '"%s" in a DM lists only what Slack can deliver: /kumppani and words it understands',
    async (word, channel, kunta, lang) => {
      await sendEvent(bot.url, {
        type: 'message',
        channel_type: 'im',
        user: 'U40',
        text: word,
        ts: '1700002000.000100',
        channel,
      });
      const post = await waitFor(
        'the help',
        () => slack.of('chat.postMessage').find((c) => c.body.channel === channel),
        30_000,
      );
      const help = blockTexts(post).join('\n');
      // Slack delivers only the slash commands of the app manifest: no /unohda, /kunta, /tietoja.
      const slashes = [...help.matchAll(/(?:^|[\s(])(\/\p{L}+)/gu)].map((m) => m[1]);
      expect(slashes.length).toBeGreaterThan(0);
      for (const s of slashes) expect(s).toBe(SLASH_COMMAND);
      // Each "/kumppani <words>" the help names as a command is one.
      const uses = [...help.matchAll(/\/kumppani ([\p{Ll}]+(?: [\p{Ll}]+)?)/gu)].map((m) => m[1]!);
      expect(uses).toContain(
        `${kunta} ${kunta === 'kunta' ? 'kaikki' : kunta === 'kommun' ? 'alla' : 'all'}`,
      );
      for (const u of uses) expect(parseSlashText(u).command, u).toBeDefined();
      expect(parseSlashText(uses.find((u) => / (kaikki|alla|all)$/.test(u))!).command).toEqual({
        kind: 'set-municipality',
        municipality: null,
      });
      // The lines for a DM or a mention are commands the dialogue understands there.
      const lines = help.split('\n');
      const heading = lines.indexOf(t(lang, 'dialogue.help.phrases.slack'));
      expect(heading).toBeGreaterThan(0);
      const phrases = lines.slice(heading + 1).map((l) => l.split(' – ')[0]!.replace('fi|sv|en', 'sv'));
      expect(phrases.length).toBe(3);
      for (const p of phrases) expect(parseCommand(p, 'slack'), p).toBeDefined();
    },
  );
});
