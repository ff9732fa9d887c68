import { describe, expect, it } from 'vitest';
import { MunicipalityRegistry } from '../../src/kernel/municipalities.ts';
import { FINNISH_MUNICIPALITIES } from '../../src/kernel/municipalities-data.ts';

const registry = new MunicipalityRegistry([
  { name: 'Kaislaniemi', documents: 3 },
  { name: 'Routasalmi', documents: 2 },
  { name: 'Närpes', documents: 1 },
]);

const found = (text: string) => registry.detect(text).map((m) => m.municipality.name);

describe('the municipality list', () => {
  it('knows every Finnish municipality, with Swedish names where they exist', () => {
    expect(FINNISH_MUNICIPALITIES.length).toBeGreaterThanOrEqual(308);
    const pairs = Object.fromEntries(FINNISH_MUNICIPALITIES.map(([fi, sv]) => [fi, sv]));
    expect(pairs).toMatchObject({
      Helsinki: 'Helsingfors',
      Närpiö: 'Närpes',
      Pietarsaari: 'Jakobstad',
      Kokkola: 'Karleby',
      Vaasa: 'Vasa',
      Turku: 'Åbo',
      Espoo: 'Esbo',
      Porvoo: 'Borgå',
      Raasepori: 'Raseborg',
      Kristiinankaupunki: 'Kristinestad',
      Uusikaarlepyy: 'Nykarleby',
      Mustasaari: 'Korsholm',
      Maalahti: 'Malax',
      'Pedersören kunta': 'Pedersöre',
      Kruunupyy: 'Kronoby',
      Luoto: 'Larsmo',
      Inkoo: 'Ingå',
      Kirkkonummi: 'Kyrkslätt',
      Sipoo: 'Sibbo',
      Loviisa: 'Lovisa',
      Parainen: 'Pargas',
      Kemiönsaari: 'Kimitoön',
      Hanko: 'Hangö',
      Lohja: 'Lojo',
      Vantaa: 'Vanda',
      Kauniainen: 'Grankulla',
    });
    expect(Object.keys(pairs)).toEqual(
      expect.arrayContaining(['Korsnäs', 'Ii', 'Iisalmi', 'Utsjoki', 'Sottunga']),
    );
    expect(new Set(FINNISH_MUNICIPALITIES.map(([fi]) => fi)).size).toBe(FINNISH_MUNICIPALITIES.length);
  });

  it('adds the index’s own (fictional) municipalities and maps a Swedish index spelling to the municipality', () => {
    expect(registry.byExactName('routasalmi')?.documents).toBe(2);
    const narpio = registry.byExactName('Närpiö')!;
    expect(narpio.indexName).toBe('Närpes');
    expect(MunicipalityRegistry.searchName(narpio)).toBe('Närpes');
    expect(MunicipalityRegistry.searchName(registry.byExactName('Iisalmi')!)).toBe('Iisalmi');
    expect(
      registry
        .ordered()
        .slice(0, 3)
        .map((m) => m.name),
    ).toEqual(['Kaislaniemi', 'Närpiö', 'Routasalmi']);
  });
});

describe('recognising municipalities in free text', () => {
  const finnish: Array<[string, string]> = [
    ['Iisalmessa', 'Iisalmi'],
    ['Iisalmen', 'Iisalmi'],
    ['Iisalmelle', 'Iisalmi'],
    ['Iisalmeen', 'Iisalmi'],
    ['Lahdessa', 'Lahti'],
    ['Lahden', 'Lahti'],
    ['Lahteen', 'Lahti'],
    ['Helsingissä', 'Helsinki'],
    ['Helsingin', 'Helsinki'],
    ['Helsinkiin', 'Helsinki'],
    ['Turussa', 'Turku'],
    ['Turun', 'Turku'],
    ['Turkuun', 'Turku'],
    ['Närpiön', 'Närpiö'],
    ['Närpiössä', 'Närpiö'],
    ['Kemissä', 'Kemi'],
    ['Porissa', 'Pori'],
    ['Iissä', 'Ii'],
    ['Iin', 'Ii'],
    ['Iihin', 'Ii'],
    ['Kuopiossa', 'Kuopio'],
    ['Joensuussa', 'Joensuu'],
    ['Seinäjoella', 'Seinäjoki'],
    ['Rovaniemellä', 'Rovaniemi'],
    ['Kirkkonummella', 'Kirkkonummi'],
    ['Lappeenrannassa', 'Lappeenranta'],
    ['Hangossa', 'Hanko'],
    ['Toholammilla', 'Toholampi'],
    ['Outokummussa', 'Outokumpu'],
    ['Limingassa', 'Liminka'],
    ['Juuassa', 'Juuka'],
    ['Haapavedellä', 'Haapavesi'],
    ['Kiteellä', 'Kitee'],
    ['Tampereella', 'Tampere'],
    ['Pälkäneellä', 'Pälkäne'],
    ['Kauniaisissa', 'Kauniainen'],
    ['Kauniaisten', 'Kauniainen'],
    ['Paraisilla', 'Parainen'],
    ['Nurmeksessa', 'Nurmes'],
    ['Varkaudessa', 'Varkaus'],
    ['Kristiinankaupungissa', 'Kristiinankaupunki'],
    ['Hyvinkäällä', 'Hyvinkää'],
    ['Järvenpäähän', 'Järvenpää'],
    ['Pietarsaaressa', 'Pietarsaari'],
    ['Luodossa', 'Luoto'],
    ['Maalahdella', 'Maalahti'],
    ['Mänttä-Vilppulassa', 'Mänttä-Vilppula'],
    ['Uudessakaupungissa', 'Uusikaupunki'],
    ['Isossakyrössä', 'Isokyrö'],
    ['Virroilla', 'Virrat'],
    ['Pihtiputaalla', 'Pihtipudas'],
    ['Punkalaitumella', 'Punkalaidun'],
    ['Pedersören kunnassa', 'Pedersören kunta'],
    ['Koski Tl:ssä', 'Koski Tl'],
    ['Korsnäsissä', 'Korsnäs'],
    ['Espoossakin', 'Espoo'],
    ['Iisalmi:n', 'Iisalmi'],
    ['Kaislaniemellä', 'Kaislaniemi'],
    ['Routasalmen', 'Routasalmi'],
    ['Routasalmella', 'Routasalmi'],
    // Spoken Finnish clips the local cases: -ssa -> -s, -sta -> -st, -lla -> -l, -lta -> -lt.
    ['Tuusulas', 'Tuusula'],
    ['Espoost', 'Espoo'],
    ['Kirkkonummel', 'Kirkkonummi'],
    ['Paraisilt', 'Parainen'],
    ['Jyväskyläski', 'Jyväskylä'],
  ];
  it.each(finnish)('Finnish %s -> %s', (text, name) => {
    expect(found(`Milloin ${text} avustushaku päättyy?`)).toEqual([name]);
  });

  const swedish: Array<[string, string]> = [
    ['När går ansökningstiden ut i Närpes?', 'Närpiö'],
    ['Närpes kommun har en föreningskväll', 'Närpiö'],
    ['Jakobstads stad och föreningarna', 'Pietarsaari'],
    ['Vem är kontaktperson i Helsingfors?', 'Helsinki'],
    ['Bidrag i Åbo', 'Turku'],
    ['Får vi boka en lokal i Esbo?', 'Espoo'],
    ['Och i Vasa?', 'Vaasa'],
    ['i Korsholm', 'Mustasaari'],
    ['föreningar i Pedersöre', 'Pedersören kunta'],
  ];
  it.each(swedish)('Swedish "%s" -> %s', (text, name) => {
    expect(found(text)).toEqual([name]);
  });

  it('recognises every municipality by its Finnish and Swedish name, and its genitive', () => {
    for (const [fi, sv] of FINNISH_MUNICIPALITIES) {
      expect(found(`Avustukset: ${fi}`), fi).toEqual([fi]);
      if (sv) expect(found(`Bidrag i ${sv}`), sv).toEqual([fi]);
      if (sv && !/[sxz]$/.test(sv)) expect(found(`${sv}s kommun`), `${sv}s`).toEqual([fi]);
    }
  });

  it('finds several municipalities in one question, in order', () => {
    expect(found('vertaa Iisalmen ja Lahden tilamaksuja')).toEqual(['Iisalmi', 'Lahti']);
  });

  it('reads an inhabitant\'s word as its municipality ("tuusulalaisen yhdistyksen", "lahtelaiset")', () => {
    expect(found('Tarvitseeko tuusulalaisen eläkeläisyhdistyksen maksaa salista?')).toEqual(['Tuusula']);
    expect(found('voiko vaasalainen yhdistys hakea tukea')).toEqual(['Vaasa']);
    // -nen and -i names change before the ending; a common-word name needs no capital here.
    expect(found('kuhmoislainen seura ja lahtelaiset yhdistykset')).toEqual(['Kuhmoinen', 'Lahti']);
    // Adjectives of the same shape name no place.
    expect(found('suomalainen, paikallinen ja alueellinen yhdistys')).toEqual([]);
  });

  it('reads phone Finnish with clipped endings, in lower case too', () => {
    expect(found('onks espoos koulun luokat ilmasii')).toEqual(['Espoo']);
    expect(found('mitä maksaa paraisil luokkahuone')).toEqual(['Parainen']);
  });

  it('reads a name in -la with its syllable said once ("Kangasalla", "Sastamalta")', () => {
    expect(found('onks kangasalla saunaa')).toEqual(['Kangasala']);
    expect(found('Sastamalta tuli hakemus, ja Hollolle lähti päätös')).toEqual(['Sastamala', 'Hollola']);
    expect(found('Kangasalalla')).toEqual(['Kangasala']);
  });

  it('reads a name that is a common word only as written in any case once inflected ("nokialla")', () => {
    expect(found('paljonko nokialla maksaa sali')).toEqual(['Nokia']);
    expect(found('nokian kaupungin avustukset')).toEqual(['Nokia']);
    expect(found('nokia on puhelinyhtiö')).toEqual([]);
  });

  it('counts names that are everyday words only when capitalised', () => {
    expect(found('kosken rannalla on kotka ja salossa kolari')).toEqual([]);
    expect(found('Kotkan ja Salon avustukset')).toEqual(['Kotka', 'Salo']);
    expect(registry.resolve('kotka')?.name).toBe('Kotka');
  });

  it('does not see municipalities in ordinary questions', () => {
    const questions = [
      'Milloin avustushaku päättyy? Mitä liitteitä siihen tarvitaan?',
      'Saako meidän seura käyttää koulun salia ilmaseks?',
      'Kuka on järjestöyhdyshenkilö ja miten häneen saa yhteyden?',
      'Entä tilojen varaaminen, paljonko se maksaa tunnilta?',
      'Hakemukseen liitetään toimintasuunnitelma, talousarvio, vuosikertomus, tilinpäätös ja tilintarkastajan lausunto.',
      'Yhdistysilta järjestetään keväällä ja syksyllä rannalla, joella, saaressa, mäellä tai niemellä.',
      'När går ansökningstiden ut? Vilka bilagor behövs? Får vår förening använda skolans gymnastiksal gratis?',
      'When does the grant application period end? Can our club use the school gym for free?',
      'Missä kunnissa tilat ovat maksuttomia? Vertaa kuntien tilamaksuja. Kiitos, moi, apua!',
    ];
    for (const q of questions) expect(found(q), q).toEqual([]);
  });

  it('resolves command arguments in any case and inflection, and suggests close names for typos', () => {
    expect(registry.resolve('iisalmi')?.name).toBe('Iisalmi');
    expect(registry.resolve('Närpes')?.name).toBe('Närpiö');
    expect(registry.resolve('helsingfors')?.name).toBe('Helsinki');
    expect(registry.resolve('kaislaniemi')?.name).toBe('Kaislaniemi');
    expect(registry.resolve('Atlantis')).toBeUndefined();
    expect(registry.suggest('Iisalmii').map((m) => m.name)).toContain('Iisalmi');
  });
});
