import { describe, expect, it } from 'vitest';
import { Analyzer } from '../../src/retrieval/analyzer.ts';
import { loadThesaurus } from '../../src/retrieval/thesaurus.ts';
import { openMorphology, Voikko } from '../../src/retrieval/voikko.ts';
import { ConfigError } from '../../src/config.ts';

// libvoikko1 + voikko-fi are optional: without them these tests are skipped, not failed.
const loaded = Voikko.load();
const voikko = loaded instanceof Voikko ? loaded : undefined;

describe('Voikko.load', () => {
  it('reports a missing library instead of throwing', () => {
    const result = Voikko.load(['libvoikko-not-installed.so.1']);
    expect(result).toEqual({
      unavailable: expect.stringMatching(/libvoikko was not found.*install libvoikko1 and voikko-fi/),
    });
  });
});

describe('openMorphology', () => {
  it('builtin never loads Voikko', () => {
    expect(openMorphology('builtin').morphology).toBeUndefined();
  });

  it.skipIf(voikko)('auto falls back to the built-in analysis and says what to install', () => {
    const opened = openMorphology('auto');
    expect(opened.morphology).toBeUndefined();
    expect(opened.note).toMatch(/voikko/i);
  });

  it.skipIf(voikko)('voikko without the library stops start-up with what to do', () => {
    expect(() => openMorphology('voikko')).toThrow(ConfigError);
  });
});

describe.skipIf(!voikko)('Voikko (libvoikko + voikko-fi installed)', () => {
  const v = voikko!;

  it('finds base forms of inflected nouns and verbs', () => {
    expect(v.analyse('avustusten')?.baseform).toBe('avustus');
    expect(v.analyse('kunnan')?.baseform).toBe('kunta');
    expect(v.analyse('haetaan')?.baseform).toBe('hakea');
    expect(v.analyse('myönnetään')?.baseform).toBe('myöntää');
  });

  it('takes participles and the MA-infinitive back to their verb', () => {
    expect(v.analyse('antaman')?.baseform).toBe('antaa');
    expect(v.analyse('myönnettyjä')?.baseform).toBe('myöntää');
    expect(v.baseforms('antaman')).toContain('antaa');
  });

  it('splits compounds into modifiers and a head in its base form', () => {
    expect(v.compoundParts('järjestöavustusten')).toEqual(['järjestö', 'avustus']);
    expect(v.compoundParts('kokoontumistiloja')).toEqual(['kokoontumis', 'tila']);
    expect(v.compoundParts('yhdistysillassa')).toEqual(['yhdistys', 'ilta']);
    expect(v.compoundParts('avustusten')).toEqual([]);
  });

  it('prefers the analysis with the fewest parts', () => {
    // Voikko's first analysis is nuori + sose + ura.
    expect(v.compoundParts('nuorisoseuran')).toEqual(['nuoriso', 'seura']);
  });

  it('knows nothing of spoken forms, typos and digits', () => {
    expect(v.analyse('ilmaseks')).toBeUndefined();
    expect(v.analyse('avustuksten')).toBeUndefined();
    expect(v.analyse('2027')).toBeUndefined();
  });

  it('gives the analyzer keys that meet across inflection and a new id', () => {
    const thesaurus = loadThesaurus();
    const builtin = new Analyzer(thesaurus);
    const withVoikko = new Analyzer(thesaurus, v);
    expect(withVoikko.id).not.toBe(builtin.id);
    expect(withVoikko.id).toContain('voikko-');
    // Consonant gradation defeats the stemmer: kunta / kunnan, antaa / antaman.
    expect(withVoikko.key('kunnan', 'fi')).toBe(withVoikko.key('kunta', 'fi'));
    expect(withVoikko.key('antaman', 'fi')).toBe(withVoikko.key('antaa', 'fi'));
    const [token] = withVoikko.tokens('kokoontumistiloja', 'fi');
    expect(token!.parts).toContain(withVoikko.key('tila', 'fi'));
    // A word Voikko does not know keeps the built-in key.
    expect(withVoikko.key('ilmaseks', 'fi')).toBe(builtin.key('ilmaseks', 'fi'));
  });

  it('keeps parts the thesaurus lists whole (yhteistyö, not yhteis + työ)', () => {
    const a = new Analyzer(loadThesaurus(), v);
    const [token] = a.tokens('yhdistysyhteistyöstä', 'fi');
    expect(token!.parts).toEqual([a.key('yhteistyö', 'fi')]);
  });
});
