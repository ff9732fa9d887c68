/** The web chat's, its accessibility statement's and the Teams cards' strings exist in Finnish, Swedish and English alike. */
import { describe, expect, it } from 'vitest';
import { missingTranslations } from '../../src/kernel/i18n/index.ts';
import { teams } from '../../src/kernel/i18n/teams.ts';
import { accessibility, web } from '../../src/kernel/i18n/web.ts';

describe('web and Teams strings', () => {
  it('have every key in fi, sv and en', () => {
    expect(missingTranslations(web)).toEqual([]);
    expect(missingTranslations(teams)).toEqual([]);
    expect(missingTranslations(accessibility)).toEqual([]);
  });

  it('keep their placeholders in every language', () => {
    for (const table of [web, teams, accessibility]) {
      for (const [key, fi] of Object.entries(table.fi)) {
        const wanted = (fi.match(/\{\w+\}/g) ?? []).sort();
        for (const lang of ['sv', 'en'] as const)
          expect((table[lang][key]!.match(/\{\w+\}/g) ?? []).sort(), `${lang}:${key}`).toEqual(wanted);
      }
    }
  });
});
