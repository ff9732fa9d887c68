import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../src/kernel/sentences.ts';

describe('splitSentences', () => {
  it('keeps Finnish abbreviations, times and dates inside their sentence', () => {
    const text =
      'Avustusta myönnetään esim. kirjasto- ja kulttuuritoimintaan. Hakuaika päättyy 1.3.2026 klo 16.00. ' +
      'Lisätietoja antaa mm. Matti Meikäläinen, puh. 040 123 4567. Ks. s. 12. Tila on n. 40 m2. ' +
      'Ns. perusavustus on v. 2025 alkaen 500 euroa. Kokous alkaa klo 12.30 ja päättyy 14. Seura ry. hakee avustusta.';
    expect(splitSentences(text)).toEqual([
      'Avustusta myönnetään esim. kirjasto- ja kulttuuritoimintaan.',
      'Hakuaika päättyy 1.3.2026 klo 16.00.',
      'Lisätietoja antaa mm. Matti Meikäläinen, puh. 040 123 4567.',
      'Ks. s. 12.',
      'Tila on n. 40 m2.',
      'Ns. perusavustus on v. 2025 alkaen 500 euroa.',
      'Kokous alkaa klo 12.30 ja päättyy 14.',
      'Seura ry. hakee avustusta.',
    ]);
  });

  it('lets "jne." and "ry." end a sentence when a new one starts', () => {
    expect(splitSentences('Ostetaan palloja, mailoja jne. Seuraava asia on tilat.')).toEqual([
      'Ostetaan palloja, mailoja jne.',
      'Seuraava asia on tilat.',
    ]);
    expect(splitSentences('Hakijana on Testilän Urheiluseura ry. Seura toimii koko kunnassa.')).toHaveLength(
      2,
    );
  });

  it('handles Swedish abbreviations', () => {
    expect(
      splitSentences(
        'Föreningen kan t.ex. söka bidrag. Mötet börjar kl. 18 i skolan. Bl.a. Vassnäs deltar.',
        'sv',
      ),
    ).toEqual([
      'Föreningen kan t.ex. söka bidrag.',
      'Mötet börjar kl. 18 i skolan.',
      'Bl.a. Vassnäs deltar.',
    ]);
  });

  it('keeps list markers, initials and quoted questions with their sentence', () => {
    expect(splitSentences('1. Hakemus jätetään ajoissa.')).toEqual(['1. Hakemus jätetään ajoissa.']);
    expect(splitSentences('Yhteyshenkilö on Matti M. Meikäläinen. Hän vastaa.')).toEqual([
      'Yhteyshenkilö on Matti M. Meikäläinen.',
      'Hän vastaa.',
    ]);
    expect(splitSentences('Kysy "Miksi?" hän sanoi. Loppu.')).toEqual(['Kysy "Miksi?" hän sanoi.', 'Loppu.']);
  });
});
