/**
 * Deadline reminders in Teams over the real core, the demo pack, the real server and botbuilder's
 * CloudAdapter, against the Bot Connector stand-in (issue 16). A volunteer subscribes by typing
 * "påminn Sammalkoski" (the command menu's word) or by the card button under a "what's coming
 * up?" answer; the scheduler writes first through the stored conversation reference, once, in
 * the subscriber's language, with the deadline and its linked source; the list's cancel button
 * cancels one subscription.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTeamsChannel } from '../../adapters/teams/index.ts';
import { createServices, type Services } from '../../src/app.ts';
import { ingestPaths } from '../../src/ingest/pipeline.ts';
import { t } from '../../src/kernel/i18n/index.ts';
import { silentLogger } from '../../src/kernel/log.ts';
import { createServer, type KumppaniServer } from '../../src/server/app.ts';
import { fakeIndexStats, testConfig } from '../server/fakes.ts';
import { cardButtons as buttons, cardText } from './chat.ts';
import { startConnectorStub, type ConnectorStub, type RecordedActivity } from './connector-stub.ts';

const BOT = { id: '28:kumppani-bot', name: 'Kumppani' };
const SAMMALKOSKI_URL = 'https://www.sammalkoski.example.fi/vapaa-aika/yhdistykset/avustusohjeet-2027.docx';
const at = (day: string) => new Date(`${day}T08:00:00Z`);

let services: Services;
let server: KumppaniServer;
let stub: ConnectorStub;
let base: string;
let seq = 0;

beforeAll(async () => {
  stub = await startConnectorStub();
  const config = testConfig({ TEAMS_ALLOW_UNAUTHENTICATED: 'true' });
  services = await createServices(config, { logger: silentLogger });
  expect((await ingestPaths(['knowledge/demo'], services.writer)).failed).toEqual([]);
  server = await createServer({
    config,
    logger: silentLogger,
    assistant: services.assistant,
    state: services.channelState,
    indexStats: fakeIndexStats,
    channels: [createTeamsChannel],
    reminders: services.reminders,
  });
  base = (await server.start({ port: 0, host: '127.0.0.1' })).url;
});

afterAll(async () => {
  await server?.stop();
  await stub?.close();
  await services?.close();
});

type Card = Record<string, unknown>;

const messages = (conversation: string): RecordedActivity[] =>
  stub.posted().filter((c) => c.activity.type === 'message' && c.conversationId === `a:${conversation}`);
const cardOf = (c: RecordedActivity): Card => c.activity.attachments![0]!.content;

function activity(conversation: string, locale: string, extra: Record<string, unknown>) {
  seq += 1;
  return {
    id: `user-msg-${seq}`,
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl: stub.url,
    from: { id: `29:${conversation}`, name: 'Maija', aadObjectId: `aad-${conversation}` },
    recipient: BOT,
    conversation: { id: `a:${conversation}`, conversationType: 'personal', tenantId: 'tenant-public' },
    channelData: { tenant: { id: 'tenant-public' } },
    locale,
    ...extra,
  };
}

async function post(body: unknown): Promise<void> {
  const res = await fetch(`${base}/api/messages`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(200);
}

/** Types a message in a personal chat and returns the card the bot answers with. */
async function say(conversation: string, locale: string, text: string): Promise<Card> {
  const before = messages(conversation).length;
  await post(activity(conversation, locale, { type: 'message', text }));
  const after = messages(conversation);
  expect(after.length, `a reply to "${text}"`).toBe(before + 1);
  return cardOf(after.at(-1)!);
}

/** Presses a card button (Action.Execute) and returns the card the bot then posts. */
async function press(conversation: string, locale: string, data: unknown): Promise<Card> {
  const before = messages(conversation).length;
  await post(
    activity(conversation, locale, {
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb: 'kumppani', data } },
    }),
  );
  const after = messages(conversation);
  expect(after.length).toBe(before + 1);
  return cardOf(after.at(-1)!);
}

describe('Teams reminders', () => {
  it('subscribes by the typed word and writes the 14-day reminder first, once, in Swedish, with its source', async () => {
    const done = cardText(await say('sv-user', 'sv-FI', 'påminn Sammalkoski'));
    expect(done).toContain('Klart: jag påminner om tidsfristerna (Sammalkoski) 14, 3 dagar innan');
    // Teams names the words its command menu types, never a slash command.
    expect(done).toContain('påminnelser');
    expect(done).not.toMatch(/(^|\s)\/\p{L}/u);

    const before = messages('sv-user').length;
    expect(await services.reminders.runOnce(at('2027-02-01'))).toEqual({ sent: 1, failed: 0 });
    const sent = messages('sv-user');
    expect(sent).toHaveLength(before + 1);
    const card = cardOf(sent.at(-1)!);
    const text = cardText(card);
    expect(text).toContain(t('sv', 'reminder.intro', { days: '14' }));
    expect(text).toContain('15.2.2027 kl. 16.00');
    expect(JSON.stringify(card)).toContain(SAMMALKOSKI_URL);

    expect(await services.reminders.runOnce(at('2027-02-01'))).toEqual({ sent: 0, failed: 0 });
    expect(messages('sv-user')).toHaveLength(before + 1);
  });

  it('subscribes by the button under the upcoming deadlines, and cancels one by the list’s button', async () => {
    await say('fi-user', 'fi-FI', 'kunta Routasalmi');
    const upcoming = await say('fi-user', 'fi-FI', 'Mitä hakuaikoja on tulossa?');
    const subscribe = buttons(upcoming).find((b) => b.title === t('fi', 'dialogue.remind.button'));
    expect(subscribe, 'a subscribe button under the deadlines').toBeDefined();
    const done = cardText(await press('fi-user', 'fi-FI', subscribe!.data));
    expect(done).toContain('Selvä: muistutan määräajoista (Routasalmi)');

    await say('fi-user', 'fi-FI', 'muistuta Sammalkoski kohdeavustus');
    const list = await say('fi-user', 'fi-FI', 'muistutukset');
    expect(cardText(list)).toContain('1. Routasalmi');
    expect(cardText(list)).toContain('2. Sammalkoski, vain kohdeavustus');
    const cancel = buttons(list).find(
      (b) => b.title === t('fi', 'dialogue.reminders.cancelButton', { n: 1, municipality: 'Routasalmi' }),
    );
    expect(cancel).toBeDefined();
    const cancelled = cardText(await press('fi-user', 'fi-FI', cancel!.data));
    expect(cancelled).toContain(t('fi', 'dialogue.reminders.cancelledOne', { municipality: 'Routasalmi' }));

    // 17.3.2027 is 14 days before Routasalmi's 31.3. deadlines: nothing comes for the cancelled one.
    const before = messages('fi-user').length;
    await services.reminders.runOnce(at('2027-03-17'));
    for (const m of messages('fi-user').slice(before))
      expect(cardText(cardOf(m))).not.toContain('Routasalmi');
    expect(cardText(await say('fi-user', 'fi-FI', 'muistutukset'))).not.toContain('Routasalmi');
  });
});
