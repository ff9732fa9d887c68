/**
 * Finds the dated events a document states (issue 16): application periods, report deadlines,
 * decision dates, meetings (association evenings) and annual-calendar (vuosikello) entries.
 *
 * How it reads a text, sentence by sentence (src/kernel/sentences.ts; a table row or an
 * annual-calendar line is one unit):
 * 1. Times of day ("klo 16.00", "kl. 15", "klo 18–20") are found and masked first, so that "16.00"
 *    is never read as a date.
 * 2. Date expressions, most specific first: numeric ranges ("1.3.–31.3.2027", "15.–30.9.2026",
 *    "1.3.-31.3."), numeric dates ("15.2.2027", "31.3."), day + month name ("15. maaliskuuta",
 *    "15 mars 2027"), month phrases ("maaliskuun loppuun mennessä", "i slutet av mars",
 *    "maaliskuussa", "maalis–huhtikuussa"), ISO weeks ("viikolla 10", "senast vecka 10", "vko 10"),
 *    seasons ("syksyllä" = Sep–Nov, "på våren" = Mar–May), monthly cut-offs ("kuukauden viimeiseen
 *    päivään mennessä", "kuun 15. päivään mennessä").
 * 3. What each one is: keywords of the clause around it, then of the sentence, a table's header
 *    row, and the section headings (report > decision > a deadline-marked application > meeting >
 *    application > a named grant kind). A date nothing classifies is kept as `other` only when it
 *    is marked as a deadline ("mennessä", "viimeistään", "senast") or stands in an annual calendar.
 * 4. Its year: the date's own, else a year the sentence names ("vuonna 2027", "maaliskuussa
 *    2027"); a rule without a year (an application, report or decision date, anything in an annual
 *    calendar, or anything said to recur: "vuosittain", "joka vuosi", "årligen") recurs yearly
 *    from the document's year; a one-off without a year (a memo's "Seuraava palaveri 3.12.") is the
 *    next such day after the document's date.
 * 5. Past: a year before the document's own year, or a past-tense verb ("oli", "päättyi",
 *    "haettiin", "var", "hölls"): kept as history, never projected.
 *
 * Not understood (kept out rather than guessed): dates relative to something else ("kolme viikkoa
 * ennen tapahtumaa", "kahden kuukauden kuluessa"), weekdays without a date ("tiistaisin"),
 * "every other year".
 */
import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';
import { splitSentences } from '../kernel/sentences.ts';
import type { Language } from '../kernel/types.ts';
import type {
  EventDraft,
  EventKind,
  EventPrecision,
  EventRecurrence,
  MeetingSubject,
} from '../kernel/calendar.ts';
import type { Block } from './types.ts';
import { MONTH_NAMES } from '../kernel/months.ts';
import { findGrantKinds } from '../kernel/grant-kinds.ts';

// ---------------------------------------------------------------------------------------------
// Vocabulary

/** Finnish month stems: the nominative without -kuu. */
const FI_MONTHS = MONTH_NAMES.fi.map((m) => m.slice(0, -'kuu'.length));
const SV_MONTHS = MONTH_NAMES.sv;
const EN_MONTHS = MONTH_NAMES.en;

const FI_STEM = `(?:${FI_MONTHS.join('|')})`;
/** A Finnish month in any case: maaliskuu, -kuun, -kuussa, -kuusta, -kuuhun, -kuuta, -kuulla. */
const FI_MONTH = `${FI_STEM}kuu(?:ssa|sta|hun|lla|lta|lle|ta|n)?`;
const SV_MONTH = `(?:${SV_MONTHS.join('|')})`;
const EN_MONTH = `(?:${EN_MONTHS.join('|')})`;
const YEAR = '(?:19|20)\\d{2}';
const DASH = '\\s*[–—-]\\s*';
/** Not inside a word or a number. */
const B = '(?<![\\p{L}\\p{N}.])';
const E = '(?![\\p{L}\\p{N}])';

/** The month (1–12) a month word names, in any language and case. */
function monthNumber(word: string): number | undefined {
  const w = word.toLowerCase();
  const fi = FI_MONTHS.findIndex((m) => w.startsWith(m) && w.slice(m.length).startsWith('kuu'));
  if (fi >= 0) return fi + 1;
  const sv = SV_MONTHS.indexOf(w);
  if (sv >= 0) return sv + 1;
  const en = EN_MONTHS.findIndex((m) => m.toLowerCase() === w);
  return en >= 0 ? en + 1 : undefined;
}

/** A month name abbreviated as the first half of a range: "maalis–huhtikuussa", "tammi-helmikuu". */
function monthStemNumber(stem: string): number | undefined {
  const i = FI_MONTHS.indexOf(stem.toLowerCase());
  return i >= 0 ? i + 1 : undefined;
}

const SEASONS: Array<{ re: RegExp; from: number; to: number }> = [
  {
    re: /(?<!\p{L})(?:keväällä|keväisin|på våren|under våren|i vår|in (?:the )?spring)(?!\p{L})/iu,
    from: 3,
    to: 5,
  },
  {
    re: /(?<!\p{L})(?:kesällä|kesäisin|på sommaren|under sommaren|i sommar|in (?:the )?summer)(?!\p{L})/iu,
    from: 6,
    to: 8,
  },
  {
    re: /(?<!\p{L})(?:syksyllä|syksyisin|på hösten|under hösten|i höst|in (?:the )?(?:autumn|fall))(?!\p{L})/iu,
    from: 9,
    to: 11,
  },
  {
    re: /(?<!\p{L})(?:talvella|talvisin|på vintern|under vintern|i vinter|in (?:the )?winter)(?!\p{L})/iu,
    from: 12,
    to: 2,
  },
];

const KIND_PATTERNS: Record<Exclude<EventKind, 'other'>, RegExp> = {
  report:
    /käyttöselvity|tility[ks]|selvitys avustuksen käytö|redovisning|redovisa|redogörelse|report on the use|grant report/iu,
  decision: /päätö[sk]|päätetään|päättää|päättävät|myönnetään|beslut|besluta|avgörs|decision|decided/iu,
  meeting:
    /yhdistysil|järjestöil|kyläil|föreningskväll|föreningsträff|tapaami|kokous(?!huo|til)|kokoukse|kokoontu|(?<!\p{L})(?:info|tiedotus|avoin|yleisö)?tilaisuu|klinik|clinic|neuvottelukun|neuvosto|palaveri|seminaari|möte|sammanträ|träff|delegation|föreningsråd|seminari|meeting|evening|workshop|työpaja/iu,
  application:
    /hakuai|hakuaj|haku(?!\p{L})|haun(?!\p{L})|hakua(?!\p{L})|haetaan|haettav|hakea|hakee|hakemu|hakemi|ansök|söks(?!\p{L})|sökas|söka(?!\p{L})|applica|apply|määräpäiv|jätettäv|jätetään|palautettav|toimitettav|lämnas in|inlämn/iu,
};

const SUBJECTS: Array<[MeetingSubject, RegExp]> = [
  ['association-evening', /yhdistysil|järjestöil|kyläil|föreningskväll|föreningsträff|association evening/iu],
  ['advisory-board', /neuvottelukun|neuvosto|delegation|föreningsråd|advisory board/iu],
  ['info', /info|tiedotustilaisuu|informationsmöte|information meeting/iu],
];

/** A deadline: right after the date ("31.3. mennessä") or right before it ("viimeistään 31.3."). */
const DEADLINE_AFTER = /^[\s,]*(?:(?:klo|kl\.?|kello)\s*[\d.:]+\s*)?(?:mennessä|asti|saakka)(?!\p{L})/iu;
const DEADLINE_BEFORE =
  /(?:viimeistään|senast|by|before|until|no later than|till och med|t\.o\.m\.|deadline|määräpäivä(?:nä|)|senast den|senast i|in by)\s*(?:(?:on|the|den|i|viikolla|vecka|klo)\s*)?$/iu;
const DEADLINE_CLAUSE = /päättyy|päättyvät|sulkeutuu|går ut|upphör|stänger|closes|ends(?!\p{L})/iu;
const START_CLAUSE =
  /alkaa|alkavat|avautuu|aukeaa|alkaen|börjar|öppnar|fr\.o\.m\.|från och med|opens|starts|from(?!\p{L})/iu;

const RECURS =
  /vuosittai|joka vuosi|jokavuotis|vuotuis|kerran vuodessa|kertaa vuodessa|vuodesta toiseen|årligen|varje år|årlig|gång(?:er)? om året|gång(?:er)? per år|every year|annually|yearly|each year/iu;
const CONTINUOUS =
  /jatkuva|jatkuvasti|koko vuoden|ympäri vuoden|milloin tahansa|fortlöpande|löpande|året runt|när som helst|continuous|rolling|any time|all year/iu;
const MONTHLY = /kuukausittai|joka kuukausi|kerran kuukaudessa|månadsvis|varje månad|monthly|every month/iu;
const MONTHLY_CUTOFF =
  /(?:kuukauden|kuun)\s+(?:(viimeiseen|viimeisenä)\s+päivään|(\d{1,2})\.\s*päivään|(viimeinen|viimeisenä)\s+päivä)|(?:den\s+)?(sista|(\d{1,2}):e)\s+(?:dagen\s+)?(?:i\s+)?varje\s+månad|(?:the\s+)?(last|(\d{1,2})(?:st|nd|rd|th)?)\s+day\s+of\s+(?:each|every|the)\s+month/iu;
/** Past tense: "oli", "päättyi", passive "haettiin", "pidettiin", Swedish "var", "hölls", "-ades". */
const PAST =
  /(?<!\p{L})(?:oli|olivat|ollut|olleet|päättyi|päättyivät|alkoi|alkoivat|hyväksyi|päätti|kokoontui|järjesti|toteutti|käsitteli|myönsi|totesi|\p{L}+[^aeiouyäöå\s\d]tiin|var|hölls|pågick|\p{L}+ades|was|were|took place|closed|ended)(?!\p{L})/iu;
const CONTEXT_YEAR = new RegExp(
  `(?<!\\p{L})(?:vuonna|vuoden|vuodelle|vuodeksi|vuosina|år|året|in|during|for)\\s+(${YEAR})${E}`,
  'iu',
);

const TIME =
  /(?<!\p{L})(?:klo|kl\.?|kello)\s*(\d{1,2})(?:[.:](\d{2}))?(?:\s*[–—-]\s*(\d{1,2})(?:[.:](\d{2}))?)?(?!\d)/giu;

/** Headings of an annual calendar section. */
const ANNUAL_HEADING =
  /vuosikel|toimintakalenteri|tapahtumakalenteri|årsklocka|årshjul|verksamhetskalender|annual calendar|annual cycle/iu;
/** An annual-calendar line: a month (or month range) label first. */
const LABEL = new RegExp(
  `^\\s*(?:[-*•]\\s*)?((?:${FI_STEM}(?:kuu)?${DASH})?${FI_STEM}kuu|(?:${SV_MONTH}${DASH})?${SV_MONTH}|(?:${EN_MONTH}${DASH})?${EN_MONTH})(?:\\s+(${YEAR}))?(?:\\s*[:.–—-]\\s*|\\s{2,}|\\t)`,
  'iu',
);

// ---------------------------------------------------------------------------------------------
// Date expressions

interface Ymd {
  d?: number;
  m: number;
  y?: number;
}

interface DateExpr {
  at: number;
  to: number;
  start?: Ymd;
  end: Ymd;
  precision: EventPrecision;
  /** A month phrase that is itself a deadline ("maaliskuun loppuun mennessä"). */
  deadline?: boolean;
  week?: number;
  weekYear?: number;
  monthDay?: number;
  monthly?: boolean;
}

function valid(d: number, m: number): boolean {
  return m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

const num = (s: string | undefined) => (s === undefined ? undefined : Number(s));

type Finder = (text: string) => Array<Omit<DateExpr, 'at' | 'to'> & { index: number; length: number }>;

function finder(re: RegExp, build: (m: RegExpExecArray) => Omit<DateExpr, 'at' | 'to'> | undefined): Finder {
  return (text) => {
    const out: Array<Omit<DateExpr, 'at' | 'to'> & { index: number; length: number }> = [];
    const g = new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`);
    for (let m = g.exec(text); m; m = g.exec(text)) {
      const e = build(m);
      if (e) out.push({ ...e, index: m.index, length: m[0].length });
    }
    return out;
  };
}

const FINDERS: Finder[] = [
  // 1.3.–31.3.2027, 1.3.2027 - 31.3.2027, 1.3.-31.3., and the Swedish habit 1.3–31.3
  finder(
    new RegExp(
      `${B}(\\d{1,2})\\.\\s?(\\d{1,2})\\.?\\s?(${YEAR})?${DASH}(\\d{1,2})\\.\\s?(\\d{1,2})(?:\\.(?:\\s?(${YEAR}))?)?${E}`,
      'u',
    ),
    (m) => {
      const [d1, m1, y1, d2, m2, y2] = [1, 2, 3, 4, 5, 6].map((i) => num(m[i]));
      if (!valid(d1!, m1!) || !valid(d2!, m2!)) return undefined;
      return { start: { d: d1, m: m1!, y: y1 }, end: { d: d2, m: m2!, y: y2 }, precision: 'day' };
    },
  ),
  // 15.–30.9.2026, 1.–30.4.
  finder(
    new RegExp(`${B}(\\d{1,2})\\.?${DASH}(\\d{1,2})\\.\\s?(\\d{1,2})\\.(?:\\s?(${YEAR}))?${E}`, 'u'),
    (m) => {
      const [d1, d2, mo, y] = [1, 2, 3, 4].map((i) => num(m[i]));
      if (!valid(d1!, mo!) || !valid(d2!, mo!) || d1! > d2!) return undefined;
      return { start: { d: d1, m: mo!, y }, end: { d: d2, m: mo!, y }, precision: 'day' };
    },
  ),
  // 15.2.2027, 31.3.
  finder(new RegExp(`${B}(\\d{1,2})\\.\\s?(\\d{1,2})\\.(?:\\s?(${YEAR}))?${E}`, 'u'), (m) => {
    const [d, mo, y] = [1, 2, 3].map((i) => num(m[i]));
    if (!valid(d!, mo!)) return undefined;
    return { end: { d, m: mo!, y }, precision: 'day' };
  }),
  // Swedish dates often lack the last dot: "senast den 31.1 följande år", "före 15.3".
  finder(
    new RegExp(
      `(?<=(?:^|\\s)(?:den|senast|före|från|till|efter|t\\.o\\.m\\.|fr\\.o\\.m\\.)\\s)(\\d{1,2})\\.(\\d{1,2})(?![\\d.])`,
      'iu',
    ),
    (m) => {
      const [d, mo] = [1, 2].map((i) => num(m[i]));
      return valid(d!, mo!) ? { end: { d, m: mo! }, precision: 'day' } : undefined;
    },
  ),
  // 1.–31. maaliskuuta 2027, 1–15 mars, 15. maaliskuuta, 15 mars 2027, 15th March
  finder(
    new RegExp(
      `${B}(?:(\\d{1,2})\\.?${DASH})?(\\d{1,2})(?:\\.|st|nd|rd|th)?\\s+(${FI_STEM}kuuta|${SV_MONTH}|${EN_MONTH})(?:\\s+(${YEAR}))?${E}`,
      'iu',
    ),
    (m) => {
      const mo = m[3]!.toLowerCase().endsWith('kuuta') ? monthNumber(m[3]!.slice(0, -1)) : monthNumber(m[3]!);
      const d1 = num(m[1]);
      const d2 = num(m[2])!;
      const y = num(m[4]);
      if (!mo || !valid(d2, mo) || (d1 !== undefined && (!valid(d1, mo) || d1 > d2))) return undefined;
      return {
        ...(d1 !== undefined ? { start: { d: d1, m: mo, y } } : {}),
        end: { d: d2, m: mo, y },
        precision: 'day',
      };
    },
  ),
  // March 15, 2027
  finder(
    new RegExp(`(?<!\\p{L})(${EN_MONTH})\\s+(\\d{1,2})(?:st|nd|rd|th)?(?:,?\\s+(${YEAR}))?${E}`, 'u'),
    (m) => {
      const mo = monthNumber(m[1]!)!;
      const d = Number(m[2]);
      if (!valid(d, mo)) return undefined;
      return { end: { d, m: mo, y: num(m[3]) }, precision: 'day' };
    },
  ),
  // Monthly cut-offs.
  finder(MONTHLY_CUTOFF, (m) => {
    const day = m[2] ?? m[5] ?? m[7];
    return { end: { m: 1 }, precision: 'day', monthly: true, monthDay: day ? Number(day) : -1 };
  }),
  // maaliskuun loppuun mennessä, maaliskuun lopussa / alussa / puoliväliin mennessä (2027)
  finder(
    new RegExp(
      `(?<!\\p{L})(${FI_STEM})kuun\\s+(?:(${YEAR})\\s+)?(loppuun|lopussa|loppupuolella|alussa|alkuun|alkupuolella|puoliväliin|puolivälissä)(?!\\p{L})(?:\\s+(${YEAR}))?`,
      'iu',
    ),
    (m) => monthPart(monthStemNumber(m[1]!)!, m[3]!.toLowerCase(), num(m[2] ?? m[4])),
  ),
  // i slutet av mars, före utgången av mars, i början av april, by the end of March
  finder(
    new RegExp(
      `(?<!\\p{L})(i slutet av|före utgången av|till slutet av|innan utgången av|i början av|i mitten av|by the end of|at the end of|end of|at the beginning of|in early|in mid-?|in late)\\s+(${SV_MONTH}|${EN_MONTH})(?:\\s+(${YEAR}))?${E}`,
      'iu',
    ),
    (m) => {
      const p = m[1]!.toLowerCase();
      const part = /slut|utgång|end|late/.test(p)
        ? /late/.test(p)
          ? 'lopussa'
          : 'loppuun'
        : /början|beginning|early/.test(p)
          ? 'alussa'
          : 'puolivälissä';
      return monthPart(monthNumber(m[2]!)!, part, num(m[3]));
    },
  ),
  // maalis–huhtikuussa, tammi-helmikuu, mars–april
  finder(
    new RegExp(`(?<!\\p{L})(${FI_STEM})(?:kuu)?${DASH}(${FI_MONTH})(?:\\s+(${YEAR}))?${E}`, 'iu'),
    (m) => {
      const a = monthStemNumber(m[1]!);
      const b = monthNumber(m[2]!);
      if (!a || !b) return undefined;
      const y = num(m[3]);
      return { start: { d: 1, m: a, y }, end: { m: b, y }, precision: 'month' };
    },
  ),
  finder(new RegExp(`(?<!\\p{L})(${FI_STEM})kuusta\\s+(${FI_STEM})kuuhun(?!\\p{L})`, 'iu'), (m) => {
    const a = monthStemNumber(m[1]!);
    const b = monthStemNumber(m[2]!);
    return a && b ? { start: { d: 1, m: a }, end: { m: b }, precision: 'month' } : undefined;
  }),
  finder(
    new RegExp(
      `(?<!\\p{L})(${SV_MONTH}|${EN_MONTH})${DASH}(${SV_MONTH}|${EN_MONTH})(?:\\s+(${YEAR}))?${E}`,
      'iu',
    ),
    (m) => {
      const a = monthNumber(m[1]!);
      const b = monthNumber(m[2]!);
      if (!a || !b) return undefined;
      const y = num(m[3]);
      return { start: { d: 1, m: a, y }, end: { m: b, y }, precision: 'month' };
    },
  ),
  // ISO weeks: viikolla 10, viikon 10 loppuun mennessä, vko 10, senast vecka 10, week 10
  finder(
    new RegExp(
      `(?<!\\p{L})(?:viikolla|viikon|viikkoon|viikko|vko|vk\\.?|vecka|veckan|v\\.|week)\\s*(\\d{1,2})(?:\\s*/\\s*(${YEAR}))?(?!\\d)`,
      'iu',
    ),
    (m) => {
      const w = Number(m[1]);
      if (w < 1 || w > 53) return undefined;
      return { end: { m: 1, y: num(m[2]) }, precision: 'week', week: w };
    },
  ),
  // A month alone: maaliskuussa (2027), marraskuun, i mars, in March
  finder(new RegExp(`(?<!\\p{L})(${FI_MONTH}|${SV_MONTH}|${EN_MONTH})(?:\\s+(${YEAR}))?${E}`, 'u'), (m) => {
    const mo = monthNumber(m[1]!);
    if (!mo) return undefined;
    // A Swedish or English month alone counts only after a preposition (checked in findDates).
    return { start: { d: 1, m: mo, y: num(m[2]) }, end: { m: mo, y: num(m[2]) }, precision: 'month' };
  }),
];

function monthPart(mo: number, part: string, y?: number): Omit<DateExpr, 'at' | 'to'> {
  if (part === 'loppuun') return { end: { m: mo, y }, precision: 'day', deadline: true };
  if (part === 'puoliväliin') return { end: { d: 15, m: mo, y }, precision: 'day', deadline: true };
  if (part === 'lopussa' || part === 'loppupuolella')
    return { start: { d: 21, m: mo, y }, end: { m: mo, y }, precision: 'month' };
  if (part === 'alussa' || part === 'alkuun' || part === 'alkupuolella')
    return { start: { d: 1, m: mo, y }, end: { d: 10, m: mo, y }, precision: 'month' };
  return { start: { d: 11, m: mo, y }, end: { d: 20, m: mo, y }, precision: 'month' };
}

interface Masked {
  text: string;
  times: Array<{ at: number; time: string; endTime?: string }>;
}

function hhmm(h: string, m: string | undefined): string | undefined {
  const hour = Number(h);
  const min = m === undefined ? 0 : Number(m);
  if (hour > 24 || min > 59) return undefined;
  return `${String(hour).padStart(2, '0')}:${String(min).padStart(2, '0')}`;
}

function maskTimes(text: string): Masked {
  const times: Masked['times'] = [];
  const out = text.replace(
    TIME,
    (
      whole,
      h: string,
      mi: string | undefined,
      h2: string | undefined,
      mi2: string | undefined,
      at: number,
    ) => {
      const time = hhmm(h, mi);
      if (time) times.push({ at, time, ...(h2 ? { endTime: hhmm(h2, mi2) } : {}) });
      return ' '.repeat(whole.length);
    },
  );
  return { text: out, times };
}

/** Every date expression in a (time-masked) text, in order, none overlapping. */
function findDates(text: string): DateExpr[] {
  let work = text;
  const found: DateExpr[] = [];
  for (const f of FINDERS) {
    const spans: Array<[number, number]> = [];
    for (const e of f(work)) {
      if (e.precision === 'month' && e.start?.d === 1 && e.end.d === undefined && e.start.m === e.end.m) {
        // A Swedish or English month alone ("mars", "maj") is a date only after a preposition or with a year.
        const word = text.slice(e.index, e.index + e.length);
        if (
          !/kuu/i.test(word) &&
          !e.end.y &&
          !/(?:^|\s)(?:i|under|in|during|före|efter|by)\s+$/i.test(
            text.slice(Math.max(0, e.index - 8), e.index),
          )
        )
          continue;
      }
      found.push({ ...e, at: e.index, to: e.index + e.length });
      spans.push([e.index, e.index + e.length]);
    }
    // Masked once per pattern (not per match): a text full of dates stays linear.
    if (spans.length) {
      let masked = '';
      let from = 0;
      for (const [a, b] of spans) {
        masked += work.slice(from, a) + '\u0001'.repeat(b - a);
        from = b;
      }
      work = masked + work.slice(from);
    }
  }
  for (const s of SEASONS) {
    const g = new RegExp(s.re.source, 'giu');
    for (let m = g.exec(work); m; m = g.exec(work)) {
      const y = /^\s+((?:19|20)\d{2})(?!\d)/.exec(work.slice(m.index + m[0].length));
      const year = y ? Number(y[1]) : undefined;
      found.push({
        at: m.index,
        to: m.index + m[0].length + (y ? y[0].length : 0),
        start: { d: 1, m: s.from, y: year },
        end: { m: s.to, y: year === undefined ? undefined : s.to < s.from ? year + 1 : year },
        precision: 'season',
      });
    }
  }
  return found.sort((a, b) => a.at - b.at);
}

// ---------------------------------------------------------------------------------------------
// Classification

/** A grant kind in any inflection, nominative lower-case: "Toiminta-avustuksen" -> "toiminta-avustus". */
function grantKinds(text: string): string[] {
  const hit = memo.grants.get(text);
  if (hit) return hit;
  const found = findGrantKinds(text);
  memo.grants.set(text, found);
  return found;
}

/** Payments are not deadlines of the association's: listed as `other`. */
const PAYMENT = /maksetaan|maksatus|betalas ut|utbetal|(?<!\p{L})paid(?!\p{L})/iu;

/**
 * Memo of the keyword tests, per extraction: every date of a long sentence tests the same
 * sentence, header and headings again; without it a text full of dates is quadratic.
 */
const memo = { kinds: new Map<string, EventKind | null>(), grants: new Map<string, string[]>() };

function classifyOne(c: string, nearDeadline: boolean): EventKind | undefined {
  const key = `${nearDeadline ? 1 : 0}${c}`;
  const hit = memo.kinds.get(key);
  if (hit !== undefined) return hit ?? undefined;
  let kind: EventKind | undefined;
  if (PAYMENT.test(c)) kind = 'other';
  else if (KIND_PATTERNS.report.test(c)) kind = 'report';
  else if (KIND_PATTERNS.decision.test(c)) kind = 'decision';
  else if (nearDeadline && KIND_PATTERNS.application.test(c)) kind = 'application';
  else if (KIND_PATTERNS.meeting.test(c)) kind = 'meeting';
  else if (KIND_PATTERNS.application.test(c)) kind = 'application';
  memo.kinds.set(key, kind ?? null);
  return kind;
}

function classify(contexts: string[], nearDeadline: boolean): EventKind | undefined {
  for (const c of contexts) {
    if (!c) continue;
    const kind = classifyOne(c, nearDeadline);
    if (kind) return kind;
  }
  return undefined;
}

function subjectOf(text: string): MeetingSubject | undefined {
  return SUBJECTS.find(([, re]) => re.test(text))?.[0];
}

/** Clauses of a sentence: split at ";", ", " and at "ja / och / and …", with their offsets. */
function clauses(text: string): Array<{ at: number; to: number; text: string; item: number }> {
  const out: Array<{ at: number; to: number; text: string; item: number }> = [];
  const re = /;|\s\|\s|,\s+|\s+(?:ja|sekä|mutta|och|samt|men|and|but)\s+/giu;
  let at = 0;
  let item = 0;
  for (let m = re.exec(text); ; m = re.exec(text)) {
    const to = m ? m.index : text.length;
    out.push({ at, to, text: text.slice(at, to), item });
    if (!m) break;
    if (m[0] === ';' || m[0].includes('|')) item++;
    at = m.index + m[0].length;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Extraction

export interface ExtractInput {
  blocks: Block[];
  /** ISO date of the document version (the reference year of rules without a year). */
  date?: string;
  language: Language;
}

interface Unit {
  text: string;
  section?: string;
  headings: string[];
  /** A table's header row, for its rows. */
  header?: string;
  /** An annual-calendar line's month label: the range of its items that name no date. */
  label?: { start: Ymd; end: Ymd };
  annual: boolean;
  /** The sentence before, in the same block (a grant kind named there carries over). */
  previous?: string;
}

/**
 * No real sentence or table row is this long; longer runs (a PDF without punctuation, a hostile
 * file) are read in windows of this size, cut at a space, so extraction stays linear in the text.
 */
const MAX_UNIT = 1000;
/** At most this many dates from one sentence: more is a list of dates, read only in part. */
const MAX_DATES_PER_UNIT = 40;
/** How far around a date its clause and segment are read. */
const NEAR = 200;
/** At most this many events from one document: beyond it a text is a list of dates, not rules. */
const MAX_EVENTS = 400;

function windows(text: string): string[] {
  if (text.length <= MAX_UNIT) return [text];
  const out: string[] = [];
  let rest = text;
  while (rest.length > MAX_UNIT) {
    const cut = rest.lastIndexOf(' ', MAX_UNIT);
    const at = cut > MAX_UNIT / 2 ? cut : MAX_UNIT;
    out.push(rest.slice(0, at));
    rest = rest.slice(at);
  }
  if (rest.trim()) out.push(rest);
  return out;
}

/** Whether a text may state a date at all: most paragraphs do not, and are not split into sentences. */
const MAY_DATE = new RegExp(
  `\\d|${FI_STEM}kuu|(?<!\\p{L})(?:${SV_MONTH}|${EN_MONTH})(?!\\p{L})|syksy|kevä|kesä|talv|våren|hösten|sommar|vinter|höst|vår(?!\\p{L})|spring|summer|autumn|fall|winter|kuukau|kuun|månad|month`,
  'iu',
);

function* units(blocks: Block[], lang: Language): Generator<Unit> {
  for (const u of rawUnits(blocks, lang)) {
    if (u.text.length <= MAX_UNIT) yield u;
    else for (const text of windows(u.text)) yield { ...u, text };
  }
}

function* rawUnits(blocks: Block[], lang: Language): Generator<Unit> {
  for (const b of blocks) {
    const section = b.headings.length ? b.headings.join(' › ') : undefined;
    const annualHeading = b.headings.some((h) => ANNUAL_HEADING.test(h));
    if (!annualHeading && !MAY_DATE.test(b.text) && !CONTINUOUS.test(b.text) && !MONTHLY.test(b.text))
      continue;
    const lines = b.text.split('\n');
    const labelled = lines.filter((l) => LABEL.test(l)).length;
    const annual = annualHeading || labelled >= 3;
    const table = lines.length > 1 && lines.filter((l) => l.includes(' | ')).length >= 2;
    if (annual || table) {
      let label: Unit['label'];
      for (const [i, line] of lines.entries()) {
        if (!line.trim()) continue;
        const m = annual ? LABEL.exec(line) : null;
        let rest = line;
        if (m) {
          const months = m[1]!.split(/\s*[–—-]\s*/).map((w) => monthNumber(w) ?? monthStemNumber(w)!);
          const y = num(m[2]);
          label = { start: { d: 1, m: months[0]!, y }, end: { m: months.at(-1)!, y } };
          rest = line.slice(m[0].length);
        } else if (annual && !/^\s/.test(line)) label = undefined;
        yield {
          text: rest.trim(),
          section,
          headings: b.headings,
          header: table && i > 0 ? lines[0] : undefined,
          label,
          annual,
        };
      }
      continue;
    }
    let previous: string | undefined;
    for (const s of splitSentences(b.text, lang)) {
      yield { text: s, section, headings: b.headings, annual: false, previous };
      previous = s;
    }
  }
}

function iso(y: number, m: number, d: number | 'last'): string | undefined {
  const first = DateTime.fromObject({ year: y, month: m, day: 1 }, { zone: 'utc' });
  const dt = d === 'last' ? first.endOf('month') : first.set({ day: d });
  if (!dt.isValid || dt.month !== m) return undefined;
  return dt.toISODate()!;
}

function weekRange(year: number, week: number): { start: string; end: string } | undefined {
  const monday = DateTime.fromObject({ weekYear: year, weekNumber: week, weekday: 1 }, { zone: 'utc' });
  if (!monday.isValid) return undefined;
  return { start: monday.toISODate()!, end: monday.plus({ days: 4 }).toISODate()! };
}

const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();

/** Every dated event the document's blocks state (see the module comment), merged and de-duplicated. */
export function extractEvents(input: ExtractInput): EventDraft[] {
  memo.kinds.clear();
  memo.grants.clear();
  try {
    return extract(input);
  } finally {
    memo.kinds.clear();
    memo.grants.clear();
  }
}

function extract(input: ExtractInput): EventDraft[] {
  const docYear = input.date ? Number(input.date.slice(0, 4)) : new Date().getUTCFullYear();
  const drafts: Array<EventDraft & { unit: number }> = [];
  const all: Unit[] = [];
  for (const unit of units(input.blocks, input.language)) {
    const ui = all.push(unit) - 1;
    // Merging is quadratic in the drafts: a document that states more than this is cut off.
    if (drafts.length >= MAX_EVENTS * 3) break;
    const { text: masked, times } = maskTimes(unit.text);
    const dates = findDates(masked).slice(0, MAX_DATES_PER_UNIT);
    const parts = clauses(masked);
    const quote = collapse(unit.text);
    const headingText = unit.headings.join(' ');
    const sentenceRecurs = RECURS.test(masked);
    const sentencePast = PAST.test(masked);
    const sentenceKinds = grantKinds(unit.text);
    const kindsFallback = sentenceKinds.length ? sentenceKinds : grantKinds(unit.previous ?? '');
    const headingKinds = grantKinds(headingText);

    // An annual-calendar item with no date of its own is dated by the line's month label.
    if (unit.label) {
      for (const itemClauses of splitItems(masked)) {
        if (dates.some((d) => d.at >= itemClauses.at && d.at < itemClauses.to)) continue;
        const itemText = itemClauses.text;
        if (!itemText.trim()) continue;
        const kind = classify([itemText], false) ?? (grantKinds(itemText).length ? 'application' : 'other');
        const y = unit.label.start.y ?? docYear;
        const start = iso(y, unit.label.start.m, 1);
        const endY = unit.label.end.m < unit.label.start.m ? y + 1 : y;
        const end = iso(endY, unit.label.end.m, 'last');
        drafts.push({
          unit: ui,
          kind,
          grantKinds: grantKinds(itemText),
          ...(kind === 'meeting' && subjectOf(itemText) ? { subject: subjectOf(itemText) } : {}),
          start,
          end,
          precision: 'month',
          recurrence: unit.label.start.y ? 'none' : 'yearly',
          continuous: false,
          past: unit.label.start.y !== undefined && unit.label.start.y < docYear,
          quote,
          label: collapse(itemText),
          section: unit.section,
        });
      }
    }

    if (dates.length === 0) {
      // "Haku on jatkuva", "ansökningstiden är fortlöpande": an application with no date; with
      // "käsittely kuukausittain", a monthly cut-off at the month's end.
      if (
        CONTINUOUS.test(masked) &&
        classify([masked, unit.header ?? '', headingText], false) === 'application'
      ) {
        const monthly = MONTHLY.test(masked);
        drafts.push({
          unit: ui,
          kind: 'application',
          grantKinds: kindsFallback.length ? kindsFallback : headingKinds,
          precision: 'day',
          recurrence: monthly ? 'monthly' : 'none',
          ...(monthly ? { monthDay: -1 } : {}),
          continuous: !monthly,
          past: sentencePast,
          quote,
          label: quote,
          section: unit.section,
        });
      }
      continue;
    }

    for (const [di, d] of dates.entries()) {
      const clause = parts.find((c) => d.at >= c.at && d.at < c.to) ?? {
        at: 0,
        to: masked.length,
        text: masked,
        item: 0,
      };
      const prevEnd = di > 0 ? dates[di - 1]!.to : 0;
      const nextStart = di + 1 < dates.length ? dates[di + 1]!.at : masked.length;
      const itemBounds = parts.filter((c) => c.item === clause.item);
      const itemAt = itemBounds[0]!.at;
      const itemTo = itemBounds.at(-1)!.to;
      // What is read around a date is bounded, so that a sentence of many dates stays linear.
      const clauseAt = Math.max(clause.at, d.at - NEAR);
      const clauseTo = Math.min(clause.to, d.to + NEAR);
      const clauseText = masked.slice(clauseAt, clauseTo);
      const segment = masked.slice(
        Math.max(prevEnd, itemAt, d.at - NEAR),
        Math.min(nextStart, Math.max(clause.to, d.to), d.to + NEAR),
      );
      const before = masked.slice(Math.max(itemAt, d.at - 40), d.at);
      const after = masked.slice(d.to, Math.min(itemTo, d.to + 40));
      const deadlineMarked =
        d.deadline === true || DEADLINE_AFTER.test(after) || DEADLINE_BEFORE.test(before);
      const startMarked =
        !deadlineMarked && START_CLAUSE.test(clauseText) && !DEADLINE_CLAUSE.test(clauseText);
      const endMarked = deadlineMarked || DEADLINE_CLAUSE.test(clauseText);

      const contexts = [
        clauseText,
        segment,
        masked.slice(itemAt, itemTo),
        unit.header ?? '',
        unit.headings.at(-1) ?? '',
        headingText,
      ];
      let kind = classify(contexts, deadlineMarked);
      const kinds = grantKinds(segment).length
        ? grantKinds(segment)
        : kindsFallback.length
          ? kindsFallback
          : headingKinds;
      if (!kind && kinds.length) kind = 'application';
      if (!kind && (deadlineMarked || unit.annual || d.monthly)) kind = 'other';
      if (!kind) continue;
      // A month alone in a sentence without a recognised event word is too weak.
      if (
        d.precision === 'month' &&
        !unit.annual &&
        !classify([clauseText, segment, masked], deadlineMarked) &&
        !kinds.length
      )
        continue;

      // Monthly cut-offs.
      if (d.monthly || (MONTHLY.test(segment) && d.precision !== 'day')) {
        drafts.push({
          unit: ui,
          kind,
          grantKinds: kinds,
          precision: 'day',
          recurrence: 'monthly',
          monthDay: d.monthDay ?? -1,
          continuous: false,
          past: false,
          quote,
          label: collapse(unit.text.slice(clauseAt, clauseTo)),
          section: unit.section,
        });
        continue;
      }

      const explicitYear = d.end.y ?? d.start?.y ?? d.weekYear;
      const contextYearMatch = CONTEXT_YEAR.exec(segment);
      // "…i juni 2027 (höstens projektbidrag i december)": a year another date of the sentence gives.
      const neighbour = [...dates.slice(0, di)]
        .reverse()
        .concat(dates.slice(di + 1))
        .find((o) => o.end.y ?? o.start?.y);
      const contextYear = contextYearMatch
        ? Number(contextYearMatch[1])
        : neighbour
          ? (neighbour.end.y ?? neighbour.start?.y)
          : undefined;
      const labelYear = unit.label?.start.y;
      const year = explicitYear ?? contextYear ?? labelYear;
      const rule =
        year === undefined &&
        (sentenceRecurs || unit.annual || kind === 'application' || kind === 'report' || kind === 'decision');
      const recurrence: EventRecurrence = sentenceRecurs || rule ? 'yearly' : 'none';
      const past =
        (year !== undefined && year < docYear) ||
        PAST.test(segment) ||
        (sentencePast && !(year !== undefined && year >= docYear));

      let baseYear = year ?? docYear;
      const build = (y: number) => {
        let endIso: string | undefined;
        let startIso: string | undefined;
        if (d.week !== undefined) {
          const w = weekRange(y, d.week);
          if (!w) return undefined;
          startIso = w.start;
          endIso = w.end;
        } else {
          const endYear = d.end.y ?? y;
          endIso = iso(endYear, d.end.m, d.end.d ?? 'last');
          if (d.start) {
            let sy = d.start.y ?? endYear;
            if (d.start.m > d.end.m && d.start.y === undefined) sy = endYear - 1;
            startIso = iso(sy, d.start.m, d.start.d ?? 1);
            if (d.end.y === undefined && d.start.y !== undefined && d.start.m > d.end.m)
              endIso = iso(d.start.y + 1, d.end.m, d.end.d ?? 'last');
          }
        }
        return endIso ? { startIso, endIso } : undefined;
      };
      let built = build(baseYear);
      if (!built) continue;
      // A one-off without a year: the first such day on or after the document's own date.
      if (year === undefined && recurrence === 'none' && input.date && built.endIso < input.date) {
        baseYear += 1;
        built = build(baseYear);
        if (!built) continue;
      }

      // One day, a period, an opening or a deadline.
      let start: string | undefined = built.startIso;
      let end: string | undefined = built.endIso;
      if (d.precision === 'day' && !d.start) {
        if (startMarked) {
          end = undefined;
          start = built.endIso;
        } else if (endMarked || kind === 'application' || kind === 'report') start = undefined;
        else start = built.endIso;
      }
      if (d.precision === 'week' && endMarked) start = undefined;

      // The time given after this date (before the next one), else the only one in its clause.
      const own =
        times.find((t) => t.at >= d.to && t.at < nextStart) ??
        (times.length === 1 && dates.length === 1 ? times[0] : undefined);
      drafts.push({
        unit: ui,
        kind,
        grantKinds: kinds,
        ...(kind === 'meeting' && subjectOf(segment + ' ' + clauseText + ' ' + masked)
          ? { subject: subjectOf(clauseText + ' ' + masked) }
          : {}),
        ...(start ? { start } : {}),
        ...(end ? { end } : {}),
        ...(own ? { time: own.time } : {}),
        ...(own?.endTime && kind === 'meeting' ? { endTime: own.endTime } : {}),
        precision: d.precision,
        recurrence: past ? 'none' : recurrence,
        ...(d.week !== undefined ? { week: d.week } : {}),
        continuous: false,
        past,
        quote,
        label: collapse(unit.text.slice(clauseAt, clauseTo)),
        section: unit.section,
      });
    }
  }
  const precise = drafts.filter((d) => d.precision === 'day' && (d.start || d.end));
  const merged = merge(
    drafts.filter(
      (d) =>
        !(d.precision === 'month' || d.precision === 'season') ||
        d.unit === -1 ||
        !precise.some((p) => p.unit === d.unit && p.kind === d.kind && p !== d && !all[d.unit]!.label),
    ),
  );
  return merged.slice(0, MAX_EVENTS);
}

/** Annual-calendar items: the line split at ";" and ",". */
function splitItems(text: string): Array<{ at: number; to: number; text: string }> {
  const out: Array<{ at: number; to: number; text: string }> = [];
  const re = /;|,\s+/g;
  let at = 0;
  for (let m = re.exec(text); ; m = re.exec(text)) {
    const to = m ? m.index : text.length;
    out.push({ at, to, text: text.slice(at, to) });
    if (!m) break;
    at = m.index + m[0].length;
  }
  return out;
}

function overlaps(a: string[], b: string[]): boolean {
  return a.length === 0 || b.length === 0 || a.some((x) => b.includes(x));
}

/**
 * One event per fact: an opening and a deadline of the same kind in one sentence make a period;
 * a deadline (with its time) on a period's last day joins the period; an annual-calendar line
 * that repeats a sentence's event joins it.
 */
function merge(drafts: Array<EventDraft & { unit: number }>): EventDraft[] {
  const out: Array<EventDraft & { unit: number }> = [];
  for (const d of drafts) {
    const same = (o: EventDraft) =>
      o.kind === d.kind &&
      overlaps(o.grantKinds, d.grantKinds) &&
      (o.subject === d.subject || !o.subject || !d.subject) &&
      !o.past &&
      !d.past &&
      o.recurrence !== 'monthly' &&
      d.recurrence !== 'monthly' &&
      !o.continuous &&
      !d.continuous;
    const into = (o: EventDraft & { unit: number }) => {
      o.grantKinds = [...new Set([...o.grantKinds, ...d.grantKinds])];
      o.subject ??= d.subject;
      o.time ??= d.time;
      o.endTime ??= d.endTime;
      if (d.precision === 'day') o.precision = 'day';
      if (
        o.unit !== d.unit &&
        !o.quote.includes(d.quote) &&
        d.time &&
        !o.quote.includes(d.time.replace(':', '.'))
      )
        o.quote = `${o.quote} ${d.quote}`;
    };
    // An opening, then a deadline in the same sentence: a period.
    const opening = out.find(
      (o) => same(o) && o.unit === d.unit && o.start && !o.end && d.end && !d.start && o.start <= d.end,
    );
    if (opening) {
      opening.end = d.end;
      into(opening);
      continue;
    }
    const sameDay = (o: EventDraft) =>
      (d.start === undefined || o.start === d.start || o.start === undefined) &&
      (d.end === undefined || o.end === d.end);
    const host = out.find(
      (o) =>
        same(o) &&
        ((o.start === d.start && o.end === d.end) ||
          (o.start &&
            o.end &&
            ((d.end && !d.start && o.end === d.end) || (d.start && !d.end && o.start === d.start)))),
    );
    if (host && sameDay(host)) {
      into(host);
      continue;
    }
    // The reverse: a period after its deadline was found.
    const covered = out.findIndex((o) => same(o) && o.end && !o.start && d.start && d.end === o.end);
    if (covered >= 0) {
      const o = out[covered]!;
      d.time ??= o.time;
      d.grantKinds = [...new Set([...d.grantKinds, ...o.grantKinds])];
      out.splice(covered, 1);
    }
    out.push({ ...d });
  }
  return out.map(({ unit: _unit, ...e }) => e);
}

/** A UID that stays the same while the document states the same event in the same words. */
export function eventUid(docKey: string, e: EventDraft): string {
  const h = createHash('sha256')
    .update(
      [
        docKey,
        e.kind,
        e.subject ?? '',
        e.grantKinds.join(','),
        e.start ?? '',
        e.end ?? '',
        e.time ?? '',
        e.recurrence,
        e.quote,
      ].join('\u0000'),
    )
    .digest('hex')
    .slice(0, 24);
  return `${h}@kumppani`;
}
