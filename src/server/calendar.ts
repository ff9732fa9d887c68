/**
 * The iCalendar feed per municipality (issue 16): `GET /calendar/<municipality>.ics?lang=fi|sv|en`.
 * Public documents' events only. The name in the URL is untrusted and may be spelt or inflected
 * any way ("sammalkoski", "Sammalkosken", "Vassnäs"): it is resolved with the kernel's
 * MunicipalityRegistry, as the dialogue does.
 *
 * One event becomes one VEVENT, or two for a dated application period (its opening and its
 * deadline, since the deadline is what a calendar must remind of). All-day when the document gives
 * no time; with the time, in Europe/Helsinki (VTIMEZONE included). Yearly rules carry
 * RRULE:FREQ=YEARLY, monthly cut-offs RRULE:FREQ=MONTHLY. The citation URL is the URL property and,
 * with the quoted sentence and the document's title and date, the DESCRIPTION.
 */
import { Router } from 'express';
import ical, { ICalCalendarMethod, type ICalEventData } from 'ical-generator';
import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import { DateTime } from 'luxon';
import type pg from 'pg';
import { CALENDAR_ZONE, eventWhat, helsinkiDate, project, type CalendarEvent } from '../kernel/calendar.ts';
import { findGrantKinds } from '../kernel/grant-kinds.ts';
import { t } from '../kernel/i18n/index.ts';
import { MunicipalityRegistry } from '../kernel/municipalities.ts';
import type { Language, MunicipalityInfo } from '../kernel/types.ts';
import { listMunicipalities } from '../store/documents.ts';
import { eventsForMunicipality } from '../store/events.ts';

/** Where the feed reads from (a pool in production; anything in tests). */
export interface CalendarSource {
  /** Municipalities with public documents. */
  municipalities(): Promise<MunicipalityInfo[]>;
  /** Public events of one municipality (its index spelling). */
  events(municipality: string): Promise<CalendarEvent[]>;
}

export function calendarSource(pool: pg.Pool): CalendarSource {
  return {
    municipalities: () => listMunicipalities(pool, 'public'),
    events: (m) => eventsForMunicipality(pool, m, 'public'),
  };
}

const LANGS: readonly Language[] = ['fi', 'sv', 'en'];
function day(iso: string): DateTime {
  return DateTime.fromISO(iso, { zone: CALENDAR_ZONE });
}

function at(iso: string, time: string): DateTime {
  return DateTime.fromISO(`${iso}T${time}`, { zone: CALENDAR_ZONE });
}

function description(e: CalendarEvent, lang: Language): string {
  const c = e.citation;
  const lines = [
    t(lang, 'calendar.description.quote', { quote: e.quote }),
    t(lang, 'calendar.description.source', {
      title: c.title,
      section: c.section ? ` › ${c.section}` : '',
      date: c.date ?? '–',
    }),
  ];
  if (c.url) lines.push(c.url);
  if (e.precision !== 'day') lines.push(t(lang, 'calendar.description.vague'));
  lines.push(t(lang, 'calendar.description.check'));
  return lines.join('\n');
}

/** The VEVENTs of one event (see the module comment). */
export function vevents(e: CalendarEvent, lang: Language, now: Date): ICalEventData[] {
  const municipality = e.municipality ?? '';
  const params = { what: eventWhat(e, lang), municipality };
  const base = {
    description: description(e, lang),
    ...(e.citation.url ? { url: e.citation.url } : {}),
    timezone: CALENDAR_ZONE,
  };
  const yearly = (weekday?: 'MO' | 'FR') =>
    e.recurrence === 'yearly'
      ? {
          repeating:
            e.week !== undefined
              ? `RRULE:FREQ=YEARLY;BYWEEKNO=${e.week};BYDAY=${weekday ?? 'MO'}`
              : 'RRULE:FREQ=YEARLY',
        }
      : {};
  const allDay = (
    id: string,
    summary: string,
    from: string,
    to: string,
    weekday?: 'MO' | 'FR',
  ): ICalEventData => ({
    ...base,
    id,
    summary,
    allDay: true,
    start: day(from),
    end: day(to).plus({ days: 1 }),
    ...yearly(weekday),
  });
  const timedOrAllDay = (
    id: string,
    summary: string,
    date: string,
    time?: string,
    endTime?: string,
    weekday?: 'MO' | 'FR',
  ): ICalEventData =>
    time
      ? { ...base, id, summary, start: at(date, time), end: at(date, endTime ?? time), ...yearly(weekday) }
      : allDay(id, summary, date, date, weekday);

  if (e.recurrence === 'monthly') {
    const p = project(e, helsinkiDate(now));
    if (!p) return [];
    const byDay = e.monthDay === undefined || e.monthDay < 0 ? -1 : e.monthDay;
    const key =
      e.kind === 'application'
        ? 'calendar.application.monthly'
        : `calendar.${e.kind === 'report' ? 'report.due' : e.kind}`;
    return [
      {
        ...allDay(e.uid, t(lang, key, params), p.next, p.next),
        repeating: `RRULE:FREQ=MONTHLY;BYMONTHDAY=${byDay}`,
      },
    ];
  }
  const { start, end } = e;
  const vague = e.precision !== 'day';
  switch (e.kind) {
    case 'application': {
      if (vague && start && end)
        return [allDay(e.uid, t(lang, 'calendar.application.period', params), start, end)];
      const out: ICalEventData[] = [];
      if (start && start !== end)
        out.push(
          timedOrAllDay(
            `opens-${e.uid}`,
            t(lang, 'calendar.application.opens', params),
            start,
            undefined,
            undefined,
            'MO',
          ),
        );
      if (end)
        out.push(
          timedOrAllDay(e.uid, t(lang, 'calendar.application.closes', params), end, e.time, undefined, 'FR'),
        );
      return out;
    }
    case 'report': {
      const due = end ?? start!;
      return [timedOrAllDay(e.uid, t(lang, 'calendar.report.due', params), due, e.time, undefined, 'FR')];
    }
    default: {
      const key = `calendar.${e.kind}`;
      const from = start ?? end!;
      const to = end ?? start!;
      if (from !== to || vague) return [allDay(e.uid, t(lang, key, params), from, to)];
      return [timedOrAllDay(e.uid, t(lang, key, params), from, e.time, e.endTime)];
    }
  }
}

/** The whole feed of one municipality as iCalendar text. */
export function buildCalendar(
  events: CalendarEvent[],
  opts: { municipality: string; lang: Language; now?: Date },
): string {
  const now = opts.now ?? new Date();
  const cal = ical({
    name: t(opts.lang, 'calendar.name', { municipality: opts.municipality }),
    prodId: { company: 'kumppani', product: 'calendar', language: opts.lang.toUpperCase() },
    method: ICalCalendarMethod.PUBLISH,
    timezone: { name: CALENDAR_ZONE, generator: getVtimezoneComponent },
    ttl: 60 * 60 * 6,
  });
  for (const e of events) for (const v of vevents(e, opts.lang, now)) cal.createEvent({ ...v, stamp: now });
  return cal.toString();
}

/** `GET /calendar/<municipality>.ics`. */
export function calendarRouter(source: CalendarSource, clock: () => Date = () => new Date()): Router {
  const router = Router();
  router.get('/:file', async (req, res, next) => {
    try {
      const lang: Language = LANGS.find((l) => l === req.query.lang) ?? 'fi';
      const file = String(req.params.file ?? '');
      const name = file
        .replace(/\.ics$/i, '')
        .trim()
        .slice(0, 100);
      if (!/\.ics$/i.test(file) || name === '') {
        res.status(404).json({ error: t(lang, 'calendar.notFound', { name }) });
        return;
      }
      const registry = new MunicipalityRegistry(await source.municipalities());
      const m = registry.resolve(name);
      if (!m) {
        res.status(404).json({ error: t(lang, 'calendar.notFound', { name }) });
        return;
      }
      if (!m.indexName || m.documents === 0) {
        res.status(404).json({ error: t(lang, 'calendar.noDocuments', { name: m.name }) });
        return;
      }
      // "?kinds=kohdeavustus,toiminta-avustus": only those grant kinds' dates, read as the
      // reminders read them, so a feed and a subscription of the same kinds agree.
      const kinds = findGrantKinds(String(req.query.kinds ?? '').slice(0, 300));
      const events = (await source.events(m.indexName)).filter(
        (e) => kinds.length === 0 || e.grantKinds.some((k) => kinds.includes(k.toLowerCase())),
      );
      const body = buildCalendar(events, {
        municipality: m.name,
        lang,
        now: clock(),
      });
      res
        .status(200)
        .set('Content-Type', 'text/calendar; charset=utf-8')
        .set('Content-Disposition', `inline; filename="${encodeURIComponent(m.name)}.ics"`)
        .set('Cache-Control', 'public, max-age=3600')
        .send(body);
    } catch (err) {
      next(err);
    }
  });
  return router;
}
