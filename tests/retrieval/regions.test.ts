/**
 * Regions and wellbeing services counties: a question naming one in any language meets text naming
 * it in any inflected Finnish or Swedish form, through the concepts the thesaurus makes of them.
 */
import { describe, expect, it } from 'vitest';
import { REGIONS, regionConceptId } from '../../src/kernel/regions.ts';
import { Analyzer } from '../../src/retrieval/analyzer.ts';
import { loadThesaurus, parseThesaurus } from '../../src/retrieval/thesaurus.ts';
import type { Language } from '../../src/kernel/types.ts';

const analyzer = new Analyzer(loadThesaurus());
const concepts = (text: string, lang: Language) => analyzer.tokens(text, lang).flatMap((t) => t.concepts);

describe('regions as data', () => {
  it('lists the 19 regions, Åland included, and the counties that are not a region', () => {
    expect(REGIONS.filter((r) => r.kind === 'region')).toHaveLength(19);
    expect(REGIONS.filter((r) => r.kind === 'county').map((r) => r.id)).toEqual([
      'ita_uusimaa',
      'keski_uusimaa',
      'lansi_uusimaa',
      'vantaa_kerava',
      'helsinki',
    ]);
    expect(new Set(REGIONS.map(regionConceptId)).size).toBe(REGIONS.length);
    for (const r of REGIONS) expect(r.fi.length && r.sv.length && r.en.length).toBeTruthy();
  });

  it('are concepts of every thesaurus, and a clash with a file’s concept is an error', () => {
    expect(loadThesaurus().concepts.get('region_pirkanmaa')?.terms.sv).toContain('Birkaland');
    const yaml = (id: string) =>
      `concepts:\n  ${id}:\n    fi: [x]\nstopwords: { fi: [], sv: [], en: [] }\ncompound_parts: []\n`;
    expect(() => parseThesaurus(yaml('region_lappi'))).toThrow(/region/);
    expect(parseThesaurus(yaml('grant')).hash).not.toBe(parseThesaurus(yaml('grant'), 't', []).hash);
  });
});

describe('a region named in one language meets it in another', () => {
  const cases: Array<[string, string, Language, string[]]> = [
    [
      'pohjois_pohjanmaa',
      'North Ostrobothnia',
      'en',
      ['Pohjois-Pohjanmaan kunnista', 'Pohjois-Pohjanmaalla', 'pohjoispohjalaiset kunnat'],
    ],
    ['pohjois_pohjanmaa', 'Norra Österbotten', 'sv', ['Norra Österbottens kommuner', 'Pohjois-Pohjanmaan']],
    ['pirkanmaa', 'Birkaland', 'sv', ['Pirkanmaalla', 'Pirkanmaan hyvinvointialue', 'pirkanmaalaiset']],
    ['varsinais_suomi', 'Southwest Finland', 'en', ['Varsinais-Suomessa', 'Egentliga Finland']],
    ['uusimaa', 'Uusimaa', 'en', ['Uudellamaalla', 'Uudenmaan liitto', 'Nylands förbund']],
    ['lappi', 'Lapland', 'en', ['Lapin hyvinvointialue', 'Lapin kunnat', 'Lapissa', 'lappilainen']],
    ['ahvenanmaa', 'Åland', 'sv', ['Ahvenanmaalla', 'Ålands landskapsregering']],
  ];
  for (const [id, name, lang, texts] of cases)
    it(`${name} (${lang})`, () => {
      expect(concepts(name, lang)).toContain(`region_${id}`);
      for (const text of texts) {
        const textLang: Language = /Norra|Egentliga|Nylands|Ålands/.test(text) ? 'sv' : 'fi';
        expect(concepts(text, textLang), text).toContain(`region_${id}`);
      }
    });

  it('does not take a child for Lapland ("lapset", "lapsi")', () => {
    for (const text of ['lapset ja nuoret', 'lapsi', 'lapsen', 'lasten kerho'])
      expect(concepts(text, 'fi')).not.toContain('region_lappi');
  });

  it('knows a county by its region and "hyvinvointialue", and a part of Uusimaa as in Uusimaa', () => {
    expect(concepts('Pirkanmaa wellbeing services county', 'en')).toEqual(
      expect.arrayContaining(['region_pirkanmaa', 'wellbeing_services_county']),
    );
    expect(concepts('Välfärdsområdet Birkaland', 'sv')).toEqual(
      expect.arrayContaining(['region_pirkanmaa', 'wellbeing_services_county']),
    );
    expect(concepts('Itä-Uudenmaan hyvinvointialueella', 'fi')).toEqual(
      expect.arrayContaining(['county_ita_uusimaa', 'region_uusimaa', 'wellbeing_services_county']),
    );
    expect(concepts('East Uusimaa', 'en')).toContain('county_ita_uusimaa');
  });
});
