/**
 * Recognising inflected Finnish place names without a list of inflected forms: a name's
 * nominative gives a few *stems* (strong and weak consonant grade, i- and e-stems, -nen stems),
 * and a token is that name when it is one of those stems followed by a case ending (and perhaps
 * a possessive suffix or clitic). Over-generation is harmless here: the stems are only ever
 * compared with whole tokens, so an impossible stem ("kemessä") simply never meets a real word.
 *
 * Covers what place names need: "Iisalmi" -> Iisalmessa/Iisalmen/Iisalmeen, "Lahti" -> Lahdessa/
 * Lahteen, "Helsinki" -> Helsingissä, "Turku" -> Turussa, "Seinäjoki" -> Seinäjoella,
 * "Kauniainen" -> Kauniaisissa/Kauniaisten, "Nurmes" -> Nurmeksessa, "Tampere" -> Tampereella,
 * "Ii" -> Iissä/Iihin, "Iisalmi:n" (the colon form used after abbreviations and foreign names).
 */

const VOWEL = 'aeiouyäö';
const isVowel = (c: string | undefined): boolean => c !== undefined && VOWEL.includes(c);

/** Strong -> weak grade of the consonant(s) opening the last syllable. */
const GRADATION: Record<string, string[]> = {
  kk: ['k'],
  pp: ['p'],
  tt: ['t'],
  nk: ['ng'],
  mp: ['mm'],
  lt: ['ll'],
  nt: ['nn'],
  rt: ['rr'],
  ht: ['hd'],
  lk: ['l', 'lj'],
  rk: ['r', 'rj'],
  hk: ['h'],
  lp: ['lv'],
  rp: ['rv'],
  k: ['', 'v', 'j'],
  p: ['v'],
  t: ['d'],
};

/**
 * Names whose inflection the rules above do not reach: both parts of the compound inflect
 * (Uusikaupunki -> Uudessakaupungissa), a plural name (Virrat -> Virroilla), or a consonant stem
 * with reverse gradation (Pihtipudas -> Pihtiputaalla). Stems take case endings; `forms` are
 * whole words.
 */
const EXCEPTIONS: Record<string, { stems?: string[]; forms?: string[] }> = {
  uusikaupunki: {
    forms: [
      'uudenkaupungin',
      'uudessakaupungissa',
      'uudestakaupungista',
      'uuteenkaupunkiin',
      'uudellekaupungille',
    ],
  },
  uusikaarlepyy: {
    forms: ['uudenkaarlepyyn', 'uudessakaarlepyyssä', 'uudestakaarlepyystä', 'uuteenkaarlepyyhyn'],
  },
  isokyrö: { forms: ['isonkyrön', 'isossakyrössä', 'isostakyröstä', 'isoonkyröön', 'isollekyrölle'] },
  virrat: {
    forms: [
      'virroilla',
      'virroille',
      'virroilta',
      'virroissa',
      'virroista',
      'virtoihin',
      'virtain',
      'virtojen',
    ],
  },
  pihtipudas: { stems: ['pihtiputaa'] },
  punkalaidun: { stems: ['punkalaitume'] },
};

/**
 * Case endings (sg. and pl. locatives, genitive, partitive, illative, essive, translative,
 * abessive), then optional possessive suffix and clitic. Both vowel-harmony variants are accepted:
 * users do not always write them right either.
 */
const ENDING = new RegExp(
  '^(?:n|ssa|ssä|sta|stä|lla|llä|lta|ltä|lle|na|nä|ksi|a|ä|ta|tä|tta|ttä|ten|[aeiouyäö]n|h[aeiouyäö]n|seen|siin)?' +
    '(?:mme|nne|ni|si|nsa|nsä)?' +
    '(?:kin|kaan|kään|han|hän|pa|pä|ko|kö)?$',
);

/**
 * Spoken Finnish clips the local cases' last vowel: "Tuusulas", "Espoost", "Kirkkonummel",
 * "Paraisilt" (-ssa, -sta, -lla, -lta). Volunteers write so on the phone.
 */
const SPOKEN_ENDING = /^(?:s|st|l|lt)(?:ki|kin|ko|kö)?$/;

/** True when `rest` is a clipped spoken local case ending (see SPOKEN_ENDING). */
export function isSpokenCaseEnding(rest: string): boolean {
  return SPOKEN_ENDING.test(rest);
}

/** True when `rest` is a possible inflectional ending (empty = nominative). */
export function isCaseEnding(rest: string): boolean {
  return ENDING.test(rest);
}

/** Weak-grade variants of a vowel-final stem, changing only its last syllable. */
function weakGrades(stem: string): string[] {
  const m = /^(.*[aeiouyäö])([^aeiouyäö]+)([aeiouyäö])$/.exec(stem);
  if (!m) return [];
  const [, head, cons, tail] = m;
  const key = cons!.length > 2 ? cons!.slice(-2) : cons!;
  const prefix = cons!.slice(0, cons!.length - key.length);
  return (GRADATION[key] ?? []).map((w) => `${head}${prefix}${w}${tail}`);
}

/** A vowel-final stem and its weak grades, with short final vowels only (long ones never grade). */
function withGrades(stem: string): string[] {
  const last = stem.at(-1);
  const before = stem.at(-2);
  if (last === before) return [stem];
  if (isVowel(before)) return [stem]; // diphthong-final (Kuopio, Joensuu): no gradation
  return [stem, ...weakGrades(stem)];
}

export interface Inflection {
  /** Stems that take a case ending. */
  stems: string[];
  /** Whole words (irregular forms). */
  forms: string[];
}

/**
 * Stems of a one-word name (lowercase; hyphenated compounds are one word and inflect at the end).
 */
export function finnishStems(word: string): Inflection {
  const w = word.toLowerCase();
  const stems = new Set<string>([w]);
  const forms = new Set<string>();
  const exc = EXCEPTIONS[w];
  for (const s of exc?.stems ?? []) stems.add(s);
  for (const f of exc?.forms ?? []) forms.add(f);
  const last = w.at(-1) ?? '';
  if (isVowel(last)) {
    if (last === 'i' && w.length > 2) {
      // Old native words take an e-stem (salmi -> salme-, lahti -> lahde-), newer ones keep i
      // (Kemi -> Kemi-, Iitti -> Iiti-): generate both.
      for (const s of withGrades(w)) stems.add(s);
      for (const s of withGrades(`${w.slice(0, -1)}e`)) stems.add(s);
      if (w.endsWith('vesi')) {
        stems.add(`${w.slice(0, -2)}de`);
        stems.add(`${w.slice(0, -2)}te`);
      }
    } else if (last === 'e' && !isVowel(w.at(-2))) {
      // Tampere -> Tamperee-lla, Raahe -> Raahe-ssa.
      stems.add(`${w}e`);
    } else {
      for (const s of withGrades(w)) stems.add(s);
    }
  } else if (w.endsWith('nen')) {
    // Kauniainen -> Kauniaise-n / Kauniaisi-ssa (plural) / Kauniais-ten.
    const base = w.slice(0, -3);
    stems.add(`${base}se`);
    stems.add(`${base}si`);
    stems.add(`${base}s`);
  } else if (last) {
    // Consonant-final: Swedish-origin names take -i- (Korsnäsissä, Finströmissä); -s names take
    // -kse- (Nurmes -> Nurmeksessa) or -de- (Varkaus -> Varkaudessa).
    stems.add(`${w}i`);
    if (last === 's') {
      stems.add(`${w.slice(0, -1)}kse`);
      stems.add(`${w.slice(0, -1)}de`);
    }
  }
  // A name in -la/-lä takes the outer local cases with the syllable said once: "Kangasalla",
  // "Kangasalta", "Kangasalle", as locals and the name's own town write it.
  const haplology = /^(.{3,}[aeiouyäö])l([aä])$/u.exec(w);
  if (haplology) {
    const [, head, a] = haplology;
    for (const ending of [`ll${a}`, `lt${a}`, 'lle']) forms.add(`${head}${ending}`);
  }
  return { stems: [...stems], forms: [...forms] };
}

/** Swedish forms of a name: as is, and the genitive -s ("Jakobstads stad"). */
export function swedishForms(word: string): string[] {
  const w = word.toLowerCase();
  return /[sxz]$/.test(w) ? [w] : [w, `${w}s`];
}
