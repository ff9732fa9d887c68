/**
 * Small text clean-ups shared by the loaders: every format leaves its own litter (ligatures from
 * PDF fonts, soft hyphens, non-breaking spaces, control characters).
 */

const LIGATURES: Record<string, string> = { ﬀ: 'ff', ﬁ: 'fi', ﬂ: 'fl', ﬃ: 'ffi', ﬄ: 'ffl', ﬅ: 'st', ﬆ: 'st' };

/** Ligatures spelled out, soft hyphens and control characters dropped; line breaks kept. */
export function cleanChars(s: string): string {
  return (
    s
      .replace(/[ﬀ-ﬆ]/g, (c) => LIGATURES[c] ?? c)
      // Soft hyphens are invisible unless a line breaks there; inside a word they only split it.
      .replace(/\u00AD/g, '')
      .replace(/[\u200B-\u200D\uFEFF]/g, '')
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '')
  );
}

/**
 * A web page's chrome that survives when the page is saved as text: share buttons ("Jaa sivu",
 * "Facebook Twitter LinkedIn"), "print", the language links ("fi | sv | eng") and the breadcrumb
 * trail ("Etusivu / Vapaa-aika / Tilat").
 * HTML drops these with the page's navigation; in text they would be quoted beside a contact line.
 */
const SHARE_WORDS =
  /^(?:jaa(?: sivu| tämä sivu| sivusto)?|dela(?: sidan)?|share(?: this page)?|tulosta(?: sivu)?|skriv ut|print(?: this page)?|facebook|twitter|x|linkedin|whatsapp|instagram|youtube|sähköposti|e-post|email|messenger)$/iu;
const LANGUAGE_LINK = /^(?:fi|sv|en|eng|suomi|suomeksi|svenska|english)$/iu;
const BREADCRUMB = /^(?:etusivu|hem|startsida|home)\s*(?:[/>»›|]\s*[^/>»›|]+){1,6}$/iu;

export function isPageChrome(line: string): boolean {
  const l = collapseSpaces(line);
  if (!l) return false;
  if (BREADCRUMB.test(l)) return true;
  // "Jaa sivu", or a row of share buttons: every word a share word.
  if (SHARE_WORDS.test(l)) return true;
  const parts = l.split(/\s*[|·•,]\s*|\s+/u);
  // The language links ("fi | sv | eng") of a bilingual site.
  return (
    parts.length > 1 && (parts.every((w) => SHARE_WORDS.test(w)) || parts.every((w) => LANGUAGE_LINK.test(w)))
  );
}

/** Collapses runs of white space (including non-breaking spaces) to one space and trims. */
export function collapseSpaces(s: string): string {
  return s.replace(/[\s\u00A0\u2000-\u200A\u202F\u205F\u3000]+/g, ' ').trim();
}

/** Collapses spaces inside each line, drops empty lines, keeps the line structure. */
export function tidyLines(s: string): string {
  return s
    .split('\n')
    .map(collapseSpaces)
    .filter((l) => l !== '')
    .join('\n');
}

/** Words joined across a line break that the layout hyphenated ("avustus-" + "hakemus"). */
const KEEP_HYPHEN_BEFORE = new Set([
  'ja',
  'tai',
  'sekä',
  'eli',
  'että',
  'kuin',
  'and',
  'or',
  'och',
  'eller',
  'samt',
]);
const VOWELS = 'aeiouyäöå';

/**
 * Joins two lines of running text. A hyphen at the end of the first line is dropped when it only
 * broke a word for the layout, and kept when Finnish spelling needs it there: between two equal
 * vowels ("toiminta-avustus"), after an abbreviation or number ("EU-hanke", "5-vuotias"), and in
 * a shared ending ("kirjasto- ja kulttuuritoimi").
 */
export function joinLines(first: string, second: string): string {
  const a = first.trimEnd();
  const b = second.trimStart();
  if (a === '') return b;
  if (b === '') return a;
  const m = /(\S*?)([\p{L}\d]?)[-\u00AD\u2010]$/u.exec(a);
  if (!m || !m[2] || !/^\p{L}/u.test(b)) return `${a} ${b}`;
  if (a.endsWith('\u00AD')) return a.slice(0, -1) + b;
  const nextWord = /^\p{L}+/u.exec(b)?.[0] ?? '';
  if (KEEP_HYPHEN_BEFORE.has(nextWord.toLowerCase())) return `${a} ${b}`;
  if (!/^\p{Ll}/u.test(b)) return a + b;
  const before = (m[2] ?? '').toLowerCase();
  const after = b[0]!.toLowerCase();
  if (before === after && VOWELS.includes(before)) return a + b;
  const word = (m[1] ?? '') + (m[2] ?? '');
  if (/\d/.test(before) || (word.length > 1 && word === word.toUpperCase())) return a + b;
  return a.slice(0, -1) + b;
}
