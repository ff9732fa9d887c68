/**
 * Which terms fetch the lexical candidates of a question without a municipality (rare-terms.ts):
 * all of them while they match few chunks, else the rarest that add up to the budget.
 */
import { describe, expect, it } from 'vitest';
import { rareTerms } from '../../src/retrieval/rare-terms.ts';
import type { QueryToken } from '../../src/retrieval/searcher.ts';

const token = (surface: string, ...features: string[]): QueryToken => ({
  surface,
  features,
  weight: 1,
  unknown: false,
  featureWeights: features.map(() => 1),
});

// "Miten yhdistys hakee Koivusalmen kohdeavustusta?" at national scale.
const tokens = [
  token('yhdistys', 'yhdist', '§association'),
  token('hakee', 'hak', '§application'),
  token('koivusalmen', 'koivusalm'),
  token('kohdeavustusta', 'kohdeavust', 'kohde', 'avust', '§grant'),
  token('lumilautailu', 'lumilautail'),
];
const df = new Map([
  ['yhdist', 40_000],
  ['§association', 45_000],
  ['hak', 30_000],
  ['§application', 31_000],
  ['koivusalm', 90],
  ['kohdeavust', 800],
  ['kohde', 5_000],
  ['avust', 35_000],
  ['§grant', 38_000],
]);
const freq = (f: string) => df.get(f) ?? 0;

describe('the rarer terms of a question', () => {
  it('are all of them while their chunks add up to the budget: a small index is searched as before', () => {
    expect(rareTerms(tokens, (f) => Math.min(freq(f), 10), 3000)).toBeUndefined();
  });

  it('are the rarest ones up to the budget, with the words they come from and the words the index lacks', () => {
    expect(rareTerms(tokens, freq, 3000)).toEqual({
      terms: ['koivusalm', 'kohdeavust'],
      words: 'koivusalmen kohdeavustusta lumilautailu',
    });
  });

  it('keep the rarest term when even it is over the budget', () => {
    expect(rareTerms(tokens, freq, 10)).toEqual({ terms: ['koivusalm'], words: 'koivusalmen lumilautailu' });
  });
});
