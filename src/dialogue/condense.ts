/**
 * Rule-based follow-up condenser: turns a follow-up into the standalone question it means, using
 * the previous turn. No model needed, so it works offline and is the fallback when an LLM
 * condenser times out.
 *
 * - Municipality swap: "Milloin Iisalmen avustushaku päättyy?" then "entä Lahden?" ->
 *   "Milloin Lahden avustushaku päättyy?" (the previous question with the municipality replaced).
 * - Subject carry-over: "mitä liitteitä siihen tarvitaan?" -> the question plus the previous
 *   question's topic words ("avustushaku"), and the previous municipality.
 * - Topic switch with a marker: "entä tilat?" -> "tilat", in the previous municipality.
 */
import type { Mention } from '../kernel/municipalities.ts';
import { topicWords, words } from '../kernel/topics.ts';

/** What the condenser needs to know about the previous question. */
export interface PreviousQuestion {
  /** The previous question as condensed (so chains of follow-ups keep working). */
  query: string;
  /** The municipality the previous answer spoke of (null = all). */
  municipality: string | null;
  /** Municipalities named in `query`, with their offsets. */
  mentions: Mention[];
}

export type FollowUpKind = 'standalone' | 'swap' | 'subject' | 'municipality';

export interface Condensed {
  /** The standalone question to search and answer. */
  query: string;
  kind: FollowUpKind;
  /** True when the previous turn's municipality applies (the follow-up names none itself). */
  carriesMunicipality: boolean;
}

/** Words that open a follow-up ("entä…", "och…", "what about…"). */
const MARKERS = [
  'entä',
  'entäs',
  'entäpä',
  'mites',
  'mitäs',
  'kuin myös',
  'ja',
  'sekä',
  'no entä',
  'mutta',
  'och',
  'än',
  'men',
  'hur är det med',
  'hur blir det med',
  'hur är det i',
  'också',
  'what about',
  'how about',
  'and',
  'also',
  'same for',
  'and in',
];

/** Words that point back to the previous subject. */
const ANAPHORA = new Set([
  'se',
  'sen',
  'sitä',
  'siihen',
  'siitä',
  'siinä',
  'sillä',
  'sille',
  'siltä',
  'ne',
  'niiden',
  'niitä',
  'niihin',
  'niistä',
  'niissä',
  'tähän',
  'tästä',
  'tätä',
  'tämän',
  'tuohon',
  'tuosta',
  'sinne',
  'siellä',
  'sieltä',
  'sama',
  'saman',
  'samaan',
  'samassa',
  'samasta',
  'samalla',
  'det',
  'den',
  'dem',
  'dit',
  'där',
  'därifrån',
  'detta',
  'denna',
  'dessa',
  'samma',
  'it',
  'its',
  'that',
  'this',
  'them',
  'there',
  'those',
  'these',
  'same',
]);

const DUMMY_SUBJECT =
  /\b(finns|fanns|är|var|går|blir|kostar) det\b|\bdet (finns|är|går)\b|\b(is|are) there\b|\bthere (is|are)\b/gu;

/** Question and function words that carry no subject. */
const STOP = new Set([
  // fi
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
  'ketkä',
  'kenelle',
  'keneltä',
  'kenen',
  'paljonko',
  'montako',
  'onko',
  'saako',
  'voiko',
  'pitääkö',
  'tarvitaanko',
  'kannattaako',
  'on',
  'ei',
  'ja',
  'tai',
  'että',
  'kun',
  'jos',
  'myös',
  'vielä',
  'nyt',
  'sitten',
  'entä',
  'entäs',
  'entäpä',
  'mites',
  'mitäs',
  'kiitos',
  'no',
  'niin',
  'vai',
  'ovat',
  'oli',
  'voi',
  'saa',
  'pitää',
  'kanssa',
  'meidän',
  'me',
  'minä',
  'mä',
  'mulle',
  'meille',
  'teidän',
  'te',
  'hän',
  'he',
  'sun',
  'mun',
  'kuin',
  'sekä',
  'mutta',
  'siis',
  'kunta',
  'kunnan',
  'kunnassa',
  'kunnalla',
  'kaupunki',
  'kaupungin',
  'kaupungissa',
  'kaupungilla',
  'jo',
  'vain',
  'tarvitaan',
  'tarvitsee',
  'tarvii',
  'pitäisi',
  'täytyy',
  'kerro',
  'lisää',
  // sv
  'vad',
  'vilka',
  'vilken',
  'vilket',
  'när',
  'var',
  'hur',
  'vem',
  'vems',
  'varför',
  'kan',
  'får',
  'är',
  'och',
  'eller',
  'att',
  'som',
  'de',
  'en',
  'ett',
  'i',
  'på',
  'för',
  'till',
  'med',
  'om',
  'av',
  'finns',
  'vi',
  'vår',
  'våra',
  'jag',
  'man',
  'kommun',
  'kommunen',
  'stad',
  'staden',
  'än',
  'då',
  'också',
  'nu',
  'hos',
  'men',
  'behövs',
  'behöver',
  'ska',
  'måste',
  // en
  'what',
  'which',
  'when',
  'where',
  'how',
  'who',
  'whom',
  'why',
  'can',
  'may',
  'is',
  'are',
  'do',
  'does',
  'the',
  'a',
  'an',
  'of',
  'in',
  'on',
  'for',
  'to',
  'and',
  'or',
  'with',
  'about',
  'we',
  'our',
  'i',
  'my',
  'municipality',
  'town',
  'city',
  'also',
  'then',
  'need',
  'needed',
  'needs',
  'must',
  'should',
  'be',
]);

function startsWithMarker(lower: string): string | undefined {
  const text = lower.replace(/^[\s"'(«»]+/, '');
  return MARKERS.find(
    (m) => text === m || text.startsWith(`${m} `) || text.startsWith(`${m},`) || text.startsWith(`${m}?`),
  );
}

/** Subject words of a text: words that are not question/function words, anaphora or municipality names. */
export function contentWords(text: string, mentions: Mention[]): string[] {
  const named = new Set(mentions.flatMap((m) => words(m.surface)));
  return words(text).filter((w) => !STOP.has(w) && !ANAPHORA.has(w) && !named.has(w) && !/^\d+$/.test(w));
}

/**
 * Condenses `text` given the previous question. `mentions` are the municipalities named in
 * `text` itself.
 */
export function condenseFollowUp(text: string, mentions: Mention[], previous?: PreviousQuestion): Condensed {
  const standalone: Condensed = { query: text, kind: 'standalone', carriesMunicipality: false };
  if (!previous) return standalone;
  const lower = text.toLowerCase();
  const marker = startsWithMarker(lower);
  const content = contentWords(text, mentions);
  // "Finns det bidrag…?", "Is there a grant…?": a dummy subject, not a pointer back.
  const anaphoric = words(lower.replace(DUMMY_SUBJECT, ' ')).some((w) => ANAPHORA.has(w));
  const ownTopic = topicWords(text).length > 0;

  // "entä Lahden?", "och i Närpes?", "what about Espoo?": nothing but a new municipality.
  if (mentions.length > 0 && content.length === 0 && (marker || words(text).length <= 3)) {
    return { query: swapMunicipality(previous, mentions), kind: 'swap', carriesMunicipality: false };
  }
  // "mitä liitteitä siihen tarvitaan?": points back to the previous subject.
  if ((anaphoric && content.length <= 3) || (marker && !ownTopic && content.length <= 2)) {
    const subject = subjectOf(previous);
    const cleaned = stripWords(text, (w) => ANAPHORA.has(w.toLowerCase()), marker);
    const query = subject.length ? `${cleaned.replace(/[?.!]+$/, '')} ${subject.join(' ')}?` : cleaned;
    return { query: query.trim(), kind: 'subject', carriesMunicipality: mentions.length === 0 };
  }
  // "entä tilat?": a new subject in the same municipality.
  if (marker && content.length <= 4) {
    return {
      query: stripWords(text, () => false, marker),
      kind: 'municipality',
      carriesMunicipality: mentions.length === 0,
    };
  }
  return standalone;
}

/** The previous query with its municipality replaced by the one(s) named now. */
function swapMunicipality(previous: PreviousQuestion, mentions: Mention[]): string {
  const replacement = mentions.map((m) => m.surface).join(' ja ');
  if (previous.mentions.length === 1) {
    const m = previous.mentions[0]!;
    return `${previous.query.slice(0, m.start)}${replacement}${previous.query.slice(m.end)}`;
  }
  // The previous municipality came from the session, not the words: the filter carries the new one.
  return previous.query;
}

/** The previous question's subject: its topic words, else its content words. */
function subjectOf(previous: PreviousQuestion): string[] {
  const topical = topicWords(previous.query).filter((w) => !STOP.has(w));
  const named = new Set(previous.mentions.flatMap((m) => words(m.surface)));
  const subject = (topical.length ? topical : contentWords(previous.query, previous.mentions)).filter(
    (w) => !named.has(w),
  );
  return [...new Set(subject)];
}

/** Removes the opening marker and the words `drop` selects, keeping the rest as written. */
function stripWords(text: string, drop: (w: string) => boolean, marker?: string): string {
  let out = text.trim();
  if (marker) out = out.replace(new RegExp(`^[\\s"'(«»]*${marker.replace(/\s+/g, '\\s+')}[\\s,]*`, 'iu'), '');
  out = out
    .split(/(\s+)/)
    .filter((tok) => !drop(tok.replace(/[^\p{L}-]/gu, '')))
    .join('')
    .replace(/\s{2,}/g, ' ')
    .trim();
  return out.charAt(0).toUpperCase() + out.slice(1);
}
