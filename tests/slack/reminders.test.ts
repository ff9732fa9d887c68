/**
 * Deadline reminders in Slack over the real core and the demo pack (issue 16): "/kumppani muistuta
 * Sammalkoski" subscribes the conversation; a scheduler run 14 days before the Sammalkoski
 * deadline (15.2.2027) posts one chat.postMessage there with the deadline and its linked source,
 * and a second run posts nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { silentLogger } from '../../src/kernel/log.ts';
import { ingestPaths } from '../../src/ingest/pipeline.ts';
import { blockTexts, sendCommand, startFakeSlack, startSlackChannel, waitFor } from './helpers.ts';
import type { FakeSlack, SlackHarness } from './helpers.ts';

const URL = 'https://www.sammalkoski.example.fi/vapaa-aika/yhdistykset/avustusohjeet-2027.docx';

let services: Services;
let slack: FakeSlack;
let bot: SlackHarness;

beforeAll(async () => {
  services = await createServices(loadConfig({ KUMPPANI_DATA_DIR: 'memory', LOG_LEVEL: 'silent' }), {
    logger: silentLogger,
  });
  expect((await ingestPaths(['knowledge/demo'], services.writer)).failed).toEqual([]);
  slack = await startFakeSlack();
  bot = await startSlackChannel(services.assistant, { SLACK_API_URL: slack.apiUrl }, services.reminders);
});

afterAll(async () => {
  await bot?.close();
  await slack?.close();
  await services?.close();
});

describe('Slack reminders', () => {
  it('subscribes with /kumppani muistuta and posts the 14-day reminder once, with its source', async () => {
    await sendCommand(bot.url, {
      channel_id: 'D42',
      user_id: 'U42',
      text: 'muistuta Sammalkoski',
      response_url: `${slack.url}/respond/r1`,
    });
    const done = await waitFor('the confirmation', () =>
      slack.of('respond').find((c) => JSON.stringify(c.body).includes('Sammalkoski')),
    );
    expect(JSON.stringify(done.body)).toContain('14, 3');

    expect(await services.reminders.runOnce(new Date('2027-02-01T08:00:00Z'))).toEqual({ sent: 1, failed: 0 });
    const posts = slack.of('chat.postMessage').filter((c) => c.body.channel === 'D42');
    expect(posts).toHaveLength(1);
    const texts = blockTexts(posts[0]!).join('\n');
    expect(texts).toContain('14 päivää');
    expect(texts).toContain('15.2.2027 klo 16.00');
    expect(texts).toContain(URL);

    expect(await services.reminders.runOnce(new Date('2027-02-01T09:00:00Z'))).toEqual({ sent: 0, failed: 0 });
    expect(slack.of('chat.postMessage').filter((c) => c.body.channel === 'D42')).toHaveLength(1);
  });
});
