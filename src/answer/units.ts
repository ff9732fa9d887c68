/**
 * The pieces an answer may quote: list items and table rows on their own, other text split into
 * sentences. The words stay the document's; only their layout changes, so that a volunteer on a
 * phone reads "Kunta tarjoaa tiloja maksutta — 2026: 8/13 kuntaa (62 %); 2024: 5/13" instead of a
 * row of pipes, and a sentence that leans on the one before it ("Lisäksi …", "Tämä …") is not
 * quoted without it.
 */
import type { Language } from '../kernel/types.ts';
import { splitSentences } from '../kernel/sentences.ts';

const CELL = ' | ';

/** Cells of a table row as the loaders write it ("cell | cell"), or undefined for other text. */
function cells(line: string): string[] | undefined {
  return line.includes(CELL) ? line.split(CELL).map((c) => c.trim()) : undefined;
}

/**
 * A row read against its table's first row: "label — column: value; column: value". Loaders drop
 * an empty corner cell, so a header one cell shorter than the row names only the value columns.
 */
export function tableRowText(row: string[], header: string[] | undefined): string {
  if (!header || header.length < row.length - 1 || header.length > row.length) return row.join(', ');
  const columns = header.length === row.length ? header.slice(1) : header;
  const [label, ...values] = row;
  const pairs = values.map((v, i) => (columns[i] ? `${columns[i]}: ${v}` : v));
  return `${label} — ${pairs.join('; ')}`;
}

export function answerUnits(text: string, lang: Language): string[] {
  const out: string[] = [];
  let header: string[] | undefined;
  let inTable = false;
  for (const line of text.split(/\n+/)) {
    const clean = line.replace(/^\s*([-*•–]|\d+[.)])\s+/, '').trim();
    if (!clean) continue;
    const row = cells(clean);
    if (row) {
      if (!inTable) {
        // The first row of a table names its columns; it says nothing on its own.
        header = row;
        inTable = true;
        continue;
      }
      out.push(tableRowText(row, header));
      continue;
    }
    inTable = false;
    header = undefined;
    for (const s of splitSentences(clean, lang)) if (s.trim()) out.push(s.trim());
  }
  return out;
}

/**
 * A section that lists a web page's tags ("Asiasanat", "Nyckelord", "Keywords"): the words help
 * find the page, but a row of keywords answers nothing and must not be quoted.
 */
const TAG_HEADING =
  /(?:^|› )(?:asiasanat|avainsanat|aihetunnisteet|tagit|nyckelord|ämnesord|taggar|keywords|tags)\s*:?$/iu;

export function isTagSection(section: string | undefined): boolean {
  return !!section && TAG_HEADING.test(section.trim());
}

/**
 * Words that open a sentence only in the light of the previous one: "Lisäksi" (also), "Tämä"
 * (this), "Se" (it), "Dessutom", "This". Such a sentence is quoted with the one before it.
 */
const LEANING: Record<Language, RegExp> = {
  fi: /^(lisäksi|myös|tämä|tämän|tästä|tässä|nämä|näiden|näistä|siinä|siihen|siitä|siellä|se|sen|siksi|sen vuoksi|siten|näin|hän|he|ne|niiden|niistä|sitä|sekä|mutta|kuitenkin|toisaalta|samoin|silloin)(?![\p{L}\p{N}])/iu,
  sv: /^(dessutom|även|också|detta|denna|dessa|det|den|de|han|hon|därför|så|men|dock|samtidigt)(?![\p{L}\p{N}])/iu,
  en: /^(also|additionally|moreover|furthermore|this|these|that|those|it|they|he|she|therefore|so|but|however)(?![\p{L}\p{N}])/iu,
};

export function leansOnPrevious(sentence: string, lang: Language): boolean {
  const s = sentence.replace(/^[”"'«»(]+/u, '').trim();
  return LEANING[lang].test(s) || (lang === 'fi' && CLITIC_KIN.test(s));
}

/**
 * The clitic -kin in a sentence's first two words ("Kuntien onkin syytä …", "Tähänkin on
 * ratkaisuja"): "therefore", "this too", said of what the previous sentence gave.
 */
const CLITIC_KIN = /^(?:[\p{L}-]+\s+)?\p{L}{2,}kin(?![\p{L}\p{N}])/iu;

/** "klo 15.00", "kl. 16", "at 3 pm": a time of day. */
const TIME_OF_DAY =
  /(?<![\p{L}\p{N}])(?:klo|kl\.?)\s?\d{1,2}(?:[.:]\d{2})?|(?<![\p{L}\p{N}])at\s\d{1,2}(?:[.:]\d{2})?\s?(?:am|pm)?(?![\p{L}\p{N}])/iu;

/**
 * The unit after `index` when it gives the time of day that the unit at `index` lacks: a deadline
 * quoted without its hour ("… 28.2. mennessä." + "Hakemusten on oltava perillä klo 15.00.") is
 * missed by an afternoon.
 */
export function timeAfter(units: readonly string[], index: number): string | undefined {
  const here = units[index];
  const next = units[index + 1];
  if (!here || !next || TIME_OF_DAY.test(here)) return undefined;
  return TIME_OF_DAY.test(next) ? next : undefined;
}

/**
 * Quoted units as one passage. A table row or a list item ends without a full stop, and run
 * together with the next it would read as one sentence: a semicolon keeps them apart.
 */
export function joinUnits(units: readonly string[]): string {
  return units.map((u, i) => (i < units.length - 1 && !/[.!?:;…”"»)]$/u.test(u) ? `${u};` : u)).join(' ');
}
