/**
 * Sentence splitting for Finnish, Swedish and English documents. `Intl.Segmenter` follows the
 * Unicode rules, which break after every "word." that precedes a capital or a digit; Finnish
 * and Swedish texts are full of abbreviations ("esim.", "mm.", "klo", "puh.", "t.ex.") and dates
 * written with dots, so its false breaks are glued back here. A chunk boundary is only ever placed
 * between the sentences this module returns.
 */
import type { Language } from './types.ts';

/** Abbreviations that never end a sentence: the text always goes on after them. */
const ALWAYS_CONTINUES = new Set([
  // Finnish
  'esim',
  'mm',
  'ns',
  'n',
  'klo',
  'ks',
  'puh',
  'p',
  's',
  'v',
  'vrt',
  'ts',
  'em',
  'ko',
  'nk',
  'yl',
  'ao',
  'huom',
  'kts',
  'tel',
  'nro',
  'alk',
  'vs',
  'ma',
  'ti',
  'ke',
  'pe',
  'la',
  'su',
  'tammik',
  'helmik',
  'maalisk',
  'huhtik',
  'toukok',
  'kesäk',
  'heinäk',
  'elok',
  'syysk',
  'lokak',
  'marrask',
  'jouluk',
  'k',
  'l',
  'pj',
  'vpj',
  'siht',
  // Swedish
  't.ex',
  'bl.a',
  'kl',
  'o.s.v',
  'd.v.s',
  'dvs',
  'ca',
  'f.d',
  'resp',
  'tfn',
  'jfr',
  'enl',
  'fr.o.m',
  't.o.m',
  'p.g.a',
  'pga',
  'inkl',
  'exkl',
  // English
  'e.g',
  'i.e',
  'approx',
  'incl',
  'mr',
  'mrs',
  'ms',
  'dr',
]);

/**
 * Abbreviations that may end a sentence too ("…kirjat, lehdet jne. Seuraava lause."): the text
 * goes on only when the next piece does not look like a new sentence.
 */
const MAY_END = new Set([
  'jne',
  'yms',
  'ym',
  'ry',
  'rf',
  'oy',
  'ab',
  'kpl',
  'etc',
  'os',
  'r.y',
  'osv',
  'mfl',
  'm.fl',
  'st',
]);

const segmenters = new Map<string, Intl.Segmenter>();
function segmenter(lang: Language): Intl.Segmenter {
  let s = segmenters.get(lang);
  if (!s) {
    s = new Intl.Segmenter(lang, { granularity: 'sentence' });
    segmenters.set(lang, s);
  }
  return s;
}

/** The word right before the final period of a piece, lower-cased, e.g. "esim" or "t.ex". */
function lastWordBeforePeriod(piece: string): string | undefined {
  const m = /(?:^|[\s(["'“”«»–—])([\p{L}.]*\p{L})\.\s*$/u.exec(piece);
  return m?.[1]?.toLowerCase();
}

/** True when the Segmenter's break after `piece` is a false one and `next` continues it. */
function continues(piece: string, next: string): boolean {
  const head = next.trimStart();
  if (head === '') return true;
  // The segmenter also breaks at line ends; those are real boundaries (list items, table rows).
  if (/\n\s*$/.test(piece)) return false;
  // A sentence does not start with a small letter: "Kysy "Miksi?" hän sanoi."
  if (/^\p{Ll}/u.test(head)) return true;
  const trimmed = piece.trimEnd();
  if (!trimmed.endsWith('.')) return false;
  // A bare number or ordinal ("1. ", "12. ") is a list marker or part of a date or reference.
  if (/^[\s(]*\d+(?:\.\d+)*\.$/.test(trimmed)) return true;
  // "…päättyy 1.3." followed by a digit: a date range or time ("1.3. klo 16", "1.3.–31.3.2026").
  if (/\d\.$/.test(trimmed) && /^\d/.test(head)) return true;
  // An initial: "Matti M. Meikäläinen".
  if (/(?:^|\s)\p{Lu}\.$/u.test(trimmed)) return true;
  const word = lastWordBeforePeriod(trimmed);
  if (word === undefined) return false;
  if (ALWAYS_CONTINUES.has(word)) return true;
  if (MAY_END.has(word)) return /^[\d(]/.test(head);
  return false;
}

/**
 * Splits a text into sentences. Each returned sentence keeps its own text (trimmed at the end,
 * line breaks inside it preserved); joining them with spaces gives back the text's words.
 */
export function splitSentences(text: string, lang: Language = 'fi'): string[] {
  const pieces: string[] = [];
  for (const { segment } of segmenter(lang).segment(text)) pieces.push(segment);
  const sentences: string[] = [];
  let current = '';
  for (let i = 0; i < pieces.length; i++) {
    current += pieces[i];
    const next = pieces[i + 1];
    if (next !== undefined && continues(current, next)) continue;
    const s = current.trim();
    if (s) sentences.push(s);
    current = '';
  }
  return sentences;
}
