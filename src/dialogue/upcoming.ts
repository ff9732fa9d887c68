/**
 * "Mitä hakuaikoja on tulossa?", "vilka ansökningstider är på gång?", "upcoming deadlines in
 * Routasalmi": answered from the calendar the documents' dated events make (issue 16), the next
 * ones in date order, each with the sentence it came from as its citation. A question about one
 * grant's deadline ("mihin mennessä toiminta-avustusta haetaan?") is not this: it goes to search,
 * which quotes that grant's own rule.
 */
import { eventWhat, type EventKind, type UpcomingEvent } from '../kernel/calendar.ts';
import { t } from '../kernel/i18n/index.ts';
import type { Block, Citation, Language, Part } from '../kernel/types.ts';

/** Words that ask what is coming, next to words that name deadlines or periods. */
const COMING =
  /(?<![\p{L}\p{N}])(tulossa|tulevat|tulevia|tuleva\p{L}*|seuraava\p{L}*|lähiaikoina|lähestyv\p{L}*|kommande|närmaste|nästa|på gång|upcoming|next|coming( up)?)(?![\p{L}\p{N}])/iu;
const DEADLINES =
  /(haku|hakuaj\p{L}*|hakuaik\p{L}*|määräaj\p{L}*|määräaik\p{L}*|määräpäiv\p{L}*|takaraj\p{L}*|deadline\p{L}*|ansökningstid\p{L}*|tidsfrist\p{L}*|sista ansökningsdag\p{L}*|application (periods?|deadlines?)|deadlines?|dates)/iu;
/** "Milloin on seuraava yhdistysilta?": meetings the calendar lists too. */
const MEETINGS = /(yhdistysilt\p{L}*|föreningskväll\p{L}*|association evening\p{L}*)/iu;

/**
 * The kinds of event a "what's coming up?" question asks for, or undefined when it is not one:
 * deadlines are application periods and grant reports; association evenings are meetings.
 */
export function asksUpcoming(text: string): EventKind[] | undefined {
  if (!COMING.test(text)) return undefined;
  const kinds: EventKind[] = [];
  if (DEADLINES.test(text)) kinds.push('application', 'report');
  if (MEETINGS.test(text)) kinds.push('meeting');
  return kinds.length ? kinds : undefined;
}

const LOCALE: Record<Language, string> = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' };

function day(iso: string): Date {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d!, 12));
}

/** "15.2.2027"; a month-precise or vaguer date as its month ("helmikuu 2027"): no invented day. */
function dateText(iso: string, language: Language, precise: boolean): string {
  const format = precise
    ? ({ day: 'numeric', month: 'numeric', year: 'numeric' } as const)
    : ({ month: 'long', year: 'numeric' } as const);
  return new Intl.DateTimeFormat(LOCALE[language], { ...format, timeZone: 'UTC' }).format(day(iso));
}

/** The occurrence's dates: a period as "15.1.2027–15.2.2027", anything else its listed day. */
function whenText(e: UpcomingEvent, language: Language): string {
  const precise = e.precision === 'day';
  const { occursStart: from, occursEnd: to } = e;
  if (from && to && from !== to && e.kind === 'application' && e.next === from)
    return `${dateText(from, language, precise)}–${dateText(to, language, precise)}`;
  return dateText(e.next, language, precise);
}

/** The calendar's summary key for this occurrence: a period, its opening, or its deadline. */
function summaryKey(e: UpcomingEvent): string {
  if (e.kind === 'application') {
    if (e.recurrence === 'monthly') return 'calendar.application.monthly';
    if (e.occursStart && e.next === e.occursStart)
      return e.occursEnd && e.occursEnd !== e.occursStart
        ? 'calendar.application.period'
        : 'calendar.application.opens';
    return 'calendar.application.closes';
  }
  if (e.kind === 'report') return 'calendar.report.due';
  return `calendar.${e.kind}`;
}

/**
 * The reply's blocks and citations for the events found: one line each, "15.2.2027 klo 16.00 –
 * Hakuaika päättyy: Yleisavustus (Sammalkoski)", citing the document sentence it rests on.
 */
export function upcomingReply(
  found: UpcomingEvent[],
  language: Language,
  kinds: readonly EventKind[],
): { blocks: Block[]; citations: Citation[] } {
  const meetings = kinds.length === 1 && kinds[0] === 'meeting';
  // Asked about association evenings, those come first and alone when the documents name any.
  const evenings = found.filter((e) => e.subject === 'association-evening');
  const events = meetings && evenings.length ? evenings : found;
  if (events.length === 0)
    return { blocks: [{ kind: 'notice', text: t(language, 'dialogue.upcoming.none') }], citations: [] };
  const citations: Citation[] = [];
  const cite = (c: Citation): number => {
    const i = citations.findIndex((x) => x.source === c.source && x.quote === c.quote);
    if (i >= 0) return i + 1;
    citations.push(c);
    return citations.length;
  };
  const parts: Part[] = [];
  const seen = new Set<string>();
  for (const e of events) {
    const key = summaryKey(e);
    // The time is a deadline's (or a meeting's), never an opening's.
    const time =
      e.time && key !== 'calendar.application.opens'
        ? ` ${t(language, 'dialogue.upcoming.at', { time: e.time.replace(':', '.') })}`
        : '';
    const summary = t(language, key, {
      what: eventWhat(e, language),
      municipality: e.municipality ?? t(language, 'dialogue.upcoming.region'),
    });
    const text = `${whenText(e, language)}${time} – ${summary}`;
    // Two documents stating the same deadline are one line (the first one's source).
    if (seen.has(text)) continue;
    seen.add(text);
    parts.push({ text, cite: [cite(e.citation)] });
  }
  return {
    blocks: [
      {
        kind: 'notice',
        text: t(language, meetings ? 'dialogue.upcoming.introMeetings' : 'dialogue.upcoming.intro'),
      },
      // One line per event: a list, so that each line keeps its own source.
      ...parts.map((p): Block => ({ kind: 'answer', parts: [p] })),
      { kind: 'notice', text: t(language, 'dialogue.upcoming.check') },
    ],
    citations,
  };
}
