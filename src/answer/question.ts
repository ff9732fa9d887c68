/**
 * One `Question` per turn: what the asker wants, understood once before search. Search and the
 * answer read it and never edit it; a route that needs fewer words (a municipality's name is a
 * filter, not content) gets them from `content`, derived here.
 */
import type { Audience, Language } from '../kernel/types.ts';
import { detectLanguage } from '../kernel/language.ts';
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
}

export interface QuestionScope {
  municipality?: string | null;
  audience: Audience;
  language?: Language;
}

export interface QuestionDeps {
  analyse(text: string, language: Language): Promise<AnalysedQuery>;
  /** Municipalities named in the text, with the words that named them and whether they have documents. */
  namedMunicipalities(text: string): Promise<Array<{ name: string; surface: string; documents: boolean }>>;
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
  const language = detectLanguage(text, scope.language);
  const analysed = await deps.analyse(text, language);
  // Spoken forms read as standard ones: "montaks kuntaa" asks "montako kuntaa".
  const intent = detectIntent(analysed.standard ?? text);
  const all = await deps.namedMunicipalities(text);
  const mentions = all.filter((m) => m.documents);
  const named = [...new Set(mentions.map((m) => m.name))];
  const nameWords = new Set(mentions.flatMap((m) => words(m.surface)));
  const elsewhere = new Set(all.filter((m) => !m.documents).flatMap((m) => words(m.surface)));
  let municipality = scope.municipality ?? undefined;
  if (!municipality && named.length === 1) municipality = named[0];
  const route: Route =
    !municipality && (intent.regional || named.length > 1)
      ? 'regional'
      : intent.count && !municipality
        ? 'count'
        : 'local';
  let content = narrowed(analysed, (tk) => !nameWords.has(tk.surface));
  // "Vertaile …", "jämför …", "compare …" says how to answer, not what about.
  if (route === 'regional')
    content = narrowed(content, (tk) => !onlyScope(tk, ['§municipality']) && !COMPARE.test(tk.surface));
  // "How many municipalities in the region …": those words say where to count, not what.
  if (route === 'count') content = narrowed(content, (tk) => !onlyScope(tk, ['§municipality', '§region']));
  // With one municipality in scope, "kaupungilla" / "kunnassa" says where, not what. Finnish only:
  // there a compound is one word ("kaupungintalo"), while English "town hall" is two.
  if (route === 'local' && municipality && language === 'fi' && content.tokens.length > 1)
    content = narrowed(content, (tk) => !onlyScope(tk, ['§municipality']));
  const places = content.tokens.filter(
    (tk) => elsewhere.has(tk.surface) || tk.features.some((f) => /^§(region|county)_/.test(f)),
  );
  return {
    text,
    language,
    replyLanguage: scope.language ?? language,
    kinds: intent.kinds,
    route,
    ...(intent.definition ? { definition: intent.definition.toLowerCase() } : {}),
    named,
    places,
    municipality,
    audience: scope.audience,
    analysed,
    content,
  };
}
