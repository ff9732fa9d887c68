/**
 * What kind of fact a question asks for, so that the sentence carrying that kind of fact (a date,
 * a sum, a person) is preferred, and whether it asks across municipalities.
 */

/**
 * A letter or digit of the Latin scripts the documents are written in (fi, sv, en and the names
 * in them): ASCII, Latin-1's letters and digits (ª ² ³ µ ¹ º ¼ ½ ¾ À–ÿ but × ÷), Latin Extended-A/B
 * and Additional. The full `[\\p{L}\\p{N}]` matched the same on every eval text but cost 700 ms
 * to compile for these patterns under the `i` flag (a `kumppani ask` pays it at every start) and
 * matched four times slower.
 */
const WORD_CHAR =
  '[0-9A-Za-z\\u00AA\\u00B2\\u00B3\\u00B5\\u00B9\\u00BA\\u00BC-\\u00BE\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u024F\\u1E00-\\u1EFF]';

/**
 * JavaScript's \\b only knows ASCII letters: "mennessä\\b" never matches. Patterns here write \\b
 * and get word boundaries that know the letters above instead.
 */
function words(re: RegExp): RegExp {
  return new RegExp(
    re.source.replace(/\\b/g, `(?:(?<!${WORD_CHAR})(?=${WORD_CHAR})|(?<=${WORD_CHAR})(?!${WORD_CHAR}))`),
    re.flags.includes('u') ? re.flags : `${re.flags}u`,
  );
}

export type FactKind =
  | 'date'
  | 'amount'
  | 'person'
  | 'place'
  | 'procedure'
  | 'count'
  | 'quantity'
  /** How often ("kuinka usein", "hur ofta"): answered by "kahdesti vuodessa", "viikoittain". */
  | 'frequency'
  /** A time of day ("klo 16"): what "monelta" / "what time" asks for, beside the date. */
  | 'time'
  /** A length of time ("seitsemän vuorokautta", "within two weeks"): what "how long" asks for. */
  | 'duration'
  /** A percentage: what a sentence states, and what "what percentage / kuinka monta prosenttia" asks. */
  | 'share'
  /**
   * Who may apply, use or take part ("Kuka voi hakea?", "Vem kan söka?"): answered by the rule
   * that says which associations or groups may, not by the contact person.
   */
  | 'eligibility'
  /**
   * Whom with ("Kenen kanssa kunnat tekevät yhteistyötä?", "Med vem …?", "With whom …?"): answered
   * by the sentence that names the partners ("… järjestöjen ja seurakunnan kanssa"), which rarely
   * carries a person's name.
   */
  | 'partner';

export interface Intent {
  kinds: Set<FactKind>;
  /** "Which municipalities …", "compare …": answer per municipality. */
  regional: boolean;
  /**
   * "How many municipalities …", "how much do the municipalities pay in total": a region-wide
   * survey answers better than a list.
   */
  count: boolean;
  /** "Mikä on X?", "What is X?": a sentence that says what X is answers. */
  definition?: string;
  /** "Paljonko …?", "Hur mycket …?", "How much …?": only a sum or a number answers. */
  howMuch: boolean;
  /** "Milloin …?", "När …?", "When …?": only a time answers (see answersWhen). */
  when: boolean;
  /** "Mikä on puhelinnumero?", "e-post", "email": only a phone number or an address answers. */
  details: boolean;
  /** "Kuka on projektipäällikkö?", "Vem är ordförande?": who holds a role it names; a name answers. */
  role: boolean;
  /** "Milloin kirjoitus julkaistiin?", "When was the page updated?": the document's own date. */
  published: boolean;
  /** "Kuka kirjoitti jutun?", "Who wrote the article?": the text's signature names its writer. */
  author: boolean;
}

const COUNT = words(
  /\b(kuinka moni|kuinka monta|kuinka monessa|kuinka monella|monessako|monellako|montako|moniko|hur många|how many)\b.*\b(kun\p{L}*|kaupun\p{L}*|kommun\p{L}*|municipalit\p{L}*|towns?)\b/iu,
);

/** A total or an average over the municipalities is one figure from a survey, not a list. */
const AGGREGATE = words(
  /\b(kun\p{L}*|kaupun\p{L}*|kommun\p{L}*|municipalit\p{L}*)\b.*\b(yhteensä|keskimäärin|kaikkiaan|totalt|sammanlagt|i genomsnitt|in total|altogether|on average)\b|\b(yhteensä|keskimäärin|kaikkiaan|totalt|sammanlagt|in total|on average)\b.*\b(kun\p{L}*|kaupun\p{L}*|kommun\p{L}*|municipalit\p{L}*)\b/iu,
);

/** "Mikä on yhdistysyhteistyöasiakirja?" / "Vad är …" / "What is …": the thing asked about. */
const DEFINITION =
  /^\s*(?:mikä|mitä|vad|what)\s+(?:on|ovat|är|is|are)\s+(?:an?\s+|the\s+)?([\p{L}\p{N}.-]+)\s*\??\s*$/iu;

const KIND_PATTERNS: Record<Exclude<FactKind, 'count'>, RegExp> = {
  share: words(
    /\b(kuinka monta prosenttia|montako prosenttia|mikä osuus|kuinka suuri osuus|kuinka suuri osa|moniko prosentti|hur många procent|hur stor andel|vilken andel|what percentage|what share|what proportion|how large a share)\b/iu,
  ),
  quantity: words(/\b(kuinka moni|kuinka monta|montako|moniko|monelleko|hur många|how many)\b/iu),
  frequency: words(
    /\b(kuinka usein|kuinka monesti|montako kertaa|hur ofta|hur många gånger|how often|how many times)\b/iu,
  ),
  time: words(
    /\b(monelta\p{L}*|kello monelta|mihin aikaan?|mihin kellonaikaan|mikä kellonaika|mihin kellonaikaan mennessä|hur dags|vilken tid|vilket klockslag|what time|at what time)\b/iu,
  ),
  // "How long" is answered by a length of time, or by dates ("2018–2020"): both kinds are asked.
  duration: words(
    /\b(kuinka kauan|kauanko|kuinka pitkä\p{L}*|minkä ajan|kuinka monta päivää|montako päivää|hur länge|hur lång\p{L}*|hur många dagar|how long|how many days|kuinka nopeasti|kuinka pian|hur snabbt|hur fort|how soon|how quickly)\b/iu,
  ),
  date: words(
    /\b(kuinka kauan|kauanko|kuinka nopeasti|kuinka pian|minkä ajan|hur snabbt|hur fort|how soon|how quickly|hur länge|how long|mihin asti|mille vuosille|miltä ajalta|milloin|mihin mennessä|koska|mikä päivä|monesko|monelta\p{L}*|mihin aikaan?|hur dags|what time|aikataulu|hakuaika|hakuajat|määräpäivä|määräaika|takaraja|deadline|mennessä|päättyy|alkaa|när|senast|datum|tidsfrist|ansökningstid|when|until|due|date|by what|closing)\b/iu,
  ),
  amount: words(
    /\b(paljonko|kuinka paljon|paljon maksaa|maksaa|hinta|hinnat|hintaa|tuntihinta|summa|summat|euroa|vuokra|vuokraa|maksu|maksut|maksuja|kuinka suur\p{L}*|kuinka iso\p{L}*|enimmillään|enimmäismäärä\p{L}*|mikä on .* (määrä|enimmäis)|hur mycket|hur stor\p{L}*|how large|how big|maximum amount|kostar|kosta|avgift|avgiften|pris|priset|hyra|belopp|how much|cost|costs|price|fee|fees|rent|amount)\b|\b\p{L}+(maksu|hinta|hinna|vuokra|avgift|hyra|hyran)\p{L}*/iu,
  ),
  person: words(
    /\b(kuka|kenelle|keneen|kehen|kenen|keltä|keneltä|ketä|kenet|yhteyshenkilö\w*|yhdyshenkilö\w*|yhteystie\w*|sähköpost\w*|puhelin\w*|vem|till vem|kontaktperson\w*|kontaktuppgift\w*|who|whom|contact)\b/iu,
  ),
  eligibility: words(
    /\b(kuka|ketkä|kenelle|keille|keneltä|vem|vilka|who|which)\b.{0,40}\b(voi|voivat|voiko|saa|saavat|saako|kan|får|can|may)\b.{0,40}\b(hakea|hakemaan|saada|käyttää|osallistua|vuokrata|varata|söka|ansöka|få|använda|delta|hyra|boka|apply|get|receive|use|join|rent|book)\b|\b(kenelle|keille|vem|who)\b.{0,40}\b(myönnetään|tarkoitettu|avsedd|beviljas|intended|eligible)\b|\b(eligible|eligibility|oikeutettu|berättigad)\b/iu,
  ),
  partner: words(
    /\b(kenen|keiden|kenenkä|minkä|mitkä|millaisten|mink\p{L}+|mi\p{L}+den)\b.{0,25}\bkanssa\b|\b(med vem|med vilka|med vilken|tillsammans med vem|with whom|who with|with which|together with whom|partners?)\b|\b(yhteistyökumppan\p{L}*|kumppane\p{L}*|samarbetspartner\p{L}*)\b/iu,
  ),
  place: words(/\b(missä|mistä|mihin|var|varifrån|vart|where)\b/iu),
  procedure: words(/\b(miten|kuinka|millä tavalla|miten .* haetaan|hur|how)\b/iu),
};

const REGIONAL = words(
  /(\b(missä|mitkä|mikä|monessako|monellako|kuinka moni|kuinka monessa|montako)\s+(kunn|kaupung)\w*|\bkunnissa\b|\bkuntien\b.*\b(välillä|vertailu|eroja)|\bvertaa\w*|\bverrat\w*|\bvertailu\w*|\bvilka kommuner|\bi vilka kommuner|\bjämför\w*|\bwhich (municipalities|towns)|\bcompare\b|\bacross (the )?municipalities|\bin which municipalities|\b(the|all|different) municipalities\b|\bkommunerna\w*|\bkunnat\b)/iu,
);

export function detectIntent(question: string): Intent {
  const kinds = new Set<FactKind>();
  for (const [k, re] of Object.entries(KIND_PATTERNS) as [FactKind, RegExp][])
    if (re.test(question)) kinds.add(k);
  // "Kuka voi hakea?" asks for the rule, not for a person: the contact line would win on its name.
  if (kinds.has('eligibility')) kinds.delete('person');
  // "Montako kertaa vuodessa …?" asks how often: "ympäri vuoden" answers it, without a number.
  if (kinds.has('frequency')) kinds.delete('quantity');
  // "Kenen kanssa …?" asks for partners, rarely named people: a name alone does not answer it.
  if (kinds.has('partner')) kinds.delete('person');
  const count = COUNT.test(question) || AGGREGATE.test(question);
  if (count) kinds.add('count');
  const definition = DEFINITION.exec(question)?.[1];
  return {
    kinds,
    regional: !count && REGIONAL.test(question),
    count,
    howMuch: HOW_MUCH.test(question),
    when: WHEN_ASKED.test(question),
    details: DETAILS.test(question),
    role: WHO.test(question) && ROLE.test(question),
    published: kinds.has('date') && PUBLISHED.test(question) && DOCUMENT_WORD.test(question),
    author:
      (WHO.test(question) && WROTE.test(question) && DOCUMENT_WORD.test(question)) || AUTHOR.test(question),
    ...(definition ? { definition } : {}),
  };
}

/** A date, a weekday, a month, or a deadline counted back from the day ("14 vuorokautta ennen"). */
const DATE = words(
  /\b\d{1,2}\.\s?\d{1,2}\.(\s?\d{2,4})?|\b\d{4}-\d{2}-\d{2}\b|\b(tammi|helmi|maalis|huhti|touko|kesä|heinä|elo|syys|loka|marras|joulu)kuu\w*|\b(januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december)\b|\b(january|february|march|april|may|june|july|august|september|october|november|december)\b|\bviikolla \d+|\bvecka \d+|\b(päivää|vuorokautta|viikkoa|kuukautta|tuntia|dagar|dygn|veckor|månader|timmar|days|weeks|months|hours) (ennen|etukäteen|före|innan|i förväg|before|in advance|prior)\b|\bjatkuva\w*|\b\p{L}+n yhteydessä\b|\bi samband med\b|\bin connection with\b|\bympäri vuoden\b|\b(keväällä|keväisin|syksyllä|syksyisin|kesällä|kesäisin|talvella|talvisin|på våren|på hösten|på sommaren|på vintern|in (the )?(spring|autumn|fall|summer|winter))\b|\bmennessä\b|\bsenast\b|\bklo\s?\d{1,2}|\bkl\.?\s?\d{1,2}|\b(maanantai|tiistai|keskiviikko|torstai|perjantai|lauantai|sunnuntai)\p{L}*|\b(måndag|tisdag|onsdag|torsdag|fredag|lördag|söndag)\p{L}*/iu,
);

/**
 * A time said relative to the text's own day, or a season or year said in words: "ensi viikolla",
 * "viime syksynä", "loppuvuodesta 2019", "vuonna 2018", "nästa vecka", "in the autumn of 2019".
 * Such a sentence dates its event, if not to the day.
 */
const RELATIVE_DATE = words(
  /\b(ensi|viime|tällä|tässä|tänä|kuluvana|kuluvan) (viikolla|viikon|kuussa|kuun|vuonna|vuoden|syksynä|keväänä|kesänä|talvena)\b|\b(loppuvuodesta|alkuvuodesta|loppuvuonna|alkuvuonna)\b|\bvuoden (alussa|lopussa|aikana|loppuun)\b|\b(syksyllä|keväällä|kesällä|talvella|vuonna|vuosina|vuodesta|vuoteen) (19|20)\d\d\b|\b(nästa|förra|denna|i) (vecka|veckan|månad|månaden|år|året|höst|vår|sommar|vinter)\b|\b(hösten|våren|sommaren|vintern|år) (19|20)\d\d\b|\b(next|last|this) (week|month|year|spring|autumn|fall|summer|winter)\b|\b(in|by|since|until) (the )?((spring|autumn|fall|summer|winter) (of )?)?(19|20)\d\d\b/iu,
);
// "EUR 350,000" and "€ 20" put the currency first, as English pages do.
const AMOUNT = words(
  /\d[\d\s.]*(,\d+)?\s?(€|euroa?|eur\b|e\/h|prosent\w*|%|kr\b|kronor)|(€|\beur\b|\beuro\b)\s?\d|\b(maksuton|maksutta|ilmai\w+|veloituksetta|avgiftsfri\w*|gratis|kostnadsfri\w*|free of charge)\b/iu,
);
/** An email or a phone number (a name is `hasName`). */
const CONTACT = words(/[\w.+-]+@[\w-]+\.[\w.]+|(\+358|\b0\d{1,3})[\s-]?\d{2,4}[\s-]?\d{2,4}/u);
/**
 * "Who decides / funds / organises" is answered by a body as often as by a person: a board, a
 * committee, a foundation, or an organisation by its acronym ("STEAn rahoittama", "ELY-keskus").
 */
const BODY_WORDS = words(
  /\b\p{L}*(lautakun\p{L}*|hallitu\p{L}*|hallitukse\p{L}*|valtuusto\p{L}*|valtuuston|säätiö\p{L}*|ministeriö\p{L}*|virasto\p{L}*|neuvottelukun\p{L}*|nämnd\p{L}*|styrelse\p{L}*|fullmäktige|stiftelse\p{L}*|ministeri\p{L}*|board|committee|council|foundation|ministry)\b|\b\p{Lu}{3,}(?:n|s|:\p{Ll}{1,3})?(?=[\s,.;:–-]|$)/u,
);
const BODY = new RegExp(BODY_WORDS.source, 'gu');

/**
 * The bodies and roles a sentence names (a question that names one itself is not answered by it):
 * "Kenelle hakemus lähetetään?" is answered by "… toimitetaan järjestöyhdyshenkilölle" as well as
 * by a name.
 */
export function bodiesIn(sentence: string): string[] {
  return [...sentence.matchAll(BODY), ...sentence.matchAll(ROLES)].map((m) => m[0]);
}

/** Two capitalised words at a sentence's start are no name when the first has a clitic ("Tähänkin Pohjois-…"). */
const NOT_A_NAME = /^\p{Lu}\p{Ll}+(kin|kaan|kään) \p{Lu}/u;
const PLACE = words(
  /\b(osoite|katu|tie|talo|koulu|kirjasto|keskus|sali|huone|adress|gatan|vägen|skola|bibliotek|street|school|library|room|hall)\w*/iu,
);
const PROCEDURE = words(
  /\b(lomake\w*|sähköi\w+|järjestelmä\w*|varaa\w*|varataan|haetaan|hakemus\w*|blankett\w*|boka\w*|ansökan|form|system|book\w*|apply|online)\b/iu,
);

const EXACT_DATE = words(
  /\b\d{1,2}\.\s?\d{1,2}\.|\b\d{4}-\d{2}-\d{2}\b|\bjatkuva\p{L}*|\bfortlöpande\b|\bcontinuous\p{L}*/iu,
);

/** A date on the calendar (a day, a month, a weekday), not only one said relatively ("ensi viikolla"). */
export function hasCalendarDate(sentence: string): boolean {
  return DATE.test(sentence);
}

/** A day and month ("31.3."), not just a month: what a deadline question wants. */
export function hasExactDate(sentence: string): boolean {
  return EXACT_DATE.test(sentence);
}

const COUNT_FACT = words(
  /\b\d+\s?\/\s?\d+\b|\b\d+ (kuntaa|kunnista|kunnassa|kunnalla|kommuner|municipalities)\b/iu,
);

/** A number of things: digits that are not a year, a date, a time or a sum, or a number word. */
const QUANTITY_FACT = words(
  /(?<![\d.,:])\b(?!(?:19|20)\d\d\b)\d+\b(?![.,:–-]\d|\s?(€|e\b|euro|%|\.))|\b(yksi|yhden|kerran|kaksi|kahde\p{L}*|kahdesti|kolme\p{L}*|kolmesti|neljä\p{L}*|viisi|viide\p{L}*|kuusi|kuude\p{L}*|seitsemä\p{L}*|kahdeksa\p{L}*|yhdeksä\p{L}*|kymmene\p{L}*|en gång|två|tre|fyra|fem|sex|sju|åtta|nio|tio|once|two|twice|three|four|five|six|seven|eight|nine|ten)\b/iu,
);

/**
 * Whether a sentence carries the kind of fact asked for. A count of municipalities is also given
 * as a share ("23 % of municipalities") or in words ("viidestä kunnasta").
 */
export function carries(kinds: ReadonlySet<FactKind>, asked: FactKind): boolean {
  if (kinds.has(asked)) return true;
  if (asked === 'count') return kinds.has('quantity') || kinds.has('share');
  // "Kuinka usein …?" is answered by "kahdesti vuodessa" or by "1-2 kertaa vuodessa".
  if (asked === 'frequency') return kinds.has('quantity');
  // "Kuinka monta prosenttia …" is answered by a percentage.
  return asked === 'quantity' && kinds.has('share');
}

/** "Paljonko …?", "Hur mycket …?", "How much …?": a sum or a number is the answer, nothing else. */
const HOW_MUCH = words(
  /\b(paljonko|kuinka paljon|mitä maksaa|mitä .{1,30} maksaa|hur mycket|vad kostar|how much|what does .{1,30} cost)\b/iu,
);

/**
 * Whether a sentence could answer "how many" or "how much": it states a number, in digits or
 * words, a share or a sum (a free room's "maksutta" is a sum).
 * A sentence that states none only stands near the question ("how many took part in the forum
 * where it was signed?" is not answered by the signing).
 */
export function answersHowMany(
  q: { kinds: ReadonlySet<FactKind>; howMuch: boolean },
  kinds: ReadonlySet<FactKind>,
): boolean {
  const { kinds: asked, howMuch } = q;
  if (!asked.has('quantity') && !asked.has('count') && !howMuch) return true;
  // "Paljonko sali maksaa?" is answered by a sum; opening hours ("klo 17–22") are numbers, not one.
  if (howMuch && asked.has('amount') && !asked.has('quantity'))
    return kinds.has('amount') || kinds.has('share');
  // A total or an average ("paljonko kunnat käyttävät keskimäärin") is a sum as often as a number.
  return (['quantity', 'count', 'share', 'amount'] as const).some((k) => kinds.has(k));
}

/**
 * "Milloin …?", "mihin mennessä", "När …?", "By when …?": the question is for a time, in so many
 * words. Swedish and English "när" / "when" ask only where the question starts ("Kangasala: när
 * …"); inside it they are conjunctions ("vad ska jag tänka på när jag bokar?").
 */
const WHEN_ASKED = words(
  /\b(milloin|millon|mihin mennessä|mihin asti|mikä päivä|monesko|what date)\b|(^|[:,]\s*)(när|till när|senast när|when|by when|until when)\b/iu,
);

/**
 * "Milloin haku päättyy?" answered by a sentence with no date, season, hour or frequency ("Hakulomake
 * tulee olla jätetty ennen hakuajan päättymistä") is a neighbouring fact, however well it matches.
 */
export function answersWhen(q: { when: boolean }, kinds: ReadonlySet<FactKind>): boolean {
  return !q.when || (['date', 'time', 'duration', 'frequency'] as const).some((k) => kinds.has(k));
}

/**
 * A text published, written or updated, in the past: "julkaistaan" (will be published) is an
 * event the text may date ("päätökset julkaistaan 15.5."), "julkaistiin" asks about the text.
 */
const PUBLISHED = words(
  /\b(julkaistiin|julkaistu|julkaistun|kirjoitettiin|kirjoitettu|päivitettiin|päivitetty|published|written|updated|posted|publicerades|publicerad|publicerats|skrevs|skrivits|uppdaterades|uppdaterad|uppdaterats)\b/iu,
);

/** The text itself: "kirjoitus", "artikkeli", "sivu", "tiedote", "article", "sidan". */
const DOCUMENT_WORD = words(
  /\b(kirjoitu\p{L}*|artikkel\p{L}*|juttu|jutu\p{L}*|sivu|sivun|sivua|sivut|sivuja|tiedote|tiedotte\p{L}*|teksti\p{L}*|blogi\p{L}*|uutinen|uutise\p{L}*|ohje|ohjeet|ohjetta|asiakirja|asiakirjan|article|page|post|blog|text|news|document|guideline|artikel\p{L}*|sida|sidan|texten|nyhet\p{L}*|dokument\p{L}*|anvisning\p{L}*)\b/iu,
);

/** Wrote, in the past: the writer of a text, not who drew up what it reports ("kuka laatii suosituksen"). */
const WROTE = words(
  /\b(kirjoitti|kirjotti|kirjoittanut|kirjottanu\p{L}*|kirjoittivat|wrote|written|skrev|skrivit)\b/iu,
);

/** The writer by name of role: "kirjoittaja", "author", "författare". */
const AUTHOR = words(
  /\b(kirjoittaja\p{L}*|kirjottaja\p{L}*|author|authors|författare\p{L}*|skribent\p{L}*)\b/iu,
);

/** "kirjoitti", "kirjoittaja", "wrote": the author question's frame, not what the text is about. */
export function isAuthorWord(word: string): boolean {
  return WROTE.test(word) || AUTHOR.test(word);
}

/** "Who" itself: "yhdyshenkilön työaika" asks about the role, "kuka on yhdyshenkilö" for its holder. */
const WHO = words(/\b(kuka|kenen|kenelle|keneltä|kehen|kenet|ketkä|vem|vems|who|whom|whose)\b/iu);

/** A phone number or an email asked for, in so many words. */
const DETAILS = words(
  /\b(puhelin\p{L}*|puh|sähköpost\p{L}*|s-post\p{L}*|e-?mail\p{L}*|e-?post\p{L}*|mejl\p{L}*|telefon\p{L}*|phone\p{L}*|telephone)\b/iu,
);

/**
 * A role whose holder is asked for: "projektipäällikkö", "hyvinvointikoordinaattori", "ordförande",
 * "project manager". A question that names the role knows it already; only a name answers it.
 */
const ROLE = words(
  /\b\p{L}*(päällikö\p{L}*|päällikkö\p{L}*|koordinaattori\p{L}*|sihteeri\p{L}*|johtaja\p{L}*|ohjaaja\p{L}*|agentti\p{L}*|yhdyshenkilö\p{L}*|yhteyshenkilö\p{L}*|neuvoja\p{L}*|asiamie\p{L}*|tarkastaja\p{L}*|suunnittelija\p{L}*|asiantuntija\p{L}*|rehtori\p{L}*|hoitaja\p{L}*|chef|chefen|koordinator\p{L}*|sekreterare\p{L}*|ordförande\p{L}*|ledare\p{L}*|kontaktperson\p{L}*|handläggare\p{L}*|direktör\p{L}*|rådgivare\p{L}*|planerare\p{L}*|kassör\p{L}*|rektor\p{L}*)\b|\b(manager|coordinator|secretary|chair|chairman|chairperson|director|officer|head of|leader|contact person|agent|adviser|advisor|planner|treasurer|principal|organi[sz]er)\b/iu,
);
const ROLES = new RegExp(ROLE.source, 'giu');

/**
 * Whether a sentence could answer "who" as asked: a phone number or an email asked for needs one,
 * and the holder of a role the question names needs a name (or contact details). A sentence about
 * the role or the project that names no one only stands near the question.
 */
export function answersWho(q: { details: boolean; role: boolean }, sentence: string): boolean {
  if (q.details) return hasContactDetails(sentence);
  if (q.role) return hasContactDetails(sentence) || namesPerson(sentence);
  return true;
}

/**
 * A first name and a surname, the first not inflected: "Pirkanmaan Järjestö 2.0" and "Nivalassa
 * Meri" are a region's project and a place, not a person (hasName takes any two capitalised
 * words). A long first word in -n is a genitive ("Pirkanmaan"); short ones are names ("Johan").
 */
export function namesPerson(sentence: string): boolean {
  for (const m of sentence.matchAll(CAPITALISED_PAIR)) {
    const first = m[1]!;
    if (/(ssa|ssä|sta|stä|lla|llä|lta|ltä|lle|ksi)$/u.test(first)) continue;
    if (first.length >= 7 && first.endsWith('n')) continue;
    return true;
  }
  return false;
}
const CAPITALISED_PAIR = /(?<![\p{L}\p{N}])(\p{Lu}\p{Ll}+) \p{Lu}\p{Ll}+(?![\p{L}\p{N}])/gu;

/** "klo 16", "kl. 15.00", "16:00", "at 4 pm". */
const TIME = words(
  /\b(klo|kl|kello)\.?\s?\d{1,2}\b|\b\d{1,2}:\d{2}\b|\bat \d{1,2}(:\d{2})?\s?(am|pm|o'clock)|\b\d{1,2}\s?(am|pm)\b/iu,
);

/** A number (in digits or words) of time units, or a span "within" or "before" something. */
const DURATION = words(
  /\b(\d+|yksi|yhde\p{L}*|kaksi|kahde\p{L}*|kolme\p{L}*|neljä\p{L}*|viisi|viide\p{L}*|kuusi|kuude\p{L}*|seitsemä\p{L}*|kahdeksa\p{L}*|yhdeksä\p{L}*|kymmene\p{L}*|kahdentoista|kaksitoista|en|ett|två|tre|fyra|fem|sex|sju|åtta|nio|tio|tolv|fjorton|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fourteen)\s+(arki)?(päivä\p{L}*|vuorokau\p{L}*|viiko\p{L}*|viikk\p{L}*|kuukau\p{L}*|vuosi|vuotta|vuode\p{L}*|tunti\p{L}*|tunnin|(?:toiminta|tili)?kau(?:si|tta|de\p{L}*)|dag\p{L}*|vard\p{L}*|veck\p{L}*|månad\p{L}*|år|åren|timm\p{L}*|days?|weeks?|months?|years?|hours?|working days?)\b|\b(kuukauden|viikon|vuorokauden|päivän|vuoden) kuluessa\b|\binom (en|ett|\d+)\b|\bwithin (a|one|\d+)\b/iu,
);

/** "kahdesti vuodessa", "kerran kuussa", "viikoittain", "joka kevät", "twice a year", "varje vecka". */
const FREQUENCY = words(
  /\b(kerran|kahdesti|kolmesti|\d+\s?(–|-)?\s?\d*\s?kert\p{L}*)\s+(vuodessa|kuussa|kuukaudessa|viikossa|päivässä|kaudessa|lukukaudessa)\b|\b(päivittäin|viikoittain|kuukausittain|vuosittain|ympäri vuoden|jatkuvasti|året runt|fortlöpande|all year|year-round|joka (viikko|kuukausi|kuu|vuosi|kevät|syksy|kesä|talvi)|säännöllisesti|dagligen|varje (dag|vecka|månad|år|vår|höst)|veckovis|månatligen|årligen|regelbundet|\p{L}+ gånger (om|per|i) (året|år|månaden|veckan)|en gång (om|per|i) (året|år|månaden|veckan)|daily|weekly|monthly|annually|yearly|regularly|every (day|week|month|year|spring|autumn)|(once|twice|\w+ times) (a|per) (day|week|month|year))\b/iu,
);

/** The verbs of "who may apply / use / take part": the question's frame, not what it is about. */
const ELIGIBILITY_VERB =
  /^(hakea|hakemaan|saada|käyttää|osallistua|vuokrata|varata|söka|ansöka|få|använda|delta|hyra|boka|apply|get|receive|use|join|rent|book)$/iu;

/** The words of "what percentage / mikä osuus": the kind of answer asked, not what it is about. */
const SHARE_WORD =
  /^(prosentti\p{L}*|prosenttia|osuus|osuuden|osuutta|osa|procent|andel|andelen|percentage|percent|share|proportion)$/iu;

/**
 * A word of the question's frame ("Kuka voi hakea …?", "What percentage …?"): the passage that
 * answers need not repeat it, and one that does is not the better for it.
 */
export function isFrameWord(word: string, asked: ReadonlySet<FactKind>): boolean {
  return (
    (asked.has('eligibility') && ELIGIBILITY_VERB.test(word)) || (asked.has('share') && SHARE_WORD.test(word))
  );
}

/** A rule of who may: "Avustusta voivat hakea …", "… myönnetään rekisteröidyille yhdistyksille". */
const ELIGIBLE = words(
  /\b(voi|voivat|voidaan|saa|saavat|kan|får|can|may)\b.{0,40}\b(hakea|saada|käyttää|osallistua|vuokrata|söka|sökas|ansöka|få|använda|delta|hyra|apply|receive|get|use|join|rent)\b|\b(hakijana|hakijoina|sökande|applicants?)\b|\b(myöntää|myöntävät)\b.{0,60}\p{L}{3,}(ille|lle)\b|\b(beviljar|awards|grants)\b.{0,60}\b(till|åt|to)\b|\b(tarkoitettu\p{L}*|myönnetään|beviljas|avsedd\p{L}*|riktar sig|intended for|is open to|are open to|eligible|oikeutettu\p{L}*|berättigad\p{L}*)\b/iu,
);

const SHARE = /\d\s?%|\bprosent\p{L}*/iu;

/** Partners named: "… seurakunnan ja yritysten kanssa", "yhteistyössä X:n kanssa", "together with". */
const PARTNERS = words(
  /\b\p{L}{3,}(n|en|den|tten|iden|jen) kanssa\b|\b(yhteistyökumppan\p{L}*|kumppane\p{L}*|samarbetspartner\p{L}*|partners?)\b|\b(tillsammans med|i samarbete med|samarbete med|together with|in cooperation with|cooperation with|with (the )?\p{L}+s)\b/iu,
);

/**
 * Which kinds of fact each sentence carries, remembered: ten Unicode-aware patterns cost about half
 * a millisecond per sentence, and one answer weighs the same passages' sentences several times
 * (and the next question mostly the same passages again). Bounded; the oldest entries go first.
 */
const KINDS_CACHE = new Map<string, ReadonlySet<FactKind>>();
const KINDS_CACHE_MAX = 50_000;

/** Which kinds of fact a sentence carries. */
export function factKinds(sentence: string): Set<FactKind> {
  let kinds = KINDS_CACHE.get(sentence);
  if (!kinds) {
    kinds = sentenceKinds(sentence);
    if (KINDS_CACHE.size >= KINDS_CACHE_MAX) KINDS_CACHE.delete(KINDS_CACHE.keys().next().value!);
    KINDS_CACHE.set(sentence, kinds);
  }
  // A copy: callers add the kinds a lead-in's list inherits.
  return new Set(kinds);
}

function sentenceKinds(sentence: string): Set<FactKind> {
  const out = new Set<FactKind>();
  if (DATE.test(sentence) || RELATIVE_DATE.test(sentence)) out.add('date');
  if (AMOUNT.test(sentence)) out.add('amount');
  if (hasContactDetails(sentence) || hasName(sentence)) out.add('person');
  if (PLACE.test(sentence)) out.add('place');
  if (PROCEDURE.test(sentence)) out.add('procedure');
  if (COUNT_FACT.test(sentence)) out.add('count');
  if (QUANTITY_FACT.test(sentence)) out.add('quantity');
  if (SHARE.test(sentence)) out.add('share');
  if (ELIGIBLE.test(sentence)) out.add('eligibility');
  if (PARTNERS.test(sentence)) out.add('partner');
  if (DURATION.test(sentence)) out.add('duration');
  if (FREQUENCY.test(sentence)) out.add('frequency');
  if (TIME.test(sentence)) out.add('time');
  return out;
}

/** A first name and a surname ("Anna Virta"), not a clitic word before a place ("Tähänkin Pohjois-"). */
export function hasName(sentence: string): boolean {
  const named = NOT_A_NAME.test(sentence) ? sentence.replace(/^\S+/u, '') : sentence;
  return NAME.test(named);
}
const NAME = /(?<![\p{L}\p{N}])\p{Lu}\p{Ll}+ \p{Lu}\p{Ll}+(?![\p{L}\p{N}])/u;

/** Email or phone: what a refusal needs to point to a person. */
export function hasContactDetails(sentence: string): boolean {
  return CONTACT.test(sentence);
}
