/**
 * A general Swedish/English -> Finnish word list, so that the words of a sv/en question that the
 * thesaurus does not know still meet Finnish text ("signed" -> allekirjoittaa, "ordnade" ->
 * järjestää). Read from the FreeDict dictionaries Debian ships (dict-freedict-swe-fin,
 * -eng-fin, -fin-swe, -fin-eng; CC BY-SA 3.0, built by WikDict from Wiktionary) in dictd format:
 * an `.index` of headword, offset and length (base64) and a dictzip `.dict.dz`, which gunzip reads.
 * The fi->sv/en dictionaries are read backwards too: they know many words the others lack.
 *
 * Optional: without the files (a plain `npm install`) there are simply no translations.
 * KUMPPANI_DICTIONARY_DIR points elsewhere; `off` turns the word list off (to measure without it).
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import snowball from 'snowball-stemmers';
import type { Language } from '../kernel/types.ts';
import type { Analyzer } from './analyzer.ts';
import { TRANSLATION } from '../kernel/tuning.ts';

export type SourceLanguage = 'sv' | 'en';

export const DEFAULT_DICTIONARY_DIR = '/usr/share/dictd';

/** File stems of the dictionaries, per source language: forward (x->fi) and backward (fi->x). */
const FILES: Record<SourceLanguage, { forward: string; backward: string }> = {
  sv: { forward: 'freedict-swe-fin', backward: 'freedict-fin-swe' },
  en: { forward: 'freedict-eng-fin', backward: 'freedict-fin-eng' },
};

/**
 * Parts of speech that carry no content: their translations would only add noise ("för" ->
 * liian, keula). Affixes are not words.
 */
const SKIPPED_POS =
  /\b(pronoun|prep|preposition|conj|conjunction|art|article|det|determiner|particle|interj|interjection|affix|suffix|prefix|num|numeral)\b/;

/** A word list from one source language to Finnish. */
export interface BilingualDictionary {
  /** Finnish words for a sv/en word (inflected or not), best first, at most `max`. */
  translate(word: string, from: SourceLanguage, max?: number): string[];
  /**
   * Swedish or English words for a Finnish word, best first, at most `max`: the headwords `same`
   * accepts as the word (the caller's analyser decides, so "koulun" finds "koulu"), found by the
   * word's stem `prefix`.
   */
  fromFinnish?(
    prefix: string,
    to: SourceLanguage,
    same: (headword: string) => boolean,
    max?: number,
  ): string[];
  /** Reads every language's files now rather than at the first question in that language. */
  warm?(): void;
}

/** One dictd entry: the headword, its part of speech, its translations in the order given. */
export interface DictEntry {
  headword: string;
  pos: string;
  translations: string[];
}

/**
 * Parses one FreeDict entry as dictfmt writes it: a head line ("sign /saɪn/ <v>"), then per sense
 * a line "N. translation, translation" followed by its gloss in the source language. Glosses may be
 * numbered too ("1. klubb" under "1. yhdistys"), so a numbered line is a sense only when it carries
 * the next sense number; an unnumbered entry has one translation line.
 */
export function parseEntry(text: string): DictEntry | undefined {
  const lines = text.split('\n');
  const head = lines[0]?.trim() ?? '';
  const m = /^(.*?)\s*(?:\/[^/]*\/\s*)*(?:<([^>]*)>)?\s*$/u.exec(head);
  const headword = (m?.[1] ?? head).replace(/\s*\/.*$/u, '').trim();
  if (!headword) return undefined;
  const pos = m?.[2] ?? '';
  const translationLines: string[] = [];
  const first = lines[1] ?? '';
  if (/^1\.\s/.test(first)) {
    let next = 1;
    for (const line of lines.slice(1)) {
      const sense = /^(\d+)\.\s+(.*)$/u.exec(line);
      if (sense && Number(sense[1]) === next) {
        translationLines.push(sense[2]!);
        next++;
      }
    }
  } else if (first.trim()) translationLines.push(first);
  const translations: string[] = [];
  for (const line of translationLines)
    for (const raw of line.replace(/\s+\d+\.\s*$/u, '').split(/[,;]/)) {
      const w = raw
        .replace(/\([^)]*\)/gu, '')
        .trim()
        .toLowerCase();
      // Single words only (hyphenated compounds are one): "kirjoittaa nimi" is a paraphrase.
      if (/^[\p{L}]+(?:-[\p{L}]+)*$/u.test(w) && !translations.includes(w)) translations.push(w);
    }
  return { headword: headword.toLowerCase(), pos, translations };
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function decodeNumber(s: string): number {
  let n = 0;
  for (const c of s) n = n * 64 + B64.indexOf(c);
  return n;
}

/** Every entry of a dictd dictionary (`<base>.index` + `<base>.dict.dz` or `.dict`). */
export function readDictd(base: string): DictEntry[] {
  const index = fs.readFileSync(`${base}.index`, 'utf8');
  const data = fs.existsSync(`${base}.dict.dz`)
    ? zlib.gunzipSync(fs.readFileSync(`${base}.dict.dz`))
    : fs.readFileSync(`${base}.dict`);
  const out: DictEntry[] = [];
  for (const line of index.split('\n')) {
    const [word, offset, length] = line.split('\t');
    if (!word || !offset || !length || word.startsWith('00database')) continue;
    const start = decodeNumber(offset);
    const entry = parseEntry(data.subarray(start, start + decodeNumber(length)).toString('utf8'));
    if (entry && !SKIPPED_POS.test(entry.pos)) out.push(entry);
  }
  return out;
}

type Stemmer = { stem(w: string): string };
const STEMMERS: Record<SourceLanguage, Stemmer> = {
  sv: snowball.newStemmer('swedish'),
  en: snowball.newStemmer('english'),
};

/** Finnish words of one source language's headwords, with the headwords sorted for prefix search. */
interface WordMap {
  /** headword -> [forward translations, backward ones] */
  words: Map<string, { forward: string[]; backward: string[] }>;
  sorted: string[];
}

function wordMap(forward: DictEntry[], backward: DictEntry[]): WordMap {
  const words = new Map<string, { forward: string[]; backward: string[] }>();
  const get = (w: string) => {
    let e = words.get(w);
    if (!e) words.set(w, (e = { forward: [], backward: [] }));
    return e;
  };
  for (const entry of forward) get(entry.headword).forward.push(...entry.translations);
  for (const entry of backward)
    if (/^[\p{L}-]+$/u.test(entry.headword))
      for (const word of entry.translations) get(word).backward.push(entry.headword);
  return { words, sorted: [...words.keys()].sort() };
}

/** Index of the first element of a sorted array that is >= key. */
function lowerBound(sorted: string[], key: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * A word list built from entries: forward entries (source -> fi) and backward ones (fi -> source).
 * A question word finds its headwords without a lemmatiser: the same word, a headword with the
 * same stem ("municipalities" / "municipality"), or a headword it extends by an ending
 * ("gemensamma" / "gemensam"). The closest headword in length ranks first, then forward
 * translations in the dictionary's sense order, then backward ones. `entries` are read when a
 * language is first asked for.
 */
export function buildDictionary(
  entries: Partial<Record<SourceLanguage, () => { forward: DictEntry[]; backward: DictEntry[] }>>,
): BilingualDictionary {
  const read: Partial<Record<SourceLanguage, { forward: DictEntry[]; backward: DictEntry[] } | null>> = {};
  const entriesOf = (lang: SourceLanguage) => {
    if (read[lang] === undefined) read[lang] = entries[lang]?.() ?? null;
    return read[lang]!;
  };
  const maps: Partial<Record<SourceLanguage, WordMap | null>> = {};
  const mapOf = (lang: SourceLanguage): WordMap | null => {
    if (maps[lang] === undefined) {
      const e = entriesOf(lang);
      maps[lang] = e ? wordMap(e.forward, e.backward) : null;
    }
    return maps[lang]!;
  };
  // The same entries the other way round: Finnish headwords to the foreign words.
  const finnishMaps: Partial<Record<SourceLanguage, WordMap | null>> = {};
  const finnishMapOf = (lang: SourceLanguage): WordMap | null => {
    if (finnishMaps[lang] === undefined) {
      const e = entriesOf(lang);
      finnishMaps[lang] = e ? wordMap(e.backward, e.forward) : null;
    }
    return finnishMaps[lang]!;
  };
  return {
    warm() {
      mapOf('sv');
      mapOf('en');
    },
    fromFinnish(prefix, to, same, max = 3) {
      const map = finnishMapOf(to);
      if (!map || prefix.length < 3) return [];
      const heads: string[] = [];
      for (let i = lowerBound(map.sorted, prefix), n = 0; i < map.sorted.length && n < 200; i++, n++) {
        const k = map.sorted[i]!;
        if (!k.startsWith(prefix)) break;
        // A lemma whose stem is the prefix is a few letters longer at most; longer ones are
        // compounds of it ("kuntalaisaloite"), not the word, and need no analysis.
        if (k.length <= prefix.length + 6 && same(k)) heads.push(k);
      }
      heads.sort((a, b) => a.length - b.length);
      const out: string[] = [];
      for (const pass of ['forward', 'backward'] as const)
        for (const h of heads) for (const w of map.words.get(h)![pass]) if (!out.includes(w)) out.push(w);
      return out.slice(0, max);
    },
    translate(word, from, max = 3) {
      const map = mapOf(from);
      if (!map) return [];
      const w = word.toLowerCase();
      const stemmer = STEMMERS[from];
      const stem = stemmer.stem(w);
      // Short enough to reach both the stem's headwords and those the word extends by an ending.
      const prefix = w.slice(0, Math.max(3, Math.min(stem.length, w.length - 4)));
      // A headword as written is the word's own entry ("parking", not "park" that shares its stem).
      const exact = !!map.words.get(w)?.forward.length;
      const heads: string[] = exact ? [w] : [];
      // An ending is a few letters, not half the word ("träffar" is not "trä").
      const ending = Math.min(4, Math.floor(w.length / 3));
      // Else keys sharing the prefix; bounded, since short prefixes head long runs.
      for (
        let i = lowerBound(map.sorted, prefix), n = 0;
        !exact && i < map.sorted.length && n < 200;
        i++, n++
      ) {
        const k = map.sorted[i]!;
        if (!k.startsWith(prefix)) break;
        if (stemmer.stem(k) === stem || (w.startsWith(k) && w.length - k.length <= ending)) heads.push(k);
      }
      // Same stem first, then the closest in length.
      const rank = (h: string) => (stemmer.stem(h) === stem ? 0 : 100) + Math.abs(h.length - w.length);
      heads.sort((a, b) => rank(a) - rank(b));
      const out: string[] = [];
      for (const pass of ['forward', 'backward'] as const)
        for (const h of heads) for (const fi of map.words.get(h)![pass]) if (!out.includes(fi)) out.push(fi);
      return out.slice(0, max);
    },
  };
}

/** The FreeDict word lists in `dir`, or undefined when none is installed there. */
export function loadFreeDict(dir = DEFAULT_DICTIONARY_DIR): BilingualDictionary | undefined {
  const present = (name: string) => fs.existsSync(path.join(dir, `${name}.index`));
  const read = (name: string): DictEntry[] => (present(name) ? readDictd(path.join(dir, name)) : []);
  const entries: Partial<Record<SourceLanguage, () => { forward: DictEntry[]; backward: DictEntry[] }>> = {};
  for (const lang of ['sv', 'en'] as const) {
    const { forward, backward } = FILES[lang];
    if (present(forward) || present(backward))
      entries[lang] = () => ({ forward: read(forward), backward: read(backward) });
  }
  return Object.keys(entries).length ? buildDictionary(entries) : undefined;
}

let current: { dict?: BilingualDictionary } | undefined;
let source: { dir: string; warn: (message: string) => void } = {
  dir: DEFAULT_DICTIONARY_DIR,
  warn: (message) => process.emitWarning(message),
};

/**
 * Where the word list is read from (config's KUMPPANI_DICTIONARY_DIR; `off` for none) and where a
 * damaged file is reported; read at first use, again after a change.
 */
export function configureDictionary(dir: string, warn?: (message: string) => void): void {
  if (dir !== source.dir) current = undefined;
  source = { dir, warn: warn ?? source.warn };
}

/**
 * The word list in use: set by `useDictionary`, else the FreeDict files of the configured folder
 * (default /usr/share/dictd), read once at first use. Undefined when there is none.
 */
export function dictionary(): BilingualDictionary | undefined {
  if (!current) {
    const { dir, warn } = source;
    let dict: BilingualDictionary | undefined;
    try {
      dict = dir === 'off' ? undefined : loadFreeDict(dir);
    } catch (err) {
      // A damaged file costs the translations, not the search.
      warn(
        `Could not read the FreeDict dictionaries in ${dir} (${(err as Error).message}); searching without translations. Reinstall dict-freedict-* or set KUMPPANI_DICTIONARY_DIR=off.`,
      );
    }
    current = { dict };
  }
  return current.dict;
}

/**
 * Loads the word lists before a server listens: reading and indexing them takes up to a second,
 * which the first Swedish or English question would otherwise wait for.
 */
export function warmDictionary(): void {
  dictionary()?.warm?.();
}

/** Replaces the word list in use (tests; `undefined` = none); `reset` reads the files again. */
export function useDictionary(dict: BilingualDictionary | undefined | 'reset'): void {
  current = dict === 'reset' ? undefined : { dict };
}

/**
 * Finnish index features for one word of a question: the features (key and concepts) of its
 * Finnish translations that the index knows, and of the word itself read as Finnish (a name or a
 * Finnish term in a Swedish question: "projektet Pohjois-Pohjanmaan järjestörakenne"). Compound
 * parts are left out: "pysäköintipaikka" is about parking, not about any "paikka".
 *
 * Only for words the thesaurus does not know: a concept already bridges the languages in the
 * domain's own sense, where the dictionary would add the word's other senses ("book" -> kirja). A
 * Finnish question's words are translated only when the index knows nothing of them: the word may
 * be Swedish or English in a mixed question ("Vem finansierar projektet …").
 */
export function crossLingualFeatures(
  analyzer: Pick<Analyzer, 'tokens'>,
  word: string,
  lang: Language,
  opts: {
    knownAlready: boolean;
    hasConcepts: boolean;
    has: (feature: string) => boolean;
    dict?: BilingualDictionary;
  },
): string[] {
  if (opts.hasConcepts || (lang === 'fi' && opts.knownAlready)) return [];
  const dict = opts.dict ?? dictionary();
  const from: SourceLanguage[] = lang === 'fi' ? ['sv', 'en'] : [lang];
  const candidates = [
    ...(lang === 'fi' ? [] : [word]),
    ...from.flatMap((l) => dict?.translate(word, l, TRANSLATION.candidates) ?? []),
  ];
  const out = new Set<string>();
  let taken = 0;
  for (const fi of new Set(candidates)) {
    if (taken >= TRANSLATION.perWord) break;
    const feats = analyzer
      .tokens(fi, 'fi')
      .filter((t) => !t.stop)
      .flatMap((t) => [t.key, ...t.concepts.map((c) => `§${c}`)])
      .filter(opts.has);
    if (feats.length === 0) continue;
    taken++;
    for (const f of feats) out.add(f);
  }
  // In a Finnish question, the foreign word's own thesaurus concepts ("finansierar" is funding).
  if (lang === 'fi')
    for (const l of from)
      for (const t of analyzer.tokens(word, l))
        for (const c of t.concepts) if (opts.has(`§${c}`)) out.add(`§${c}`);
  return [...out];
}

/**
 * A function word of Swedish or English ("vem", "which") in a question detected as Finnish: a mixed
 * question's foreign function words say nothing, and unknown they would weigh like a missing subject.
 */
export function isForeignStopword(analyzer: Pick<Analyzer, 'thesaurus'>, word: string): boolean {
  const s = analyzer.thesaurus.stopwords;
  return s.sv.has(word) || s.en.has(word);
}

/**
 * Swedish index features for one word of a Finnish question: the keys of its Swedish
 * translations that the index knows, so that a Finnish question meets a bilingual municipality's
 * Swedish page ("paikallinen yhdistys" / "lokala föreningar"). The headwords are those the
 * Finnish analyser reads as the same word ("koulun" → koulu).
 */
export function swedishFeatures(
  analyzer: Pick<Analyzer, 'tokens'>,
  word: { key: string },
  has: (feature: string) => boolean,
  dict: BilingualDictionary | undefined = dictionary(),
): string[] {
  if (!dict?.fromFinnish || word.key.length < 3) return [];
  const out = new Set<string>();
  let taken = 0;
  for (const keys of swedishKeys(analyzer, dict, word.key)) {
    if (taken >= TRANSLATION.perWord) break;
    // A key of three letters is shared with Finnish words: Swedish "anta" (of "hyväksyä") is "ant",
    // and so is Finnish "anti".
    const feats = keys.filter((k) => k.length >= 4 && has(k));
    if (feats.length === 0) continue;
    taken++;
    for (const f of feats) out.add(f);
  }
  return [...out];
}

/** Remembered per analyser and word list: finding a key's headwords analyses up to 200 of them. */
const SWEDISH_KEYS = new WeakMap<object, WeakMap<BilingualDictionary, Map<string, string[][]>>>();
const SWEDISH_KEYS_MAX = 20_000;

/** The Swedish keys of each translation of the Finnish words with this key, best translation first. */
function swedishKeys(analyzer: Pick<Analyzer, 'tokens'>, dict: BilingualDictionary, key: string): string[][] {
  let byDict = SWEDISH_KEYS.get(analyzer);
  if (!byDict) SWEDISH_KEYS.set(analyzer, (byDict = new WeakMap()));
  let memo = byDict.get(dict);
  if (!memo) byDict.set(dict, (memo = new Map()));
  let keys = memo.get(key);
  if (!keys) {
    const same = (headword: string) => analyzer.tokens(headword, 'fi')[0]?.key === key;
    keys = dict.fromFinnish!(key, 'sv', same, TRANSLATION.candidates).map((sv) =>
      analyzer
        .tokens(sv, 'sv')
        .filter((t) => !t.stop && t.key.length >= 3)
        .map((t) => t.key),
    );
    if (memo.size >= SWEDISH_KEYS_MAX) memo.clear();
    memo.set(key, keys);
  }
  return keys;
}
