/**
 * Fictional municipalities for the benchmark corpus: a Finnish nature word and a place-name ending
 * ("Koivu" + "salmi"), with the inflected forms a document needs, the people who answer
 * associations' questions, and the numbers (grants, fees, dates) their documents state. Every
 * municipality is derived from (seed, index) alone, so a small corpus is a prefix of a large one.
 */
import { FINNISH_MUNICIPALITIES } from '../src/kernel/municipalities-data.ts';
import { Rng } from './rng.ts';

/** A place-name ending with the forms Finnish text needs. */
interface Ending {
  nom: string;
  gen: string;
  /** "in X": inessive or adessive, as the name takes it (Koivusalmessa, Koivukoskella). */
  loc: string;
  /** "from X" (elative or ablative). */
  from: string;
  /** Inhabitant adjective stem without -nen (koivusalmelai-). */
  adj: string;
  /** The Swedish ending, for bilingual municipalities. */
  sv?: string;
}

const ENDINGS: Ending[] = [
  {
    nom: 'salmi',
    gen: 'salmen',
    loc: 'salmessa',
    from: 'salmesta',
    adj: 'salmelai',
    sv: 'sund',
  },
  {
    nom: 'koski',
    gen: 'kosken',
    loc: 'koskella',
    from: 'koskelta',
    adj: 'koskelai',
    sv: 'fors',
  },
  { nom: 'niemi', gen: 'niemen', loc: 'niemellä', from: 'niemeltä', adj: 'niemeläi', sv: 'näs' },
  { nom: 'joki', gen: 'joen', loc: 'joella', from: 'joelta', adj: 'jokelai', sv: 'å' },
  {
    nom: 'lahti',
    gen: 'lahden',
    loc: 'lahdessa',
    from: 'lahdesta',
    adj: 'lahtelai',
    sv: 'vik',
  },
  {
    nom: 'järvi',
    gen: 'järven',
    loc: 'järvellä',
    from: 'järveltä',
    adj: 'järveläi',
    sv: 'träsk',
  },
  {
    nom: 'vaara',
    gen: 'vaaran',
    loc: 'vaaralla',
    from: 'vaaralta',
    adj: 'vaaralai',
    sv: 'berg',
  },
  { nom: 'mäki', gen: 'mäen', loc: 'mäellä', from: 'mäeltä', adj: 'mäkeläi', sv: 'backa' },
  {
    nom: 'lampi',
    gen: 'lammen',
    loc: 'lammella',
    from: 'lammelta',
    adj: 'lampilai',
    sv: 'tjärn',
  },
  { nom: 'saari', gen: 'saaren', loc: 'saaressa', from: 'saaresta', adj: 'saarelai', sv: 'ö' },
  {
    nom: 'ranta',
    gen: 'rannan',
    loc: 'rannalla',
    from: 'rannalta',
    adj: 'rantalai',
    sv: 'strand',
  },
  { nom: 'kylä', gen: 'kylän', loc: 'kylässä', from: 'kylästä', adj: 'kyläläi', sv: 'by' },
  {
    nom: 'virta',
    gen: 'virran',
    loc: 'virralla',
    from: 'virralta',
    adj: 'virtalai',
    sv: 'ström',
  },
  { nom: 'harju', gen: 'harjun', loc: 'harjulla', from: 'harjulta', adj: 'harjulai', sv: 'ås' },
  {
    nom: 'linna',
    gen: 'linnan',
    loc: 'linnassa',
    from: 'linnasta',
    adj: 'linnalai',
    sv: 'borg',
  },
  { nom: 'vesi', gen: 'veden', loc: 'vedellä', from: 'vedeltä', adj: 'veteläi' },
];

/** Nature words for the first part, with a Swedish counterpart where one reads naturally. */
const STEMS: Array<[fi: string, sv?: string]> = [
  ['Koivu', 'Björk'],
  ['Haapa', 'Asp'],
  ['Pihlaja', 'Rönn'],
  ['Kataja', 'En'],
  ['Leppä', 'Al'],
  ['Tammi', 'Ek'],
  ['Paju', 'Vide'],
  ['Kallio', 'Häll'],
  ['Hiekka', 'Sand'],
  ['Kivi', 'Sten'],
  ['Savi', 'Ler'],
  ['Mänty', 'Tall'],
  ['Kanerva', 'Ljung'],
  ['Vaski', 'Koppar'],
  ['Rauta', 'Järn'],
  ['Kulta', 'Guld'],
  ['Hopea', 'Silver'],
  ['Lumi', 'Snö'],
  ['Tuuli', 'Vind'],
  ['Pilvi'],
  ['Ilves', 'Lo'],
  ['Karhu', 'Björn'],
  ['Susi', 'Varg'],
  ['Kettu', 'Räv'],
  ['Hirvi', 'Älg'],
  ['Kurki', 'Tran'],
  ['Joutsen', 'Svan'],
  ['Haukka', 'Hök'],
  ['Kotka', 'Örn'],
  ['Korppi', 'Korp'],
  ['Lohi', 'Lax'],
  ['Hauki', 'Gädd'],
  ['Ahven', 'Abborr'],
  ['Kuha', 'Gös'],
  ['Siika', 'Sik'],
  ['Muikku', 'Mujk'],
  ['Kaura', 'Havre'],
  ['Ruis', 'Råg'],
  ['Ohra', 'Korn'],
  ['Pelto', 'Åker'],
  ['Niitty', 'Äng'],
  ['Metsä', 'Skog'],
  ['Korpi'],
  ['Aho'],
  ['Rinne', 'Brink'],
  ['Vuori', 'Fjäll'],
  ['Kuusi', 'Gran'],
  ['Mustikka', 'Blåbär'],
  ['Puola', 'Lingon'],
  ['Lakka', 'Hjortron'],
  ['Kaarna', 'Bark'],
  ['Tervo', 'Tjär'],
  ['Sarvi', 'Horn'],
  ['Sulka', 'Fjäder'],
  ['Kaski', 'Svedje'],
  ['Marja', 'Bär'],
  ['Kirkko', 'Kyrk'],
  ['Mylly', 'Kvarn'],
  ['Kello', 'Klock'],
  ['Silta', 'Bro'],
  ['Ruoko', 'Vass'],
  ['Sara', 'Starr'],
  ['Kuikka', 'Lom'],
  ['Tikka', 'Hack'],
  ['Orava', 'Ekorr'],
  ['Jänis', 'Hare'],
  ['Majava', 'Bäver'],
  ['Saukko', 'Utter'],
  ['Kotiranta'],
  ['Tähti', 'Stjärn'],
  ['Kuu', 'Mån'],
  ['Aamu', 'Morgon'],
  ['Sammal'],
  ['Kaisla'],
  ['Routa'],
  ['Helmi', 'Pärl'],
  ['Vilja', 'Säd'],
  ['Kaislikko'],
  ['Lehto', 'Lund'],
  ['Kangas', 'Mo'],
  ['Honka', 'Fur'],
];

/** The demo pack's own towns stay out, so that benchmark questions never reach demo documents. */
const RESERVED = new Set(['routasalmi', 'sammalkoski', 'kaislaniemi']);

const FIRST_NAMES = [
  'Mikko',
  'Raili',
  'Jere',
  'Noora',
  'Hanna',
  'Jaana',
  'Pirkko',
  'Annika',
  'Henrik',
  'Pekka',
  'Marjatta',
  'Sari',
  'Timo',
  'Anu',
  'Kari',
  'Leena',
  'Juha',
  'Päivi',
  'Antti',
  'Tiina',
  'Ville',
  'Minna',
  'Heikki',
  'Satu',
  'Janne',
  'Riikka',
  'Markku',
  'Elina',
  'Tuomas',
  'Katja',
  'Olli',
  'Johanna',
  'Petri',
  'Hilkka',
  'Aki',
  'Outi',
  'Sami',
  'Maarit',
  'Lauri',
  'Eeva',
  'Jussi',
  'Kaisa',
];
const SURNAMES = [
  'Halme',
  'Koskenniemi',
  'Salonen',
  'Peltola',
  'Lampinen',
  'Kettunen',
  'Lind',
  'Sjöberg',
  'Åström',
  'Rinne',
  'Heikura',
  'Virtanen',
  'Korhonen',
  'Mäkinen',
  'Nieminen',
  'Hämäläinen',
  'Laine',
  'Heikkinen',
  'Koskinen',
  'Järvinen',
  'Lehtonen',
  'Lehtinen',
  'Saarinen',
  'Niemi',
  'Kinnunen',
  'Turunen',
  'Salo',
  'Tuominen',
  'Rantanen',
  'Karjalainen',
  'Jokinen',
  'Mattila',
  'Savolainen',
  'Lahtinen',
  'Ahonen',
  'Hiltunen',
  'Leinonen',
  'Miettinen',
  'Aaltonen',
  'Pesonen',
];

/** Real municipality names (any language), lower-cased: a generated name must not be one. */
const REAL = new Set(
  FINNISH_MUNICIPALITIES.flatMap(([fi, sv]) => [fi, sv].filter(Boolean).map((n) => n!.toLowerCase())),
);

export interface Person {
  name: string;
  title: string;
  email: string;
  phone: string;
}

export interface Premise {
  name: string;
  /** "Kaislasali (80 henkeä)" etc. */
  capacity?: number;
  hours: string;
  /** Price line shown in tables, e.g. "15 €/h". */
  price: string;
}

/** One fictional municipality with everything its documents say. */
export interface Town {
  index: number;
  name: string;
  /** Koivusalmen */
  gen: string;
  /** Koivusalmessa / Koivukoskella */
  loc: string;
  /** Koivusalmesta / Koivukoskelta */
  from: string;
  /** koivusalmelainen */
  adj: string;
  /** koivusalmelaisille */
  adjPlAll: string;
  /** koivusalmelaisten */
  adjPlGen: string;
  swedishName?: string;
  bilingual: boolean;
  city: boolean;
  /** kunnan / kaupungin */
  kindGen: string;
  /** kunta / kaupunki */
  kind: string;
  /** kunnantalo / kaupungintalo */
  hall: string;
  slug: string;
  domain: string;
  population: number;
  associations: number;
  villages: number;
  board: string;
  /** hyvinvointilautakunnassa */
  boardLoc: string;
  street: string;
  coordinator: Person;
  deputy: Person;
  sports: Person;
  culture: Person;
  booking: Person;
  /** Yearly grant budget, euros. */
  budget: number;
  operatingName: string;
  /** The name without its last letter, for case endings: toiminta-avustu(ksen). */
  opStem: string;
  operatingStart: string;
  operatingEnd: string;
  operatingMaxPct: number;
  projectMax: number;
  projectDeadlines: [string, string];
  eventMax: number;
  eventWeeks: number;
  villageMax: number;
  reportDeadline: string;
  decisionMonth: string;
  paymentMonth: string;
  eveningMonths: [string, string];
  eveningWeekday: string;
  councilMembers: number;
  councilName: string;
  councilGen: string;
  councilLoc: string;
  officeHours: string;
  gymPrice: number;
  hallPrice: number;
  auditoriumPrice: number;
  cleaningFee: number;
  keyDeposit: number;
  cancelDays: number;
  bookDays: number;
  seasonDeadline: string;
  bookingSystem: string;
  premises: Premise[];
  schools: string[];
  newsletter: string;
  newsletterGen: string;
  newsletterLoc: string;
  magazine: string;
}

const MONTHS_IN = [
  'tammikuussa',
  'helmikuussa',
  'maaliskuussa',
  'huhtikuussa',
  'toukokuussa',
  'kesäkuussa',
  'heinäkuussa',
  'elokuussa',
  'syyskuussa',
  'lokakuussa',
  'marraskuussa',
  'joulukuussa',
];

const ascii = (s: string): string =>
  s
    .toLowerCase()
    .replace(/[äå]/g, 'a')
    .replace(/ö/g, 'o')
    .replace(/[^a-z0-9]+/g, '');

/** `areaCode` is the municipality's own number block, e.g. "040 712". */
function person(rng: Rng, title: string, domain: string, areaCode: string, used: Set<string>): Person {
  let first = rng.pick(FIRST_NAMES);
  let last = rng.pick(SURNAMES);
  for (let i = 0; i < 5 && used.has(`${first} ${last}`); i++) {
    first = rng.pick(FIRST_NAMES);
    last = rng.pick(SURNAMES);
  }
  used.add(`${first} ${last}`);
  return {
    name: `${first} ${last}`,
    title,
    email: `${ascii(first)}.${ascii(last)}@${domain}`,
    phone: `${areaCode} ${rng.int(1000, 9999)}`,
  };
}

const thousands = (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
export { thousands };

/** Every usable (stem, ending) name, in an order fixed by the seed. */
function nameOrder(seed: number): Array<{ stem: [string, string?]; ending: Ending }> {
  const all: Array<{ stem: [string, string?]; ending: Ending }> = [];
  for (const stem of STEMS) {
    for (const ending of ENDINGS) {
      const name = stem[0] + ending.nom;
      if (RESERVED.has(name.toLowerCase()) || REAL.has(name.toLowerCase())) continue;
      all.push({ stem, ending });
    }
  }
  return new Rng(seed ^ 0x5eed).shuffle(all);
}

const orderCache = new Map<number, ReturnType<typeof nameOrder>>();

/** How many distinct municipalities one seed can give. */
export function townCapacity(seed: number): number {
  return orderCache.get(seed)?.length ?? nameOrder(seed).length;
}

/** The `index`th municipality of the corpus made from `seed`. */
export function makeTown(seed: number, index: number): Town {
  let order = orderCache.get(seed);
  if (!order) {
    order = nameOrder(seed);
    orderCache.set(seed, order);
  }
  const entry = order[index % order.length]!;
  // Beyond the name list (more than ~1100 municipalities), a syllable after the stem keeps names unique.
  const round = Math.floor(index / order.length);
  const rng = Rng.derive(seed, 'town', index);
  const { stem, ending } = entry;
  const stemFi = `${stem[0]}${['', 'n', 'la', 'ma', 'ra', 'va'][round] ?? `${round}-`}`;
  const name = stemFi + ending.nom;
  const lower = name.toLowerCase();
  const population = rng.chance(0.3) ? rng.round(20_000, 90_000, 100) : rng.round(2_000, 19_000, 100);
  const city = population >= 20_000;
  const bilingual = !!stem[1] && !!ending.sv && rng.chance(0.12);
  const slug = ascii(name);
  const domain = `${slug}.example.fi`;
  const area = rng.pick(['040', '044', '050']) + ` ${rng.int(100, 999)}`;
  const used = new Set<string>();
  const opStartDay = rng.pick([
    ['1.2.', '31.3.'],
    ['1.3.', '30.4.'],
    ['15.1.', '15.2.'],
    ['1.4.', '30.4.'],
    ['1.2.', '28.2.'],
    ['1.10.', '31.10.'],
  ]);
  const eveningPairs: Array<[string, string]> = [
    ['maaliskuussa', 'lokakuussa'],
    ['helmikuussa', 'syyskuussa'],
    ['huhtikuussa', 'marraskuussa'],
    ['tammikuussa', 'elokuussa'],
  ];
  const schoolsPool = [
    'Keskuskoulu',
    'Kirkonkylän koulu',
    'Harjun koulu',
    'Rannan koulu',
    'Mäntylän koulu',
    'Koivikon koulu',
    'Lukio',
    'Yhtenäiskoulu',
    'Asemanseudun koulu',
  ];
  const schools = rng.sample(schoolsPool, rng.int(2, 4));
  const hall = city ? 'kaupungintalo' : 'kunnantalo';
  const gymPrice = rng.int(8, 22);
  const hallPrice = rng.int(15, 45);
  const auditoriumPrice = rng.int(30, 70);
  const hallRoom = `${rng.pick(['Kaisla', 'Sammal', 'Pihlaja', 'Kataja', 'Kuikka', 'Tervas', 'Honka', 'Lumme'])}sali`;
  const meetingRoom = rng.pick(['Kivi', 'Koski', 'Salmi', 'Aalto', 'Tuuli', 'Kajo', 'Ranta']);
  const board = rng.pick([
    ['hyvinvointilautakunta', 'hyvinvointilautakunnassa'],
    ['vapaa-aikalautakunta', 'vapaa-aikalautakunnassa'],
    ['sivistyslautakunta', 'sivistyslautakunnassa'],
    ['kulttuuri- ja vapaa-aikalautakunta', 'kulttuuri- ja vapaa-aikalautakunnassa'],
  ] as const);
  const council = rng.pick([
    ['järjestöneuvottelukunta', 'järjestöneuvottelukunnan', 'järjestöneuvottelukunnassa'],
    ['järjestöneuvosto', 'järjestöneuvoston', 'järjestöneuvostossa'],
    ['kylä- ja järjestöneuvosto', 'kylä- ja järjestöneuvoston', 'kylä- ja järjestöneuvostossa'],
    ['yhdistysfoorumi', 'yhdistysfoorumin', 'yhdistysfoorumissa'],
  ] as const);
  const newsletter = rng.pick([
    ['Yhdistyskirje', 'Yhdistyskirjeen', 'Yhdistyskirjeessä'],
    ['Järjestöposti', 'Järjestöpostin', 'Järjestöpostissa'],
    ['Yhdistysuutiset', 'Yhdistysuutisten', 'Yhdistysuutisissa'],
  ] as const);
  const operatingName = rng.pick(['toiminta-avustus', 'toiminta-avustus', 'yleisavustus']);
  const premises: Premise[] = [
    {
      name: `Koulujen liikuntasalit (${schools.join(', ')})`,
      hours: 'arkisin klo 17–22, la–su klo 9–20',
      price: `lapset ja nuoret maksutta, aikuisten vuorot ${gymPrice} €/h`,
    },
    {
      name: `${city ? 'Kaupungintalon' : 'Kunnantalon'} ${hallRoom}`,
      capacity: rng.round(40, 150, 10),
      hours: 'arki-iltaisin ja viikonloppuisin',
      price: `avoimet tilaisuudet maksutta, suljetut tilaisuudet ${hallPrice} €/h`,
    },
    {
      name: `${city ? 'Kaupungintalon' : 'Kunnantalon'} kokoushuone ${meetingRoom}`,
      capacity: rng.int(8, 20),
      hours: 'arkisin klo 16–21',
      price: 'yhdistysten kokoukset maksutta',
    },
    {
      name: `Kirjaston ${rng.pick(['Pajaluokka', 'Satusali', 'Lukusali', 'Monitoimitila'])}`,
      capacity: rng.round(15, 40, 5),
      hours: 'kirjaston aukioloaikoina',
      price: 'avoin toiminta maksutta',
    },
    {
      name: `Nuorisotila ${rng.pick(['Vintti', 'Kellari', 'Paja', 'Kolo', 'Nurkka'])}`,
      hours: 'arkisin klo 10–15',
      price: 'nuorisoyhdistykset maksutta',
    },
    {
      name: `${schools[0]}n auditorio`,
      capacity: rng.round(120, 400, 10),
      hours: 'arki-iltaisin ja viikonloppuisin',
      price: `${auditoriumPrice} €/h, avoimet yleisötilaisuudet ${Math.round(auditoriumPrice / 2)} €/h`,
    },
  ];
  return {
    index,
    name,
    gen: stemFi + ending.gen,
    loc: stemFi + ending.loc,
    from: stemFi + ending.from,
    adj: `${lower.slice(0, lower.length - ending.nom.length)}${ending.adj}nen`,
    adjPlAll: `${lower.slice(0, lower.length - ending.nom.length)}${ending.adj}sille`,
    adjPlGen: `${lower.slice(0, lower.length - ending.nom.length)}${ending.adj}sten`,
    swedishName: bilingual ? stem[1]! + ending.sv! : undefined,
    bilingual,
    city,
    kind: city ? 'kaupunki' : 'kunta',
    kindGen: city ? 'kaupungin' : 'kunnan',
    hall,
    slug,
    domain,
    population,
    associations: Math.max(25, Math.round(population / rng.int(90, 160))),
    villages: city ? rng.int(3, 9) : rng.int(6, 22),
    board: board[0],
    boardLoc: board[1],
    street: `${rng.pick(['Kauppakatu', 'Kirkkotie', 'Asematie', 'Rantatie', 'Koulukatu', 'Keskustie', 'Torikatu'])} ${rng.int(1, 40)}`,
    coordinator: person(
      rng,
      rng.pick([
        'järjestökoordinaattori',
        'yhdistyskoordinaattori',
        'hyvinvointikoordinaattori',
        'vapaa-aikasihteeri',
      ]),
      domain,
      area,
      used,
    ),
    deputy: person(
      rng,
      rng.pick(['vapaa-aikapäällikkö', 'hyvinvointipäällikkö', 'sivistysjohtaja']),
      domain,
      area,
      used,
    ),
    sports: person(rng, 'liikuntasihteeri', domain, area, used),
    culture: person(rng, 'kulttuurisihteeri', domain, area, used),
    booking: person(
      rng,
      rng.pick(['palvelusihteeri', 'toimistosihteeri', 'tilavarausvastaava']),
      domain,
      area,
      used,
    ),
    budget: city ? rng.round(90_000, 400_000, 1000) : rng.round(15_000, 80_000, 500),
    operatingName,
    opStem: operatingName.slice(0, -1),
    operatingStart: opStartDay[0]!,
    operatingEnd: opStartDay[1]!,
    operatingMaxPct: rng.pick([40, 50, 60, 70]),
    projectMax: rng.round(1_000, 8_000, 500),
    projectDeadlines: rng.pick([
      ['31.3.', '30.9.'],
      ['30.4.', '31.10.'],
      ['15.3.', '15.9.'],
    ] as Array<[string, string]>),
    eventMax: rng.round(200, 1_200, 50),
    eventWeeks: rng.pick([3, 4, 6, 8]),
    villageMax: rng.round(800, 3_000, 100),
    reportDeadline: rng.pick(['31.3.', '31.1.', '30.11.', '28.2.']),
    decisionMonth: rng.pick(['toukokuussa', 'kesäkuussa', 'huhtikuussa', 'maaliskuussa']),
    paymentMonth: rng.pick(['heinäkuussa', 'kesäkuussa', 'elokuussa', 'toukokuussa']),
    eveningMonths: rng.pick(eveningPairs),
    eveningWeekday: rng.pick(['tiistaisin', 'keskiviikkoisin', 'torstaisin']),
    councilMembers: rng.int(5, 11),
    councilName: council[0],
    councilGen: council[1],
    councilLoc: council[2],
    officeHours: rng.pick([
      'tiistaisin klo 9–11',
      'keskiviikkoisin klo 13–15',
      'maanantaisin klo 10–12',
      'torstaisin klo 9–11',
    ]),
    gymPrice,
    hallPrice,
    auditoriumPrice,
    cleaningFee: rng.round(30, 90, 5),
    keyDeposit: rng.round(10, 50, 5),
    cancelDays: rng.pick([3, 5, 7, 10, 14]),
    bookDays: rng.pick([2, 3, 5, 7]),
    seasonDeadline: rng.pick(['15.5.', '30.4.', '31.5.', '15.4.']),
    bookingSystem: rng.pick(['Varausvuoro', 'Tilatori', 'Tilavaraamo', 'Vuorolista', 'Varaamo']),
    premises,
    schools,
    newsletter: newsletter[0],
    newsletterGen: newsletter[1],
    newsletterLoc: newsletter[2],
    magazine: `${stemFi}${ending.nom} ${rng.pick(['Nyt', 'Tänään', 'Tiedottaa', 'Kuulumiset'])}`,
  } satisfies Town;
}

/** "maaliskuussa" for month 3. */
export const monthIn = (m: number): string => MONTHS_IN[(m - 1 + 12) % 12]!;
