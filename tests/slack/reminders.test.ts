/**
 * Deadline reminders in Slack over the real core and the demo pack (issue 16): "/kumppani muistuta
 * Sammalkoski" subscribes the conversation; a scheduler run 14 days before the Sammalkoski
 * deadline (15.2.2027) posts one chat.postMessage there with the deadline and its linked source,
 * and a second run posts nothing. In a DM the words work typed as the message too ("muistuta
 * Routasalmi", "muistutukset peru 1"), as the issue asks of Slack (slash command and DM).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { silentLogger } from '../../src/kernel/log.ts';
import { ingestPaths } from '../../src/ingest/pipeline.ts';
import { blockTexts, sendCommand, sendEvent, startFakeSlack, startSlackChannel, waitFor } from './helpers.ts';
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

  it('takes the commands typed in a DM, and posts the reminder in that DM', async () => {
    const dm = (text: string, ts: string) =>
      sendEvent(bot.url, { type: 'message', channel_type: 'im', channel: 'D77', user: 'U77', text, ts });
    const replies = () => slack.of('chat.postMessage').filter((c) => c.body.channel === 'D77');

    await dm('muistuta Routasalmi kohdeavustus', '1700000001.000100');
    const done = await waitFor('the confirmation', () => replies()[0]);
    expect(blockTexts(done).join('\n')).toContain('Routasalmi, vain kohdeavustus');

    // 17.3.2027: 14 days before Routasalmi's 31.3. kohdeavustus deadline.
    expect(await services.reminders.runOnce(new Date('2027-03-17T08:00:00Z'))).toMatchObject({ failed: 0 });
    const reminder = await waitFor('the reminder', () => replies()[1]);
    const texts = blockTexts(reminder).join('\n');
    expect(texts).toContain('14 päivää');
    expect(texts).toContain('31.3.2027');
    expect(texts).toContain('Kohdeavustus');

    await dm('muistutukset peru 1', '1700000002.000100');
    const cancelled = await waitFor('the cancellation', () => replies()[2]);
    expect(blockTexts(cancelled).join('\n')).toContain('Muistutus on peruttu: Routasalmi, vain kohdeavustus.');
    // The 3-day lead on 28.3. finds no subscription left in this DM.
    await services.reminders.runOnce(new Date('2027-03-28T08:00:00Z'));
    expect(replies()).toHaveLength(3);
  });
});
