/**
 * Finnish-aware text analysis shared by indexing and querying.
 *
 * The snowball stemmer alone fails Finnish: inflection changes stems (avustus / avustuksen /
 * avustusta) and compounds hide words (järjestöavustusten). Each word therefore yields:
 * - a *key*: its snowball stem truncated to six letters (Finnish IR works well with truncation);
 * - the keys of its compound parts, split against the thesaurus's list of known parts;
 * - the ids of thesaurus concepts it expresses (`§grant`), which also bridge fi/sv/en.
 * Spoken forms are mapped to standard ones first ("ilmaseks" -> "ilmaiseksi").
 * An optional `Morphology` (Voikko) supplies Finnish base forms and compound parts for the words
 * it knows; the rest (names, typos, spoken forms) keep the built-in analysis above.
 */
import snowball from 'snowball-stemmers';
import { stopwordsIso } from './stopwords-iso.ts';
import type { Language } from '../kernel/types.ts';
import type { Thesaurus } from './thesaurus.ts';
import { KEY_LENGTH, LONG_KEY } from '../kernel/tuning.ts';
import { MONTH_NAMES } from '../kernel/months.ts';

const LANGS: readonly Language[] = ['fi', 'sv', 'en'];
/**
 * Longer words are not split into compound parts: splitting tries every cut and stems every
 * piece, which is quadratic in the word's length (one 20 KB "word" in a file took 109 s to index).
 * The longest Finnish dictionary compounds have about 60 letters; the eval corpora's longest word
 * has 30.
 */
const MAX_COMPOUND_LENGTH = 80;
/**
 * Bump when the analysis itself or what is stored of it changes (5: term counts, 6: long keys, 7: street addresses), so stored chunks
 * are analysed again at the next start; the thesaurus is tracked by its hash.
 */
const ANALYSIS_VERSION = 7;

/**
 * A street address with its number ("Mikkolantie 7", "Koulutie 5:ssä", "Storgatan 12"), not a
 * time or a date after a street's name ("Kirkkokatu 12.30"): the thesaurus concept `address` ("osoite", "adress") in text that never names it.
 */
const STREET_ADDRESS =
  /(?<![\p{L}\p{N}])\p{Lu}[\p{Ll}-]*(?:tie|katu|kuja|polku|väylä|raitti|tori|kaari|rinne|piha|gatan|vägen|väg|gränd|torget|road|street|avenue)\s+\d{1,3}(?!\d|[.,:]\d)/gu;
const ADDRESS_CONCEPT = '§address';
const VOWELS = /[aeiouyäöå]$/;

type Stemmer = { stem(w: string): string };
const stemmers: Record<Language, Stemmer> = {
  fi: snowball.newStemmer('finnish'),
  sv: snowball.newStemmer('swedish'),
  en: snowball.newStemmer('english'),
};

/** A word of the text with what analysis found in it. */
export interface Token {
  surface: string;
  key: string;
  stem: string;
  /** Keys of compound parts (not including `key`). */
  parts: string[];
  /**
   * A long word's identity beyond its six-letter key ("+yhdistysag" of "yhdistysagentit", whose key
   * "yhdist" it shares with every "yhdistys"): the first letters of its stem, which inflection
   * leaves alone. Absent for shorter words.
   */
  long?: string;
  /** Concepts this word (or a multi-word phrase starting here) expresses. */
  concepts: string[];
  stop: boolean;
}

interface ConceptTerm {
  concept: string;
  /** Stem prefixes of each word of the term. */
  words: string[];
  /** Max stem length a matching word may have (bounds how much a match may add). */
  maxLen: number[];
  /**
   * Snowball stem of each word when it is long enough to be specific (else ''): a word with the
   * same stem matches across consonant gradation ("painottaa" / "painotetaan" -> "painot").
   */
  stems: string[];
}

/**
 * A real morphological analyser for Finnish (src/retrieval/voikko.ts). A word's key comes from its
 * base form, through the same key function on both sides, so index and questions still agree.
 */
export interface Morphology {
  /** Names the analyser and its version: part of the analyzer's id, so a change re-analyses chunks. */
  readonly id: string;
  /** The base form and compound parts of a lower-case word, or undefined for a word it does not know. */
  analyse(word: string): { baseform: string; parts: string[] } | undefined;
}

/** Words: letters and digits; hyphenated compounds are kept joined here and split later. */
const WORD = /[\p{L}\p{N}]+(?:[-‐'’][\p{L}\p{N}]+)*/gu;

/** Finnish verb forms (infinitives, participles, passives, conditionals), by their endings. */
const FINNISH_VERB =
  /(ata|ätä|ella|ellä|ota|ötä|uta|ytä|taa|tää|da|dä|nut|nyt|neet|ttu|tty|taan|tään|daan|dään|tiin|isi|is)$/u;

/**
 * True for words that look like Finnish verb forms. Questions paraphrase their verbs ("pidetään",
 * "järjestetään", "on"), so verbs say little about which passage answers.
 */
export function looksLikeFinnishVerb(word: string): boolean {
  return word.length >= 4 && (FINNISH_VERB.test(word) || PLURAL_PRESENT.test(word));
}

/** Third person plural present ("tekevät", "auttavat", "hakevat"); short words are nouns ("tavat"). */
const PLURAL_PRESENT = /^.{3,}[aeiouyäö]v[aä]t$/u;

/**
 * Also infinitives in a long vowel after a consonant ("hoitaa", "jakaa"), which partitive nouns share
 * ("koiraa", "rahaa"): good enough to weigh a word less, not to decide it names nothing.
 */
export function mayBeFinnishVerb(word: string): boolean {
  return (
    looksLikeFinnishVerb(word) ||
    (word.length >= 5 && /[^aeiouyäö](?:aa|ää)$/u.test(word)) ||
    (word.length >= 6 && PRESENT_PARTICIPLE.test(word))
  );
}

/**
 * Present participles ("koskeva", "koskevan", "haettavat", "ilmoittauduttava"): a question's
 * "hakemus koskeva" is phrasing, and weighed as a rare word it outweighed the question's subject.
 * Not every "-van": "arpajaisluvan" is a licence.
 */
const PRESENT_PARTICIPLE = /(?:[aeiouyäö]v[aä]t?|tt[aä]v[aä]\p{L}*|ev[aä]n)$/u;

/**
 * Units written as symbols carry words a question uses ("20 €/h" is "20 euroa tunnilta"): spelled
 * out before analysis, so a fee table meets "paljonko maksaa tunnilta".
 */
const UNITS: Record<Language, { perHour: string; perMonth: string; euro: string }> = {
  fi: { perHour: 'euroa tunnilta', perMonth: 'euroa kuukaudessa', euro: 'euroa' },
  sv: { perHour: 'euro per timme', perMonth: 'euro per månad', euro: 'euro' },
  en: { perHour: 'euros per hour', perMonth: 'euros per month', euro: 'euros' },
};

export function spellOutUnits(text: string, lang: Language): string {
  const u = UNITS[lang];
  return text
    .replace(/(?:€|\beur|\beuroa?)\s*\/\s*(?:h|t|tunti|timme|hour)\b/giu, ` ${u.perHour} `)
    .replace(/(?:€|\beur|\beuroa?)\s*\/\s*(?:kk|kuukausi|mån|month)\b/giu, ` ${u.perMonth} `)
    .replace(/€/g, ` ${u.euro} `);
}

/**
 * A date carries its month's name ("14.10.2026" is in "lokakuu"), so "lokakuun yhdistysilta" meets
 * a memo dated 14.10.2026 and "maaliskuussa" meets a deadline of 31.3. Only day.month. forms with
 * the closing dot or a year: "klo 17.30" is a time.
 */
export function spellOutDates(text: string, lang: Language): string {
  return text.replace(/(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4})?(?![\d])/gu, (m, d: string, mo: string) => {
    const day = Number(d);
    const month = Number(mo);
    if (day < 1 || day > 31 || month < 1 || month > 12) return m;
    return `${m} ${MONTH_NAMES[lang][month - 1]!.toLowerCase()} `;
  });
}

/**
 * Thousands written with spaces ("2 500 euroa", "186 000") are one number: split, "500" would
 * match a question about 500 euros in a text about 2 500.
 */
export function joinDigitGroups(text: string): string {
  return text.replace(/(?<![\d.,])\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d])/gu, (m) =>
    m.replace(/[ \u00a0\u202f]/gu, ''),
  );
}

/**
 * A case ending written after a colon ("Koski Tl:ssä", "EU:n", "THL:n") belongs to the word before
 * it, as Finnish writes endings on abbreviations: split off, "ssä" would be a word of its own and
 * "Tl" would not be matched by the page's "Koski TL:n".
 */
const COLON_ENDING = /(?<=[\p{L}\p{N}]):\p{Ll}{1,5}(?![\p{L}\p{N}])/gu;

export function words(text: string): string[] {
  return text.normalize('NFC').replace(COLON_ENDING, '').toLowerCase().match(WORD) ?? [];
}

export class Analyzer {
  private readonly conceptIndex: Record<Language, Map<string, ConceptTerm[]>>;
  /** The same terms by the stem of their first word. */
  private readonly conceptStemIndex: Record<Language, Map<string, ConceptTerm[]>>;
  private readonly broader: Map<string, string>;
  /** Key of each compound part -> the parts' shared prefixes and lengths. */
  private readonly partKeys: Map<string, Array<{ prefix: string; length: number }>>;
  private readonly partSurface: Set<string>;
  private readonly stemCache = new Map<string, string>();
  private readonly stopwords: Record<Language, Set<string>>;

  /** Identifies the analysis: a change means every stored chunk must be analysed again. */
  readonly id: string;

  constructor(
    readonly thesaurus: Thesaurus,
    private readonly morphology?: Morphology,
  ) {
    // Without a morphology the id is what it always was: builtin installs are not re-analysed.
    this.id = `analysis-v${ANALYSIS_VERSION}:${thesaurus.hash}${morphology ? `:${morphology.id}` : ''}`;
    this.conceptIndex = { fi: new Map(), sv: new Map(), en: new Map() };
    this.conceptStemIndex = { fi: new Map(), sv: new Map(), en: new Map() };
    this.broader = new Map();
    for (const [id, c] of thesaurus.concepts) {
      if (c.broader) this.broader.set(id, c.broader);
      for (const lang of ['fi', 'sv', 'en'] as const) {
        for (const term of c.terms[lang]) {
          const ws = words(term).map((w) => this.joinHyphen(w));
          if (ws.length === 0) continue;
          const prefixes = ws.map((w) => this.matchPrefix(w, lang));
          // The whole stem, not the six-letter index key: keys are shared by unrelated words
          // (palaute / palautus, toiminta / toimintasuunnitelma).
          const stems = ws.map((w) => {
            const st = this.stem(this.joinHyphen(w), lang);
            return st.length >= 5 ? st : '';
          });
          const entry: ConceptTerm = {
            concept: id,
            words: prefixes,
            // Very short terms ("ry", "max") match only themselves or nearly so.
            maxLen: prefixes.map((p) => p.length + (p.length <= 2 ? 0 : p.length === 3 ? 3 : 6)),
            stems,
          };
          const bucket = prefixes[0]!.slice(0, 3);
          const list = this.conceptIndex[lang].get(bucket) ?? [];
          list.push(entry);
          this.conceptIndex[lang].set(bucket, list);
          if (stems[0]) {
            const byStem = this.conceptStemIndex[lang].get(stems[0]) ?? [];
            byStem.push(entry);
            this.conceptStemIndex[lang].set(stems[0], byStem);
          }
        }
      }
    }
    // General stopword lists (stopwords-iso) minus the words the thesaurus gives a meaning
    // ("mennessä", "vähintään", "room" are stopwords in general, not here).
    const meaningful = new Set<string>();
    for (const c of thesaurus.concepts.values())
      // Only single-word terms: "går ut", "free of charge" do not make "ut" or "of" meaningful.
      for (const l of LANGS)
        for (const term of c.terms[l]) if (words(term).length === 1) meaningful.add(words(term)[0]!);
    this.stopwords = {
      fi: new Set(thesaurus.stopwords.fi),
      sv: new Set(thesaurus.stopwords.sv),
      en: new Set(thesaurus.stopwords.en),
    };
    for (const l of LANGS)
      for (const w of stopwordsIso[l] ?? []) if (!meaningful.has(w)) this.stopwords[l].add(w);
    this.partSurface = new Set(thesaurus.compoundParts);
    this.partKeys = new Map();
    for (const p of thesaurus.compoundParts) {
      const k = this.keyOfStem(this.stem(p, 'fi'));
      const list = this.partKeys.get(k) ?? [];
      list.push({ prefix: this.matchPrefix(p, 'fi'), length: p.length });
      this.partKeys.set(k, list);
    }
  }

  /**
   * The prefix a word's inflected forms share. Usually the stem less its last letter, but snowball
   * sometimes strips what only looks like an ending ("järjestöilta" -> "järjestö", -lta), and then
   * the surface form is the better guide.
   */
  private matchPrefix(word: string, lang: Language): string {
    const stem = this.stem(word, lang);
    if (word.length - stem.length >= 3) return word.slice(0, Math.max(stem.length, word.length - 2));
    // A short Finnish stem's last -i alternates with -e (tuki / tukea): match without it.
    if (lang === 'fi' && stem.length === 4 && stem.endsWith('i')) return stem.slice(0, -1);
    return stem.length <= 4 ? stem : stem.slice(0, -1);
  }

  private joinHyphen(w: string): string {
    return w.replace(/[-‐'’]/g, '');
  }

  stem(word: string, lang: Language): string {
    const ck = lang + word;
    let s = this.stemCache.get(ck);
    if (s === undefined) {
      s = stemmers[lang].stem(word);
      if (this.stemCache.size > 200_000) this.stemCache.clear();
      this.stemCache.set(ck, s);
    }
    return s;
  }

  private keyOfStem(stem: string): string {
    const k = stem.length > KEY_LENGTH ? stem.slice(0, KEY_LENGTH) : stem;
    // The vowel at the cut alternates with inflection (tila / tiloissa, avustusta -> avustu /
    // avustuksen -> avustuks): drop it so all forms share one key.
    return k.length >= 4 && VOWELS.test(k) ? k.slice(0, -1) : k;
  }

  /** See `Token.long`: Finnish only, where compounds are one word. */
  longKey(word: string, lang: Language): string | undefined {
    if (lang !== 'fi') return undefined;
    const w = this.joinHyphen(word);
    const stem = this.stem(this.morphology?.analyse(w)?.baseform ?? w, lang);
    return stem.length >= LONG_KEY.minStem ? `+${stem.slice(0, LONG_KEY.length)}` : undefined;
  }

  /** The index key of one word. */
  key(word: string, lang: Language): string {
    const w = this.joinHyphen(word);
    if (/^\d/.test(w)) return w;
    if (lang !== 'fi') return this.stem(w, lang);
    return this.keyOfStem(this.stem(this.morphology?.analyse(w)?.baseform ?? w, lang));
  }

  /**
   * Compound parts: the morphology's when it knows the word, else a split into the thesaurus's
   * parts. The morphology's neighbours that make a part the thesaurus lists are kept together
   * ("yhteis" + "työ" is yhteistyö, "asia" + "kirja" asiakirja): the domain uses them as one word.
   */
  private compoundOf(word: string): string[] {
    const known = this.morphology?.analyse(word);
    if (!known) return this.splitCompound(word);
    const parts: string[] = [];
    for (const p of known.parts) {
      const joined = parts.length ? parts[parts.length - 1]! + p : '';
      if (joined && this.partSurface.has(joined)) parts[parts.length - 1] = joined;
      else parts.push(p);
    }
    return parts.length > 1 ? parts : [];
  }

  private isPart(s: string): boolean {
    if (s.length < 3) return false;
    if (this.partSurface.has(s)) return true;
    // Genitive or linking -n/-s on a modifier: "kunnan", "avustus" + hakemus.
    if (s.length >= 4 && /[ns]$/.test(s) && this.partSurface.has(s.slice(0, -1))) return true;
    return this.isInflectedPart(s);
  }

  /** An inflected form of a known part: same key, and not much longer than the part itself. */
  private isInflectedPart(s: string): boolean {
    const parts = this.partKeys.get(this.keyOfStem(this.stem(s, 'fi')));
    return !!parts?.some((p) => s.startsWith(p.prefix) && s.length <= p.length + 4);
  }

  /**
   * Splits a Finnish compound into known parts, longest modifier first; the last part may be
   * inflected. Returns [] when no split into known parts exists.
   */
  splitCompound(word: string, depth = 0): string[] {
    if (word.length < 7 || word.length > MAX_COMPOUND_LENGTH || depth > 3) return [];
    for (let i = word.length - 3; i >= 3; i--) {
      const head = word.slice(0, i);
      const tail = word.slice(i);
      if (!this.isPart(head)) continue;
      if (this.isPart(tail) && tail.length >= 3) return [head, tail];
      const rest = this.splitCompound(tail, depth + 1);
      if (rest.length) return [head, ...rest];
    }
    // A known last part with an unknown modifier still helps ("kyläyhdistyksen" -> yhdistys).
    if (depth === 0) {
      for (let i = 3; i <= word.length - 4; i++) {
        const tail = word.slice(i);
        if (tail.length >= 4 && this.stem(tail, 'fi').length >= 4 && this.isInflectedPart(tail)) {
          return [word.slice(0, i), tail];
        }
      }
    }
    return [];
  }

  /** Concepts of terms starting at word i; a word matches by its stem or its surface form. */
  private conceptsAt(stems: string[], surfaces: string[], i: number, lang: Language): string[] {
    return this.termsAt(stems, surfaces, i, lang).map((t) => t.concept);
  }

  /** Thesaurus terms starting at word i. */
  private termsAt(stems: string[], surfaces: string[], i: number, lang: Language): ConceptTerm[] {
    const found: ConceptTerm[] = [];
    const seen = new Set<ConceptTerm>();
    const candidates = [
      ...(this.conceptIndex[lang].get(surfaces[i]!.slice(0, 3)) ?? []),
      ...(this.conceptStemIndex[lang].get(stems[i]!) ?? []),
    ];
    for (const term of candidates) {
      if (seen.has(term)) continue;
      seen.add(term);
      if (i + term.words.length > stems.length) continue;
      let ok = true;
      for (let k = 0; k < term.words.length && ok; k++) {
        const p = term.words[k]!;
        const st = stems[i + k]!;
        const sf = surfaces[i + k]!;
        ok =
          (st.startsWith(p) && st.length <= term.maxLen[k]!) ||
          (sf.startsWith(p) && sf.length <= term.maxLen[k]!) ||
          (term.stems[k] !== '' && st === term.stems[k]);
      }
      if (ok) found.push(term);
    }
    return found;
  }

  private withBroader(concepts: Iterable<string>): string[] {
    const out = new Set<string>();
    for (let c of concepts) {
      out.add(c);
      for (let guard = 0; guard < 5 && this.broader.has(c); guard++) {
        c = this.broader.get(c)!;
        out.add(c);
      }
    }
    return [...out];
  }

  /** Analyses text into tokens with keys, compound parts and concepts. */
  tokens(text: string, lang: Language): Token[] {
    const raw = words(spellOutDates(spellOutUnits(joinDigitGroups(text), lang), lang)).map(
      (w) => this.thesaurus.spoken.get(w) ?? w,
    );
    const stop = this.stopwords[lang];
    const joined = raw.map((w) => this.joinHyphen(w));
    const stems = joined.map((w) => (/^\d/.test(w) ? w : this.stem(w, lang)));
    const out: Token[] = [];
    // The later words of a multi-word term ("booking systems") carry its concept too: alone they
    // would look unknown, and the phrase is understood.
    const inPhrase = raw.map(() => new Set<string>());
    for (let i = 0; i < raw.length; i++)
      for (const term of this.termsAt(stems, joined, i, lang))
        for (let k = 1; k < term.words.length; k++) inPhrase[i + k]!.add(term.concept);
    for (let i = 0; i < raw.length; i++) {
      const surface = raw[i]!;
      const w = joined[i]!;
      const isNumber = /^\d/.test(w);
      const key = isNumber ? w : lang === 'fi' ? this.key(w, lang) : stems[i]!;
      let parts: string[] = [];
      // Inside a phrase a word means what the phrase means: "charge" in "free of charge" is not
      // an invoice.
      const concepts = new Set(inPhrase[i]!.size ? inPhrase[i] : this.conceptsAt(stems, joined, i, lang));
      if (!isNumber) {
        // Hyphenated compounds split at the hyphen, and each piece may be a compound itself
        // ("toiminta-avustushakemus" -> toiminta + avustus + hakemus).
        const pieces = surface.includes('-')
          ? surface
              .split(/[-‐]/)
              .filter((p) => p.length >= 2)
              .flatMap((p) => {
                const sub = lang === 'fi' ? this.compoundOf(p) : [];
                return sub.length ? sub : [p];
              })
          : lang === 'fi'
            ? this.compoundOf(w)
            : [];
        if (pieces.length > 1) {
          parts = pieces.map((p) => this.key(p, lang)).filter((k) => k !== key);
          const pieceStems = pieces.map((p) => this.stem(p, lang));
          const pieceWords = pieces.map((p) => this.joinHyphen(p));
          for (let k = 0; k < pieces.length; k++)
            for (const c of this.conceptsAt(pieceStems, pieceWords, k, lang)) concepts.add(c);
        }
      }
      const long = isNumber ? undefined : this.longKey(w, lang);
      out.push({
        surface,
        key,
        stem: stems[i]!,
        parts,
        ...(long ? { long } : {}),
        concepts: this.withBroader(concepts),
        // The question clitic -ko/-kö on a function word ("onko", "saako", "monellako").
        stop:
          stop.has(surface) || stop.has(w) || (lang === 'fi' && /k[oö]$/.test(w) && stop.has(w.slice(0, -2))),
      });
    }
    return out;
  }

  /** Index terms of a text, repeated as often as they occur (term frequency). */
  terms(text: string, lang: Language): string[] {
    return this.termsOf(text, this.tokens(text, lang));
  }

  /** `terms` of a text already analysed into `tokens` (`this.tokens(text, lang)`). */
  termsOf(text: string, tokens: readonly Token[]): string[] {
    const out: string[] = [];
    for (const t of tokens) {
      if (t.stop || t.key.length < 2) continue;
      out.push(t.key, ...t.parts);
      if (t.long) out.push(t.long);
      for (const c of t.concepts) out.push(`§${c}`);
    }
    // A street address says "osoite" without the word: "Mikkolantie 7" answers "missä osoitteessa".
    for (const _ of text.matchAll(STREET_ADDRESS)) out.push(ADDRESS_CONCEPT);
    return out;
  }

  /** How often each index term occurs in a text (stored per chunk for re-scoring). */
  termCounts(text: string, lang: Language): Record<string, number> {
    return countTerms(this.terms(text, lang));
  }

  /** `termCounts` of a text already analysed into `tokens` (`this.tokens(text, lang)`). */
  termCountsOf(text: string, tokens: readonly Token[]): Record<string, number> {
    return countTerms(this.termsOf(text, tokens));
  }
}

function countTerms(terms: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const term of terms) out[term] = (out[term] ?? 0) + 1;
  return out;
}
