/**
 * The iCalendar feed (issue 16) over the ingested demo pack, through the real server, read back
 * with Mozilla's ical.js parser: dates, times in Europe/Helsinki, summaries per language, RRULEs,
 * the citation URL, stable UIDs, staff-only events left out, untrusted names resolved or refused.
 */
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestPaths } from '../../src/ingest/pipeline.ts';
import { silentLogger } from '../../src/kernel/log.ts';
import { createServer, type KumppaniServer } from '../../src/server/app.ts';
import { calendarSource } from '../../src/server/calendar.ts';
import { useTempIndex } from '../ingest/temp-index.ts';
import { createFakeAssistant, fakeIndexStats, testConfig } from './fakes.ts';
import { MemoryChannelState } from '../helpers/channel-state.ts';

const index = useTempIndex('kumppani-calendar-');
let server: KumppaniServer;
let base: string;

beforeAll(async () => {
  const { writer, db } = index.services();
  await ingestPaths(['knowledge/demo'], writer);
  server = await createServer({
    config: testConfig(),
    logger: silentLogger,
    assistant: createFakeAssistant(),
    state: new MemoryChannelState(),
    indexStats: fakeIndexStats,
    channels: [],
    calendar: calendarSource(db.pool),
  });
  base = (await server.start({ port: 0, host: '127.0.0.1' })).url;
}, 180_000);

afterAll(async () => {
  await server?.stop();
});

interface Parsed {
  summary: string;
  uid: string;
  url?: string;
  description: string;
  start: ICAL.Time;
  end?: ICAL.Time;
  rrule?: string;
  tzid?: string;
}

async function feed(
  path: string,
): Promise<{ status: number; type: string | null; text: string; events: Parsed[] }> {
  const res = await fetch(`${base}${path}`);
  const text = await res.text();
  if (res.status !== 200)
    return { status: res.status, type: res.headers.get('content-type'), text, events: [] };
  const cal = new ICAL.Component(ICAL.parse(text));
  for (const tz of cal.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(tz);
  const events = cal.getAllSubcomponents('vevent').map((v) => {
    const ev = new ICAL.Event(v);
    const rrule = v.getFirstPropertyValue('rrule');
    return {
      summary: ev.summary,
      uid: ev.uid,
      url: (v.getFirstPropertyValue('url') as string | null) ?? undefined,
      description: ev.description,
      start: ev.startDate,
      end: ev.endDate ?? undefined,
      rrule: rrule ? String(rrule) : undefined,
      tzid: (v.getFirstProperty('dtstart')?.getParameter('tzid') as string | undefined) ?? undefined,
    };
  });
  return { status: res.status, type: res.headers.get('content-type'), text, events };
}

const DOCX_URL = 'https://www.sammalkoski.example.fi/vapaa-aika/yhdistykset/avustusohjeet-2027.docx';

describe('GET /calendar/<municipality>.ics', () => {
  it('serves the deadline 15.2.2027 klo 16.00 in Helsinki time, with its summary, URL and quoted sentence', async () => {
    const { status, type, events } = await feed('/calendar/Sammalkoski.ics');
    expect(status).toBe(200);
    expect(type).toMatch(/^text\/calendar/);
    const closes = events.find(
      (e) => e.summary.startsWith('Hakuaika päättyy: Yleisavustus') && e.url === DOCX_URL,
    );
    expect(closes, events.map((e) => e.summary).join('\n')).toBeDefined();
    expect(closes!.summary).toMatch(/\(Sammalkoski\)$/);
    expect(closes!.start.isDate).toBe(false);
    expect(closes!.tzid).toBe('Europe/Helsinki');
    expect(closes!.start.toString()).toBe('2027-02-15T16:00:00');
    // EET in February: 16:00 in Helsinki is 14:00 UTC.
    expect(closes!.start.toJSDate().toISOString()).toBe('2027-02-15T14:00:00.000Z');
    expect(closes!.description).toContain('15.1.–15.2.2027');
    expect(closes!.description).toContain(DOCX_URL);
    expect(closes!.description).toContain('Sammalkosken kunnan avustusohjeet yhdistyksille 2027');

    const opens = events.find(
      (e) => e.summary.startsWith('Hakuaika alkaa: Yleisavustus') && e.url === DOCX_URL,
    );
    expect(opens!.start.isDate).toBe(true);
    expect(opens!.start.toString()).toBe('2027-01-15');
  });

  it('serves the käyttöselvitys 30.11.2027 as an all-day event and yearly rules with RRULE:FREQ=YEARLY', async () => {
    const { events } = await feed('/calendar/Sammalkoski.ics');
    const report = events.find(
      (e) => e.summary.startsWith('Käyttöselvitys viimeistään') && e.url === DOCX_URL,
    );
    expect(report!.start.isDate).toBe(true);
    expect(report!.start.toString()).toBe('2027-11-30');
    expect(report!.end!.toString()).toBe('2027-12-01');
    expect(report!.rrule).toBeUndefined();

    const rule = events.find(
      (e) =>
        e.summary.startsWith('Hakuaika päättyy') && e.url?.endsWith('jarjestoyhteistyon-ohje') && e.rrule,
    );
    expect(rule!.rrule).toBe('FREQ=YEARLY');
    expect(rule!.start.toString().slice(5)).toBe('02-15');
    const evening = events.find((e) => e.summary === 'Yhdistysilta (Sammalkoski)');
    expect(evening!.rrule).toBe('FREQ=YEARLY');
    expect([evening!.start.toString().slice(5), evening!.end!.toString().slice(5)]).toEqual([
      '11-01',
      '12-01',
    ]);
  });

  it('serves only the grant kinds asked for (?kinds=), in any inflection', async () => {
    const all = await feed('/calendar/Sammalkoski.ics');
    const only = await feed(`/calendar/Sammalkoski.ics?kinds=${encodeURIComponent('yleisavustuksen')}`);
    expect(only.status).toBe(200);
    expect(only.events.length).toBeGreaterThan(0);
    expect(only.events.length).toBeLessThan(all.events.length);
    expect(only.events.some((e) => e.summary.startsWith('Hakuaika päättyy: Yleisavustus'))).toBe(true);
    // The association evening is no grant of that kind.
    expect(only.events.some((e) => e.summary === 'Yhdistysilta (Sammalkoski)')).toBe(false);
  });

  it('gives stable, unique UIDs', async () => {
    const a = await feed('/calendar/Sammalkoski.ics');
    const b = await feed('/calendar/sammalkoski.ics');
    const uids = a.events.map((e) => e.uid);
    expect(new Set(uids).size).toBe(uids.length);
    expect(b.events.map((e) => e.uid)).toEqual(uids);
  });

  it("leaves staff-only documents' events out", async () => {
    const { text, events } = await feed('/calendar/Sammalkoski.ics');
    expect(events.length).toBeGreaterThan(5);
    expect(text).not.toContain('palaveri');
    expect(text).not.toContain('sisainen');
    expect(events.some((e) => e.start.toString().startsWith('2026-12-03'))).toBe(false);
  });

  it('writes the summaries in Swedish and English with ?lang=', async () => {
    const sv = await feed('/calendar/Sammalkoski.ics?lang=sv');
    expect(
      sv.events.some(
        (e) => e.summary.startsWith('Ansökningstiden går ut: Yleisavustus') && e.url === DOCX_URL,
      ),
    ).toBe(true);
    expect(sv.events.some((e) => e.summary.startsWith('Redovisning senast'))).toBe(true);
    const en = await feed('/calendar/Sammalkoski.ics?lang=en');
    expect(en.events.some((e) => e.summary.startsWith('Application deadline: Yleisavustus'))).toBe(true);
    expect(en.events.some((e) => e.summary === 'Association evening (Sammalkoski)')).toBe(true);
  });

  it('resolves an inflected or Swedish name and refuses an unknown one with a clear 404', async () => {
    const inflected = await feed(`/calendar/${encodeURIComponent('Sammalkosken')}.ics`);
    expect(inflected.status).toBe(200);
    expect(inflected.events.length).toBeGreaterThan(5);
    const sv = await feed(`/calendar/${encodeURIComponent('Vassnäs')}.ics?lang=sv`);
    expect(sv.status).toBe(200);
    expect(sv.events.some((e) => e.summary.endsWith('(Kaislaniemi)'))).toBe(true);

    const unknown = await fetch(`${base}/calendar/Atlantis.ics`);
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error).toMatch(/Kuntaa ”Atlantis” ei tunnistettu/);
    const empty = await fetch(`${base}/calendar/Helsinki.ics?lang=en`);
    expect(empty.status).toBe(404);
    expect((await empty.json()).error).toBe('Helsinki has no public documents to build a calendar from.');
    const notIcs = await fetch(`${base}/calendar/Sammalkoski`);
    expect(notIcs.status).toBe(404);
  });
});
