/**
 * The events documents state (issue 16), stored per document version (migration 009). Written in
 * the same transaction as the document (`replaceDocument`); deleted with it (ON DELETE CASCADE).
 * Reads join the document: only active versions count, the audience and municipality are the
 * document's, and each event carries its citation. Plain parameterised SQL.
 */
import type pg from 'pg';
import {
  helsinkiDate,
  project,
  type CalendarEvent,
  type EventDraft,
  type EventKind,
  type UpcomingEvent,
} from '../kernel/calendar.ts';
import type { Audience } from '../kernel/types.ts';

type Queryable = pg.Pool | pg.PoolClient;

/** An event to store: the extractor's draft with its stable UID. */
export interface EventInsert extends EventDraft {
  uid: string;
}

/** Inserts the events of new document versions (inside `replaceDocuments`' transaction). */
export async function insertEvents(
  db: Queryable,
  versions: ReadonlyArray<{ documentId: string; events: readonly EventInsert[] }>,
): Promise<void> {
  const rows = versions.flatMap((v) => v.events.map((e) => ({ documentId: v.documentId, e })));
  if (rows.length === 0) return;
  const events = rows.map((r) => r.e);
  await db.query(
    `INSERT INTO events (document_id, uid, kind, subject, grant_kinds, start_date, end_date, start_time, end_time,
                         precision, recurrence, month_day, week, continuous, past, quote, label, section)
     SELECT u.document_id, u.uid, u.kind, u.subject, string_to_array(u.grant_kinds, '|'), u.start_date::date, u.end_date::date,
            u.start_time, u.end_time, u.precision, u.recurrence, u.month_day, u.week, u.continuous, u.past,
            u.quote, u.label, u.section
     FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[],
                 $10::text[], $11::text[], $12::int[], $13::int[], $14::boolean[], $15::boolean[], $16::text[],
                 $17::text[], $18::text[])
       AS u(document_id, uid, kind, subject, grant_kinds, start_date, end_date, start_time, end_time, precision, recurrence,
            month_day, week, continuous, past, quote, label, section)`,
    [
      rows.map((r) => r.documentId),
      events.map((e) => e.uid),
      events.map((e) => e.kind),
      events.map((e) => e.subject ?? null),
      events.map((e) => e.grantKinds.join('|')),
      events.map((e) => e.start ?? null),
      events.map((e) => e.end ?? null),
      events.map((e) => e.time ?? null),
      events.map((e) => e.endTime ?? null),
      events.map((e) => e.precision),
      events.map((e) => e.recurrence),
      events.map((e) => e.monthDay ?? null),
      events.map((e) => e.week ?? null),
      events.map((e) => e.continuous),
      events.map((e) => e.past),
      events.map((e) => e.quote),
      events.map((e) => e.label),
      events.map((e) => e.section ?? null),
    ],
  );
}

interface EventRow {
  uid: string;
  kind: EventKind;
  subject: string | null;
  grant_kinds: string[];
  start_date: string | null;
  end_date: string | null;
  start_time: string | null;
  end_time: string | null;
  precision: CalendarEvent['precision'];
  recurrence: CalendarEvent['recurrence'];
  month_day: number | null;
  week: number | null;
  continuous: boolean;
  past: boolean;
  quote: string;
  label: string;
  section: string | null;
  municipality: string | null;
  audience: Audience;
  language: CalendarEvent['language'];
  title: string;
  source: string;
  url: string | null;
  doc_date: string | null;
}

function toEvent(r: EventRow): CalendarEvent {
  return {
    uid: r.uid,
    kind: r.kind,
    grantKinds: r.grant_kinds.filter((k) => k !== ''),
    ...(r.subject ? { subject: r.subject as CalendarEvent['subject'] } : {}),
    ...(r.start_date ? { start: r.start_date } : {}),
    ...(r.end_date ? { end: r.end_date } : {}),
    ...(r.start_time ? { time: r.start_time } : {}),
    ...(r.end_time ? { endTime: r.end_time } : {}),
    precision: r.precision,
    recurrence: r.recurrence,
    ...(r.month_day !== null ? { monthDay: r.month_day } : {}),
    ...(r.week !== null ? { week: r.week } : {}),
    continuous: r.continuous,
    past: r.past,
    quote: r.quote,
    label: r.label,
    ...(r.section ? { section: r.section } : {}),
    ...(r.municipality ? { municipality: r.municipality } : {}),
    audience: r.audience,
    language: r.language,
    citation: {
      source: r.source,
      title: r.title,
      ...(r.section ? { section: r.section } : {}),
      ...(r.url ? { url: r.url } : {}),
      ...(r.municipality ? { municipality: r.municipality } : {}),
      ...(r.doc_date ? { date: r.doc_date } : {}),
      quote: r.quote,
      score: 1,
    },
  };
}

export interface EventFilter {
  /** The index's spelling of the municipality (`documents.municipality`); absent: every one. */
  municipality?: string;
  /** `public` sees only public documents' events; `staff` sees all. */
  audience: Audience;
  kinds?: readonly EventKind[];
}

async function activeEvents(db: Queryable, f: EventFilter): Promise<CalendarEvent[]> {
  const r = await db.query<EventRow>(
    `SELECT e.uid, e.kind, e.subject, e.grant_kinds, to_char(e.start_date, 'YYYY-MM-DD') AS start_date,
            to_char(e.end_date, 'YYYY-MM-DD') AS end_date, e.start_time, e.end_time, e.precision, e.recurrence,
            e.month_day, e.week, e.continuous, e.past, e.quote, e.label, e.section,
            d.municipality, d.audience, d.language, d.title, d.source, d.url,
            to_char(d.doc_date, 'YYYY-MM-DD') AS doc_date
       FROM events e JOIN documents d ON d.id = e.document_id
      WHERE d.active
        AND ($1::text = 'staff' OR d.audience = 'public')
        AND ($2::text IS NULL OR lower(d.municipality) = lower($2::text))
        AND ($3::text[] IS NULL OR e.kind = ANY($3::text[]))
      ORDER BY e.id`,
    [f.audience, f.municipality ?? null, f.kinds && f.kinds.length ? [...f.kinds] : null],
  );
  return r.rows.map(toEvent);
}

/**
 * The next events on or after `from` (its date in Finland), in date order: one-off events still
 * ahead or in progress, yearly and monthly rules at their next occurrence. Past-marked and
 * undated (continuous) events are left out. Each carries its dates, kind, grant kinds,
 * municipality and citation: everything an answer needs.
 */
export async function upcoming(
  db: Queryable,
  from: Date,
  opts: EventFilter & { limit?: number },
): Promise<UpcomingEvent[]> {
  const today = helsinkiDate(from);
  const out: UpcomingEvent[] = [];
  for (const e of await activeEvents(db, opts)) {
    const p = project(e, today);
    if (!p) continue;
    out.push({
      ...e,
      ...(p.start ? { occursStart: p.start } : {}),
      ...(p.end ? { occursEnd: p.end } : {}),
      next: p.next,
    });
  }
  out.sort(
    (a, b) =>
      a.next.localeCompare(b.next) ||
      (a.time ?? '99').localeCompare(b.time ?? '99') ||
      a.kind.localeCompare(b.kind) ||
      a.uid.localeCompare(b.uid),
  );
  return opts.limit === undefined ? out : out.slice(0, opts.limit);
}

/**
 * Every dated event of one municipality's active documents, as stored (rules at their stored
 * occurrence; the feed adds RRULEs), for the calendar feed. Past-marked and undated ones are left out.
 */
export async function eventsForMunicipality(
  db: Queryable,
  municipality: string,
  audience: Audience = 'public',
): Promise<CalendarEvent[]> {
  return (await activeEvents(db, { municipality, audience })).filter(
    (e) =>
      !e.past &&
      !e.continuous &&
      (e.start !== undefined || e.end !== undefined || e.recurrence === 'monthly'),
  );
}
