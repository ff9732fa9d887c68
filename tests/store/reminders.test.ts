/**
 * Reminder subscriptions in the store (issue 16): a reminder is claimed exactly once, whoever
 * asks; a failed send gives the claim back; forget-me deletes the subscriptions and their sent rows.
 */
import { describe, expect, it } from 'vitest';
import {
  allSubscriptions,
  claimReminder,
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
});
