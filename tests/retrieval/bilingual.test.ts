/**
 * The FreeDict word list: parsing dictd entries, finding inflected words' headwords, the cap on
 * translations, and the features a sv/en question word gains. A small fixture dictionary written
 * here (not the Debian files); one test reads the Debian files when they are installed.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import {
  buildDictionary,
  crossLingualFeatures,
  DEFAULT_DICTIONARY_DIR,
  isForeignStopword,
  loadFreeDict,
  parseEntry,
  readDictd,
  swedishFeatures,
} from '../../src/retrieval/bilingual.ts';
import { Analyzer } from '../../src/retrieval/analyzer.ts';
import { loadThesaurus } from '../../src/retrieval/thesaurus.ts';

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const b64 = (n: number): string => {
  let s = '';
  do {
    s = B64[n % 64]! + s;
    n = Math.floor(n / 64);
  } while (n > 0);
  return s;
};

/** Writes a dictd dictionary (`.index` + `.dict.dz`) of the given entry texts. */
function writeDictd(dir: string, name: string, entries: string[]): void {
  let data = '00-database-info\nA fixture dictionary\n\n';
  const index: string[] = [`00databaseinfo\t${b64(0)}\t${b64(Buffer.byteLength(data))}`];
  for (const text of entries) {
    const start = Buffer.byteLength(data);
    const body = `${text}\n\n`;
    data += body;
    index.push(`${text.split(/[ \n]/)[0]}\t${b64(start)}\t${b64(Buffer.byteLength(body))}`);
  }
  fs.writeFileSync(path.join(dir, `${name}.index`), index.join('\n') + '\n');
  fs.writeFileSync(path.join(dir, `${name}.dict.dz`), zlib.gzipSync(Buffer.from(data)));
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kumppani-dict-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

writeDictd(tmp, 'freedict-eng-fin', [
  "sign /saɪn/ <v>\n1. viittoa\nto communicate using sign language\n2. allekirjoittaa 2.\nto write one's signature\n 3.\nto make official",
  'meeting /ˈmiːtɪŋ/ <n>\n1. kohtaaminen, tapaaminen\naction noun\n2. kokous, palaveri\ngathering for a purpose',
  'parking /ˈpɑːkɪŋ/ <n>\npysäköinti\nthe act of parking',
  'park /pɑːk/ <n>\npuisto\nan area of land',
  'which /wɪtʃ/ <pronoun>\nmikä\nwhat one',
]);
writeDictd(tmp, 'freedict-swe-fin', [
  'förening /fˈøːrənˌɪŋ/ <n, ut>\n1. yhdistys\n1. klubb\n2. yhdiste\n2. kemisk förening',
  'ordna /ˈuːrdna/ <v>\njärjestää\nställa i ordning',
]);
writeDictd(tmp, 'freedict-fin-swe', [
  'yhteinen /ˈyhteinen/ <adj>\ngemensam, samfälld\nsellainen, joka on yhteinen',
  'paikallinen /ˈpɑi̯kɑlːinen/ <adj>\nlokal\njoka liittyy paikkaan',
]);

describe('dictd entries', () => {
  it('takes the translation lines and leaves the glosses, numbered or not', () => {
    expect(parseEntry('sign /saɪn/ <v>\n1. viittoa\ngloss\n2. allekirjoittaa 2.\ngloss\n 3.\ngloss')).toEqual(
      {
        headword: 'sign',
        pos: 'v',
        translations: ['viittoa', 'allekirjoittaa'],
      },
    );
    // Swedish glosses are numbered like the senses: "1. klubb" is a gloss, not a translation.
    expect(
      parseEntry('förening /f/ <n, ut>\n1. yhdistys\n1. klubb\n2. yhdiste\n2. kemisk förening')?.translations,
    ).toEqual(['yhdistys', 'yhdiste']);
    // Paraphrases of several words are no translation to search with.
    expect(parseEntry('sign /s/ <v>\nallekirjoittaa, kirjoittaa nimi\ngloss')?.translations).toEqual([
      'allekirjoittaa',
    ]);
  });

  it('reads the compressed files through the index, without function words', () => {
    const entries = readDictd(path.join(tmp, 'freedict-eng-fin'));
    expect(entries.map((e) => e.headword)).toEqual(['sign', 'meeting', 'parking', 'park']);
  });
});

describe('translation', () => {
  it("reads a language's word list at the first question in it, or all of them when warmed", () => {
    const read: string[] = [];
    const entries = (lang: string) => () => {
      read.push(lang);
      return { forward: [], backward: [] };
    };
    const lazy = buildDictionary({ sv: entries('sv'), en: entries('en') });
    lazy.translate('bidrag', 'sv');
    expect(read).toEqual(['sv']);
    const warmed = buildDictionary({ sv: entries('sv'), en: entries('en') });
    warmed.warm?.();
    expect(read).toEqual(['sv', 'sv', 'en']);
  });

  const dict = loadFreeDict(tmp)!;

  it('finds an inflected word’s headword by its stem or its ending', () => {
    expect(dict.translate('signed', 'en')).toEqual(['viittoa', 'allekirjoittaa']);
    expect(dict.translate('meetings', 'en')).toEqual(['kohtaaminen', 'tapaaminen', 'kokous']);
    expect(dict.translate('föreningarna', 'sv')).toEqual(['yhdistys', 'yhdiste']);
    expect(dict.translate('ordnade', 'sv')).toEqual(['järjestää']);
  });

  it('reads the fi->sv dictionary backwards for words the sv->fi one lacks', () => {
    expect(dict.translate('gemensamma', 'sv')).toEqual(['yhteinen']);
  });

  it('keeps to the word’s own entry when it has one ("parking" is not "park")', () => {
    expect(dict.translate('parking', 'en')).toEqual(['pysäköinti']);
  });

  it('caps the translations', () => {
    expect(dict.translate('meeting', 'en', 2)).toEqual(['kohtaaminen', 'tapaaminen']);
  });

  it('is absent when no dictionary is installed', () => {
    expect(loadFreeDict(path.join(tmp, 'nowhere'))).toBeUndefined();
    expect(buildDictionary({}).translate('sign', 'en')).toEqual([]);
  });
});

describe('features of a question word', () => {
  const analyzer = new Analyzer(loadThesaurus());
  const dict = loadFreeDict(tmp)!;
  const index = new Set(
    analyzer.terms('Sopimus allekirjoitettiin Ylivieskassa. Kunnat järjestivät tapaamisia.', 'fi'),
  );
  const has = (f: string) => index.has(f);

  it('gives a sv/en word the Finnish keys of its translations that the index knows', () => {
    const f = crossLingualFeatures(analyzer, 'signed', 'en', {
      knownAlready: false,
      hasConcepts: false,
      has,
      dict,
    });
    expect(f).toContain(analyzer.key('allekirjoittaa', 'fi'));
    expect(f.every(has)).toBe(true);
    expect(
      crossLingualFeatures(analyzer, 'ordnade', 'sv', { knownAlready: true, hasConcepts: false, has, dict }),
    ).toContain(analyzer.key('järjestää', 'fi'));
  });

  it('leaves words the thesaurus knows to their concepts', () => {
    expect(
      crossLingualFeatures(analyzer, 'meeting', 'en', { knownAlready: true, hasConcepts: true, has, dict }),
    ).toEqual([]);
  });

  it('translates a word of a Finnish question only when the index knows nothing of it', () => {
    const opts = { hasConcepts: false, has, dict };
    expect(crossLingualFeatures(analyzer, 'signed', 'fi', { ...opts, knownAlready: true })).toEqual([]);
    expect(crossLingualFeatures(analyzer, 'signed', 'fi', { ...opts, knownAlready: false })).toContain(
      analyzer.key('allekirjoittaa', 'fi'),
    );
    expect(isForeignStopword(analyzer, 'vem')).toBe(true);
    expect(isForeignStopword(analyzer, 'avustus')).toBe(false);
  });

  it('adds nothing without a dictionary beyond the word read as Finnish', () => {
    const none = buildDictionary({});
    expect(
      crossLingualFeatures(analyzer, 'signed', 'en', {
        knownAlready: false,
        hasConcepts: false,
        has,
        dict: none,
      }),
    ).toEqual([]);
    expect(
      crossLingualFeatures(analyzer, 'Ylivieska', 'en', {
        knownAlready: false,
        hasConcepts: false,
        has,
        dict: none,
      }),
    ).toEqual([analyzer.key('ylivieska', 'fi')]);
  });
});

describe('features of a Finnish question word on Swedish pages', () => {
  const analyzer = new Analyzer(loadThesaurus());
  const dict = loadFreeDict(tmp)!;
  const index = new Set(analyzer.terms('Lokala föreningar betalar 10 €/h. Gemensamma träffar.', 'sv'));
  const has = (f: string) => index.has(f);

  it('gives an inflected Finnish word the Swedish keys of its translations that the index knows', () => {
    // "paikallisen" is read as the headword "paikallinen" (fin-swe).
    expect(swedishFeatures(analyzer, { key: analyzer.key('paikallisen', 'fi') }, has, dict)).toEqual([
      analyzer.key('lokala', 'sv'),
    ]);
    // From the sv->fi list read backwards: "yhdistys" is a "förening".
    expect(swedishFeatures(analyzer, { key: analyzer.key('yhdistyksen', 'fi') }, has, dict)).toContain(
      analyzer.key('föreningar', 'sv'),
    );
  });

  it('adds nothing the index lacks, and nothing without a dictionary', () => {
    expect(swedishFeatures(analyzer, { key: analyzer.key('paikallinen', 'fi') }, () => false, dict)).toEqual(
      [],
    );
    expect(
      swedishFeatures(analyzer, { key: analyzer.key('paikallinen', 'fi') }, has, buildDictionary({})),
    ).toEqual([]);
  });
});

const debian = fs.existsSync(path.join(DEFAULT_DICTIONARY_DIR, 'freedict-eng-fin.index'));

describe.skipIf(!debian)('the Debian FreeDict dictionaries (dict-freedict-*)', () => {
  it('give a Finnish word no Swedish key of three letters, which Finnish words share', () => {
    // "hyväksyä" is "anta" in Swedish, whose key "ant" is also Finnish "anti" (a contribution).
    const analyzer = new Analyzer(loadThesaurus());
    const inIndex = new Set(['ant', analyzer.key('godkänna', 'sv')]);
    const feats = swedishFeatures(analyzer, { key: analyzer.key('hyväksyttiin', 'fi') }, (f) =>
      inIndex.has(f),
    );
    expect(feats).not.toContain('ant');
    expect(feats).toContain(analyzer.key('godkänna', 'sv'));
  });

  it('translate the domain’s words', () => {
    const dict = loadFreeDict()!;
    expect(dict.translate('municipalities', 'en', 5)).toContain('kunta');
    expect(dict.translate('signed', 'en', 5)).toContain('allekirjoitettu');
    expect(dict.translate('kommuner', 'sv')).toContain('kunta');
    expect(dict.translate('gemensamma', 'sv')).toContain('yhteinen');
  });
});
