/**
 * Language of a message or document: fi, sv or en. Short chat messages defeat statistical
 * detectors, so a small lexicon of very common function words of the three languages decides first,
 * and the detector (eld) only when those are silent.
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { eld as Eld } from 'eld/medium';
import type { Language } from './types.ts';

let detector: typeof Eld | undefined;

/**
 * eld, loaded the first time the markers leave a text undecided. Its n-gram database (a 2 MB
 * module, 'eld/medium' is the static build with it preloaded) took half a second of every start,
 * and a `kumppani ask` in Finnish, Swedish or English usually never needs it. detectLanguage is
 * synchronous, so this `require`s the ES module (Node 20.19+); the package exports it only for
 * `import`, hence the path resolved through import.meta.resolve.
 */
function eld(): typeof Eld {
  if (!detector) {
    const file = fileURLToPath(import.meta.resolve('eld/medium'));
    detector = (createRequire(import.meta.url)(file) as { eld: typeof Eld }).eld;
  }
  return detector;
}

const MARKERS: Record<Language, string[]> = {
  fi: [
    'ja',
    'on',
    'ei',
    'kun',
    'mitä',
    'mikä',
    'miten',
    'milloin',
    'missä',
    'mistä',
    'kuka',
    'saako',
    'voiko',
    'onko',
    'meidän',
    'me',
    'se',
    'ne',
    'että',
    'tai',
    'kunta',
    'kunnan',
    'avustus',
    'avustusta',
    'entä',
    'paljonko',
    'mihin',
    'kenelle',
    'pitää',
    'täytyy',
    'hakea',
    'haku',
    'tila',
    'tilat',
    'yhdistys',
    'seura',
    'mulle',
    'meille',
    'kiitos',
    'moi',
    'hei',
    'apua',
  ],
  sv: [
    'och',
    'är',
    'inte',
    'hur',
    'när',
    'vad',
    'var',
    'vem',
    'kan',
    'får',
    'vi',
    'vår',
    'det',
    'den',
    'att',
    'eller',
    'för',
    'om',
    'till',
    'kommun',
    'kommunen',
    'bidrag',
    'förening',
    'lokal',
    'ansöka',
    'söka',
    'hej',
    'tack',
    'hjälp',
    'vilka',
    'finns',
    'som',
    'med',
    'jag',
    'bidraget',
    'bidragen',
    'lokaler',
    'lokalen',
    'föreningskväll',
    'föreningar',
    'föreningen',
    'ansökan',
    'sista',
    'vem',
    'kostar',
  ],
  en: [
    'and',
    'is',
    'not',
    'how',
    'when',
    'what',
    'where',
    'who',
    'can',
    'may',
    'we',
    'our',
    'the',
    'a',
    'an',
    'to',
    'of',
    'for',
    'or',
    'municipality',
    'grant',
    'association',
    'apply',
    'room',
    'hello',
    'hi',
    'thanks',
    'help',
    'which',
    'does',
    'do',
    'are',
    'i',
    'my',
    'grants',
    'premises',
    'rooms',
    'booking',
    'deadline',
    'contact',
    'associations',
    'evening',
    'club',
    'fee',
    'fees',
  ],
};

const markerSets = Object.fromEntries(Object.entries(MARKERS).map(([k, v]) => [k, new Set(v)])) as Record<
  Language,
  Set<string>
>;

export function localeLanguage(locale?: string): Language | undefined {
  const l = locale?.toLowerCase().slice(0, 2);
  return l === 'fi' || l === 'sv' || l === 'en' ? l : undefined;
}

/**
 * Detects fi/sv/en. `hint` (a platform locale or the session's language) breaks ties and decides
 * for texts with no signal at all.
 */
export function detectLanguage(text: string, hint?: Language): Language {
  const words = text.toLowerCase().match(/[\p{L}]+/gu) ?? [];
  if (words.length === 0) return hint ?? 'fi';
  const counts: Record<Language, number> = { fi: 0, sv: 0, en: 0 };
  for (const w of words) for (const l of ['fi', 'sv', 'en'] as const) if (markerSets[l].has(w)) counts[l]++;
  // Letters that only one of the languages uses are strong evidence, but not in names: "Vem
  // finansierar projektet Pohjois-Pohjanmaan …?" is Swedish about a Finnish region.
  const common = text.replace(/(?<=[\s(«"“”'])\p{Lu}[\p{L}-]*/gu, ' ');
  if (/å/i.test(common)) counts.sv += 2;
  if (/[äö]/i.test(common) && !/å/i.test(common)) counts.fi += 0.5;
  if (/(ää|öö|yy|uu|ii|aa)/i.test(common)) counts.fi += 1;
  const ranked = (['fi', 'sv', 'en'] as const).slice().sort((a, b) => counts[b] - counts[a]);
  const [best, second] = ranked;
  if (counts[best!] > counts[second!]) return best!;
  const sample = words.join(' ');
  if (sample.length >= 12) {
    const scores = eld().detect(sample).getScores() as Record<string, number>;
    let bestLang: Language | undefined;
    let bestScore = 0;
    for (const l of ['fi', 'sv', 'en'] as const) {
      const s = scores[l] ?? 0;
      if (s > bestScore) {
        bestScore = s;
        bestLang = l;
      }
    }
    if (bestLang) return bestLang;
  }
  return hint ?? best ?? 'fi';
}
