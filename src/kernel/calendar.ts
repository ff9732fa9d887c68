/**
 * Dated events the documents state (issue 16): application periods, report deadlines, decisions,
 * association evenings, annual-calendar entries. Extracted at ingestion (src/ingest/events.ts),
 * stored per document (src/store/events.ts), served as an iCalendar feed (src/server/calendar.ts).
 *
 * Dates are calendar dates in Finland (Europe/Helsinki), ISO `YYYY-MM-DD`; times are wall-clock
 * `HH:MM` there. A yearly rule ("vuosittain 15.1.–15.2.", a date without a year) is stored at one
 * occurrence (the document's year) and projected to the next one with `project`.
 */
import { DateTime } from 'luxon';
import type { Citation, Language } from './types.ts';
import { t } from './i18n/index.ts';

export const CALENDAR_ZONE = 'Europe/Helsinki';

/** What an event is. */
export type EventKind = 'application' | 'report' | 'decision' | 'meeting' | 'other';
export const EVENT_KINDS: readonly EventKind[] = ['application', 'report', 'decision', 'meeting', 'other'];

/** How exactly the document dates it: a day, an ISO week, a month ("maaliskuussa"), a season ("syksyllä"). */
export type EventPrecision = 'day' | 'week' | 'month' | 'season';

/** `yearly`: a rule without a year or said to recur; `monthly`: a monthly cut-off ("kuukauden viimeiseen päivään mennessä"). */
export type EventRecurrence = 'none' | 'yearly' | 'monthly';

/** What a meeting is, when the text says (for the summary). */
export type MeetingSubject = 'association-evening' | 'advisory-board' | 'info';

/** An event as extracted from one sentence (or one annual-calendar line) of a document. */
export interface EventDraft {
  kind: EventKind;
  /** Grant kinds named for it, nominative and lower-case ("toiminta-avustus", "verksamhetsbidrag"). */
  grantKinds: string[];
  subject?: MeetingSubject;
  /**
   * First day (a period's opening, a meeting's day, a vague range's first day). Absent for a
   * deadline-only event ("31.3. mennessä") and for continuous application ("jatkuva haku").
   */
  start?: string;
  /** Last day (a period's closing, a deadline). Absent for an opening-only event ("haku alkaa 15.1."). */
  end?: string;
  /** Time of day, "HH:MM": of the deadline for application/report, of the start for a meeting. */
  time?: string;
  /** End time of a meeting ("klo 18–20"). */
  endTime?: string;
  precision: EventPrecision;
  recurrence: EventRecurrence;
  /** Monthly rules: the day of the month, -1 for the last. */
  monthDay?: number;
  /** Week rules ("senast vecka 10"): the ISO week, recomputed for every projected year. */
  week?: number;
  /** "Jatkuva haku" / "fortlöpande": applications any time, with no date (not in feeds). */
  continuous: boolean;
  /** It speaks of a past year ("vuonna 2024 hakuaika oli …"): history, never projected. */
  past: boolean;
  /** The sentence (or annual-calendar line) it came from, whitespace collapsed. */
  quote: string;
  /** The clause that names it (what an 'other' event's summary shows). */
  label: string;
  /** Section path, " › "-joined. */
  section?: string;
}

/** An event as stored, with the document it came from. */
export interface CalendarEvent extends EventDraft {
  /** Stable across re-ingestion of the same text (for feed UIDs). */
  uid: string;
  /** NULL: a region-wide document. */
  municipality?: string;
  audience: 'public' | 'staff';
  language: 'fi' | 'sv' | 'en';
  citation: Citation;
}

/** An event at its next occurrence on or after a day: what "what's coming up?" lists. */
export interface UpcomingEvent extends CalendarEvent {
  /** This occurrence's first day (= `start` for a one-off event). */
  occursStart?: string;
  /** This occurrence's last day. */
  occursEnd?: string;
  /** The date it is listed under: its start if that is still ahead, else its end. */
  next: string;
}

/** The calendar date in Finland at an instant. */
export function helsinkiDate(at: Date): string {
  return DateTime.fromJSDate(at, { zone: CALENDAR_ZONE }).toISODate()!;
}

function isoWeekRange(year: number, week: number): { start: string; end: string } | undefined {
  const monday = DateTime.fromObject({ weekYear: year, weekNumber: week, weekday: 1 }, { zone: 'utc' });
  if (!monday.isValid) return undefined;
  // Office deadlines: the working week, Monday to Friday.
  return { start: monday.toISODate()!, end: monday.plus({ days: 4 }).toISODate()! };
}

function shiftYears(iso: string | undefined, years: number): string | undefined {
  return iso ? DateTime.fromISO(iso, { zone: 'utc' }).plus({ years }).toISODate()! : undefined;
}

/**
 * The event's occurrence that is not over on `today` (ISO date), or undefined when it is over,
 * past, or undated. One-off events are as stored; yearly rules move by whole years (a week rule
 * to the same ISO week of that year); monthly cut-offs to this or the next month.
 */
export function project(
  ev: Pick<EventDraft, 'start' | 'end' | 'recurrence' | 'week' | 'monthDay' | 'past' | 'continuous'>,
  today: string,
): { start?: string; end?: string; next: string } | undefined {
  if (ev.past || ev.continuous) return undefined;
  const nextOf = (start?: string, end?: string) => (start && start >= today ? start : (end ?? start)!);
  if (ev.recurrence === 'monthly') {
    const t = DateTime.fromISO(today, { zone: 'utc' });
    for (const m of [0, 1]) {
      const month = t.plus({ months: m }).startOf('month');
      const day =
        ev.monthDay === undefined || ev.monthDay < 0
          ? month.endOf('month')
          : month.set({ day: Math.min(ev.monthDay, month.daysInMonth!) });
      const iso = day.toISODate()!;
      if (iso >= today) return { end: iso, next: iso };
    }
    return undefined;
  }
  const last = ev.end ?? ev.start;
  if (!last) return undefined;
  if (ev.recurrence === 'none')
    return last >= today ? { start: ev.start, end: ev.end, next: nextOf(ev.start, ev.end) } : undefined;
  const baseYear = Number(last.slice(0, 4));
  const todayYear = Number(today.slice(0, 4));
  for (let k = Math.min(0, todayYear - baseYear - 1); k <= todayYear - baseYear + 1; k++) {
    let start = shiftYears(ev.start, k);
    let end = shiftYears(ev.end, k);
    if (ev.week !== undefined) {
      const w = isoWeekRange(baseYear + k, ev.week);
      if (!w) continue;
      start = ev.start ? w.start : undefined;
      end = w.end;
    }
    const occursLast = end ?? start!;
    if (occursLast >= today) return { start, end, next: nextOf(start, end) };
  }
  return undefined;
}

const capital = (s: string) => s.charAt(0).toLocaleUpperCase('fi') + s.slice(1);

/**
 * What an event concerns, for its summary in the feed and in the chat: its grant kinds, the kind
 * of meeting, or its own words.
 */
export function eventWhat(e: CalendarEvent, language: Language): string {
  if (e.kind === 'other') return capital(e.label.replace(/[.;,]\s*$/, '').slice(0, 80));
  if (e.kind === 'meeting') return t(language, `calendar.meeting.${e.subject ?? 'any'}`);
  return e.grantKinds.length ? capital(e.grantKinds.join(', ')) : t(language, 'calendar.grant.any');
}
