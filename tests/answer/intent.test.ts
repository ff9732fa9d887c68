import { describe, expect, it } from 'vitest';
import {
  answersWho,
  answersHowMany,
  bodiesIn,
  carries,
  detectIntent,
  factKinds,
  isFrameWord,
} from '../../src/answer/intent.ts';

/** Questions that ask for one kind of fact and nothing else (a person's name does not answer them). */
const ONLY_KIND = {
  eligibility: [
    'Kuka voi hakea avustusta?',
    'Ketkä saavat käyttää salia?',
    'Vem kan söka bidrag?',
    'Who can apply?',
  ],
  partner: [
    'Kenen kanssa kunta tekee yhteistyötä?',
    'Keiden kanssa yhdistykset järjestävät tapahtumia?',
    'Med vem samarbetar kommunen?',
    'With whom does the municipality cooperate?',
  ],
};

describe('what a question asks for', () => {
  it('reads a share of municipalities or a number word as an answer to "how many municipalities"', () => {
    expect(carries(factKinds('Nimetty yhdyshenkilö löytyy 23%:sta kuntia.'), 'count')).toBe(true);
    expect(carries(factKinds('Lähes kaikki kunnat (97%) maksavat avustuksia.'), 'count')).toBe(true);
    expect(carries(factKinds('Kunnat kokoontuvat syksyllä.'), 'count')).toBe(false);
    expect(detectIntent('Paljonko kunnat maksavat avustuksia yhteensä?').count).toBe(true);
    expect(detectIntent('Minkä ajan hanke kestää?').kinds).toContain('date');
    // A compound fee or price asks for a sum; renting as a verb does not.
    expect(detectIntent('Mitä yhteisötilan kausimaksu on?').kinds).toContain('amount');
    expect(detectIntent('Vad är lokalhyran?').kinds).toContain('amount');
    expect(detectIntent('Miten tila vuokrataan?').kinds).not.toContain('amount');
    expect(detectIntent('Kuinka suuren avustuksen voi enimmillään saada?').kinds).toContain('amount');
  });

  it('knows "how many" asks for a number, and which sentences carry one', () => {
    expect(detectIntent('montako ihmistä oli lokakuun yhdistysillassa').kinds).toContain('quantity');
    expect(detectIntent('Hur många gånger per år ordnas föreningskvällar?').kinds).toContain('frequency');
    expect(factKinds('Läsnä: 31 osallistujaa 19 yhdistyksestä')).toContain('quantity');
    expect(factKinds('Yhdistysilta järjestetään kolme kertaa vuodessa.')).toContain('quantity');
    // A sum, a date or a time is not a number of things.
    expect(factKinds('Sali maksaa 20 €/h.')).not.toContain('quantity');
    expect(factKinds('Haku päättyy 31.3.2027 klo 15.00.')).not.toContain('quantity');
    // Nor is a year or a span of years; a number word in any case is.
    expect(factKinds('Sopimus tehtiin vuonna 2019 vuosiksi 2019-2025.')).not.toContain('quantity');
    expect(factKinds('Asiakirja löytyy viidestä kunnasta.')).toContain('quantity');
  });

  it('reads a number of seasons as a length of time ("kuinka kauan seuran on pitänyt toimia")', () => {
    expect(detectIntent('Kuinka kauan seuran on pitänyt toimia?').kinds).toContain('duration');
    expect(factKinds('Seuran tulee olla toiminut vähintään yhden toimintakauden.')).toContain('duration');
    expect(factKinds('Sopimus tehdään kahdeksi kaudeksi.')).toContain('duration');
    expect(factKinds('Kausivuorot haetaan keväällä.')).not.toContain('duration');
  });

  it('reads a question about "the municipalities" as one to answer municipality by municipality', () => {
    expect(detectIntent('Which booking systems do the municipalities use?').regional).toBe(true);
    expect(detectIntent('Mitä varausjärjestelmiä kunnat käyttävät?').regional).toBe(true);
    expect(detectIntent('Vilka bokningssystem använder kommunerna?').regional).toBe(true);
    expect(detectIntent('Mikä varausjärjestelmä Routasalmella on?').regional).toBe(false);
  });

  it('reads "milloin" anywhere, and "när" / "when" only where the question starts, as asking for a time', () => {
    expect(detectIntent('hakemus pitää jättää milloin?').when).toBe(true);
    expect(detectIntent('När ska ansökan lämnas in?').when).toBe(true);
    expect(detectIntent('Kangasala: when does the period end?').when).toBe(true);
    expect(detectIntent('Vad ska jag tänka på när jag bokar lokal?').when).toBe(false);
    expect(detectIntent('What do we need to bring when booking the hall?').when).toBe(false);
    expect(detectIntent('Kuka myöntää avustukset?').when).toBe(false);
  });

  it('finds a person question whose word ends in ä ("keltä")', () => {
    expect(detectIntent('keltä kysyn avustuksista').kinds).toContain('person');
    // "Ketä voin kysyä …?", "keneltä …?": whom to ask, in the partitive and the ablative.
    expect(detectIntent('ketä voin kysyä eläkeläisyhdistyksen avustuksesta').kinds).toContain('person');
    expect(detectIntent('keneltä saa lisätietoa?').kinds).toContain('person');
  });

  it('reads no name into a sentence that opens with a clitic before a place ("Tähänkin Pohjois-…")', () => {
    expect(factKinds('Tähänkin Pohjois-Pohjanmaalla on ratkaisuja.')).not.toContain('person');
    expect(factKinds('Yhteyshenkilö on Annika Sjöberg.')).toContain('person');
  });

  it('finds the bodies that answer "who decides / who funds": boards, committees, acronyms', () => {
    expect(bodiesIn('Hanke on osa STEAn rahoittamaa ohjelmaa.')).toEqual(['STEAn']);
    expect(bodiesIn('Sivistyslautakunta päättää avustuksista kesäkuussa.')).toEqual(['Sivistyslautakunta']);
    expect(bodiesIn('Bidragen beviljas av bildningsnämnden.')).toEqual(['bildningsnämnden']);
    expect(bodiesIn('Tilat ovat maksuttomia yhdistyksille.')).toEqual([]);
  });

  it('reads "who can apply" as a question of eligibility, not of a person', () => {
    for (const q of ONLY_KIND.eligibility) expect([...detectIntent(q).kinds], q).toEqual(['eligibility']);
    expect(detectIntent('Kuka on yhteyshenkilö?').kinds).toContain('person');
    expect(factKinds('Avustusta voivat hakea rekisteröidyt yhdistykset.')).toContain('eligibility');
    expect(factKinds('Lisätietoja antaa Anna Virta.')).not.toContain('eligibility');
    expect(factKinds('Selvitys tehdään seuraavan vuoden hakemuksen yhteydessä.')).toContain('date');
  });

  it('tells "how often" from "how many", and which sentences could answer "how many"', () => {
    expect(detectIntent('Kuinka usein yhdistysiltoja pidetään?').kinds).toContain('frequency');
    expect(detectIntent('Hur ofta träffas föreningarna?').kinds).toContain('frequency');
    expect(factKinds('Yhdistysillat pidetään kahdesti vuodessa.')).toContain('frequency');
    expect(factKinds('Illat pidetään viikoittain.')).toContain('frequency');
    // "How many times a year" is how often, and "all year round" answers it without a number.
    expect([...detectIntent('Montako kertaa vuodessa voi hakea kohdeavustusta?').kinds]).toEqual([
      'frequency',
    ]);
    expect(factKinds('Kohdeavustusta voi hakea ympäri vuoden.')).toContain('frequency');
    const howMany = detectIntent('Montako ihmistä osallistui foorumiin?');
    expect(answersHowMany(howMany, factKinds('Foorumiin osallistui 120 ihmistä.'))).toBe(true);
    expect(answersHowMany(howMany, factKinds('Sopimus allekirjoitettiin foorumissa Ylivieskassa.'))).toBe(
      false,
    );
    // A total over the municipalities may be a sum.
    const total = detectIntent('Paljonko kunnat käyttävät keskimäärin avustuksiin?');
    expect(
      answersHowMany(total, factKinds('Kunnat käyttivät keskimäärin 11,80 euroa asukasta kohden.')),
    ).toBe(true);
    expect(answersHowMany(detectIntent('Milloin?'), factKinds('Ei lukuja.'))).toBe(true);
    // "How much" wants a sum; a free room's "maksutta" is one.
    const much = detectIntent('Paljonko sali maksaa?');
    expect(answersHowMany(much, factKinds('Salin voi varata kunnasta.'))).toBe(false);
    expect(answersHowMany(much, factKinds('Sali on yhdistyksille maksutta.'))).toBe(true);
    expect(answersHowMany(detectIntent('Hur mycket kostar salen?'), factKinds('Hinnat vaihtelevat.'))).toBe(
      false,
    );
    // Opening hours are numbers, not a price.
    const price = detectIntent('paljonko koulun sali maksaa');
    expect(answersHowMany(price, factKinds('Saleja vuokrataan klo 17–22.'))).toBe(false);
    // "kuun" (the month's) says no frequency.
    expect(factKinds('Haku päättyy kuun lopussa.')).not.toContain('frequency');
  });

  it('reads "what percentage" as asking for a share, whose word is the frame, not the content', () => {
    for (const q of [
      'Kuinka monta prosenttia kunnista maksaa avustuksia?',
      'What percentage of municipalities pay grants?',
      'Hur stor andel av kommunerna betalar bidrag?',
    ])
      expect(detectIntent(q).kinds, q).toContain('share');
    const share = detectIntent('What percentage of municipalities pay grants?').kinds;
    expect(carries(factKinds('Lähes kaikki kunnat (97%) maksavat avustuksia.'), 'share')).toBe(true);
    expect(isFrameWord('percentage', share)).toBe(true);
    expect(isFrameWord('prosenttia', detectIntent('Montako prosenttia?').kinds)).toBe(true);
    expect(isFrameWord('percentage', detectIntent('When is the deadline?').kinds)).toBe(false);
    expect(isFrameWord('hakea', detectIntent('Kuka voi hakea avustusta?').kinds)).toBe(true);
  });

  it('reads "whom with" as a question for partners, and finds the sentence that names them', () => {
    for (const q of ONLY_KIND.partner) expect([...detectIntent(q).kinds], q).toEqual(['partner']);
    expect(factKinds('Kunta tekee yhteistyötä seurakunnan ja yritysten kanssa.')).toContain('partner');
    expect(factKinds('Kommunen samarbetar tillsammans med föreningarna.')).toContain('partner');
    expect(factKinds('Yhteistyö on kaikkien asia.')).not.toContain('partner');
  });
});

describe('who, as asked', () => {
  it('reads a phone number or an email asked for, and the holder of a named role', () => {
    expect(detectIntent('Mikä on hankkeen puhelinnumero?').details).toBe(true);
    expect(detectIntent('What is the email of the project?').details).toBe(true);
    expect(detectIntent('Kuka on hankkeen projektipäällikkö?').role).toBe(true);
    expect(detectIntent('Vem är ordförande i föreningsrådet?').role).toBe(true);
    // About the role, not for its holder; and who, without a role.
    expect(detectIntent('paljonko yhdyshenkilön työajasta pitäisi mennä yhdistysasioihin').role).toBe(false);
    expect(detectIntent('Kuka hoitaa yhteydenpidon yhdistyksiin?').role).toBe(false);
  });

  it('needs a number for a phone, and a person, not a region’s project, for a role', () => {
    const role = { details: false, role: true };
    expect(answersWho(role, 'Projektipäällikkö, järjestöagentti Helena Liimatainen')).toBe(true);
    expect(answersWho(role, 'Yhdistysten yhteyshenkilö on hyvinvointikoordinaattori Jaana Kettunen.')).toBe(
      true,
    );
    expect(answersWho(role, 'Pirkanmaan Järjestö 2.0 -hankkeen tavoitteena on saada aikaan rakenteet.')).toBe(
      false,
    );
    const phone = { details: true, role: false };
    expect(answersWho(phone, 'Järjestöagentti Anna Katajala, Pohjois-Pohjanmaan järjestörakenne-hanke')).toBe(
      false,
    );
    expect(answersWho(phone, 'Vapaa-aikasihteeri Tiina Koskinen, p. 044 486 1234')).toBe(true);
    expect(answersWho({ details: false, role: false }, 'Hanke tukee kuntia.')).toBe(true);
  });
});

describe('dates said in words', () => {
  it('reads a time said relative to the text, or a season or year in words, as a date', () => {
    for (const s of [
      'Vastauksia pääsemme analysoimaan ensi viikolla.',
      'Suositus valmistuu loppuvuodesta 2019.',
      'Asiakirja laadittiin vuonna 2018.',
      'Svaren analyseras nästa vecka.',
      'The answers will be analysed next week.',
    ])
      expect(factKinds(s).has('date'), s).toBe(true);
    expect(factKinds('Hanke tukee kuntia yhteistyössä.').has('date')).toBe(false);
  });
});
