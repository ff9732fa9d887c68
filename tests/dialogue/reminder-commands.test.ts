/**
 * The reminder commands over the real dialogue, store and demo pack (issue 16): a subscription
 * filtered by grant kind ("/muistuta Sammalkoski kohdeavustuksista") gets only that kind's
 * deadlines; /muistutukset lists the subscriptions numbered with a cancel button each, and
 * "/muistutukset peru 2" cancels that one and nothing of anyone else's. With a fake clock: the
 * Sammalkoski yleisavustus period closes 15.2.2027, its kohdeavustus applications each month's end.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ingestPaths } from '../../src/ingest/pipeline.ts';
import { testScheduler } from './reminder-scheduler.ts';
import { parseCommand } from '../../src/dialogue/commands.ts';
import { splitGrantKinds } from '../../src/kernel/grant-kinds.ts';
import type { ReminderSender } from '../../src/kernel/ports.ts';
import type { Command, Reply } from '../../src/kernel/types.ts';
import { t } from '../../src/kernel/i18n/index.ts';
import { useTempIndex } from '../ingest/temp-index.ts';

const index = useTempIndex('kumppani-reminder-commands-');
const at = (day: string) => new Date(`${day}T08:00:00Z`);

beforeAll(async () => {
  expect((await ingestPaths(['knowledge/demo'], index.services().writer)).failed).toEqual([]);
});

/** A Telegram user typing (or pressing) a command in their own chat. */
function say(user: string, text: string, command?: Command): Promise<Reply> {
  return index.services().assistant.handle({
    channel: 'telegram',
    conversationId: `chat-${user}`,
    userId: user,
    text,
    audience: 'public',
    ...(command ? { command } : {}),
  });
}

function run(day: string) {
  const sent: Array<{ address: string; reply: Reply }> = [];
  const sender: ReminderSender = {
    channel: 'telegram',
    async send(address, reply) {
      sent.push({ address, reply });
    },
  };
  return testScheduler(index.services().stores, sender)
    .runOnce(at(day))
    .then(() => sent);
}

describe('reading grant kinds in a reminder command', () => {
  it('takes the kinds in any inflection and leaves the municipality', () => {
    expect(splitGrantKinds('Routasalmi kohdeavustuksista')).toEqual({
      rest: 'Routasalmi',
      kinds: ['kohdeavustus'],
    });
    expect(splitGrantKinds('Sammalkoski yleis- ja kylätaloavustus').kinds).toEqual([
      'kylätaloavustus',
      'yleisavustus',
    ]);
    expect(splitGrantKinds('Vassnäs projektbidrag')).toEqual({ rest: 'Vassnäs', kinds: ['projektbidrag'] });
    expect(parseCommand('/muistuta kaikki toiminta-avustukset')?.command).toEqual({
      kind: 'remind',
      municipality: null,
      grantKinds: ['toiminta-avustus'],
    });
    expect(parseCommand('/reminders cancel 3')?.command).toEqual({ kind: 'cancel-reminders', number: 3 });
    expect(parseCommand('/påminnelser avbryt')?.command).toEqual({ kind: 'cancel-reminders' });
  });
});

describe('a grant-kind filtered subscription', () => {
  it('gets the reminder of its kind’s deadline and not another kind’s', async () => {
    const yleis = await say('kind-yleis', '/muistuta Sammalkoski yleisavustus');
    expect(yleis.text).toContain('Sammalkoski, vain yleisavustus');
    const kohde = await say('kind-kohde', '/muistuta Sammalkoski kohdeavustuksista');
    expect(kohde.text).toContain('Sammalkoski, vain kohdeavustus');

    // 1.2.2027: 14 days before the yleisavustus period closes; the next kohdeavustus cut-off is 28.2.
    const feb1 = await run('2027-02-01');
    const to = (user: string) => feb1.filter((s) => s.address === `chat-${user}`);
    expect(to('kind-yleis')).toHaveLength(1);
    expect(to('kind-yleis')[0]!.reply.text).toContain('15.2.2027');
    expect(to('kind-kohde')).toEqual([]);

    // 25.2.2027: three days to the month's kohdeavustus cut-off; nothing for yleisavustus.
    const feb25 = await run('2027-02-25');
    const kohdeSent = feb25.filter((s) => s.address === 'chat-kind-kohde');
    expect(kohdeSent).toHaveLength(1);
    expect(kohdeSent[0]!.reply.text).toContain('28.2.2027');
    expect(kohdeSent[0]!.reply.citations[0]!.quote).toMatch(/kuukauden viimeiseen päivään/i);
    expect(feb25.filter((s) => s.address === 'chat-kind-yleis')).toEqual([]);
  });

  it('adds a second kind to the same municipality instead of replacing the first', async () => {
    await say('kind-two', '/muistuta Sammalkoski kohdeavustus');
    const both = await say('kind-two', '/muistuta Sammalkoski yleisavustus');
    expect(both.text).toContain('vain kohdeavustus, yleisavustus');
    const list = await say('kind-two', '/muistutukset');
    expect(list.text).toContain('1. Sammalkoski, vain kohdeavustus, yleisavustus');
    expect(list.text).not.toContain('2.');
  });

  it('says when no document names a coming deadline of that kind, and keeps the subscription', async () => {
    const reply = await say('kind-none', '/muistuta Routasalmi kulttuuriavustus');
    expect(reply.text).toContain('Routasalmi, vain kulttuuriavustus');
    expect(reply.text).toContain('ei nyt ole tulevaa määräaikaa avustuslajille kulttuuriavustus');
    expect((await say('kind-none', '/muistutukset')).text).toContain('1. Routasalmi, vain kulttuuriavustus');
  });
});

describe('cancelling one subscription', () => {
  it('lists them numbered with a cancel button each; "peru 2" cancels the second only', async () => {
    await say('one', '/muistuta Sammalkoski');
    await say('one', '/muistuta Routasalmi toiminta-avustus');
    const list = await say('one', '/muistutukset');
    expect(list.text).toContain('1. Sammalkoski');
    expect(list.text).toContain('2. Routasalmi, vain toiminta-avustus');
    expect(list.text).toContain('/muistutukset peru 1');
    expect(list.choices?.map((c) => c.label)).toEqual([
      t('fi', 'dialogue.reminders.cancelButton', { n: 1, municipality: 'Sammalkoski' }),
      t('fi', 'dialogue.reminders.cancelButton', { n: 2, municipality: 'Routasalmi, vain toiminta-avustus' }),
    ]);

    const cancelled = await say('one', '/muistutukset peru 2');
    expect(cancelled.text).toBe(
      t('fi', 'dialogue.reminders.cancelledOne', { municipality: 'Routasalmi, vain toiminta-avustus' }),
    );
    const after = await say('one', '/muistutukset');
    expect(after.text).toContain('1. Sammalkoski');
    expect(after.text).not.toContain('Routasalmi');

    // Routasalmi's toiminta-avustus period closes 31.3.2027: 14 days before, only Sammalkoski's
    // own month-end cut-off reaches this chat.
    const mar17 = (await run('2027-03-17')).filter((s) => s.address === 'chat-one');
    expect(mar17.length).toBeGreaterThan(0);
    for (const s of mar17) expect(s.reply.text).not.toContain('Routasalmi');
  });

  it('cancels by the button’s id, and never another user’s subscription', async () => {
    await say('owner', '/muistuta Kaislaniemi');
    const [owned] = await index
      .services()
      .stores.reminders.list(
        (await index.services().stores.reminders.all()).find((s) => s.address === 'chat-owner')!.userKey,
      );
    const forged = await say('intruder', '', { kind: 'cancel-reminders', id: owned!.id });
    expect(forged.text).toBe(t('fi', 'dialogue.reminders.gone', { list: '/muistutukset' }));
    expect((await index.services().stores.reminders.all()).some((s) => s.id === owned!.id)).toBe(true);

    const pressed = await say('owner', '', { kind: 'cancel-reminders', id: owned!.id });
    expect(pressed.text).toBe(t('fi', 'dialogue.reminders.cancelledOne', { municipality: 'Kaislaniemi' }));
    expect((await index.services().stores.reminders.all()).some((s) => s.id === owned!.id)).toBe(false);
    // The same button pressed again: already gone, and said so.
    expect((await say('owner', '', { kind: 'cancel-reminders', id: owned!.id })).text).toBe(
      t('fi', 'dialogue.reminders.gone', { list: '/muistutukset' }),
    );
    expect((await say('owner', '/muistutukset peru 7')).text).toBe(
      t('fi', 'dialogue.reminders.noSuch', { number: '7', list: '/muistutukset' }),
    );
  });

  it('"peru" alone still cancels every subscription', async () => {
    await say('all', '/muistuta Sammalkoski');
    await say('all', '/muistuta Kaislaniemi');
    const reply = await say('all', '/muistutukset peru');
    expect(reply.text).toBe(t('fi', 'dialogue.reminders.cancelled', { count: 2 }));
    expect((await say('all', '/muistutukset')).text).toContain(
      t('fi', 'dialogue.reminders.none', { remind: '/muistuta' }),
    );
  });
});
