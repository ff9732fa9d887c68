/**
 * The reminder scheduler over the real store and the demo pack (issue 16), with a fake clock: the
 * Sammalkoski yleisavustus period closes 15.2.2027 klo 16.00, so its reminders are due 1.2.2027
 * (14 days) and 12.2.2027 (3 days).
 */
import { describe, expect, it } from 'vitest';
import { ingestPaths } from '../../src/ingest/pipeline.ts';
import { leadFor } from '../../src/dialogue/reminders.ts';
import { testScheduler } from './reminder-scheduler.ts';
import type { ReminderSender } from '../../src/kernel/ports.ts';
import type { Reply } from '../../src/kernel/types.ts';
import { t } from '../../src/kernel/i18n/index.ts';
import { useTempIndex } from '../ingest/temp-index.ts';

const index = useTempIndex('kumppani-reminders-');
const DEADLINE = '15.2.2027';
const SOURCE = 'knowledge/demo/sammalkoski/avustusohjeet-2027.docx';
const at = (day: string) => new Date(`${day}T08:00:00Z`);

function recorder(fail = false): ReminderSender & { sent: Array<{ address: string; reply: Reply }> } {
  const sent: Array<{ address: string; reply: Reply }> = [];
  return {
    channel: 'telegram',
    sent,
    async send(address, reply) {
      if (fail) throw new Error('Telegram is down');
      sent.push({ address, reply });
    },
  };
}

/** A new scheduler over the same database: what a restart (or another replica) is. */
const scheduler = (sender: ReminderSender) => testScheduler(index.services().stores, sender);

const aboutDeadline = (r: { reply: Reply }) => r.reply.text.includes(DEADLINE);

let n = 0;
async function subscriber(municipality: string | null = 'Sammalkoski') {
  n++;
  return index.services().stores.reminders.subscribe({
    userKey: `user-${n}`,
    channel: 'telegram',
    address: `chat-${n}`,
    municipality,
    grantKinds: [],
    language: 'fi',
  });
}

describe('the reminder scheduler', () => {
  it('picks the nearest lead day reached', () => {
    expect(leadFor(15, [14, 3])).toBeUndefined();
    expect(leadFor(14, [14, 3])).toBe(14);
    expect(leadFor(5, [14, 3])).toBe(14);
    expect(leadFor(3, [14, 3])).toBe(3);
    expect(leadFor(0, [14, 3])).toBe(3);
    expect(leadFor(-1, [14, 3])).toBeUndefined();
  });

  it('sends the 14-day and the 3-day reminder once each, across restarts', async () => {
    const { writer } = index.services();
    expect((await ingestPaths(['knowledge/demo'], writer)).failed).toEqual([]);
    const sub = await subscriber();
    const first = recorder();
    await scheduler(first).runOnce(at('2027-01-31'));
    expect(first.sent.filter(aboutDeadline)).toEqual([]);

    await scheduler(first).runOnce(at('2027-02-01'));
    const fourteen = first.sent.filter(aboutDeadline);
    expect(fourteen).toHaveLength(1);
    expect(fourteen[0]!.address).toBe(`chat-${n}`);
    const reply = fourteen[0]!.reply;
    expect(reply.language).toBe('fi');
    expect(reply.text).toContain('14 päivää');
    expect(reply.text).toContain('klo 16.00');
    expect(reply.citations[0]).toMatchObject({
      source: SOURCE,
      url: 'https://www.sammalkoski.example.fi/vapaa-aika/yhdistykset/avustusohjeet-2027.docx',
    });
    expect(reply.citations[0]!.quote).toContain('15.1.–15.2.2027');

    // Again the same day, and after a restart before the 3-day lead: nothing more.
    await scheduler(first).runOnce(at('2027-02-01'));
    await scheduler(first).runOnce(at('2027-02-09'));
    expect(first.sent.filter(aboutDeadline)).toHaveLength(1);

    // Down from 11.2. to 13.2.: the 3-day reminder missed on 12.2. goes out on coming back.
    const restarted = recorder();
    await scheduler(restarted).runOnce(at('2027-02-13'));
    const three = restarted.sent.filter(aboutDeadline);
    expect(three).toHaveLength(1);
    expect(three[0]!.reply.text).toContain('2 päivää');
    await scheduler(restarted).runOnce(at('2027-02-14'));
    await scheduler(restarted).runOnce(at('2027-02-15'));
    expect(restarted.sent.filter(aboutDeadline)).toHaveLength(1);
    expect(sub.id).toBeTruthy();
  });

  it('sends nothing after the deadline, even for a reminder never sent', async () => {
    await subscriber();
    const late = recorder();
    await scheduler(late).runOnce(at('2027-02-16'));
    expect(late.sent.filter(aboutDeadline)).toEqual([]);
  });

  it('retries a reminder whose sending failed', async () => {
    const sub = await subscriber();
    const down = recorder(true);
    const result = await scheduler(down).runOnce(at('2027-02-02'));
    expect(result.failed).toBeGreaterThan(0);
    const up = recorder();
    await scheduler(up).runOnce(at('2027-02-03'));
    expect(up.sent.filter((r) => r.address === sub.address && aboutDeadline(r))).toHaveLength(1);
  });

  it('sends a reminder to every municipality’s subscriber, and none for another municipality', async () => {
    const all = await subscriber(null);
    const other = await subscriber('Routasalmi');
    const rec = recorder();
    await scheduler(rec).runOnce(at('2027-02-04'));
    expect(rec.sent.filter((r) => r.address === all.address && aboutDeadline(r))).toHaveLength(1);
    expect(rec.sent.filter((r) => r.address === other.address && aboutDeadline(r))).toEqual([]);
  });

  it('cancels the reminders of a removed document: its events are gone', async () => {
    await subscriber();
    const { writer } = index.services();
    // Both documents that state the deadline (the grant rules and the cooperation guide).
    await writer.remove((await writer.sources()).filter((s) => s.includes('/sammalkoski/')));
    const rec = recorder();
    await scheduler(rec).runOnce(at('2027-02-05'));
    expect(rec.sent.filter(aboutDeadline)).toEqual([]);
  });

  it('stores no subscription where no reminder could be delivered (the web chat)', async () => {
    const { assistant, stores } = index.services();
    const before = (await stores.reminders.all()).length;
    const reply = await assistant.handle({
      channel: 'web',
      conversationId: 'web-1',
      userId: 'web-user',
      text: '/muistuta Sammalkoski',
      audience: 'public',
    });
    expect(reply.text).toBe(t('fi', 'dialogue.remind.unavailable'));
    expect((await stores.reminders.all()).length).toBe(before);
  });
});
