/**
 * Deadlines as data (issue 16): the extractor on real-looking phrasing, fi and sv, and the
 * projection of yearly rules to their next occurrence with an explicit `now`.
 */
import { describe, expect, it } from 'vitest';
import { extractEvents } from '../../src/ingest/events.ts';
import { project, type EventDraft } from '../../src/kernel/calendar.ts';
import type { Block } from '../../src/ingest/types.ts';

function events(
  text: string,
  opts: { date?: string; headings?: string[]; lang?: 'fi' | 'sv' } = {},
): EventDraft[] {
  const blocks: Block[] = [{ headings: opts.headings ?? [], text }];
  return extractEvents({ blocks, date: opts.date ?? '2026-11-10', language: opts.lang ?? 'fi' });
}

function one(text: string, opts?: Parameters<typeof events>[1]): EventDraft {
  const found = events(text, opts);
  expect(found, JSON.stringify(found, null, 1)).toHaveLength(1);
  return found[0]!;
}

describe('extracting application periods', () => {
  it('reads a period with an en dash and a year, with its grant kind', () => {
    const e = one('Toiminta-avustusten hakuaika on 1.3.–31.3.2027.');
    expect(e).toMatchObject({
      kind: 'application',
      grantKinds: ['toiminta-avustus'],
      start: '2027-03-01',
      end: '2027-03-31',
      recurrence: 'none',
      precision: 'day',
      past: false,
    });
    expect(e.quote).toBe('Toiminta-avustusten hakuaika on 1.3.–31.3.2027.');
  });

  it('reads a short range "15.–30.9.2026" and a hyphenated range without a year as a yearly rule', () => {
    expect(one('Kohdeavustusta haetaan 15.–30.9.2026.')).toMatchObject({
      kind: 'application',
      grantKinds: ['kohdeavustus'],
      start: '2026-09-15',
      end: '2026-09-30',
      recurrence: 'none',
    });
    expect(one('Perusavustuksen hakuaika on 1.3.-31.3. joka vuosi.', { date: '2025-06-01' })).toMatchObject({
      kind: 'application',
      grantKinds: ['perusavustus'],
      start: '2025-03-01',
      end: '2025-03-31',
      recurrence: 'yearly',
    });
  });

  it('reads "maaliskuun loppuun mennessä" as a deadline on 31.3. that recurs', () => {
    const e = one('Avustukset haetaan vuosittain maaliskuun loppuun mennessä.', { date: '2026-01-20' });
    expect(e).toMatchObject({
      kind: 'application',
      end: '2026-03-31',
      recurrence: 'yearly',
      precision: 'day',
    });
    expect(e.start).toBeUndefined();
  });

  it('reads "lokakuun loppuun mennessä edeltävänä vuonna" as a yearly deadline on 31.10.', () => {
    const e = one('Kerta-avustus haetaan lokakuun loppuun mennessä edeltävänä vuonna.', {
      date: '2026-02-01',
    });
    expect(e).toMatchObject({
      kind: 'application',
      grantKinds: ['kerta-avustus'],
      end: '2026-10-31',
      recurrence: 'yearly',
    });
  });

  it('reads "kerran vuodessa syksyllä" as a yearly September–November range', () => {
    const e = one('Kulttuuriavustuksia voi hakea kerran vuodessa syksyllä.', { date: '2026-03-01' });
    expect(e).toMatchObject({
      kind: 'application',
      grantKinds: ['kulttuuriavustus'],
      start: '2026-09-01',
      end: '2026-11-30',
      precision: 'season',
      recurrence: 'yearly',
    });
  });

  it('reads "jatkuva haku, käsittely kuukausittain" as a monthly cut-off and "haku on jatkuva" as continuous', () => {
    expect(one('Pienavustuksissa on jatkuva haku, käsittely kuukausittain.')).toMatchObject({
      kind: 'application',
      grantKinds: ['pienavustus'],
      recurrence: 'monthly',
      monthDay: -1,
    });
    expect(one('Tapahtuma-avustuksen haku on jatkuva.')).toMatchObject({
      kind: 'application',
      grantKinds: ['tapahtuma-avustus'],
      continuous: true,
    });
    expect(one('Hakemukset on jätettävä kuukauden 15. päivään mennessä.')).toMatchObject({
      recurrence: 'monthly',
      monthDay: 15,
    });
  });

  it('joins a deadline with its time to the period it closes', () => {
    const e = one(
      'Yleisavustuksen ja kylätaloavustuksen hakuaika on 15.1.–15.2.2027. Hakemusten on oltava perillä viimeistään 15.2.2027 klo 16.00.',
    );
    expect(e).toMatchObject({
      start: '2027-01-15',
      end: '2027-02-15',
      time: '16:00',
      grantKinds: ['yleisavustus', 'kylätaloavustus'],
    });
    expect(e.quote).toContain('klo 16.00');
  });

  it('makes a period of "alkaa … ja päättyy …", and reads "klo 16" and "kl. 15"', () => {
    expect(one('Haku alkaa 1.2.2027 ja päättyy 28.2.2027 klo 16.')).toMatchObject({
      kind: 'application',
      start: '2027-02-01',
      end: '2027-02-28',
      time: '16:00',
    });
    expect(one('Ansökan ska lämnas in senast 15.2.2027 kl. 15.', { lang: 'sv' })).toMatchObject({
      kind: 'application',
      end: '2027-02-15',
      time: '15:00',
    });
  });
});

describe('Swedish, month names and weeks', () => {
  it('reads "ansökan ska lämnas in senast 15.2.2027" as a deadline', () => {
    const e = one('Ansökan om verksamhetsbidrag ska lämnas in senast 15.2.2027.', { lang: 'sv' });
    expect(e).toMatchObject({ kind: 'application', grantKinds: ['verksamhetsbidrag'], end: '2027-02-15' });
    expect(e.start).toBeUndefined();
  });

  it('reads Swedish month names: "i slutet av mars", "i oktober", "15 mars 2027"', () => {
    expect(one('Ansökningstiden går ut i slutet av mars.', { lang: 'sv', date: '2026-01-01' })).toMatchObject(
      {
        kind: 'application',
        end: '2026-03-31',
        recurrence: 'yearly',
      },
    );
    expect(one('Bidragen söks i oktober varje år.', { lang: 'sv', date: '2026-01-01' })).toMatchObject({
      kind: 'application',
      start: '2026-10-01',
      end: '2026-10-31',
      precision: 'month',
      recurrence: 'yearly',
    });
    expect(one('Projektbidrag ska sökas senast 15 mars 2027.', { lang: 'sv' })).toMatchObject({
      grantKinds: ['projektbidrag'],
      end: '2027-03-15',
    });
  });

  it('reads inflected Finnish months: "maaliskuussa", "15. maaliskuuta 2027", "maalis–huhtikuussa"', () => {
    expect(one('Avustuspäätökset tehdään maaliskuussa.', { date: '2026-01-01' })).toMatchObject({
      kind: 'decision',
      start: '2026-03-01',
      end: '2026-03-31',
      precision: 'month',
    });
    expect(one('Hakemukset on jätettävä 15. maaliskuuta 2027 mennessä.')).toMatchObject({
      kind: 'application',
      end: '2027-03-15',
    });
    expect(one('Kohdeavustuksia haetaan maalis–huhtikuussa.', { date: '2026-01-01' })).toMatchObject({
      start: '2026-03-01',
      end: '2026-04-30',
      precision: 'month',
    });
  });

  it('reads week numbers: "senast vecka 10", "viikolla 12 2027" as that ISO week', () => {
    const sv = one('Ansökan ska lämnas in senast vecka 10.', { lang: 'sv', date: '2027-01-05' });
    expect(sv).toMatchObject({ kind: 'application', week: 10, precision: 'week', recurrence: 'yearly' });
    // ISO week 10 of 2027 runs Monday 8.3. to Sunday 14.3.; the office deadline is its Friday.
    expect(sv.end).toBe('2027-03-12');
    expect(one('Hakemukset käsitellään viikolla 12.', { date: '2027-01-05' })).toMatchObject({
      kind: 'application',
      start: '2027-03-22',
      end: '2027-03-26',
      week: 12,
    });
  });
});

describe('reports, decisions, meetings and the annual calendar', () => {
  it('reads a käyttöselvitys and a redovisning deadline as reports', () => {
    expect(one('Toiminta-avustuksen käyttöselvitys on toimitettava 30.11.2027 mennessä.')).toMatchObject({
      kind: 'report',
      grantKinds: ['toiminta-avustus'],
      end: '2027-11-30',
    });
    expect(one('En redovisning ska lämnas in senast 31.1.2028.', { lang: 'sv' })).toMatchObject({
      kind: 'report',
      end: '2028-01-31',
    });
  });

  it('reads an association evening with its time range and a föreningskväll', () => {
    expect(
      one('Seuraava yhdistysilta pidetään keskiviikkona 10.2.2027 klo 18–20.30 koulukeskuksessa.'),
    ).toMatchObject({
      kind: 'meeting',
      subject: 'association-evening',
      start: '2027-02-10',
      end: '2027-02-10',
      time: '18:00',
      endTime: '20:30',
      recurrence: 'none',
    });
    expect(
      one('Föreningskvällen hålls den 14.10.2026 kl. 18.00.', { lang: 'sv', date: '2026-05-01' }),
    ).toMatchObject({
      kind: 'meeting',
      subject: 'association-evening',
      start: '2026-10-14',
      time: '18:00',
    });
  });

  it('reads a one-off without a year as the next such day after the document date, not as a rule', () => {
    expect(one('Seuraava palaveri pidetään 3.2. klo 13.', { date: '2026-09-02' })).toMatchObject({
      kind: 'meeting',
      start: '2027-02-03',
      recurrence: 'none',
      time: '13:00',
    });
  });

  it('reads a vuosikello: labelled months, items with and without their own date', () => {
    const found = events(
      [
        'TAMMIKUU    toiminta-avustusten haku alkaa 15.1.',
        'MAALISKUU   avustuspäätökset lautakunnassa',
        'MARRASKUU   yhdistysilta; käyttöselvitykset 30.11. mennessä',
      ].join('\n'),
      { headings: ['Vuosikello'], date: '2026-01-01' },
    );
    expect(found.map((e) => [e.kind, e.start, e.end, e.recurrence])).toEqual([
      ['application', '2026-01-15', undefined, 'yearly'],
      ['decision', '2026-03-01', '2026-03-31', 'yearly'],
      ['meeting', '2026-11-01', '2026-11-30', 'yearly'],
      ['report', undefined, '2026-11-30', 'yearly'],
    ]);
  });

  it('classifies by the section heading when the sentence names no event', () => {
    expect(one('Toiminta-avustus: 1.2.–28.2.2027.', { headings: ['Hakuajat'] })).toMatchObject({
      kind: 'application',
      start: '2027-02-01',
    });
  });

  it('keeps out dates that are no event: a decision record, a price change, a relative deadline', () => {
    expect(events('Hyvinvointilautakunta 10.11.2026 § 52.')).toEqual([]);
    expect(events('Tuntihinta nostetaan 30 eurosta 35 euroon 1.1.2027 alkaen.')).toEqual([]);
    expect(events('Tapahtuma-avustus on haettava vähintään kolme viikkoa ennen tapahtumaa.')).toEqual([]);
    expect(events('Neuvonta on avoinna arkisin klo 9.15–15.')).toEqual([]);
  });
});

describe('past years and projection', () => {
  it('marks a past year\'s deadline as past: "vuonna 2024 hakuaika oli …" and an earlier year than the document\'s', () => {
    expect(one('Vuonna 2024 hakuaika oli 1.3.–31.3.', { date: '2026-02-01' })).toMatchObject({
      start: '2024-03-01',
      end: '2024-03-31',
      past: true,
      recurrence: 'none',
    });
    expect(one('Toiminta-avustusten hakuaika oli 1.2.–28.2.2025.', { date: '2026-02-01' })).toMatchObject({
      past: true,
    });
    expect(one('Hakuaika päättyi 31.3.2026.', { date: '2026-02-01' })).toMatchObject({ past: true });
    expect(one('Hakuaika on 1.3.–31.3.2027.', { date: '2026-02-01' })).toMatchObject({ past: false });
  });

  it('projects a yearly rule to its next occurrence relative to now, and never a past one', () => {
    const rule = one('Hakuaika on vuosittain 15.1.–15.2.', { date: '2025-12-09' });
    expect(project(rule, '2026-12-01')).toEqual({
      start: '2027-01-15',
      end: '2027-02-15',
      next: '2027-01-15',
    });
    // In progress: still listed, under its deadline.
    expect(project(rule, '2027-02-01')).toEqual({
      start: '2027-01-15',
      end: '2027-02-15',
      next: '2027-02-15',
    });
    expect(project(rule, '2027-02-16')).toEqual({
      start: '2028-01-15',
      end: '2028-02-15',
      next: '2028-01-15',
    });
    const past = one('Vuonna 2024 hakuaika oli 1.3.–31.3.', { date: '2026-02-01' });
    expect(project(past, '2024-01-01')).toBeUndefined();
    const oneOff = one('Hakuaika on 1.3.–31.3.2027.');
    expect(project(oneOff, '2027-04-01')).toBeUndefined();
    const week = one('Ansökan ska lämnas in senast vecka 10.', { lang: 'sv', date: '2027-01-05' });
    expect(project(week, '2027-06-01')).toMatchObject({ end: '2028-03-10' });
    const monthly = one(
      'Hakemukset käsitellään kuukausittain; ne on jätettävä kuukauden viimeiseen päivään mennessä.',
    );
    expect(project(monthly, '2027-02-10')).toMatchObject({ next: '2027-02-28' });
  });
});

describe('phrasing seen on municipal pages', () => {
  it('reads a deadline with a weekday and "klo 15 saakka", and a period with a time', () => {
    expect(one('Liikunnan toiminta-avustusten haku päättyy perjantaina 31.1.2027 klo 16.00.')).toMatchObject({
      kind: 'application',
      grantKinds: ['toiminta-avustus'],
      end: '2027-01-31',
      time: '16:00',
    });
    expect(one('Vuoden 2027 kulttuuriavustusten haku on auki 2.1.–31.1.2027 klo 15 saakka.')).toMatchObject({
      start: '2027-01-02',
      end: '2027-01-31',
      time: '15:00',
    });
  });

  it('reads a compound "kohdeavustushaku" as the grant kind and a month-name range in English', () => {
    expect(one('Syksyn kohdeavustushaku on lokakuussa.', { date: '2026-01-01' })).toMatchObject({
      kind: 'application',
      grantKinds: ['kohdeavustus'],
      start: '2026-10-01',
      end: '2026-10-31',
    });
    expect(one('The application period is 1–31 March 2027.')).toMatchObject({
      kind: 'application',
      start: '2027-03-01',
      end: '2027-03-31',
    });
  });

  it('reads Swedish dates without the last dot: "1.3–31.3", "senast den 31.1"', () => {
    expect(
      one('Ansökningstiden för verksamhetsbidrag är 1.3–31.3.', { lang: 'sv', date: '2026-01-01' }),
    ).toMatchObject({
      kind: 'application',
      start: '2026-03-01',
      end: '2026-03-31',
      recurrence: 'yearly',
    });
    expect(
      one('Bidraget ska redovisas senast den 31.1 följande år.', { lang: 'sv', date: '2026-01-01' }),
    ).toMatchObject({
      kind: 'report',
      end: '2026-01-31',
      recurrence: 'yearly',
    });
  });
});

describe('hostile text', () => {
  it('reads a text of nothing but dates in bounded time and keeps at most 400 events', () => {
    const days = Array.from(
      { length: 3000 },
      (_, i) => `haku päättyy ${(i % 28) + 1}.${(Math.floor(i / 28) % 12) + 1}.${2027 + Math.floor(i / 336)}`,
    );
    const started = performance.now();
    const found = extractEvents({
      blocks: [{ headings: [], text: days.join(', ') }],
      date: '2026-01-01',
      language: 'fi',
    });
    expect(found.length).toBeGreaterThan(100);
    expect(found.length).toBeLessThanOrEqual(400);
    // Linear: about a second on a loaded machine; quadratic reading of one long sentence took minutes.
    expect(performance.now() - started).toBeLessThan(20_000);
  });
});
