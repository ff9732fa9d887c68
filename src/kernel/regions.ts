/**
 * Finland's regions (maakunnat, 19 with Åland) and wellbeing services counties (hyvinvointialueet,
 * 21, plus the City of Helsinki, which organises the same services itself), by their Finnish,
 * Swedish and English names. Region-wide documents name the region rather than a municipality
 * ("Pohjois-Pohjanmaan kunnista 97 %…"), and users ask in any of the three languages ("North
 * Ostrobothnia", "Norra Österbotten"), so the thesaurus turns each entry into a concept
 * (`thesaurus.ts`).
 *
 * Kept as data. Names are the official ones (the Regional Councils' and the counties' own, the
 * Finnish Government's English usage). The 18 counties that share their region's name and area are
 * not listed again: "Pirkanmaan hyvinvointialue" is the region's name plus "hyvinvointialue", which
 * the thesaurus knows as a concept of its own, so the two concepts together say which county. Only
 * the counties that divide a region (Uusimaa) or that no region matches (Helsinki) are entries here.
 */

export interface Region {
  /** ASCII id, the concept's name after `region_` / `county_`. */
  id: string;
  kind: 'region' | 'county';
  /** Finnish name(s), nominative first. */
  fi: string[];
  sv: string[];
  en: string[];
  /**
   * Finnish forms the stem of the nominative does not reach: names whose both parts inflect
   * (Uusimaa -> Uudenmaan, Uudellamaalla) and the inhabitant adjective (pohjoispohjalainen), which
   * texts use as often as the name ("pohjoispohjalaiset kunnat").
   */
  fiForms?: string[];
  /**
   * Finnish terms in place of the names, for a name too short to match safely by its stem: the
   * stemmer makes "Lappi" and "Lapin" "lap", which "lapsi" (child) shares.
   */
  fiTerms?: string[];
  /** Short names and brands the counties go by ("Pirha"), in every language. */
  aliases?: string[];
  /** The region a county lies in. */
  within?: string;
}

export const REGIONS: readonly Region[] = [
  {
    id: 'uusimaa',
    kind: 'region',
    fi: ['Uusimaa'],
    sv: ['Nyland'],
    en: ['Uusimaa', 'Helsinki-Uusimaa'],
    fiForms: ['Uudenmaan', 'Uudellamaalla', 'Uudeltamaalta', 'Uudellemaalle', 'Uuttamaata', 'uusimaalainen'],
  },
  {
    id: 'varsinais_suomi',
    kind: 'region',
    fi: ['Varsinais-Suomi'],
    sv: ['Egentliga Finland'],
    en: ['Southwest Finland', 'Finland Proper', 'Varsinais-Suomi'],
    fiForms: ['varsinaissuomalainen'],
    aliases: ['Varha'],
  },
  {
    id: 'satakunta',
    kind: 'region',
    fi: ['Satakunta'],
    sv: ['Satakunta'],
    en: ['Satakunta'],
    fiForms: ['satakuntalainen'],
  },
  {
    id: 'kanta_hame',
    kind: 'region',
    fi: ['Kanta-Häme'],
    sv: ['Egentliga Tavastland'],
    en: ['Kanta-Häme', 'Tavastia Proper'],
    fiForms: ['kantahämäläinen'],
  },
  {
    id: 'pirkanmaa',
    kind: 'region',
    fi: ['Pirkanmaa'],
    sv: ['Birkaland'],
    en: ['Pirkanmaa', 'Tampere Region'],
    fiForms: ['pirkanmaalainen'],
    aliases: ['Pirha'],
  },
  {
    id: 'paijat_hame',
    kind: 'region',
    fi: ['Päijät-Häme'],
    sv: ['Päijänne-Tavastland'],
    en: ['Päijät-Häme', 'Päijänne Tavastia', 'Lahti Region'],
    fiForms: ['päijäthämäläinen'],
  },
  {
    id: 'kymenlaakso',
    kind: 'region',
    fi: ['Kymenlaakso'],
    sv: ['Kymmenedalen'],
    en: ['Kymenlaakso'],
    fiForms: ['kymenlaaksolainen'],
  },
  {
    id: 'etela_karjala',
    kind: 'region',
    fi: ['Etelä-Karjala'],
    sv: ['Södra Karelen'],
    en: ['South Karelia'],
    fiForms: ['eteläkarjalainen'],
    aliases: ['Eksote'],
  },
  {
    id: 'etela_savo',
    kind: 'region',
    fi: ['Etelä-Savo'],
    sv: ['Södra Savolax'],
    en: ['South Savo'],
    fiForms: ['eteläsavolainen'],
  },
  {
    id: 'pohjois_savo',
    kind: 'region',
    fi: ['Pohjois-Savo'],
    sv: ['Norra Savolax'],
    en: ['North Savo', 'Northern Savonia'],
    fiForms: ['pohjoissavolainen'],
  },
  {
    id: 'pohjois_karjala',
    kind: 'region',
    fi: ['Pohjois-Karjala'],
    sv: ['Norra Karelen'],
    en: ['North Karelia'],
    fiForms: ['pohjoiskarjalainen'],
    aliases: ['Siun sote'],
  },
  {
    id: 'keski_suomi',
    kind: 'region',
    fi: ['Keski-Suomi'],
    sv: ['Mellersta Finland'],
    en: ['Central Finland'],
    fiForms: ['keskisuomalainen'],
    aliases: ['Hyvaks'],
  },
  {
    id: 'etela_pohjanmaa',
    kind: 'region',
    fi: ['Etelä-Pohjanmaa'],
    sv: ['Södra Österbotten'],
    en: ['South Ostrobothnia', 'Southern Ostrobothnia'],
    fiForms: ['eteläpohjalainen'],
  },
  {
    id: 'pohjanmaa',
    kind: 'region',
    fi: ['Pohjanmaa'],
    sv: ['Österbotten'],
    en: ['Ostrobothnia'],
  },
  {
    id: 'keski_pohjanmaa',
    kind: 'region',
    fi: ['Keski-Pohjanmaa'],
    sv: ['Mellersta Österbotten'],
    en: ['Central Ostrobothnia'],
    fiForms: ['keskipohjalainen'],
    aliases: ['Soite'],
  },
  {
    id: 'pohjois_pohjanmaa',
    kind: 'region',
    fi: ['Pohjois-Pohjanmaa'],
    sv: ['Norra Österbotten'],
    en: ['North Ostrobothnia', 'Northern Ostrobothnia'],
    fiForms: ['pohjoispohjalainen'],
    aliases: ['Pohde'],
  },
  {
    id: 'kainuu',
    kind: 'region',
    fi: ['Kainuu'],
    sv: ['Kajanaland'],
    en: ['Kainuu'],
    fiForms: ['kainuulainen'],
  },
  {
    id: 'lappi',
    kind: 'region',
    fi: ['Lappi'],
    sv: ['Lappland'],
    en: ['Lapland'],
    fiTerms: [
      'Lapin maakunta',
      'Lapin liitto',
      'Lapin hyvinvointialue',
      'Lapin kunnat',
      'Lapin kunnissa',
      'Lapin kuntien',
    ],
    fiForms: ['Lapissa', 'Lapista', 'Lappiin', 'Lapille', 'Lapilla', 'lappilainen', 'lappilaiset'],
    aliases: ['Lapha'],
  },
  {
    id: 'ahvenanmaa',
    kind: 'region',
    fi: ['Ahvenanmaa'],
    sv: ['Åland'],
    en: ['Åland', 'Aland', 'Åland Islands'],
    fiForms: ['ahvenanmaalainen'],
  },
  {
    id: 'ita_uusimaa',
    kind: 'county',
    within: 'uusimaa',
    fi: ['Itä-Uusimaa'],
    sv: ['Östra Nyland'],
    en: ['East Uusimaa', 'Eastern Uusimaa'],
    fiForms: ['Itä-Uudenmaan', 'Itä-Uudellamaalla', 'itäuusimaalainen'],
  },
  {
    id: 'keski_uusimaa',
    kind: 'county',
    within: 'uusimaa',
    fi: ['Keski-Uusimaa'],
    sv: ['Mellersta Nyland'],
    en: ['Central Uusimaa'],
    fiForms: ['Keski-Uudenmaan', 'Keski-Uudellamaalla', 'keskiuusimaalainen'],
    aliases: ['Keusote'],
  },
  {
    id: 'lansi_uusimaa',
    kind: 'county',
    within: 'uusimaa',
    fi: ['Länsi-Uusimaa'],
    sv: ['Västra Nyland'],
    en: ['West Uusimaa', 'Western Uusimaa'],
    fiForms: ['Länsi-Uudenmaan', 'Länsi-Uudellamaalla', 'länsiuusimaalainen'],
  },
  {
    id: 'vantaa_kerava',
    kind: 'county',
    within: 'uusimaa',
    fi: ['Vantaan ja Keravan hyvinvointialue'],
    sv: ['Vanda och Kervo välfärdsområde'],
    en: ['Vantaa and Kerava wellbeing services county'],
    aliases: ['Vakehyva'],
  },
  {
    id: 'helsinki',
    kind: 'county',
    within: 'uusimaa',
    fi: ['Helsingin kaupunki'],
    sv: ['Helsingfors stad'],
    en: ['City of Helsinki'],
  },
];

/** The thesaurus concept of an entry: `region_pirkanmaa`, `county_ita_uusimaa`. */
export function regionConceptId(r: Region): string {
  return `${r.kind}_${r.id}`;
}
