import { describe, expect, it } from 'vitest';
import { pageDate } from '../../src/ingest/page-date.ts';

describe('the date a saved page gives itself', () => {
  it('reads a labelled line anywhere, in fi, sv and en', () => {
    expect(pageDate('Avustukset\n\nTekstiä.\n\nSivu päivitetty 12.1.2027')).toBe('2027-01-12');
    expect(pageDate('Julkaistu: 1.2.2024\nTekstiä.')).toBe('2024-02-01');
    expect(pageDate('Bidrag\nUppdaterad 2025-03-12')).toBe('2025-03-12');
    expect(pageDate('Grants\nLast updated 4 December 2017')).toBe('2017-12-04');
  });

  it('reads a dateline at the top, with its weekday and time', () => {
    expect(pageDate('Otsikko\n\nma 4. joulukuuta 2017 09.36.00\n\nTekstiä.')).toBe('2017-12-04');
    expect(pageDate('Rubrik\n4.12.2017\nText.')).toBe('2017-12-04');
  });

  it('takes no date from the text itself, nor an impossible one', () => {
    expect(pageDate('Haku päättyy 31.3.2027 klo 15.\nPäätökset tehdään 15.5.2027.')).toBeUndefined();
    expect(pageDate('Päivitetty 31.2.2027')).toBeUndefined();
    expect(pageDate('Otsikko\n\nTekstiä ilman päivää.')).toBeUndefined();
  });
});

describe('a dateline’s weekday', () => {
  it('is a whole word before the date, never the start of a name', () => {
    expect(pageDate('Otsikko\nmaanantaina 4.12.2017\nTeksti.')).toBe('2017-12-04');
    expect(pageDate('Lapin 4.12.2017 kokous\nTeksti.')).toBeUndefined();
  });
});
