/**
 * Region-wide articles as an NGO support project publishes them, saved as text: the region is named
 * in one passage, while the fact asked for sits in another that never repeats it. Fictional text.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indexPages, type PagesIndex } from '../helpers/pages-index.ts';

const ARTICLE = `Järjestöt ja kunnat yhteistyössä

Ihmisten hyvinvointi syntyy arjessa ja lähiyhteisöissä. Yhdistykset tarjoavat kunnissa avointa kerhotoimintaa ja vertaistukea, joka tuottaa kustannussäästöjä.

Tavoitteet Satakunnan kunnissa

Satakunnan Järjestöverkko-hankkeen tavoitteena on saada aikaan pysyvät yhteistyörakenteet kunnan ja yhdistysten välille.
`;

/** Another region's article with the same words, so that the region decides. */
const OTHER_REGION = `Yhdistykset Kainuussa

Kainuun järjestökyselyn mukaan yhdistykset tarjoavat kunnissa ennen kaikkea liikuntaa ja retkiä.
`;

/** A project's article signed by its project manager, without a phone number. */
const SIGNED = `Kainuun järjestöhanke tukee kuntia

Kainuun Järjestötuki-hanke auttaa kuntia kirjaamaan järjestöyhteistyön käytännöt yhteiseen asiakirjaan.

Projektipäällikkö Marjatta Kähkönen

Kainuun Järjestötuki-hanke
`;

/** Another region's project that names no one. */
const UNSIGNED = `Satakunnan Järjestöverkko-hanke

Satakunnan Järjestöverkko-hanke kokoaa yhdistykset ja kunnat yhteisiin tapaamisiin kahdesti vuodessa.
`;

/** A news item with a dateline under its title, as a saved web page keeps it. */
const DATED = `Satakunnassa tuetaan kuntien ja järjestöjen yhteistyötä

ti 5. maaliskuuta 2024 10.15.00

Satakunnan Järjestöverkko-hanke kartoitti kuntien järjestöyhteistyön käytännöt keväällä.
`;

/** An article signed at its end, whose text says "kirjattu" (recorded) but not who wrote it. */
const EVENINGS = `Yhdistysillat ovat paikka vuoropuhelulle

Järjestöystävällinen kunta kutsuu yhdistykset koolle säännöllisesti. Kainuun kunnista yhdeksän kertoi järjestävänsä yhdistysiltoja vähintään kerran vuodessa.

Yhdistysilloissa vaihdetaan tietoa ja suunnitellaan yhteisiä tapahtumia. Iltojen käytännöt on kirjattu kuntien yhteistyöasiakirjoihin.

Järjestöagentti Pekka Lahtinen, Kainuun järjestöhanke,

Kainuun sosiaali- ja terveysturvayhdistys ry
`;

/** A memo whose recorder is named first: it must not answer who wrote another text. */
const MEMO = `Yhdistysillan muistio

Kirjaaja: Annika Sjöberg

Yhdistysillassa oli 31 osallistujaa, ja illan aiheena olivat avustukset.
`;

/** An unsigned article that quotes a person at its start, its end in another section. */
const QUOTED = `Lapin kylätalot

Kylätalot

Kylätalot ovat kylien olohuoneita, kertoo kyläasiamies Liisa Mäki.

Tulevaisuus

Lapin kylätalojen määrä on pysynyt ennallaan kymmenen vuotta.
`;

/** A project that dates its work twice: vaguely, then to the month. */
const UNTIL = `Pohjois-Savon Järjestöpolku-hanke

Pohjois-Savon Järjestöpolku-hanke on tukenut kuntia tämän vuoden aikana yhteistyön kirjaamisessa.

Pohjois-Savon Järjestöpolku-hanke toimii vielä tämän vuoden marraskuuhun saakka kunnissa tukemassa kuntia.
`;

let pages: PagesIndex;

beforeAll(async () => {
  pages = await indexPages({
    'satakunta-jarjestot-ja-kunnat.txt': ARTICLE,
    'kainuu-yhdistykset.txt': OTHER_REGION,
    'kainuu-jarjestotuki.txt': SIGNED,
    'satakunta-jarjestoverkko.txt': UNSIGNED,
    'satakunta-tiedote.txt': DATED,
    'kainuu-yhdistysillat.txt': EVENINGS,
    'yhdistysilta-muistio.txt': MEMO,
    'lappi-kylatalot.txt': QUOTED,
    'pohjois-savo-jarjestopolku.txt': UNTIL,
  });
});
afterAll(() => pages.close());

const ask = (text: string) => pages.services.answerer.ask(text, { audience: 'public' });

describe('a region-wide article that names its region in one passage', () => {
  it('answers about that region from a passage that does not repeat its name', async () => {
    const r = await ask('Millaista toimintaa yhdistykset tarjoavat Satakunnassa?');
    expect(r.answered).toBe(true);
    expect(r.text).toContain('avointa kerhotoimintaa ja vertaistukea');
    expect(r.text).not.toContain('liikuntaa ja retkiä');
  });

  it('still answers about the other region from its own article', async () => {
    const r = await ask('Millaista toimintaa yhdistykset tarjoavat Kainuussa?');
    expect(r.text).toContain('liikuntaa ja retkiä');
    expect(r.text).not.toContain('kerhotoimintaa');
  });
});

describe('who holds a role, and their phone number', () => {
  it('answers who the project manager is with the signature that names them, asked in Swedish', async () => {
    const r = await ask('Vem är projektchef för Kainuun Järjestötuki-hanke?');
    expect(r.answered).toBe(true);
    expect(r.text).toContain('Marjatta Kähkönen');
  });

  it('refuses who the project manager is when the project’s text names no one', async () => {
    const r = await ask('Kuka on Satakunnan Järjestöverkko-hankkeen projektipäällikkö?');
    expect(r.answered).toBe(false);
  });

  it('refuses a phone number that the signature does not give, rather than quoting the name', async () => {
    const r = await ask('What is the phone number of the Kainuu Järjestötuki project?');
    expect(r.answered).toBe(false);
  });
});

describe('the date a page gives itself', () => {
  it('answers when the text was published with its date, and cites it with that date', async () => {
    const r = await ask(
      'Milloin kirjoitus kuntien ja järjestöjen yhteistyön tukemisesta Satakunnassa julkaistiin?',
    );
    expect(r.answered).toBe(true);
    expect(r.text).toContain('5.3.2024');
    expect(r.citations[0]?.date).toBe('2024-03-05');
  });

  it('still answers when something the text dates happens, from the text', async () => {
    const r = await ask('Milloin Satakunnan Järjestöverkko-hanke kartoitti käytännöt?');
    expect(r.text).toContain('keväällä');
  });
});

describe('who wrote a text', () => {
  it('answers with the signature at the end of the text asked about', async () => {
    for (const q of [
      'Kuka kirjoitti artikkelin Kainuun yhdistysilloista?',
      'kuka kirjotti sen jutun kainuun yhdistysilloista',
    ]) {
      const r = await ask(q);
      expect(r.answered, q).toBe(true);
      expect(r.text, q).toMatch(/^Järjestöagentti Pekka Lahtinen/);
      expect(r.text, q).not.toContain('Sjöberg');
    }
  });

  it('does not take a person the text quotes for its writer', async () => {
    const r = await ask('Kuka kirjoitti artikkelin Lapin kylätaloista?');
    expect(r.answered).toBe(false);
  });

  it('refuses when the text is not signed, rather than quoting a sentence about it', async () => {
    const r = await ask('Kuka kirjoitti artikkelin Satakunnan Järjestöverkko-hankkeesta?');
    expect(r.answered).toBe(false);
  });
});

describe('dates said in words', () => {
  it('answers "until when" with the sentence that names the month, before one said only relatively', async () => {
    const r = await ask('Mihin asti Pohjois-Savon Järjestöpolku-hanke tukee kuntia?');
    expect(r.text).toMatch(
      /^Pohjois-Savon Järjestöpolku-hanke toimii vielä tämän vuoden marraskuuhun saakka/,
    );
  });
});
