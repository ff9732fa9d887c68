/**
 * The date a page gives itself, when its metadata does not: a labelled line ("Päivitetty
 * 12.3.2025", "Julkaistu: 1.2.2024", "Uppdaterad 2025-03-12", "Last updated 4 December 2017") or
 * a dateline at its top ("ma 4. joulukuuta 2017 09.36.00"). Saved web pages carry one, and a
 * citation without its date hides how old a rule is.
 */
import { MONTH_NAMES } from '../kernel/months.ts';

/** Turns "2025-03-01", "1.3.2025" (Finnish) or a YAML date into YYYY-MM-DD; undefined when it is not a real date. */
export function normaliseDate(value: unknown): string | undefined {
  if (value instanceof Date)
    return Number.isNaN(value.getTime()) ? undefined : value.toISOString().slice(0, 10);
  if (typeof value !== 'string') return undefined;
  const s = value.trim();
  let y: number, m: number, d: number;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  const fi = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(s);
  if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (fi) [d, m, y] = [Number(fi[1]), Number(fi[2]), Number(fi[3])];
  else return undefined;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d)
    return undefined;
  return date.toISOString().slice(0, 10);
}

/** How many of the first lines may hold a dateline. */
const DATELINE_LINES = 6;

const LABEL =
  /^(?:päivitetty|julkaistu|muokattu|luotu|päiväys|pvm|sivu päivitetty|viimeksi päivitetty|uppdaterad|publicerad|senast uppdaterad|datum|updated|published|last updated|last modified|modified|date)\b\s*:?\s*(.+)$/iu;

/** A weekday before a dateline's date: "ma", "maanantaina", "mån", "Monday" (whole words only). */
const WEEKDAY =
  /^(?:(?:ma|ti|ke|to|pe|la|su|mån|tis|ons|tor|tors|fre|lör|sön|mon|tue|wed|thu|fri|sat|sun)\.?|(?:maanantai|tiistai|keskiviikko|torstai|perjantai|lauantai|sunnuntai)(?:na)?|(?:mån|tis|ons|tors|fre|lör|sön)dag(?:en)?|(?:mon|tues|wednes|thurs|fri|satur|sun)day),?\s+(?=\d)/iu;

/** A time after the date ("09.36.00", "klo 12:05"): part of a dateline, not another fact. */
const TIME_AFTER = /^(?:klo\s*|kl\.?\s*|at\s+)?\d{1,2}[.:]\d{2}(?:[.:]\d{2})?$/iu;

/** Month by its name's stem in any language: "joulukuuta" -> 12, "december" -> 12. */
function monthOf(word: string): number | undefined {
  const w = word.toLowerCase();
  for (const names of Object.values(MONTH_NAMES)) {
    const i = names.findIndex((n) => {
      const name = n.toLowerCase();
      return name.endsWith('kuu') ? w.startsWith(name) : w === name || (w.length >= 3 && name.startsWith(w));
    });
    if (i >= 0) return i + 1;
  }
  return undefined;
}

/** "4.12.2017", "2017-12-04", "4. joulukuuta 2017", "4 december 2017", "December 4, 2017", then anything after. */
function leadingDate(text: string): { iso: string; rest: string } | undefined {
  const numeric = /^(\d{1,2}\.\d{1,2}\.\d{4}|\d{4}-\d{1,2}-\d{1,2})(.*)$/u.exec(text);
  if (numeric) {
    const iso = normaliseDate(numeric[1]);
    return iso ? { iso, rest: numeric[2]!.trim() } : undefined;
  }
  const named = /^(\d{1,2})\.?\s+(\p{L}+)\s+(\d{4})(.*)$/u.exec(text);
  const english = /^(\p{L}+)\s+(\d{1,2}),?\s+(\d{4})(.*)$/u.exec(text);
  const [d, month, y, rest] = named
    ? [named[1], named[2], named[3], named[4]]
    : english
      ? [english[2], english[1], english[3], english[4]]
      : [];
  const m = month ? monthOf(month) : undefined;
  if (!m) return undefined;
  const iso = normaliseDate(`${d}.${m}.${y}`);
  return iso ? { iso, rest: rest!.trim() } : undefined;
}

export function pageDate(body: string): string | undefined {
  const lines = body
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  for (const line of lines) {
    const labelled = LABEL.exec(line);
    const found = labelled && leadingDate(labelled[1]!.replace(WEEKDAY, ''));
    if (found) return found.iso;
  }
  for (const line of lines.slice(0, DATELINE_LINES)) {
    const found = leadingDate(line.replace(WEEKDAY, ''));
    if (found && (found.rest === '' || TIME_AFTER.test(found.rest))) return found.iso;
  }
  return undefined;
}
