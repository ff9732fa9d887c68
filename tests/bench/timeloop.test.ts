/**
 * The benchmark compares the hybrid search's p95 with the bare vector query's: both must be taken
 * over the same queries, or the two tails come from different samples of the mix.
 */
import { describe, expect, it } from 'vitest';
import { timeLoop } from '../../bench/retrieval.ts';

const spent = { secondsPerMethod: 0, minQueries: 2, maxQueries: 100, recallQueries: 0 };

describe('timeLoop', () => {
  it('with a count, runs exactly those queries in order, whatever the time budget says', async () => {
    const seen: string[] = [];
    const times = await timeLoop(['a', 'b', 'c'], spent, async (x) => void seen.push(x), 5);
    expect(seen).toEqual(['a', 'b', 'c', 'a', 'b']);
    expect(times).toHaveLength(5);
  });

  it('without one, stops at the minimum once the time budget is spent', async () => {
    const seen: string[] = [];
    await timeLoop(['a', 'b', 'c'], spent, async (x) => void seen.push(x));
    expect(seen).toEqual(['a', 'b']);
  });
});
