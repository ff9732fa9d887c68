/**
 * Deadline reminders in Teams over the real core, the demo pack, the real server and botbuilder's
 * CloudAdapter, against the Bot Connector stand-in (issue 16). A volunteer subscribes by typing
 * "påminn Sammalkoski" (the command menu's word) or by the card button under a "what's coming
 * up?" answer; the scheduler writes first through the stored conversation reference, once, in
 * the subscriber's language, with the deadline and its linked source; the list's cancel button
 * cancels one subscription.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../../src/app.ts';
import { t } from '../../src/kernel/i18n/index.ts';
import { cardButtons as buttons, cardText, postActivity, startTeams, teamsActivity } from './chat.ts';
import type { ConnectorStub, RecordedActivity } from './connector-stub.ts';

const SAMMALKOSKI_URL = 'https://www.sammalkoski.example.fi/vapaa-aika/yhdistykset/avustusohjeet-2027.docx';
const at = (day: string) => new Date(`${day}T08:00:00Z`);

let services: Services;
let stub: ConnectorStub;
let base: string;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ services, stub, base, close } = await startTeams());
});

afterAll(async () => {
  await close?.();
});

type Card = Record<string, unknown>;

const messages = (conversation: string): RecordedActivity[] =>
  stub.posted().filter((c) => c.activity.type === 'message' && c.conversationId === `a:${conversation}`);
const cardOf = (c: RecordedActivity): Card => c.activity.attachments![0]!.content;

/** Types a message in a personal chat and returns the card the bot answers with. */
async function say(conversation: string, locale: string, text: string): Promise<Card> {
  const before = messages(conversation).length;
  await postActivity(base, teamsActivity(stub, conversation, locale, { type: 'message', text }));
  const after = messages(conversation);
  expect(after.length, `a reply to "${text}"`).toBe(before + 1);
  return cardOf(after.at(-1)!);
}

/** Presses a card button (Action.Execute) and returns the card the bot then posts. */
async function press(conversation: string, locale: string, data: unknown): Promise<Card> {
  const before = messages(conversation).length;
  await postActivity(
    base,
    teamsActivity(stub, conversation, locale, {
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
