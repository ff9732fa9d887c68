/**
 * One `Question` per turn: what the asker wants, understood once before search. Search and the
 * answer read it and never edit it; a route that needs fewer words (a municipality's name is a
 * filter, not content) gets them from `content`, derived here.
 */
import type { Audience, Language } from '../kernel/types.ts';
import { detectLanguage } from '../kernel/language.ts';
import type { MunicipalityRegistry } from '../kernel/municipalities.ts';
import { words } from '../retrieval/analyzer.ts';
import type { AnalysedQuery, QueryToken } from '../retrieval/searcher.ts';
import { detectIntent, type FactKind } from './intent.ts';

/**
 * How the question is answered: from one scope's passages (`local`), by counting across
 * municipalities from region-wide passages (`count`), or municipality by municipality (`regional`).
 */
export type Route = 'local' | 'count' | 'regional';

export interface Question {
  readonly text: string;
  /** The language the question is written in (what its words are analysed as). */
  readonly language: Language;
  /** The language to reply in: the user's choice, else the question's. */
  readonly replyLanguage: Language;
  /** The kinds of fact it asks for: a date, a sum, a person, a count, a place, a procedure. */
  readonly kinds: ReadonlySet<FactKind>;
  /** "Paljonko …?" / "How much …?": only a sum or a number answers (see answersHowMany). */
  readonly howMuch: boolean;
  /** "Milloin …?" / "When …?": only a time answers (see answersWhen). */
  readonly when: boolean;
  /** A phone number or an email asked for (see answersWho). */
  readonly details: boolean;
  /** Who holds a role the question names (see answersWho). */
  readonly role: boolean;
  /** When the text itself was published or updated: its date answers. */
  readonly published: boolean;
  /** Who wrote the text: the signature at its end answers. */
  readonly author: boolean;
  readonly route: Route;
  /** "Mikä on X?": the word X, whose defining sentence ("X on …") answers. */
  readonly definition?: string;
  /** Municipalities with documents that the question names ("Routasalmella", "i Vassnäs"). */
  readonly named: readonly string[];
  /**
   * Content words that name a place: a region or county ("Pirkanmaan"), or a municipality without
   * documents ("Ylivieskassa"). An answer must come from a passage about that place.
   */
  readonly places: readonly QueryToken[];
  /** The municipality whose documents answer: the user's choice, else the only one named. */
  readonly municipality?: string;
  readonly audience: Audience;
  /** Every content word of the question, as analysed against the index. */
  readonly analysed: AnalysedQuery;
  /** The words that say what is asked, without those that only say where (names, "kunnissa"). */
  readonly content: AnalysedQuery;
  /**
   * It asks across municipalities ("missä kunnissa…", "vilka kommuner…"): with none named, the
   * dialogue answers it from every municipality, whatever the conversation chose.
   */
  readonly across: boolean;
  /** What `scoped` needs to place the question again in another municipality. */
  readonly basis: {
    readonly count: boolean;
    readonly nameWords: readonly string[];
    readonly elsewhere: readonly string[];
  };
}

export interface QuestionScope {
  municipality?: string | null;
  audience: Audience;
  /** The language to reply in (the user's choice); the question's own when absent. */
  language?: Language;
  /** The question's language when the caller has already detected it (the dialogue does, once). */
  textLanguage?: Language;
  /** Municipalities named in this very text, when the caller has already found them. */
  named?: NamedMunicipality[];
}

/** A municipality named in a text: by which words, and whether it has documents. */
export interface NamedMunicipality {
  name: string;
  surface: string;
  documents: boolean;
}

/** The municipalities `text` names, as the index spells those it has documents for. */
export function namedIn(registry: MunicipalityRegistry, text: string): NamedMunicipality[] {
  return registry.detect(text).map((m) => ({
    name: m.municipality.indexName ?? m.municipality.name,
    surface: m.surface.toLowerCase(),
    documents: !!m.municipality.indexName,
  }));
}

export interface QuestionDeps {
  analyse(text: string, language: Language): Promise<AnalysedQuery>;
  /** Municipalities named in the text, with the words that named them and whether they have documents. */
  namedMunicipalities(text: string): Promise<NamedMunicipality[]>;
}

const COMPARE = /^(vert(aa|aile|ailla|ailu|aa|atkaa)|verra|jämför|compar)/iu;

/** True for a word whose only meaning is a scope ("kunnissa", "regionen"), not a content. */
function onlyScope(tk: QueryToken, scopes: readonly string[]): boolean {
  const concepts = tk.features.filter((f) => f.startsWith('§'));
  return concepts.length > 0 && concepts.every((c) => scopes.includes(c));
}

function narrowed(q: AnalysedQuery, keep: (tk: QueryToken) => boolean): AnalysedQuery {
  const tokens = q.tokens.filter(keep);
  return { ...q, tokens, terms: [...new Set(tokens.flatMap((t) => t.features))] };
}

export async function understand(text: string, scope: QuestionScope, deps: QuestionDeps): Promise<Question> {
  const language = scope.textLanguage ?? detectLanguage(text, scope.language);
  const analysed = await deps.analyse(text, language);
  // Spoken forms read as standard ones: "montaks kuntaa" asks "montako kuntaa".
  const intent = detectIntent(analysed.standard ?? text);
  const all = scope.named ?? (await deps.namedMunicipalities(text));
  const mentions = all.filter((m) => m.documents);
  const base: Question = {
    text,
    language,
    replyLanguage: scope.language ?? language,
    kinds: intent.kinds,
    howMuch: intent.howMuch,
    when: intent.when,
    details: intent.details,
    role: intent.role,
    published: intent.published,
    author: intent.author,
    route: 'local',
    ...(intent.definition ? { definition: intent.definition.toLowerCase() } : {}),
    named: [...new Set(mentions.map((m) => m.name))],
    places: [],
    audience: scope.audience,
    analysed,
    content: analysed,
    across: intent.regional,
    basis: {
      count: intent.count,
      nameWords: [...new Set(mentions.flatMap((m) => words(m.surface)))],
      elsewhere: [...new Set(all.filter((m) => !m.documents).flatMap((m) => words(m.surface)))],
    },
  };
  return scoped(base, scope.municipality ?? undefined);
}

/**
 * The question answered from `municipality`'s documents (none: the only one it names, or every
 * one): its route and the words that say what is asked follow from the scope. The analysis is
 * not repeated, so the dialogue can understand a question once and then choose where it applies.
 */
export function scoped(q: Question, municipality: string | undefined): Question {
  const { count, nameWords: names, elsewhere: others } = q.basis;
  const nameWords = new Set(names);
  const elsewhere = new Set(others);
  if (!municipality && q.named.length === 1) municipality = q.named[0];
  const route: Route =
    !municipality && (q.across || q.named.length > 1)
      ? 'regional'
      : count && !municipality
        ? 'count'
        : 'local';
  let content = narrowed(q.analysed, (tk) => !nameWords.has(tk.surface));
  // "Vertaile …", "jämför …", "compare …" says how to answer, not what about.
  if (route === 'regional')
    content = narrowed(content, (tk) => !onlyScope(tk, ['§municipality']) && !COMPARE.test(tk.surface));
  // "How many municipalities in the region …": those words say where to count, not what.
  if (route === 'count') content = narrowed(content, (tk) => !onlyScope(tk, ['§municipality', '§region']));
  // With one municipality in scope, "kaupungilla" / "kunnassa" says where, not what. Finnish only:
  // there a compound is one word ("kaupungintalo"), while English "town hall" is two.
  if (route === 'local' && municipality && q.language === 'fi' && content.tokens.length > 1)
    content = narrowed(content, (tk) => !onlyScope(tk, ['§municipality']));
  const places = content.tokens.filter(
    (tk) => elsewhere.has(tk.surface) || tk.features.some((f) => /^§(region|county)_/.test(f)),
  );
  const { municipality: _previous, ...rest } = q;
  return { ...rest, route, content, places, ...(municipality ? { municipality } : {}) };
}
