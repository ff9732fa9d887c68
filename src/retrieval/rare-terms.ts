/**
 * Which of a question's terms to fetch lexical candidates by, when fetching by all of them would
 * score most of the index. The lexical queries are ORs: without a municipality to narrow them, a
 * question with a common word ("avustus", "hakea") matches tens of thousands of chunks at national
 * scale, and every match is scored (ts_rank) to find the top 40: hundreds of ms. A chunk that holds
 * none of the question's rarer terms seldom reaches that top 40 (ts_rank and the re-scoring after
 * it weigh rare words most), so candidates are fetched by the rarest terms whose chunks add up to
 * the budget, and still scored against the whole question. The vector candidates are not narrowed.
 */
import type { QueryToken } from './searcher.ts';
import { RARE_TERM_BUDGET } from '../kernel/tuning.ts';

export { RARE_TERM_BUDGET };

export interface Narrowing {
  /** Analysed terms a lexical candidate must hold one of. */
  terms: string[];
  /** The words of the question (as typed) a full-text candidate must match one of. */
  words: string;
}

/**
 * The rarest features of the question whose document frequencies add up to at most `budget`
 * (at least the rarest one), and the words they come from; undefined when all of them fit.
 * Features the index lacks match nothing and cost nothing: they are left out of the count, and
 * a word none of whose features is known is kept among the words, as the full text may still
 * find it where the analysis did not.
 */
export function rareTerms(
  tokens: readonly QueryToken[],
  df: (feature: string) => number,
  budget = RARE_TERM_BUDGET,
): Narrowing | undefined {
  const known = new Map<string, number>();
  for (const t of tokens) for (const f of t.features) if (df(f) > 0) known.set(f, df(f));
  let total = 0;
  for (const n of known.values()) total += n;
  if (total <= budget) return undefined;
  const byRarity = [...known].sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1));
  const chosen = new Set<string>();
  let sum = 0;
  for (const [f, n] of byRarity) {
    if (chosen.size && sum + n > budget) break;
    chosen.add(f);
    sum += n;
  }
  const words = tokens
    .filter((t) => t.features.some((f) => chosen.has(f)) || t.features.every((f) => df(f) === 0))
    .map((t) => t.surface);
  return { terms: [...chosen], words: [...new Set(words)].join(' ') };
}
