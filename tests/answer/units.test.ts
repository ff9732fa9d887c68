import { describe, expect, it } from 'vitest';
import { answerUnits, joinUnits, leansOnPrevious, tableRowText, timeAfter } from '../../src/answer/units.ts';

describe('answer units', () => {
  it('reads a table row against its header as "label — column: value"', () => {
    const text =
      'Kysymys | 2026 | 2024\nKunta tarjoaa tiloja maksutta | 8/13 kuntaa (62 %) | 5/13\nMuuta tekstiä. Toinen lause.';
    expect(answerUnits(text, 'fi')).toEqual([
      'Kunta tarjoaa tiloja maksutta — 2026: 8/13 kuntaa (62 %); 2024: 5/13',
      'Muuta tekstiä.',
      'Toinen lause.',
    ]);
  });

  it('aligns a header whose empty corner cell the loader dropped', () => {
    expect(tableRowText(['Asukkaita', '24 000', '9 400'], ['Routasalmi', 'Kaislaniemi'])).toBe(
      'Asukkaita — Routasalmi: 24 000; Kaislaniemi: 9 400',
    );
  });

  it('never quotes the header row alone, and a new table gets its own header', () => {
    const units = answerUnits('Tila | Hinta\nSali | 20 €/h\nVälissä lause.\nPäivä | Aika\nMa | klo 17', 'fi');
    expect(units).toEqual(['Sali — Hinta: 20 €/h', 'Välissä lause.', 'Ma — Aika: klo 17']);
  });

  it('knows a sentence that leans on the one before it, in fi, sv and en', () => {
    expect(leansOnPrevious('Lisäksi avustusta voi hakea syksyllä.', 'fi')).toBe(true);
    expect(leansOnPrevious('Tämä koskee kaikkia yhdistyksiä.', 'fi')).toBe(true);
    expect(leansOnPrevious('Tilat ovat maksuttomia.', 'fi')).toBe(false);
    expect(leansOnPrevious('Seuraava ilta on 10.2.', 'fi')).toBe(false);
    // The clitic -kin says "therefore" or "this too" of the sentence before.
    expect(leansOnPrevious('Kuntien onkin syytä jatkaa tukemista.', 'fi')).toBe(true);
    expect(leansOnPrevious('Tähänkin on ratkaisuja.', 'fi')).toBe(true);
    expect(leansOnPrevious('Kirkonkylän koulun sali on maksuton.', 'fi')).toBe(false);
    expect(leansOnPrevious('Dessutom kan man söka på hösten.', 'sv')).toBe(true);
    expect(leansOnPrevious('This applies to all clubs.', 'en')).toBe(true);
    expect(leansOnPrevious('Thistle Club meets on Mondays.', 'en')).toBe(false);
  });

  it("brings a deadline's hour from the next sentence, and only an hour", () => {
    const units = [
      'Hakuaika päättyy 28.2.2026.',
      'Hakemusten on oltava perillä klo 15.00.',
      'Kl. 9 alkaa info.',
    ];
    expect(timeAfter(units, 0)).toBe('Hakemusten on oltava perillä klo 15.00.');
    expect(
      timeAfter(['Hakuaika päättyy 28.2.2026 klo 16.', 'Kirjaamo sulkeutuu klo 15.'], 0),
    ).toBeUndefined();
    expect(timeAfter(['Hakuaika päättyy 28.2.2026.', 'Päätökset tehdään maaliskuussa.'], 0)).toBeUndefined();
    expect(timeAfter(['Applications close on 28 February.', 'Send them by email at 3 pm.'], 0)).toBe(
      'Send them by email at 3 pm.',
    );
    expect(timeAfter(['Hakuaika päättyy 28.2.2026.', 'Kloonattu lomake.'], 0)).toBeUndefined();
  });

  it('keeps quoted table rows and list items apart, sentences as they are', () => {
    expect(joinUnits(['Sali — Hinta: 20 €/h', 'Kokoushuone — Hinta: maksuton'])).toBe(
      'Sali — Hinta: 20 €/h; Kokoushuone — Hinta: maksuton',
    );
    expect(joinUnits(['Haku päättyy 15.2.', 'Hakemus jätetään sähköisesti.'])).toBe(
      'Haku päättyy 15.2. Hakemus jätetään sähköisesti.',
    );
  });
});
