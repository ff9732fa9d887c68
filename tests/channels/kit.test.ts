/**
 * The channel kit's parts on their own: the rate limit's one notice per window, what claims and
 * limits do when the database fails, draining, and the timeout helper.
 */
import { describe, expect, it } from 'vitest';
import type { ChannelState } from '../../src/kernel/channel-state.ts';
import { silentLogger } from '../../src/kernel/log.ts';
import { DeliveryClaims } from '../../src/channels/claims.ts';
import { InFlight } from '../../src/channels/in-flight.ts';
import { RateLimiter } from '../../src/channels/rate-limit.ts';
import { TimeoutError, withTimeout } from '../../src/channels/timeout.ts';
import { MemoryChannelState } from '../helpers/channel-state.ts';

const down: ChannelState = {
  claim: () => Promise.reject(new Error('database down')),
  put: () => Promise.reject(new Error('database down')),
  get: () => Promise.reject(new Error('database down')),
  hit: () => Promise.reject(new Error('database down')),
};

describe('rate limit', () => {
  it('allows the quota, notifies once, and opens again in the next window', async () => {
    let now = 0;
    const limiter = new RateLimiter(new MemoryChannelState(() => now), 'test:rate', 2, silentLogger);
    expect(await limiter.check('a')).toEqual({ allowed: true });
    expect(await limiter.check('a')).toEqual({ allowed: true });
    expect(await limiter.check('a')).toEqual({ allowed: false, notify: true, retryAfterSeconds: 60 });
    now = 30_000;
    expect(await limiter.check('a')).toEqual({ allowed: false, notify: false, retryAfterSeconds: 30 });
    expect(await limiter.check('b')).toEqual({ allowed: true });
    now = 60_000;
    expect(await limiter.check('a')).toEqual({ allowed: true });
  });

  it('lets a question through when the database cannot count it', async () => {
    expect(await new RateLimiter(down, 'test:rate', 1, silentLogger).check('a')).toEqual({ allowed: true });
  });
});

describe('delivery claims', () => {
  it('handles a delivery once, and handles it when the database cannot say', async () => {
    const claims = new DeliveryClaims(new MemoryChannelState(), 'test:event', 1000, silentLogger);
    expect([await claims.first('e1'), await claims.first('e1'), await claims.first('e2')]).toEqual([
      true,
      false,
      true,
    ]);
    expect(await new DeliveryClaims(down, 'test:event', 1000, silentLogger).first('e1')).toBe(true);
  });
});

describe('draining', () => {
  it('stops accepting, waits for work in flight, and gives up at the cap', async () => {
    const inFlight = new InFlight(silentLogger, 'test');
    let finished = false;
    inFlight.run('slow', async () => {
      await new Promise((r) => setTimeout(r, 50));
      finished = true;
    });
    inFlight.run('failing', async () => {
      throw new Error('logged, not thrown');
    });
    expect(inFlight.accepting).toBe(true);
    await inFlight.drain(5_000);
    expect(finished).toBe(true);
    expect(inFlight.accepting).toBe(false);
    expect(inFlight.size).toBe(0);

    const stuck = new InFlight(silentLogger, 'test');
    void stuck.track(() => new Promise(() => {}));
    const started = Date.now();
    await stuck.drain(100);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(stuck.size).toBe(1);
  });
});

describe('timeout', () => {
  it('passes a result through and names what took too long', async () => {
    expect(await withTimeout(Promise.resolve(7), 100, 'Quick')).toBe(7);
    const err = await withTimeout(new Promise(() => {}), 20, 'The assistant').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TimeoutError);
    expect((err as Error).message).toBe('The assistant did not finish within 20 ms');
  });
});
