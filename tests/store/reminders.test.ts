/**
 * Reminder subscriptions in the store (issue 16): a reminder is claimed exactly once, whoever
 * asks; a failed send gives the claim back; forget-me deletes the subscriptions and their sent rows;
 * one subscription is deleted only by its own user; subscribing again joins the grant kinds.
 */
import { describe, expect, it } from 'vitest';
import {
  allSubscriptions,
  claimReminder,
  deleteSubscription,
  deleteUserSubscriptions,
  listSubscriptions,
  releaseReminder,
  subscribe,
} from '../../src/store/reminders.ts';
import { useTempIndex } from '../ingest/temp-index.ts';

const index = useTempIndex('kumppani-reminders-store-');

const sub = (userKey: string, municipality: string | null = 'Sammalkoski') => ({
  userKey,
  channel: 'telegram' as const,
  address: '401',
  municipality,
  grantKinds: [],
  language: 'fi' as const,
});

describe('reminder subscriptions', () => {
  it('keep one subscription per user, chat and municipality, with the delivery address', async () => {
    const { db } = index.services();
    const a = await subscribe(db.pool, sub('u1'));
    const again = await subscribe(db.pool, { ...sub('u1'), language: 'sv' });
    expect(again.id).toBe(a.id);
    expect(again.language).toBe('sv');
    await subscribe(db.pool, sub('u1', null));
    const mine = await listSubscriptions(db.pool, 'u1');
    expect(mine.map((s) => [s.municipality, s.address])).toEqual([
      ['Sammalkoski', '401'],
      [null, '401'],
    ]);
  });

  it('claim a reminder exactly once, also when asked at the same time', async () => {
    const { db } = index.services();
    const s = await subscribe(db.pool, sub('u2'));
    const key = { subscriptionId: s.id, eventUid: 'ev1', occurrence: '2027-02-15', leadDays: 14 };
    const claims = await Promise.all([1, 2, 3, 4].map(() => claimReminder(db.pool, key)));
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await claimReminder(db.pool, key)).toBe(false);
    // Another lead of the same deadline is another reminder.
    expect(await claimReminder(db.pool, { ...key, leadDays: 3 })).toBe(true);
    // A failed send gives it back: the next run may claim it again.
    await releaseReminder(db.pool, key);
    expect(await claimReminder(db.pool, key)).toBe(true);
  });

  it('are deleted with their sent rows by forget-me, and nobody else’s are', async () => {
    const { db } = index.services();
    const s = await subscribe(db.pool, sub('u3'));
    await claimReminder(db.pool, { subscriptionId: s.id, eventUid: 'ev1', occurrence: '2027-02-15', leadDays: 14 });
    const before = (await allSubscriptions(db.pool)).length;
    expect(await deleteUserSubscriptions(db.pool, 'u3')).toBe(2);
    expect(await listSubscriptions(db.pool, 'u3')).toEqual([]);
    expect((await allSubscriptions(db.pool)).length).toBe(before - 1);
    const sent = await db.pool.query('SELECT count(*)::int AS n FROM reminders_sent WHERE subscription_id = $1', [s.id]);
    expect(sent.rows[0].n).toBe(0);
  });

  it('delete one subscription only for its own user, with its sent rows', async () => {
    const { db } = index.services();
    const mine = await subscribe(db.pool, sub('u4'));
    const other = await subscribe(db.pool, sub('u4', 'Routasalmi'));
    await claimReminder(db.pool, { subscriptionId: mine.id, eventUid: 'ev1', occurrence: '2027-02-15', leadDays: 14 });
    expect(await deleteSubscription(db.pool, 'u5', mine.id)).toBeUndefined();
    expect((await listSubscriptions(db.pool, 'u4')).map((s) => s.id)).toEqual([mine.id, other.id]);
    expect((await deleteSubscription(db.pool, 'u4', mine.id))?.municipality).toBe('Sammalkoski');
    expect((await listSubscriptions(db.pool, 'u4')).map((s) => s.id)).toEqual([other.id]);
    const sent = await db.pool.query('SELECT count(*)::int AS n FROM reminders_sent WHERE subscription_id = $1', [mine.id]);
    expect(sent.rows[0].n).toBe(0);
    expect(await deleteSubscription(db.pool, 'u4', 'not-an-id')).toBeUndefined();
  });

  it('join the grant kinds of a second subscription to the same municipality; none means every kind', async () => {
    const { db } = index.services();
    await subscribe(db.pool, { ...sub('u6'), grantKinds: ['yleisavustus'] });
    const both = await subscribe(db.pool, { ...sub('u6'), grantKinds: ['kohdeavustus', 'yleisavustus'] });
    expect(both.grantKinds).toEqual(['kohdeavustus', 'yleisavustus']);
    const every = await subscribe(db.pool, sub('u6'));
    expect(every.grantKinds).toEqual([]);
    const still = await subscribe(db.pool, { ...sub('u6'), grantKinds: ['kohdeavustus'] });
    expect(still.grantKinds).toEqual([]);
    expect(await listSubscriptions(db.pool, 'u6')).toHaveLength(1);
  });
});
