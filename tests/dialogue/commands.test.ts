import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/store/db.ts';
import { createDialogueStores } from '../../src/store/dialogue-stores.ts';
import { createAssistant, type ClosableAssistant } from '../../src/dialogue/assistant.ts';
import { t, missingTranslations } from '../../src/kernel/i18n/index.ts';
import { dialogue } from '../../src/kernel/i18n/dialogue.ts';
import { helpText, municipalityHint } from '../../src/dialogue/vocabulary.ts';
import type { Language } from '../../src/kernel/types.ts';
import { silentLogger } from '../../src/kernel/log.ts';
import { FakeAnswerer, seedDocuments, testConfig, turn, uniqueUser } from './helpers.ts';

let db: Database;
let answerer: FakeAnswerer;
let assistant: ClosableAssistant;

beforeAll(async () => {
  db = await openDatabase({ dataDir: 'memory' });
  await seedDocuments(db.pool);
  answerer = new FakeAnswerer();
  assistant = await createAssistant({
    stores: createDialogueStores(db.pool),
    answerer,
    config: testConfig(),
    logger: silentLogger,
    retentionJob: false,
  });
});
afterAll(async () => {
  await assistant.close();
  await db.close();
});

const ask = (text: string, userId: string, extra = {}) => assistant.handle(turn(text, { userId, ...extra }));

/** The same command typed in each language, and the language the reply must be in. */
const words: Record<Language, Record<string, string>> = {
  fi: {
    help: '/apua',
    municipality: '/kunta',
    language: '/kieli',
    forget: '/unohda',
    about: '/tietoja',
    new: '/uusi',
    start: '/aloita',
  },
  sv: {
    help: '/hjälp',
    municipality: '/kommun',
    language: '/språk',
    forget: '/glöm',
    about: '/om',
    new: '/ny',
    start: '/börja',
  },
  en: {
    help: '/help',
    municipality: '/municipality',
    language: '/language',
    forget: '/forget',
    about: '/about',
    new: '/new',
    start: '/start',
  },
};

describe.each(['fi', 'sv', 'en'] as const)('commands in %s', (lang) => {
  const w = words[lang];

  it('help', async () => {
    const r = await ask(w.help!, uniqueUser());
    expect(r).toMatchObject({ kind: 'notice', language: lang, text: helpText(lang, 'web') });
  });

  it('start: welcome and the municipalities with documents as buttons', async () => {
    const r = await ask(w.start!, uniqueUser());
    expect(r.language).toBe(lang);
    expect(r.text).toContain(t(lang, 'dialogue.welcome'));
    // Sammalkoski has only staff documents: for the public it is one of the municipalities without any.
    // A bilingual municipality is shown by its Swedish name to a Swedish speaker (Vassnäs).
    const kaislaniemi = lang === 'sv' ? 'Vassnäs' : 'Kaislaniemi';
    expect(r.choices!.slice(0, 2).map((c) => c.label)).toEqual([kaislaniemi, 'Routasalmi']);
    expect(r.choices![2]!.label).toBe(t(lang, 'dialogue.choice.more'));
    const staff = await ask(w.start!, uniqueUser(), { audience: 'staff' });
    expect(staff.choices!.slice(0, 3).map((c) => c.label)).toEqual([
      kaislaniemi,
      'Routasalmi',
      'Sammalkoski',
    ]);
    expect(r.choices!.at(-1)).toEqual({
      label: t(lang, 'dialogue.choice.all'),
      command: { kind: 'set-municipality', municipality: null },
    });
  });

  it('choose, show and clear the municipality', async () => {
    const userId = uniqueUser();
    const none = await ask(w.municipality!, userId);
    expect(none.text).toContain(t(lang, 'dialogue.municipality.none'));
    const set = await ask(`${w.municipality} Routasalmi`, userId);
    expect(set).toMatchObject({ kind: 'command', language: lang, municipality: 'Routasalmi' });
    expect(set.text).toBe(t(lang, 'dialogue.municipality.set', { municipality: 'Routasalmi' }));
    const shown = await ask(w.municipality!, userId);
    expect(shown.text).toContain(t(lang, 'dialogue.municipality.current', { municipality: 'Routasalmi' }));
    const cleared = await ask(`${w.municipality} ${{ fi: 'kaikki', sv: 'alla', en: 'all' }[lang]}`, userId);
    expect(cleared.text).toBe(t(lang, 'dialogue.municipality.cleared'));
    await ask('Kuka on yhdyshenkilö?', userId);
    expect(answerer.last.opts.municipality).toBeNull();
  });

  it('language: a menu without an argument, a switch with one', async () => {
    const userId = uniqueUser();
    const menu = await ask(w.language!, userId);
    expect(menu.choices!.map((c) => c.command)).toEqual([
      { kind: 'set-language', language: 'fi' },
      { kind: 'set-language', language: 'sv' },
      { kind: 'set-language', language: 'en' },
    ]);
    const target: Language = lang === 'en' ? 'fi' : 'en';
    const r = await ask(`${w.language} ${target}`, userId);
    expect(r).toMatchObject({ language: target, text: t(target, 'dialogue.language.set') });
    // Short texts now follow the chosen language.
    const next = await ask(w.help!, userId);
    expect(next.language).toBe(target);
  });

  it('forget me, confirmed in the user’s language', async () => {
    const userId = uniqueUser();
    await ask('Milloin avustushaku päättyy?', userId);
    const r = await ask(w.forget!, userId);
    expect(r.language).toBe(lang);
    expect(r.text).toBe(t(lang, 'dialogue.forget.done', { count: 2 }));
  });

  it('about: the documents the user may see, with their dates', async () => {
    const r = await ask(w.about!, uniqueUser());
    expect(r.language).toBe(lang);
    expect(r.text).toContain(t(lang, 'dialogue.about.header', { count: 4 }));
    expect(r.text).toContain('Routasalmen avustusohjeet');
    expect(r.text).toContain(lang === 'en' ? '2026-01-15' : '15.1.2026');
    expect(r.text).toContain(t(lang, 'dialogue.about.regionWide'));
    expect(r.text).not.toContain('Sammalkosken sisäinen muistio');
    const staff = await ask(w.about!, uniqueUser(), { audience: 'staff' });
    expect(staff.text).toContain('Sammalkosken sisäinen muistio');
  });

  it('new conversation: earlier questions no longer shape follow-ups', async () => {
    const userId = uniqueUser();
    await ask('Milloin Routasalmen avustushaku päättyy?', userId);
    const r = await ask(w.new!, userId);
    expect(r.text).toBe(t(lang, 'dialogue.new.done'));
    await ask('entä Kaislaniemen?', userId);
    expect(answerer.last.question).toBe('entä Kaislaniemen?');
  });
});

describe('commands as plain text and buttons', () => {
  it('understands "apua", "vaihda kunta Iisalmi", "byt kommun till Närpes", "forget me"', async () => {
    const userId = uniqueUser();
    expect((await ask('apua', userId)).text).toBe(helpText('fi', 'web'));
    const list = await ask('vaihda kunta', userId);
    expect(list.text).toBe(t('fi', 'dialogue.municipality.choose'));
    expect(list.choices!.length).toBeGreaterThan(2);
    expect((await ask('Vaihda kunta Iisalmi', userId)).text).toBe(
      t('fi', 'dialogue.municipality.setNoDocs', { municipality: 'Iisalmi' }),
    );
    const sv = await ask('byt kommun till Närpes', uniqueUser());
    expect(sv).toMatchObject({ language: 'sv', municipality: 'Närpes' });
    expect((await ask('forget me', uniqueUser())).language).toBe('en');
  });

  it('accepts inflected and Swedish names after a command, and suggests close names for typos', async () => {
    const userId = uniqueUser();
    expect((await ask('/kunta Routasalmella', userId)).municipality).toBe('Routasalmi');
    // A bilingual municipality by the Swedish name its documents give (municipality_sv).
    expect((await ask('/kunta Vassnäs', userId)).municipality).toBe('Kaislaniemi');
    const typo = await ask('/kunta Routasalm', userId);
    expect(typo.text).toContain(t('fi', 'dialogue.municipality.unknown', { name: 'Routasalm' }));
    expect(typo.choices![0]).toEqual({
      label: 'Routasalmi',
      command: { kind: 'set-municipality', municipality: 'Routasalmi' },
    });
  });

  it('pages the municipality list: documents first, then every municipality', async () => {
    const userId = uniqueUser();
    const first = await assistant.handle(turn('', { userId, command: { kind: 'choose-municipality' } }));
    const more = first.choices!.find((c) => c.command.kind === 'choose-municipality')!;
    expect(more.label).toBe(t('fi', 'dialogue.choice.more'));
    const second = await assistant.handle(turn('', { userId, command: more.command }));
    expect(second.choices![0]!.label).toBe('Akaa');
    const labels = new Set<string>();
    let page: number | undefined = 0;
    while (page !== undefined) {
      const r = await assistant.handle(turn('', { userId, command: { kind: 'choose-municipality', page } }));
      r.choices!.filter((c) => c.command.kind === 'set-municipality' && c.command.municipality).forEach((c) =>
        labels.add(c.label),
      );
      const next = r.choices!.find(
        (c) => c.command.kind === 'choose-municipality' && c.label === t('fi', 'dialogue.choice.more'),
      );
      page = next && next.command.kind === 'choose-municipality' ? next.command.page : undefined;
    }
    expect(labels.size).toBeGreaterThanOrEqual(311);
    expect(labels).toContain('Utsjoki');
    expect(labels).toContain('Sammalkoski');
  });

  it('has every dialogue string in fi, sv and en', () => {
    expect(missingTranslations(dialogue)).toEqual([]);
  });
});

describe('small talk', () => {
  /** Whole short messages of greeting, thanks and "what can you do", and their language. */
  const cases: Array<[string, Language, 'greeting' | 'thanks' | 'capabilities']> = [
    ['hei', 'fi', 'greeting'],
    ['Moi!', 'fi', 'greeting'],
    ['Hei Kumppani 👋', 'fi', 'greeting'],
    ['kiitos', 'fi', 'thanks'],
    ['Kiitos paljon!', 'fi', 'thanks'],
    ['mitä osaat?', 'fi', 'capabilities'],
    ['hej', 'sv', 'greeting'],
    ['Tack!', 'sv', 'thanks'],
    ['Tack så mycket', 'sv', 'thanks'],
    ['vad kan du?', 'sv', 'capabilities'],
    ['hi', 'en', 'greeting'],
    ['thanks', 'en', 'thanks'],
    ['What can you do?', 'en', 'capabilities'],
  ];

  it.each(cases)(
    '"%s" gets a short answer in %s from the tables, without a search',
    async (text, lang, topic) => {
      const before = answerer.calls.length;
      const r = await ask(text, uniqueUser());
      expect(answerer.calls.length).toBe(before);
      expect(r).toMatchObject({ kind: 'notice', language: lang, answered: false, citations: [] });
      if (topic === 'thanks') {
        expect(r.text).toBe(t(lang, 'dialogue.smalltalk.thanks'));
      } else {
        // What the bot can do and how to choose a municipality.
        expect(r.text).toContain(t(lang, 'dialogue.smalltalk.capabilities'));
        expect(r.text).toContain(municipalityHint(lang, 'web'));
      }
      if (topic === 'greeting') expect(r.text.startsWith(t(lang, 'dialogue.smalltalk.greeting'))).toBe(true);
    },
  );

  it('says how to choose a municipality in the form the channel delivers', async () => {
    const slack = await ask('mitä osaat?', uniqueUser(), { channel: 'slack' });
    expect(slack.text).toContain('/kumppani kunta NIMI');
    const tg = await ask('vad kan du?', uniqueUser(), { channel: 'telegram' });
    expect(tg.text).toContain('/hjalp');
    expect(tg.text).not.toContain('/hjälp');
  });

  it('a question that starts with a greeting or thanks is still a question', async () => {
    for (const text of [
      'hei, milloin avustushaku päättyy?',
      'Kiitos, entä tilavaraukset?',
      'hej, vad kostar lokalen?',
    ]) {
      const before = answerer.calls.length;
      const r = await ask(text, uniqueUser());
      expect(r.kind).toBe('answer');
      expect(answerer.calls.length).toBe(before + 1);
    }
  });
});
