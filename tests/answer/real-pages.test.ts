/**
 * Pages as a municipality's web site gives them, saved as text without any metadata: whose page
 * it is comes from its title and address, prices sit in a list under a lead-in, and "how long" or
 * "what time" asks for a length or an hour rather than any date. Fictional text about a real
 * municipality's name (the registry knows real names only).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../src/app.ts';
import { ingestPaths } from '../../src/ingest/pipeline.ts';
import { attributeDocument } from '../../src/ingest/attribution.ts';
import { silentLogger } from '../../src/kernel/log.ts';
import { testConfig } from '../dialogue/helpers.ts';

const PAGE = `# Kerhotilat ja salivuorot – Kuhmoisten kunta
Lähde: https://www.kuhmoinen.fi/vapaa-aika/tilat

Kerhotilat ja salivuorot

Kunnan kerhotiloja voivat käyttää kuhmoislaiset yhdistykset ja harrastusryhmät. Uusi kerhotila on Koulutie 5:ssä, kirjaston vieressä.

Kerhotilan kausimaksu:
- Koko vuosi 180 €
- Puoli vuotta 110 €

Kausimaksu kerhotilasta on tarkoitettu yhdistyksille, jotka järjestävät tilassa säännöllistä ja avointa toimintaa koko kauden.

Minkälaiseen toimintaan kerhotilaa voi käyttää?

Kerhotilassa voi järjestää kokouksia, harrastusryhmiä ja avoimia tilaisuuksia.

Salivuorot kaudelle haetaan vuosittain 15.5. mennessä, ja vuorot vahvistetaan etukäteen kesäkuussa.

Vuoro on peruttava vähintään viisi vuorokautta ennen, muuten se laskutetaan.

Avustusten haku päättyy 30.9. Hakemukset käsitellään lokakuussa, ja sähköinen haku sulkeutuu viimeisenä päivänä klo 15.
`;

/** A regional article that uses one municipality as its example names others too, and stays region-wide. */
const ARTICLE = `Järjestöyhteistyö maakunnassa

Kuhmoisten kunta laati yhteistyöasiakirjan vuonna 2019. Sen jälkeen asiakirjan ovat laatineet myös Jämsä, Jämsän kaupunki, Orivesi ja Oriveden kaupunki sekä Mänttä-Vilppula, joissa yhdistykset kokoontuvat Jämsän ja Oriveden malliin kahdesti vuodessa.
`;

/** A bilingual municipality's page in Swedish only, as many are. */
const SWEDISH_PAGE = `# Uthyrning av skolornas gymnastiksalar – Kristinestad
Källa: https://www.kristinestad.fi/sv/fritid/lokaler

Gymnastiksalarna i stadens skolor kan hyras av föreningar och privatpersoner på kvällar och veckoslut.

Avgifter per timme:
- Lokala föreningar 9 €/h
- Privatpersoner och företag 32 €/h

Bokningar görs hos fritidssekreteraren.

Kontakt

Fritidssekreterare Johanna Back, tfn 050 412 3344, johanna.back@kristinestad.fi
`;

/** An article about one small municipality's practice, its name written with a case ending after a colon. */
const PRACTICE = `# Hyvä järjestöyhteistyö pienessä kunnassa (Koski Tl) – Innokylä

Koski Tl

Tämä toimintamalli kuvaa Koski TL:n järjestöyhteistyötä.

Yhdistysillat kutsuu koolle hyvinvointikoordinaattori kaksi kertaa vuodessa.

Kunnan verkkosivuilla on yhdistysten tapahtumakalenteri.
`;

/** A grant page that dates three steps: the application, the decision and the report. */
const GRANT_PAGE = `# Kulttuuriavustukset – Loimaan kaupunki
Lähde: https://www.loimaa.fi/avustukset

Kulttuuriavustukset

Kulttuuriavustuksen käyttöselvitys toimitetaan seuraavan vuoden 31.3. mennessä.

Hakuaika on 1.–15.2.

Sivistyslautakunta päättää avustuksista huhtikuussa.
`;

/** Who may apply, beside the contact person who answers questions about it. */
const ELIGIBILITY_PAGE = `# Yhdistysavustukset – Loimaan kaupunki
Lähde: https://www.loimaa.fi/yhdistysavustukset

Yhdistysavustukset

Avustusta voivat hakea loimaalaiset rekisteröidyt yhdistykset ja seurat.

Avustuksen hakemisesta antaa lisätietoja kulttuurisihteeri Anna Virta, anna.virta@loimaa.fi, puh. 044 123 4567.
`;

/** Who may apply, said without the word "hakea", under an application period that has it. */
const OPERATING_GRANT_PAGE = `# Yhdistysten toiminta-avustukset – Nokian kaupunki
Lähde: https://www.nokiankaupunki.fi/vapaa-aika/avustukset

Toiminta-avustukset

Nokian kaupunki myöntää toiminta-avustuksia nokialaisille rekisteröidyille yhdistyksille, joiden toiminta kohdistuu nokialaisiin.

Hakuaika

Vuoden 2027 toiminta-avustusten hakuaika on 1.–31.1.2027. Hakemus jätetään sähköisesti viimeistään 31.1.2027 klo 15.00.
`;

/** A page that ends with its tags, as many municipal and association sites print them. */
const TAGGED_PAGE = `# Kylätalot – Keuruun kaupunki
Lähde: https://www.keuruu.fi/kylatalot

Kylätalot

Kyläyhdistykset voivat vuokrata kaupungin kylätaloja tilaisuuksiin 20 eurolla päivässä.

Kylätalojen kunnostukseen voi hakea kaupungilta kohdeavustusta.

Asiasanat

kylätalot, vuokraus, kyläyhdistykset, avustukset, kunnostus, tilaisuudet
`;

/**
 * A region-wide agreement whose first section matches a "whom with" question's words and whose
 * second names the partners.
 */
const AGREEMENT = `Maakunnan hyvinvointisopimus

Sopimus

Maakunnan kunnat sitoutuivat hyvinvointisopimukseen maakuntafoorumissa 2.11.2026 ja lupasivat tehdä yhteistyötä hyvinvoinnin hyväksi.

Sopimuksen sisältö

Hyvinvointisopimuksella kunnat lupautuvat vahvistamaan yhteistyötä kyläyhdistysten, seurakuntien ja paikallisten yritysten kanssa.
`;

/** A premises page with seasons, a cancellation rule and its address line, as Kangasala's reads. */
const PREMISES_PAGE = `# Tilojen vuokraus yhdistyksille – Kangasalan kaupunki
Lähde: https://www.kangasala.fi/vapaa-aika/tilat-ja-vuokraus

Tilojen vuokraus yhdistyksille

Kangasalan kaupunki vuokraa koulujen liikuntasaleja, nuorisotiloja ja kokoustiloja yhdistyksille.

Kausivuorot

Kausivuoroja haetaan keväisin. Syyskauden 2027 ja kevätkauden 2028 vuoroja voi hakea 1.4.–30.4.2027. Kausi alkaa 16.8.2027.

Peruutukset

Kausivuoron voi perua maksutta viimeistään 14 vuorokautta ennen vuoroa. Myöhemmin peruttu vuoro laskutetaan.
`;

/** A grants page whose contact section repeats none of a "who is responsible" question's words. */
const CONTACT_SECTION_PAGE = `# Avustukset yhdistyksille – Ylöjärven kaupunki
Lähde: https://www.ylojarvi.fi/vapaa-aika/avustukset

Kohdeavustukset

Kohdeavustusta voi hakea jatkuvasti. Hakemus on tehtävä vähintään kolme viikkoa ennen tapahtumaa.

Yhteystiedot

Vapaa-aikasihteeri Tiina Koskinen, p. 044 486 1234, tiina.koskinen@ylojarvi.fi
`;

let services: Services;
let dir: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kumppani-pages-'));
  fs.writeFileSync(path.join(dir, 'kuhmoinen-tilat.txt'), PAGE);
  fs.writeFileSync(path.join(dir, 'maakunta-artikkeli.txt'), ARTICLE);
  fs.writeFileSync(path.join(dir, 'kristinestad-gymnastiksalar.txt'), SWEDISH_PAGE);
  fs.writeFileSync(path.join(dir, 'koski-tl-kaytanto.txt'), PRACTICE);
  fs.writeFileSync(path.join(dir, 'loimaa-avustukset.txt'), GRANT_PAGE);
  fs.writeFileSync(path.join(dir, 'loimaa-yhdistysavustukset.txt'), ELIGIBILITY_PAGE);
  fs.writeFileSync(path.join(dir, 'nokia-avustukset.txt'), OPERATING_GRANT_PAGE);
  fs.writeFileSync(path.join(dir, 'keuruu-kylatalot.txt'), TAGGED_PAGE);
  fs.writeFileSync(path.join(dir, 'maakunnan-hyvinvointisopimus.txt'), AGREEMENT);
  fs.writeFileSync(path.join(dir, 'kangasala-tilat.txt'), PREMISES_PAGE);
  fs.writeFileSync(path.join(dir, 'ylojarvi-avustukset.txt'), CONTACT_SECTION_PAGE);
  services = await createServices(testConfig({ KUMPPANI_AUTO_INGEST: 'false' }), { logger: silentLogger });
  const summary = await ingestPaths([dir], services.writer, { cwd: dir });
  expect(summary.failed).toEqual([]);
});
afterAll(async () => {
  await services.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const ask = (text: string) => services.answerer.ask(text, { audience: 'public' });

describe('a municipal web page saved as text, without metadata', () => {
  it('is attributed to the municipality its title and address name, with its title and link', async () => {
    const r = await ask('Paljonko Kuhmoisissa maksaa kerhotilan kausimaksu koko vuodelta?');
    expect(r.answered).toBe(true);
    const cite = r.citations[0]!;
    expect(cite.municipality).toBe('Kuhmoinen');
    expect(cite.title).toBe('Kerhotilat ja salivuorot – Kuhmoisten kunta');
    expect(cite.url).toBe('https://www.kuhmoinen.fi/vapaa-aika/tilat');
  });

  it('answers a price asked for from the list under its lead-in', async () => {
    const r = await ask('Paljonko Kuhmoisissa maksaa kerhotilan kausimaksu koko vuodelta?');
    // The list item alone ("Koko vuosi 180 €") would not say what costs that much.
    expect(r.text).toMatch(/^Kerhotilan kausimaksu: Koko vuosi 180 €/);
  });

  it('answers "how long before" with the length of time, not the season’s deadline', async () => {
    const r = await ask('Kuhmoinen: kauanko etukäteen salivuoro pitää perua?');
    expect(r.answered).toBe(true);
    expect(r.text).toMatch(/^Vuoro on peruttava vähintään viisi vuorokautta/);
  });

  it('answers "what time" with the sentence that gives the hour', async () => {
    const r = await ask('Monelta avustusten sähköinen haku sulkeutuu Kuhmoisissa?');
    expect(r.answered).toBe(true);
    expect(r.text).toMatch(
      /^Hakemukset käsitellään lokakuussa, ja sähköinen haku sulkeutuu viimeisenä päivänä klo 15/,
    );
  });

  it('quotes the answer under a question the page asks itself, not the question', async () => {
    const r = await ask('Minkälaiseen toimintaan Kuhmoisten kerhotilaa voi käyttää?');
    expect(r.answered).toBe(true);
    expect(r.text).toMatch(/^Kerhotilassa voi järjestää kokouksia/);
  });

  it('answers "missä osoitteessa" with the sentence that gives the street address', async () => {
    const r = await ask('Missä osoitteessa Kuhmoisten uusi kerhotila on?');
    expect(r.answered).toBe(true);
    expect(r.text).toContain('Koulutie 5:ssä');
  });

  it('answers from the page and never quotes its row of tags', async () => {
    const r = await ask('Voiko Keuruulla vuokrata kylätalon tilaisuuteen?');
    expect(r.answered).toBe(true);
    expect(r.text).toMatch(/^Kyläyhdistykset voivat vuokrata kaupungin kylätaloja/);
    expect(r.text).not.toContain('kylätalot, vuokraus');
  });

  it('answers a spoken "whom with" from the passage that names the partners', async () => {
    // "kaa" is "kanssa", "lupas" is "lupasi": a commitment, as "lupautuvat" is.
    const r = await ask('kenen kaa ne kunnat lupas hyvinvointisopimukses tehä yhteistyötä');
    expect(r.answered).toBe(true);
    expect(r.text).toContain('kyläyhdistysten, seurakuntien ja paikallisten yritysten kanssa');
  });

  it('refuses "how much" when the sentence it would quote states no sum', async () => {
    // The practice page says who calls the evenings, not what they cost.
    const r = await ask('paljonko yhdistysillat maksaa koski tl:ssä');
    expect(r.answered).toBe(false);
  });

  it('refuses "how many" when the passage that matches states no number', async () => {
    // The agreement says that the municipalities committed, not how many.
    const r = await ask('Montako kuntaa sitoutui hyvinvointisopimukseen maakuntafoorumissa?');
    expect(r.answered).toBe(false);
  });

  it('answers "by when must it be cancelled" with the cancellation rule, not the application period', async () => {
    // "Kangasalla" is how the town's name takes -lla; "14 vuorokautta ennen" is a deadline; and
    // applying for a booking is another step than cancelling one.
    const r = await ask('mihin mennessä kangasalla kevätkauden vuorot pitää perua');
    expect(r.answered).toBe(true);
    expect(r.citations[0]?.municipality).toBe('Kangasala');
    expect(r.text).toMatch(/^Kausivuoron voi perua maksutta viimeistään 14 vuorokautta ennen/);
  });

  it("never quotes the page's own address line", async () => {
    const r = await ask('onks kangasalla vapaa-ajan tiloja vuokrattavana');
    expect(r.text).not.toContain('Lähde:');
  });

  it('answers "who is responsible" from the page\'s contact section, never with a sentence naming no one', async () => {
    const r = await ask('kuka vastaa kohdeavustuksista ylöjärvellä');
    expect(r.text).toContain('Tiina Koskinen');
    expect(r.text).not.toMatch(/^Kohdeavustusta voi hakea/);
  });

  it('leaves a regional article that names several municipalities region-wide', () => {
    expect(attributeDocument({ title: 'Järjestöyhteistyö maakunnassa', body: ARTICLE }).municipality).toBe(
      undefined,
    );
    expect(
      attributeDocument({ title: 'Avustukset', body: 'Avustukset\n\nKeravan kaupunki myöntää avustuksia.' })
        .municipality,
    ).toBe('Kerava');
  });
});

describe('pages in the other language, and places in headings', () => {
  it('answers a Finnish question from a Swedish page, quoting it', async () => {
    const r = await ask(
      'Paljonko paikallinen yhdistys maksaa Kristiinankaupungissa koulun liikuntasalista tunnilta?',
    );
    expect(r.answered).toBe(true);
    expect(r.citations[0]?.title).toBe('Uthyrning av skolornas gymnastiksalar – Kristinestad');
    expect(r.text).toContain('Lokala föreningar 9 €/h');
  });

  it("answers who the contact person is with the town's own Swedish contact line, said to be quoted", async () => {
    const r = await ask('kuka on kristiinankaupungin yhteyshenkilö tilavarauksissa');
    expect(r.answered).toBe(true);
    expect(r.text).toContain('Fritidssekreterare Johanna Back');
    expect(r.text).toMatch(/^Asiakirjojen mukaan:/);
  });

  it('reads "Koski Tl:ssä" as the place, and quotes the fact rather than the heading naming it', async () => {
    const r = await ask('Kuka kutsuu Koski Tl:ssä yhdistysillat koolle?');
    expect(r.answered).toBe(true);
    expect(r.text).toMatch(/^Yhdistysillat kutsuu koolle hyvinvointikoordinaattori/);
  });
});

describe('a grant page that dates several steps', () => {
  it('answers "when to apply" with the application period, not the report deadline', async () => {
    const r = await ask('Milloin kulttuuriavustusta haetaan Loimaalla?');
    expect(r.answered).toBe(true);
    expect(r.text).toMatch(/^Hakuaika on 1\.–15\.2\./);
    // The report's deadline beside it would be one more date to mix up.
    expect(r.text).not.toContain('31.3.');
  });

  it('answers "when is the decision" with the decision, not another step\'s deadline', async () => {
    const r = await ask('Milloin Loimaalla päätetään kulttuuriavustuksista?');
    expect(r.answered).toBe(true);
    expect(r.text).toMatch(/^Sivistyslautakunta päättää avustuksista huhtikuussa/);
    expect(r.text).not.toContain('31.3.');
  });

  it('still answers "when is the report due" with the report deadline', async () => {
    const r = await ask('Mihin mennessä kulttuuriavustuksen käyttöselvitys pitää tehdä Loimaalla?');
    expect(r.text).toMatch(/^Kulttuuriavustuksen käyttöselvitys toimitetaan seuraavan vuoden 31\.3\./);
  });
});

describe('who may apply, and who to ask', () => {
  // The rule of who may, said with "voivat hakea" beside a contact line with a name, and said as
  // "myöntää … yhdistyksille" under an application period that repeats "haku".
  it.each([
    [
      'Kuka voi hakea yhdistysavustusta Loimaalla?',
      'Avustusta voivat hakea loimaalaiset rekisteröidyt yhdistykset',
    ],
    [
      'Who can apply for an association grant in Loimaa?',
      'Avustusta voivat hakea loimaalaiset rekisteröidyt',
    ],
    [
      'Kuka voi hakea toiminta-avustusta Nokialla?',
      'Nokian kaupunki myöntää toiminta-avustuksia nokialaisille',
    ],
    ['Who can apply for an operating grant in Nokia?', 'Nokian kaupunki myöntää toiminta-avustuksia'],
  ])('answers "%s" with the rule of who may, before any contact person', async (question, rule) => {
    const r = await ask(question);
    expect(r.answered).toBe(true);
    expect(r.text).toContain(rule);
    if (r.text.includes('Anna Virta'))
      expect(r.text.indexOf(rule)).toBeLessThan(r.text.indexOf('Anna Virta'));
  });

  it('answers "when can one apply" with the application period, not with who may', async () => {
    // Asked when, the application period answers.
    expect((await ask('Milloin toiminta-avustusta voi hakea Nokialla?')).text).toMatch(
      /^Vuoden 2027 toiminta-avustusten hakuaika/,
    );
  });

  it('still answers "who gives more information" with the person', async () => {
    const r = await ask('Kuka antaa Loimaalla lisätietoja yhdistysavustuksista?');
    expect(r.text).toMatch(/^Avustuksen hakemisesta antaa lisätietoja kulttuurisihteeri Anna Virta/);
  });

  it('points a refusal to the contact line alone, not to the sentences before it', async () => {
    const r = await ask('Paljonko Loimaa korvaa kylätalon sähkölaskuista?');
    expect(r.answered).toBe(false);
    expect(r.contact).toBe(
      'Avustuksen hakemisesta antaa lisätietoja kulttuurisihteeri Anna Virta, anna.virta@loimaa.fi, puh. 044 123 4567.',
    );
    expect(r.text).toContain('044 123 4567.');
    expect(r.text).not.toContain('4567..');
  });
});
