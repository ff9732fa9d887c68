/**
 * Groups similar questions (the report's "gaps in the documents"): word-set Jaccard on crudely
 * stemmed content words, with character-trigram Jaccard as a second opinion for inflected and
 * misspelt forms. Greedy single pass, deterministic, fast enough for thousands of questions.
 */
import { words } from '../kernel/topics.ts';

const STOP = new Set([
  'mitä',
  'mikä',
  'mitkä',
  'missä',
  'mistä',
  'mihin',
  'milloin',
  'miten',
  'kuinka',
  'kuka',
  'onko',
  'saako',
  'voiko',
  'on',
  'ei',
  'ja',
  'tai',
  'että',
  'kun',
  'jos',
  'se',
  'ne',
  'me',
  'meidän',
  'vad',
  'när',
  'var',
  'hur',
  'vem',
  'kan',
  'får',
  'är',
  'och',
  'det',
  'den',
  'att',
  'för',
  'till',
  'med',
  'om',
  'i',
  'på',
  'vi',
  'what',
  'when',
  'where',
  'how',
  'who',
  'can',
  'is',
  'are',
  'the',
  'a',
  'an',
  'of',
  'in',
  'on',
  'for',
  'to',
  'and',
  'do',
  'does',
  'we',
  'our',
]);

/** Content words cut to five letters: "avustuksen" and "avustus" meet as "avust". */
export function signature(text: string): Set<string> {
  return new Set(
    words(text)
      .filter((w) => !STOP.has(w) && w.length > 1)
      .map((w) => w.slice(0, 5)),
  );
}

function trigrams(text: string): Set<string> {
  const out = new Set<string>();
  for (const w of words(text).filter((x) => !STOP.has(x))) {
    const padded = ` ${w} `;
    for (let i = 0; i + 3 <= padded.length; i++) out.add(padded.slice(i, i + 3));
  }
  return out;
}

function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 && b.size === 0) return 0;
  let inter = 0;
  for (const x of a) if (b.has(x)) inter++;
  return inter / (a.size + b.size - inter);
}

/** Similarity of two questions, 0..1. */
export function similarity(a: string, b: string): number {
  return Math.max(jaccard(signature(a), signature(b)), jaccard(trigrams(a), trigrams(b)));
}

/**
 * Clusters items by the similarity of their text; biggest clusters first. An item joins the
 * cluster whose first member it resembles most, if at least `threshold`.
 */
export function clusterBySimilarity<T>(items: T[], text: (item: T) => string, threshold = 0.4): T[][] {
  const clusters: Array<{ head: string; members: T[] }> = [];
  for (const item of items) {
    const s = text(item);
    let best: { c: (typeof clusters)[number]; sim: number } | undefined;
    for (const c of clusters) {
      const sim = similarity(s, c.head);
      if (sim >= threshold && (!best || sim > best.sim)) best = { c, sim };
    }
    if (best) best.c.members.push(item);
    else clusters.push({ head: s, members: [item] });
  }
  return clusters.map((c) => c.members).sort((a, b) => b.length - a.length);
}
