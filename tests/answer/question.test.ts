import { describe, expect, it } from 'vitest';
import { understand, type QuestionDeps } from '../../src/answer/question.ts';
import { detectLanguage } from '../../src/kernel/language.ts';
import type { AnalysedQuery } from '../../src/retrieval/searcher.ts';

/** Every word a token; `§municipality` for words that only mean a municipality, region names their concept. */
const deps = (named: Array<{ name: string; surface: string; documents: boolean }>): QuestionDeps => ({
  async analyse(text, language): Promise<AnalysedQuery> {
    const tokens = (text.toLowerCase().match(/[\p{L}-]+/gu) ?? []).map((w) => ({
      surface: w,
      features: [
        w,
        ...(/^(kunta|kunnassa|kunnat|kuntaa)$/.test(w) ? ['§municipality'] : []),
        ...(/^pirkanmaan$/.test(w) ? ['§region_pirkanmaa'] : []),
      ],
      weight: 1,
      unknown: false,
      featureWeights: [1],
    }));
    return { language, tokens, terms: tokens.flatMap((t) => t.features) };
  },
  async namedMunicipalities() {
    return named;
  },
});

describe('a question understood once', () => {
  it('takes the only municipality named as its scope, and its name out of the content', async () => {
    const q = await understand(
      'Milloin Routasalmella haetaan avustusta?',
      { audience: 'public' },
      deps([{ name: 'Routasalmi', surface: 'Routasalmella', documents: true }]),
    );
    expect(q.municipality).toBe('Routasalmi');
    expect(q.route).toBe('local');
    expect(q.kinds.has('date')).toBe(true);
    expect(q.analysed.tokens.map((t) => t.surface)).toContain('routasalmella');
    expect(q.content.tokens.map((t) => t.surface)).not.toContain('routasalmella');
  });

  it('counts across municipalities from surveys, with the scope words out and the region kept as a place', async () => {
    const q = await understand(
      'Kuinka moni Pirkanmaan kunta maksaa avustuksia?',
      { audience: 'public' },
      deps([]),
    );
    expect(q.route).toBe('count');
    expect(q.content.tokens.map((t) => t.surface)).not.toContain('kunta');
    expect(q.places.map((t) => t.surface)).toEqual(['pirkanmaan']);
  });

  it('sends a total over the municipalities to the surveys too, not municipality by municipality', async () => {
    const q = await understand(
      'Paljonko kunnat maksavat avustuksia yhteensä?',
      { audience: 'public' },
      deps([]),
    );
    expect(q.route).toBe('count');
  });

  it('lists municipality by municipality when it asks which ones', async () => {
    const q = await understand('Missä kunnissa tilat ovat maksuttomia?', { audience: 'public' }, deps([]));
    expect(q.route).toBe('regional');
  });

  it('compares municipality by municipality, with "vertaile" an instruction rather than content', async () => {
    const q = await understand(
      'vertaile avustusmäärärahoja Routasalmen ja Kaislaniemen välillä',
      { audience: 'public' },
      deps([
        { name: 'Routasalmi', surface: 'Routasalmen', documents: true },
        { name: 'Kaislaniemi', surface: 'Kaislaniemen', documents: true },
      ]),
    );
    expect(q.route).toBe('regional');
    expect(q.named).toEqual(['Routasalmi', 'Kaislaniemi']);
    const content = q.content.tokens.map((t) => t.surface);
    expect(content).toContain('avustusmäärärahoja');
    expect(content).not.toContain('vertaile');
    expect(content).not.toContain('routasalmen');
  });

  it('treats a municipality without documents as a place the answer must speak of', async () => {
    const q = await understand(
      'When is the next association evening in Ylivieska?',
      { audience: 'public' },
      deps([{ name: 'Ylivieska', surface: 'Ylivieska', documents: false }]),
    );
    expect(q.municipality).toBeUndefined();
    expect(q.places.map((t) => t.surface)).toEqual(['ylivieska']);
    expect(q.language).toBe('en');
  });

  it('knows what a "Mikä on X?" question asks to be defined', async () => {
    const q = await understand('Mikä on yhdistysyhteistyöasiakirja?', { audience: 'public' }, deps([]));
    expect(q.definition).toBe('yhdistysyhteistyöasiakirja');
  });

  it('reads a Swedish question about a Finnish region as Swedish', () => {
    expect(detectLanguage('Vem finansierar projektet Pohjois-Pohjanmaan järjestörakenne?')).toBe('sv');
    expect(detectLanguage('Milloin Pohjois-Pohjanmaan hyvinvointisopimus allekirjoitettiin?')).toBe('fi');
  });
});
