/**
 * Document templates for the benchmark corpus, after the knowledge pack's own kinds: a cooperation
 * document, yearly grant rules, a premises page, association-evening memos, a staff-only memo,
 * Swedish grant instructions for bilingual municipalities and region-wide recommendations. Each
 * fact can be said in a few ways, so that no two municipalities' documents read the same.
 * Output is Markdown with front matter, exactly what `kumppani ingest` reads.
 */
import type { Rng } from './rng.ts';
import { monthIn, thousands, type Town } from './towns.ts';

export type DocKind = 'cooperation' | 'grants' | 'premises' | 'memo' | 'staff' | 'grants-sv' | 'region';

export interface DocDraft {
  /** Path relative to the corpus root, POSIX separators. */
  path: string;
  kind: DocKind;
  /** Front matter `id`: versions of one document share it (the newest date answers). */
  id: string;
  municipality?: string;
  language: 'fi' | 'sv';
  audience: 'public' | 'staff';
  date: string;
  markdown: string;
}

interface Meta {
  id: string;
  title: string;
  municipality?: string;
  audience: 'public' | 'staff';
  language: 'fi' | 'sv';
  url: string;
  date: string;
  topics: string[];
}

function frontMatter(m: Meta): string {
  const lines = [
    '---',
    `id: ${m.id}`,
    `title: ${JSON.stringify(m.title)}`,
    ...(m.municipality ? [`municipality: ${m.municipality}`] : []),
    `audience: ${m.audience}`,
    `language: ${m.language}`,
    `url: ${m.url}`,
    `date: ${m.date}`,
    `topics: [${m.topics.join(', ')}]`,
    '---',
    '',
  ];
  return lines.join('\n');
}

const DEMO_NOTE = (t: Town) =>
  `_Suorituskykytestin generoitua aineistoa / generated benchmark data: ${t.name} on kuvitteellinen ${t.kind}._`;

function doc(meta: Meta, kind: DocKind, path: string, body: string[]): DocDraft {
  return {
    path,
    kind,
    id: meta.id,
    municipality: meta.municipality,
    language: meta.language,
    audience: meta.audience,
    date: meta.date,
    markdown: `${frontMatter(meta)}\n${body.join('\n\n')}\n`,
  };
}

const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
const date = (y: number, m: number, d: number) =>
  `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
const fiDate = (y: number, m: number, d: number) => `${d}.${m}.${y}`;

function contactLine(p: { title: string; name: string; email: string; phone: string }, rng: Rng): string {
  return rng.pick([
    `${cap(p.title)} ${p.name}, ${p.email}, puh. ${p.phone}.`,
    `${p.name} (${p.title}), sähköposti ${p.email}, puhelin ${p.phone}.`,
    `${p.title} ${p.name}, ${p.phone}, ${p.email}.`,
  ]);
}

/** The cooperation document (yhteistyöasiakirja) valid from `year`, for three years. */
export function cooperationDocument(t: Town, year: number, rng: Rng, archived: boolean): DocDraft {
  const end = year + 2;
  const approved = fiDate(year, rng.int(1, 3), rng.int(2, 27));
  const title = rng.pick([
    `${t.gen} ${t.kindGen} ja yhdistysten yhteistyöasiakirja ${year}–${end}`,
    `${t.gen} ${t.kindGen} järjestöyhteistyön ohje ${year}–${end}`,
  ]);
  const [m1, m2] = t.eveningMonths;
  const body = [
    DEMO_NOTE(t),
    `# ${title}`,
    `Hyväksytty ${t.boardLoc} ${approved} (§ ${rng.int(5, 120)}). ${rng.pick([
      `Asiakirja korvaa aiemman yhteistyöasiakirjan ${year - 3}–${year - 1}.`,
      `Asiakirja on valmisteltu yhdessä yhdistysten kanssa kahdessa työpajassa.`,
      `Asiakirjasta keskusteltiin syksyn yhdistysillassa ennen hyväksymistä.`,
    ])}`,
    `## 1 Asiakirjan tarkoitus`,
    `${cap(t.loc)} on noin ${thousands(t.population)} asukasta ja noin ${t.associations} rekisteröityä yhdistystä: ${rng
      .sample(
        [
          'urheiluseuroja',
          'kylä- ja asukasyhdistyksiä',
          'kulttuuriyhdistyksiä',
          'eläkeläisjärjestöjä',
          'sosiaali- ja terveysalan yhdistyksiä',
          'nuorisoyhdistyksiä',
          'partiolippukuntia',
        ],
        4,
      )
      .join(', ')}. ${rng.pick([
      `Tämä asiakirja kertoo, miten ${t.kind} ja yhdistykset tekevät yhteistyötä, keneen yhdistys voi ottaa yhteyttä, millaisia avustuksia ${t.kind} myöntää ja miten ${t.kindGen} tiloja voi käyttää.`,
      `Asiakirjaan on koottu yhteistyön foorumit, yhteyshenkilöt, avustukset ja tilojen käyttö, jotta jokainen yhdistys tietää, mistä apua saa.`,
    ])} Asiakirja on voimassa vuosina ${year}–${end}.`,
    `## 2 Yhteistyön foorumit`,
    `### 2.1 Yhdistysilta`,
    rng.pick([
      `${cap(t.kind)} kutsuu yhdistykset yhdistysiltaan kaksi kertaa vuodessa, ${m1} ja ${m2}. Illat pidetään ${t.eveningWeekday} klo 17.30–19.30 ${t.hall}lla (${t.street}). Ohjelmassa ovat ajankohtaiset avustus- ja tila-asiat sekä yhdistysten omat esittelyt.`,
      `Yhdistysilta järjestetään ${m1} ja ${m2}, ${t.eveningWeekday} kello 18–20. Paikkana on ${t.hall}, ${t.street}. Illasta laaditaan muistio, joka julkaistaan verkkosivuilla kahden viikon kuluessa.`,
    ]),
    `### 2.2 ${cap(t.councilName)}`,
    `${cap(t.gen)} ${t.councilLoc} on ${t.councilMembers} jäsentä ja heillä henkilökohtaiset varajäsenet. ${rng.pick(
      [
        'Jäsenet valitaan syksyn yhdistysillassa kahdeksi vuodeksi kerrallaan.',
        'Jäsenet valitaan yhdistysillassa kolmeksi vuodeksi.',
      ],
    )} ${cap(t.councilName)} kokoontuu ${rng.pick(['neljä', 'kolme', 'viisi'])} kertaa vuodessa ja antaa lausunnon avustusten myöntämisperusteista ja tilamaksuista ennen kuin ${t.board} käsittelee ne.`,
    `### 2.3 Järjestöpäivystys`,
    `${cap(t.coordinator.title)} päivystää ${t.officeHours} ${t.hall}n neuvontapisteessä. Päivystykseen voi tulla ilman ajanvarausta kysymään esimerkiksi avustuksen hakemisesta tai tilojen varaamisesta. Heinäkuussa päivystystä ei ole.`,
    `## 3 Yhteyshenkilö`,
    `Yhdistysten yhteyshenkilö ${t.kindGen} puolella on **${t.coordinator.title} ${t.coordinator.name}**.\n\n- sähköposti: ${t.coordinator.email}\n- puhelin: ${t.coordinator.phone} (ma–to klo 9–15)\n- käyntiosoite: ${t.hall}, ${t.street}`,
    `Lomien aikana yhdistysasioita hoitaa ${t.deputy.title} ${t.deputy.name}, puh. ${t.deputy.phone}. Liikuntapaikkoja ja kausivuoroja koskeviin kysymyksiin vastaa ${t.sports.title} ${t.sports.name}, puh. ${t.sports.phone}, ja kulttuuritapahtumiin liittyviin ${t.culture.title} ${t.culture.name}, puh. ${t.culture.phone}.`,
    `## 4 Avustukset`,
    `${cap(t.kind)} tukee yhdistysten toimintaa avustuksilla, joiden määräraha vuonna ${year} on yhteensä ${thousands(t.budget)} euroa. Avustuksia myönnetään ${t.adjPlAll} rekisteröidyille yhdistyksille, joiden toiminta on voittoa tavoittelematonta.`,
    `### 4.1 Avustuslajit`,
    `- **${cap(t.operatingName)}** on tarkoitettu yhdistyksen säännölliseen toimintaan. Hakuaika on vuosittain **${t.operatingStart}–${t.operatingEnd}** Avustus voi olla enintään ${t.operatingMaxPct} % hyväksyttävistä kuluista.\n- **Kohdeavustus** myönnetään rajattuun hankkeeseen tai hankintaan. Kohdeavustuksia haetaan kahdella kierroksella, joiden määräpäivät ovat **${t.projectDeadlines[0]} ja ${t.projectDeadlines[1]}**\n- **Tapahtuma-avustus** on kerta-avustus avoimeen yleisötapahtumaan. Hakemus jätetään viimeistään ${t.eventWeeks} viikkoa ennen tapahtumaa. Tapahtuma-avustus on enintään **${t.eventMax} euroa**.\n- **Kylätalojen ylläpitoavustus** on enintään ${thousands(t.villageMax)} euroa, ja se haetaan ${t.opStem}ksen yhteydessä.`,
    `### 4.2 Hakeminen ja käyttöselvitys`,
    `${rng.pick([
      `Avustukset haetaan ${t.kindGen} sähköisessä asiointipalvelussa (asiointi.${t.domain}).`,
      `Hakemus tehdään sähköisesti osoitteessa asiointi.${t.domain} tai paperilomakkeella ${t.hall}n kirjaamoon.`,
    ])} Päätökset ${t.opStem}ksista tekee ${t.board} ${t.decisionMonth}, ja avustukset maksetaan ${t.paymentMonth}. Avustuksen käytöstä annetaan käyttöselvitys viimeistään ${t.reportDeadline} Jos käyttöselvitys puuttuu, uutta avustusta ei myönnetä.`,
    `## 5 Tilat`,
    `${cap(t.kind)} haluaa, että sen tilat ovat yhdistysten käytössä aina kun ne ovat vapaina. Avoin, maksuton ja voittoa tavoittelematon toiminta saa tilat maksutta. Lasten ja nuorten säännöllinen harrastustoiminta on koulujen liikuntasaleissa maksutonta. Tilat varataan tilavarauspalvelussa **${t.bookingSystem}** (varaa.${t.domain}).`,
    `| Tila | Milloin käytettävissä | Hinta |\n|---|---|---|\n${t.premises
      .slice(0, 4)
      .map((p) => `| ${p.name}${p.capacity ? ` (${p.capacity} henkeä)` : ''} | ${p.hours} | ${p.price} |`)
      .join('\n')}`,
    `## 6 Viestintä`,
    `Yhdistykset voivat lisätä tapahtumansa itse ${t.kindGen} tapahtumakalenteriin (tapahtumat.${t.domain}). ${cap(t.kind)} lähettää yhdistyksille sähköisen ${t.newsletterGen} kerran kuukaudessa, ja yhdistykset voivat tarjota siihen omia uutisiaan kuun ${rng.int(10, 25)}. päivään mennessä. Tiedotuslehti ${t.magazine} ilmestyy ${rng.pick(['neljä', 'kuusi', 'kaksi'])} kertaa vuodessa.`,
    `## 7 Vuosikello`,
    `- **Tammikuu:** avustusohjeet julkaistaan.\n- **${cap(m1.replace(/ssa$|ssä$/, ''))}:** kevään yhdistysilta.\n- **${cap(t.decisionMonth.replace(/ssa$|ssä$/, ''))}:** ${t.board} päättää avustuksista.\n- **${cap(t.paymentMonth.replace(/ssa$|ssä$/, ''))}:** avustukset maksetaan.\n- **${cap(m2.replace(/ssa$|ssä$/, ''))}:** syksyn yhdistysilta ja asiakirjan vuosiarvio.\n- **Joulukuu:** seuraavan vuoden avustusohjeet hyväksytään.`,
  ];
  const base = `${t.slug}/${archived ? 'arkisto/' : ''}yhteistyoasiakirja-${year}.md`;
  return doc(
    {
      id: `${t.slug}-yhteistyoasiakirja`,
      title,
      municipality: t.name,
      audience: 'public',
      language: 'fi',
      url: `https://www.${t.domain}/yhdistykset/yhteistyoasiakirja`,
      date: date(year, rng.int(1, 3), rng.int(1, 28)),
      topics: [
        'yhteistyö',
        'yhdistysilta',
        t.councilName,
        'yhteyshenkilö',
        'avustukset',
        'tilat',
        'vuosikello',
      ],
    },
    'cooperation',
    base,
    body,
  );
}

/** Grant rules (avustusohjeet) for one year. */
export function grantRules(t: Town, year: number, rng: Rng): DocDraft {
  const budget = Math.round((t.budget * (1 + (year - 2027) * 0.03)) / 500) * 500;
  const title = `${t.gen} ${t.kindGen} yhdistysavustusten ohjeet ${year}`;
  const [p1, p2] = t.projectDeadlines;
  const body = [
    DEMO_NOTE(t),
    `# ${title}`,
    `Hyväksytty ${t.boardLoc} ${fiDate(year - 1, rng.int(10, 12), rng.int(1, 28))} (§ ${rng.int(40, 140)}). Ohjetta sovelletaan vuonna ${year} haettaviin ja myönnettäviin avustuksiin.`,
    `## 1 Yleistä`,
    `${cap(t.gen)} ${t.kind} tukee avustuksilla rekisteröityjen yhdistysten toimintaa, joka lisää asukkaiden hyvinvointia, osallisuutta ja yhteisöllisyyttä. Avustusten määräraha vuodelle ${year} on ${thousands(budget)} euroa. ${rng.pick(
      [
        'Avustukset ovat harkinnanvaraisia, eikä aiemmin myönnetty avustus sido myöntämään avustusta myöhemmin.',
        'Avustuksia myönnetään talousarvion rajoissa.',
      ],
    )} Rekisteröimätön toimintaryhmä voi hakea vain tapahtuma-avustusta, jolloin avustus on enintään ${Math.round(t.eventMax / 2 / 50) * 50} euroa.`,
    `## 2 Avustuslajit`,
    `### 2.1 ${cap(t.operatingName)}`,
    `${cap(t.operatingName)} myönnetään yhdistyksen säännölliseen toimintaan koko vuodeksi. ${rng.pick([
      'Avustuksella voi kattaa esimerkiksi ohjaajien kulukorvauksia, tilavuokria, tarvikkeita ja koulutuksia.',
      'Avustus on tarkoitettu muun muassa vuokriin, ohjaajien palkkioihin, materiaaleihin ja koulutukseen.',
    ])} Avustus on enintään ${t.operatingMaxPct} prosenttia hyväksyttävistä kuluista. Avustusta ei myönnetä elinkeinotoimintaan, puoluepoliittiseen toimintaan, uskonnolliseen julistustyöhön eikä ulkomaanmatkoihin.`,
    `### 2.2 Kohdeavustus`,
    `Kohdeavustus myönnetään rajattuun hankkeeseen, kokeiluun, kehittämistyöhön tai hankintaan. Hanke on toteutettava 12 kuukauden kuluessa päätöksestä. Kohdeavustus on enintään ${thousands(t.projectMax)} euroa.`,
    `### 2.3 Tapahtuma-avustus`,
    rng.pick([
      `Tapahtuma-avustus on kerta-avustus ${t.loc} järjestettävään avoimeen yleisötapahtumaan. Tapahtuma-avustus on enintään ${t.eventMax} euroa. Tapahtuman on oltava maksuton tai pääsymaksun enintään 10 euroa.`,
      `Avoimeen yleisötapahtumaan voi hakea tapahtuma-avustusta, jonka suuruus on enintään ${t.eventMax} euroa. Avustuksen saaja käyttää ${t.kindGen} logoa tapahtuman markkinoinnissa.`,
    ]),
    `### 2.4 Kylätalojen ylläpitoavustus`,
    `Kylä- ja asukasyhdistys, joka omistaa tai vuokraa kylätalon, voi hakea avustusta talon lämmitys-, sähkö-, vesi- ja vakuutuskuluihin. Ylläpitoavustus on enintään ${thousands(t.villageMax)} euroa vuodessa.`,
    `## 3 Myöntämisperusteet`,
    `Hakemukset arvioidaan pisteyttämällä. Arvioinnin painoarvot ovat:\n\n1. toiminnan avoimuus ja laajuus ${rng.pick([30, 35, 25])} %\n2. toiminnan kohdistuminen lapsiin, nuoriin, ikäihmisiin tai erityisryhmiin ${rng.pick([25, 20, 30])} %\n3. vapaaehtoistyön määrä ${rng.pick([20, 15])} %\n4. yhteistyö muiden yhdistysten tai ${t.kindGen} kanssa ${rng.pick([15, 10])} %\n5. yhdistyksen taloudellinen tilanne ja omarahoitus 10 %`,
    `## 4 Hakeminen`,
    `### 4.1 Hakuajat vuonna ${year}`,
    `- ${cap(t.operatingName)} ja kylätalojen ylläpitoavustus: ${t.operatingStart}–${t.operatingEnd}${year} klo 15.00.\n- Kohdeavustus: kevään kierros päättyy ${p1}${year} ja syksyn kierros ${p2}${year}.\n- Tapahtuma-avustus: jatkuva haku, hakemus viimeistään ${t.eventWeeks} viikkoa ennen tapahtumaa.`,
    `### 4.2 Hakutapa`,
    `Hakemus tehdään sähköisessä asiointipalvelussa (asiointi.${t.domain}). Palveluun kirjaudutaan Suomi.fi-tunnistautumisella. Paperilomakkeen voi poikkeustapauksessa palauttaa ${t.kindGen} kirjaamoon, ${t.street}. Avustusten hakemisessa neuvotaan avustusklinikalla ${fiDate(year, rng.int(2, 3), rng.int(1, 28))} klo 17–19.`,
    `## 5 Liitteet`,
    `${cap(t.opStem)}ksen hakemukseen liitetään toimintasuunnitelma ja talousarvio, edellisen vuoden toimintakertomus ja tilinpäätös sekä toiminnantarkastajan lausunto. Jos liitteitä puuttuu, hakijalle annetaan ${rng.pick(['seitsemän', 'kymmenen', 'viisi'])} päivää aikaa täydentää hakemusta.`,
    `## 6 Päätökset, maksaminen ja käyttöselvitys`,
    `${cap(t.opStem)}ksista päättää ${t.board} ${t.decisionMonth} ${year}. Avustukset maksetaan ${t.paymentMonth}. Päätökseen voi hakea oikaisua 14 päivän kuluessa. Avustuksen käyttöselvitys on jätettävä viimeistään ${t.reportDeadline}${year + 1}. Kaupunki voi periä avustuksen takaisin, jos sitä on käytetty muuhun kuin myönnettyyn tarkoitukseen.`.replace(
      'Kaupunki voi',
      `${cap(t.kind)} voi`,
    ),
    `## 7 Yhteystiedot`,
    `Avustusasioissa neuvoo ${contactLine(t.coordinator, rng)}`,
  ];
  return doc(
    {
      id: `${t.slug}-avustusohjeet`,
      title,
      municipality: t.name,
      audience: 'public',
      language: 'fi',
      url: `https://www.${t.domain}/yhdistykset/avustusohjeet-${year}`,
      date: date(year - 1, rng.int(10, 12), rng.int(1, 28)),
      topics: [
        'avustukset',
        t.operatingName,
        'kohdeavustus',
        'tapahtuma-avustus',
        'hakuaika',
        'liitteet',
        'käyttöselvitys',
      ],
    },
    'grants',
    `${t.slug}/avustusohjeet-${year}.md`,
    body,
  );
}

/** The premises web page (tilat ja tilavaraukset). */
export function premisesPage(t: Town, year: number, rng: Rng): DocDraft {
  const title = `Tilat ja tilavaraukset – ${t.gen} ${t.kindGen} yhdistyksille`;
  const body = [
    DEMO_NOTE(t),
    `# Tilat ja tilavaraukset`,
    `${cap(t.gen)} ${t.kindGen} kouluja, ${t.hall}a, kirjastoa ja liikuntapaikkoja voivat käyttää yhdistykset, harrastusryhmät ja asukkaat silloin, kun tilat eivät ole ${t.kindGen} omassa käytössä.`,
    `## Milloin tilan saa maksutta?`,
    `Yhdistys saa ${t.kindGen} tilan käyttöönsä maksutta, kun tilaisuus on avoin kaikille, osallistuminen on maksutonta, toiminta on voittoa tavoittelematonta ja järjestäjä on ${t.adj} rekisteröity yhdistys. Lisäksi alle 18-vuotiaiden säännöllinen harrastustoiminta on koulujen liikuntasaleissa aina maksutonta.`,
    `## Tilat ja hinnat`,
    ...t.premises.map((p) =>
      rng.pick([
        `### ${p.name}\n\n${p.name}${p.capacity ? ` (${p.capacity} henkeä)` : ''} on käytettävissä ${p.hours}. Hinta yhdistyksille: ${p.price}.`,
        `### ${p.name}\n\nKäytettävissä ${p.hours}${p.capacity ? `, tilaan mahtuu ${p.capacity} henkeä` : ''}. Hinnat yhdistyksille: ${p.price}.`,
      ]),
    ),
    `## Näin varaat tilan`,
    `Kirjaudu tilavarauspalveluun ${t.bookingSystem} osoitteessa varaa.${t.domain}. Valitse tila, päivä ja kellonaika; saat varausvahvistuksen sähköpostiin. Yksittäiset vuorot on varattava viimeistään ${t.bookDays} arkipäivää ennen käyttöä. Liikuntasalien kausivuorot syyskuusta toukokuuhun haetaan vuosittain ${t.seasonDeadline} mennessä.`,
    `## Avaimet ja kulkutunnisteet`,
    `Avaimet ja kulkutunnisteet noudetaan ${t.hall}n neuvonnasta arkisin klo 9–15. Kulkutunnisteesta peritään ${t.keyDeposit} euron pantti, joka palautetaan, kun tunniste palautetaan.`,
    `## Peruutukset`,
    rng.pick([
      `Vuoro on peruttava vähintään ${t.cancelDays} vuorokautta ennen. Myöhemmin peruttu maksullinen vuoro laskutetaan 50 prosentin hinnalla.`,
      `Peru vuoro ${t.bookingSystem}ssa viimeistään ${t.cancelDays} vuorokautta etukäteen, muuten vuoro laskutetaan.`,
    ]),
    `## Järjestys ja siivous`,
    `Varaaja vastaa siitä, että tila jätetään samaan kuntoon kuin se oli. Jos tila joudutaan siivoamaan käytön jälkeen, peritään ${t.cleaningFee} euron siivousmaksu.`,
    `## Lisätietoja`,
    `Tilavaraukset: ${contactLine(t.booking, rng)}\n\nSivu päivitetty ${fiDate(year, rng.int(1, 11), rng.int(1, 28))}.`,
  ];
  return doc(
    {
      id: `${t.slug}-tilat`,
      title,
      municipality: t.name,
      audience: 'public',
      language: 'fi',
      url: `https://www.${t.domain}/yhdistykset/tilat`,
      date: date(year, rng.int(1, 11), rng.int(1, 28)),
      topics: ['tilat', 'tilavaraus', 'hinnat', 'avaimet', 'peruutukset'],
    },
    'premises',
    `${t.slug}/tilat-ja-tilavaraukset.md`,
    body,
  );
}

const MEMO_TOPICS: Array<(t: Town, y: number, rng: Rng) => [string, string]> = [
  (t, y) => [
    `Avustukset ${y + 1}`,
    `Avustushaun aikataulu pysyy ennallaan: ${t.operatingName} haetaan ${t.operatingStart}–${t.operatingEnd} Tapahtuma-avustuksen enimmäismäärä on ${t.eventMax} euroa. Kysymys: voiko käyttöselvityksen tehdä samalla lomakkeella kuin uuden hakemuksen? Vastaus: ei vielä, määräpäivä on edelleen ${t.reportDeadline}`,
  ],
  (t, _y, rng) => [
    `Tilavarausjärjestelmä`,
    `${t.booking.name} esitteli ${t.bookingSystem}-palvelun uudistukset. Yhdistykset toivoivat, että kausivuorojen haku (${t.seasonDeadline} mennessä) muistutettaisiin ${t.newsletterLoc}. Peruutusaika pysyy ${t.cancelDays} vuorokaudessa. ${rng.pick(['Avainten nouto siirtyy kirjastoon.', 'Kulkutunnisteiden pantti pysyy ennallaan.'])}`,
  ],
  (t, y, rng) => [
    `Peruskorjaukset`,
    `${t.premises[1]!.name} on suljettuna ${fiDate(y + 1, rng.int(1, 5), 1)}–${fiDate(y + 1, rng.int(6, 8), 30)} peruskorjauksen vuoksi. Korvaavana tilana tarjotaan ${t.schools[0]}n ruokasalia samoilla ehdoilla. Jo tehdyt varaukset siirretään automaattisesti.`,
  ],
  (t, _y, rng) => [
    `Vapaaehtoisten rekrytointi`,
    `Teemapuheenvuorossa käsiteltiin vapaaehtoisten löytämistä. ${rng.pick(['Moni seura kertoi, että ohjaajia on vaikea saada.', 'Nuorten vapaaehtoisten määrä on kasvanut.'])} ${cap(t.kind)} selvittää yhteistä vapaaehtoispankkia ja kertoo asiasta seuraavassa yhdistysillassa.`,
  ],
  (t, y) => [
    `${cap(t.councilName)}`,
    `${cap(t.councilName)} valitsi vuosille ${y + 1}–${y + 2} ${t.councilMembers} jäsentä. Puheenjohtajaksi valittiin ${t.deputy.name.split(' ')[0]} ${t.coordinator.name.split(' ')[1]}. Seuraava kokous pidetään ${t.eveningMonths[1]}.`,
  ],
  (t) => [
    `Viestintä`,
    `${t.newsletter} ilmestyy jatkossakin kerran kuukaudessa. Tapahtumakalenterin (tapahtumat.${t.domain}) tunnukset saa ${t.coordinator.title}lta. ${t.magazine} julkaisee yhdistysten ilmoituksia omalla sivullaan.`,
  ],
  (t, _y, rng) => [
    `Hyvinvointikertomus`,
    `Yhdistyskysely hyvinvointikertomusta varten avataan ${monthIn(rng.int(3, 5))}. Yhdistysten havainnot kirjataan hyvinvointikertomukseen omana lukunaan. ${cap(t.deputy.title)} ${t.deputy.name} kiitti aktiivisia vastaajia.`,
  ],
];

/** Minutes of one association evening (yhdistysillan muistio). */
export function eveningMemo(t: Town, year: number, spring: boolean, rng: Rng): DocDraft {
  const month = spring ? t.eveningMonths[0] : t.eveningMonths[1];
  const m =
    [
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
    ].indexOf(month) + 1;
  const day = rng.int(1, 28);
  const title = `Yhdistysillan muistio ${fiDate(year, m, day)} – ${t.name}`;
  const topics = rng.sample(MEMO_TOPICS, rng.int(3, 5)).map((f) => f(t, year, rng));
  const body = [
    DEMO_NOTE(t),
    `# ${title}`,
    `Aika: ${fiDate(year, m, day)} klo 18.00–20.00. Paikka: ${t.hall}, ${t.street}. Läsnä ${rng.int(12, 60)} osallistujaa ${rng.int(8, 40)} yhdistyksestä sekä ${t.kindGen} edustajina ${t.coordinator.title} ${t.coordinator.name} ja ${t.deputy.title} ${t.deputy.name}. Kirjaaja: ${t.coordinator.name}.`,
    ...topics.map(([h, text], i) => `## ${i + 1} ${h}\n\n${text}`),
    `## ${topics.length + 1} Seuraava yhdistysilta`,
    `Seuraava yhdistysilta pidetään ${spring ? t.eveningMonths[1] : t.eveningMonths[0]} ${spring ? year : year + 1}. Aiheita voi ehdottaa ${t.coordinator.title}lle.`,
  ];
  return doc(
    {
      id: `${t.slug}-yhdistysilta-${year}-${spring ? 'kevat' : 'syksy'}`,
      title,
      municipality: t.name,
      audience: 'public',
      language: 'fi',
      url: `https://www.${t.domain}/yhdistykset/yhdistysilta/${year}-${m}`,
      date: date(year, m, day),
      topics: ['yhdistysilta', 'muistio'],
    },
    'memo',
    `${t.slug}/muistiot/yhdistysilta-${year}-${spring ? 'kevat' : 'syksy'}.md`,
    body,
  );
}

/** A staff-only memo: what the public must never be answered from. */
export function staffMemo(t: Town, year: number, rng: Rng): DocDraft {
  const title = `Tila- ja avustuspalaveri ${year} (sisäinen) – ${t.name}`;
  const body = [
    DEMO_NOTE(t),
    `# ${title}`,
    `Sisäinen muistio, ei julkinen. Läsnä ${t.coordinator.name}, ${t.booking.name}, ${t.sports.name}.`,
    `## Avustusten jakoesitys`,
    `${cap(t.opStem)}ksiin esitetään yhteensä ${thousands(Math.round((t.budget * 0.6) / 100) * 100)} euroa. Hakemuksia saapui ${rng.int(20, 140)}, joista ${rng.int(1, 9)} myöhässä. Myöhästyneitä ei käsitellä.`,
    `## Tilamaksut`,
    `Aikuisten salivuoron hinnan korotusta ${t.gymPrice} eurosta ${t.gymPrice + 2} euroon tunnilta valmistellaan ${t.councilGen} lausunnolle. Siivousmaksu pysyy ${t.cleaningFee} eurossa.`,
    `## Henkilöstö`,
    `${t.booking.name} on vuorotteluvapaalla ${monthIn(rng.int(1, 12))}. Sijaisena toimii ${t.sports.name}.`,
  ];
  return doc(
    {
      id: `${t.slug}-palaveri-${year}`,
      title,
      municipality: t.name,
      audience: 'staff',
      language: 'fi',
      url: `https://intra.${t.domain}/palaverit/${year}`,
      date: date(year, rng.int(8, 11), rng.int(1, 28)),
      topics: ['sisäinen', 'avustukset', 'tilamaksut'],
    },
    'staff',
    `${t.slug}/sisainen/palaveri-${year}.md`,
    body,
  );
}

const SV_MONTH: Record<string, string> = {
  tammikuussa: 'januari',
  helmikuussa: 'februari',
  maaliskuussa: 'mars',
  huhtikuussa: 'april',
  toukokuussa: 'maj',
  kesäkuussa: 'juni',
  heinäkuussa: 'juli',
  elokuussa: 'augusti',
  syyskuussa: 'september',
  lokakuussa: 'oktober',
  marraskuussa: 'november',
  joulukuussa: 'december',
};

/** Swedish grant instructions of a bilingual municipality. */
export function swedishGrantRules(t: Town, year: number, rng: Rng): DocDraft {
  const sv = t.swedishName ?? t.name;
  const title = `Anvisningar för föreningsbidrag ${year} – ${sv} ${t.city ? 'stad' : 'kommun'}`;
  const body = [
    DEMO_NOTE(t),
    `# Anvisningar för föreningsbidrag ${year}`,
    `${sv} ${t.city ? 'stad' : 'kommun'} – ${t.gen} ${t.kindGen}. Godkända ${fiDate(year - 1, rng.int(10, 12), rng.int(1, 28))}.`,
    `## Allmänt`,
    `${t.city ? 'Staden' : 'Kommunen'} stöder föreningar som ordnar verksamhet för invånarna i ${sv}. Bidrag kan sökas av registrerade föreningar med hemort i ${t.city ? 'staden' : 'kommunen'}. Verksamhet som riktar sig till barn, unga och äldre samt verksamhet på båda inhemska språken prioriteras.`,
    `## Verksamhetsbidrag`,
    `Verksamhetsbidrag beviljas för föreningens ordinarie verksamhet under kalenderåret. Ansökningstiden är ${t.operatingStart}–${t.operatingEnd}${year}. Bidraget är högst ${t.operatingMaxPct} procent av de godtagbara kostnaderna.`,
    `## Engångsbidrag och projektbidrag`,
    `Engångsbidrag kan sökas för ett evenemang som är öppet för alla. Bidraget är högst ${t.eventMax} euro och ansökan lämnas senast ${t.eventWeeks} veckor före evenemanget. Projektbidrag är högst ${thousands(t.projectMax)} euro; ansökningstiderna går ut ${t.projectDeadlines[0]} och ${t.projectDeadlines[1]}`,
    `## Beslut och redovisning`,
    `Nämnden beslutar om bidragen i ${SV_MONTH[t.decisionMonth] ?? 'juni'} och bidragen betalas ut i ${SV_MONTH[t.paymentMonth] ?? 'juli'}. Redovisningen ska lämnas in senast ${t.reportDeadline}${year + 1}.`,
    `## Kontakt`,
    `${t.coordinator.name}, ${t.coordinator.email}, tfn ${t.coordinator.phone}.`,
  ];
  return doc(
    {
      id: `${t.slug}-foreningsbidrag`,
      title,
      municipality: t.name,
      audience: 'public',
      language: 'sv',
      url: `https://www.${t.domain}/sv/foreningar/bidrag-${year}`,
      date: date(year - 1, rng.int(10, 12), rng.int(1, 28)),
      topics: ['bidrag', 'verksamhetsbidrag', 'engångsbidrag', 'ansökningstid', 'redovisning'],
    },
    'grants-sv',
    `${t.slug}/sv/foreningsbidrag-${year}.md`,
    body,
  );
}

/** A region-wide recommendation (no municipality): answers for every town of the region. */
export function regionDocument(region: number, towns: Town[], year: number, rng: Rng): DocDraft {
  const names = towns.map((t) => t.name);
  const regionName = `${['Harju', 'Järvi', 'Koski', 'Salmi', 'Rannikko', 'Vaara', 'Joki', 'Kangas'][region % 8]}seutu`;
  const regionGen = regionName.replace(/seutu$/, 'seudun');
  const title = `${regionGen} järjestöneuvottelukuntien suositus yhdistysyhteistyöstä ${year}`;
  const body = [
    `_Suorituskykytestin generoitua aineistoa / generated benchmark data: ${regionName} on kuvitteellinen seutu._`,
    `# ${title}`,
    `Suositus koskee ${names.length} kuntaa: ${names.join(', ')}.`,
    `## Yhteyshenkilö jokaiseen kuntaan`,
    `Jokaisessa seudun kunnassa on nimetty yhdistysten yhteyshenkilö. ${towns
      .slice(0, 6)
      .map((t) => `${cap(t.loc)}: ${t.coordinator.title} ${t.coordinator.name}.`)
      .join(' ')}`,
    `## Avustusten hakuajat`,
    `Seudun kunnat pyrkivät yhtenäisiin hakuaikoihin. ${towns
      .slice(0, 6)
      .map((t) => `${cap(t.loc)} ${t.operatingName} haetaan ${t.operatingStart}–${t.operatingEnd}`)
      .join(' ')}`,
    `## Tilojen maksuton käyttö`,
    `Suositus: avoin, maksuton ja voittoa tavoittelematon yhdistystoiminta saa kuntien tilat maksutta. ${rng.pick(
      [
        'Lasten ja nuorten harrastusvuorot ovat kaikissa seudun kunnissa maksuttomia.',
        'Aikuisten vuorojen hinnat vaihtelevat kunnittain.',
      ],
    )}`,
    `## Seuranta`,
    `Suosituksen toteutumista seurataan vuosittain kuntakyselyllä, jonka tulokset julkaistaan ${monthIn(rng.int(9, 12))}.`,
  ];
  return doc(
    {
      id: `seutu-${region}-suositus`,
      title,
      audience: 'public',
      language: 'fi',
      url: `https://www.seutu${region}.example.fi/suositus-${year}`,
      date: date(year, rng.int(1, 12), rng.int(1, 28)),
      topics: ['seutu', 'suositus', 'yhteyshenkilö', 'avustukset', 'tilat'],
    },
    'region',
    `alue/seutu-${region}-suositus-${year}.md`,
    body,
  );
}
