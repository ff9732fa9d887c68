/**
 * Which municipality a user means. Knows every Finnish municipality by its Finnish and Swedish
 * name (`municipalities-data.ts`) plus every municipality the index has documents for (the demo
 * pack's are fictional), and recognises them in free text in any inflected form ("Iissä",
 * "Närpiön", "i Närpes", "Jakobstads stad") through the stems of `finnish-inflection.ts`.
 */
import type { MunicipalityInfo } from './types.ts';
import { FINNISH_MUNICIPALITIES } from './municipalities-data.ts';
import { finnishStems, isCaseEnding, isSpokenCaseEnding, swedishForms } from './finnish-inflection.ts';

/** One municipality as the dialogue knows it. */
export interface Municipality {
  /** The name shown to users: the Finnish name, or the index's spelling for unknown ones. */
  name: string;
  /** Swedish name when it differs. */
  sv?: string;
  /** The spelling in the index's `documents.municipality`, when it has documents. */
  indexName?: string;
  /** Number of active documents in the index (0 = none yet). */
  documents: number;
}

/** A municipality named in a text. */
export interface Mention {
  municipality: Municipality;
  /** The words as the user wrote them, e.g. "Iisalmen". */
  surface: string;
  /** Character offsets of `surface` in the text. */
  start: number;
  end: number;
}

/**
 * Names that are also everyday words (koski = rapids, kotka = eagle, ingå = be included): in free
 * text they count only when capitalised. Commands ("/kunta kotka") accept them in any case.
 */
const COMMON_WORDS = new Set([
  'aura',
  'hanko',
  'ii',
  'kemi',
  'koski',
  'kotka',
  'lahti',
  'luoto',
  'salo',
  'simo',
  'somero',
  'rusko',
  'kolari',
  'kannus',
  'salla',
  'sund',
  'geta',
  'ingå',
  'storå',
  'perho',
  'juva',
  'pello',
  'kumo',
]);

/**
 * Names that are a common word only as written ("nokia", soot's partitive; "Nokia" the firm):
 * their inflected forms ("nokialla", "nokian") name the town even in lower case, as phones type.
 */
const COMMON_AS_WRITTEN = new Set(['nokia']);

/** Extra spellings users write for names whose official form they rarely type. */
const ALIASES: Record<string, string[]> = {
  'Koski Tl': ['Koski'],
  'Pedersören kunta': ['Pedersöre'],
  'Mänttä-Vilppula': ['Mänttä'],
};

interface Surface {
  municipality: Municipality;
  /** Lowercase words of the name; the last one inflects. */
  words: string[];
  /** The name is also a common word: capital letter required in free text. */
  common: boolean;
}

const TOKEN = /[\p{L}\p{M}](?:[\p{L}\p{M}:'’-]*[\p{L}\p{M}])?/gu;

interface Token {
  lower: string;
  raw: string;
  start: number;
  end: number;
}

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(TOKEN)) {
    out.push({ lower: m[0].toLowerCase(), raw: m[0], start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/** An inhabitant of a place: "tuusula|laisen", "helsinki|läiset", "lahte|lainen", "kuhmois|lainen". */
const DEMONYM = /^(\p{L}{3,}?)l[aä]i(?:nen|s\p{L}*)$/u;

const fold = (s: string): string => s.normalize('NFC').trim().toLowerCase();

/** Known municipalities and the index's, with recognition of their names in text. */
export class MunicipalityRegistry {
  readonly all: Municipality[];
  private readonly byName = new Map<string, Municipality>();
  /** Last-word stem -> surfaces ending in a word with that stem. */
  private readonly stems = new Map<string, Surface[]>();
  /** Whole inflected words (irregular forms, Swedish forms) -> surfaces. */
  private readonly forms = new Map<string, Surface[]>();
  /** Nominative last word -> surfaces, for the colon form "Iisalmi:n". */
  private readonly nominatives = new Map<string, Surface[]>();

  /**
   * @param indexed municipalities the index has documents for, spelled as in the index.
   * @param known every municipality to know by name (default: all Finnish municipalities).
   */
  constructor(indexed: MunicipalityInfo[] = [], known = FINNISH_MUNICIPALITIES) {
    this.all = known.map(([fi, sv]) => ({ name: fi, sv, documents: 0 }));
    for (const m of this.all) {
      this.byName.set(fold(m.name), m);
      if (m.sv) this.byName.set(fold(m.sv), m);
    }
    for (const info of indexed) {
      let m = this.byName.get(fold(info.name));
      if (!m) {
        m = { name: info.name, documents: 0 };
        this.all.push(m);
        this.byName.set(fold(info.name), m);
      }
      m.indexName = info.name;
      m.documents += info.documents;
      if (info.sv && !m.sv) {
        m.sv = info.sv;
        this.byName.set(fold(info.sv), m);
      }
    }
    for (const m of this.all) {
      for (const name of new Set([m.name, ...(ALIASES[m.name] ?? [])])) this.addSurface(m, name, false);
      if (m.sv) this.addSurface(m, m.sv, true);
    }
  }

  private addSurface(m: Municipality, name: string, swedish: boolean): void {
    const words = fold(name).split(/\s+/);
    const lastWord = words.at(-1)!;
    const folded = fold(name);
    const surface: Surface = {
      municipality: m,
      words,
      common: COMMON_WORDS.has(folded) || COMMON_AS_WRITTEN.has(folded),
    };
    const push = (map: Map<string, Surface[]>, key: string) => {
      const list = map.get(key) ?? [];
      if (!list.some((s) => s.municipality === m && s.words.join(' ') === words.join(' ')))
        list.push(surface);
      map.set(key, list);
    };
    push(this.nominatives, lastWord);
    if (swedish) for (const f of swedishForms(lastWord)) push(this.forms, f);
    // Finnish inflection also applies to Swedish names used in Finnish ("Närpesissä").
    const { stems, forms } = finnishStems(lastWord);
    for (const s of stems) push(this.stems, s);
    for (const f of forms) push(this.forms, f);
  }

  /** The municipality with this exact name (Finnish, Swedish or index spelling), any case. */
  byExactName(name: string): Municipality | undefined {
    return this.byName.get(fold(name));
  }

  /**
   * Resolves what a user typed after a command ("/kunta iisalmen", "/kommun Närpes"): exact name,
   * else any inflected form, case-insensitively. Undefined when nothing or several match.
   */
  resolve(input: string): Municipality | undefined {
    const exact = this.byExactName(input);
    if (exact) return exact;
    const found = unique(this.detect(input, { anyCase: true }).map((x) => x.municipality));
    return found.length === 1 ? found[0] : undefined;
  }

  /** Names close to a misspelt input (edit distance), for "did you mean" choices. */
  suggest(input: string, limit = 5): Municipality[] {
    const q = fold(input);
    if (!q) return [];
    const scored = this.all
      .map((m) => ({ m, d: Math.min(...[m.name, m.sv ?? m.name].map((n) => editDistance(q, fold(n)))) }))
      .filter((x) => x.d <= Math.max(2, Math.floor(q.length / 3)))
      .sort((a, b) => a.d - b.d || b.m.documents - a.m.documents || a.m.name.localeCompare(b.m.name, 'fi'));
    return scored.slice(0, limit).map((x) => x.m);
  }

  /** Every municipality named in `text`, in order of appearance. */
  detect(text: string, opts: { anyCase?: boolean } = {}): Mention[] {
    const tokens = tokenize(text);
    const out: Mention[] = [];
    for (let i = 0; i < tokens.length; i++) {
      let best: { surface: Surface; endToken: number } | undefined;
      for (const cand of this.candidates(tokens[i]!)) {
        const n = cand.words.length;
        const startToken = i - (n - 1);
        if (startToken < 0) continue;
        let ok = true;
        for (let k = 0; k < n - 1; k++) if (tokens[startToken + k]!.lower !== cand.words[k]) ok = false;
        if (!ok) continue;
        if (cand.common && !opts.anyCase && !/^\p{Lu}/u.test(tokens[startToken]!.raw)) continue;
        if (!best || n > best.surface.words.length) best = { surface: cand, endToken: i };
      }
      if (!best) continue;
      const first = tokens[best.endToken - (best.surface.words.length - 1)]!;
      const last = tokens[best.endToken]!;
      // A longer name ending here replaces a shorter one found on its first word ("Koski Tl").
      const prev = out.at(-1);
      if (prev && prev.start >= first.start) out.pop();
      out.push({
        municipality: best.surface.municipality,
        surface: text.slice(first.start, last.end),
        start: first.start,
        end: last.end,
      });
    }
    return out;
  }

  /** Surfaces whose last word this token can be. */
  private candidates(token: Token): Surface[] {
    const found: Surface[] = [];
    const w = token.lower;
    const colon = w.indexOf(':');
    if (colon > 0 && isCaseEnding(w.slice(colon + 1)))
      found.push(...(this.nominatives.get(w.slice(0, colon)) ?? []));
    found.push(...(this.forms.get(w) ?? []));
    // "tuusulalaisen yhdistyksen", "lahtelaiset", "kuhmoislainen": an inhabitant's word names its
    // municipality, in lower case even when the name is also a common word.
    const demonym = DEMONYM.exec(w);
    if (demonym) {
      const base = demonym[1]!;
      for (const nominative of new Set([base, base.replace(/s$/u, 'nen'), base.replace(/e$/u, 'i')]))
        for (const surface of this.nominatives.get(nominative) ?? [])
          if (surface.words.length === 1) found.push({ ...surface, common: false });
    }
    for (let k = w.length; k >= 2; k--) {
      const list = this.stems.get(w.slice(0, k));
      if (!list) continue;
      const rest = w.slice(k);
      if (isCaseEnding(rest) || isSpokenCaseEnding(rest))
        for (const surface of list)
          found.push(
            rest && surface.common && COMMON_AS_WRITTEN.has(surface.words.join(' '))
              ? { ...surface, common: false }
              : surface,
          );
    }
    return found;
  }

  /** Municipalities with documents first (most documents first), then the rest alphabetically. */
  ordered(): Municipality[] {
    return [...this.all].sort(
      (a, b) =>
        Number(b.documents > 0) - Number(a.documents > 0) ||
        a.name.localeCompare(b.name, 'fi', { sensitivity: 'base' }),
    );
  }

  /** The name to filter the index with: its own spelling when it has documents. */
  static searchName(m: Municipality): string {
    return m.indexName ?? m.name;
  }
}

function unique<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}

function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length]!;
}
