/**
 * The Slack channel over the real core: the composition root's assistant, the extractive answerer
 * and hybrid search over a small indexed corpus (embedded PostgreSQL in memory), so a regional
 * question asked by @mention comes back in its thread with sources from the documents.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { silentLogger } from '../../src/log.ts';
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
