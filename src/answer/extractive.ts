/**
 * The offline answer: sentences quoted from the best chunks, the concrete fact first, each with
 * its citation. It never writes a fact of its own: when the evidence is weak it refuses, says what
 * it searched for and names the contact person the documents give.
 */
import type pg from 'pg';
import type { Block, Citation, Language, Part } from '../kernel/types.ts';
import { plainText } from '../kernel/blocks.ts';
import { t } from '../kernel/i18n/index.ts';
import { answerUnits, isTagSection, joinUnits, leansOnPrevious, timeAfter } from './units.ts';
import { listMunicipalities } from '../store/documents.ts';
import { lastChunkOf } from '../store/search.ts';
import { MunicipalityDirectory } from '../kernel/municipality-directory.ts';
import { words, type Analyzer } from '../retrieval/analyzer.ts';
import { HybridSearcher, type AnalysedQuery, type QueryToken } from '../retrieval/searcher.ts';
import type { SearchHit } from '../retrieval/types.ts';
import { citationOf, formatDate } from './citations.ts';
import {
  answersHowMany,
  answersWhen,
  answersWho,
  bodiesIn,
  carries,
  factKinds,
  hasContactDetails,
  hasCalendarDate,
  hasExactDate,
  hasName,
  isAuthorWord,
  isFrameWord,
  namesPerson,
  type FactKind,
} from './intent.ts';
import {
  answerability,
  absentThingFeature,
  placeFeature,
  type AnswerabilityFeatures,
  type AnswerabilityModel,
} from './answerability.ts';
import {
  namedIn,
  understand,
  type NamedMunicipality,
  type Question,
  type QuestionScope,
} from './question.ts';
import type { Answer, Answerer, AskOptions } from './types.ts';
import { ANSWERABILITY, COUNT_ROUTE, LIST_ITEMS, REGIONAL, THRESHOLDS } from '../kernel/tuning.ts';
import { isSourceLine } from '../kernel/source-line.ts';

/** A year as a word of its own ("2027", not "12027" or "2027-2028"'s parts glued to others). */
const YEAR = /(?<![\p{L}\p{N}])(?:19|20)\d\d(?![\p{L}\p{N}])/gu;
const YEAR_WORD = /^(?:19|20)\d\d$/u;

/**
 * The kinds of fact a sentence gives, and for a lead-in ("Yhteisötilan kausimaksu:", "Hinnat:")
 * those of the list it announces: the list is quoted with it (withCompanions), and the prices are
 * in the list, not in the lead-in.
 */
function withListKinds(text: string, units: readonly string[], index: number): Set<FactKind> {
  const kinds = factKinds(text);
  if (text.trimEnd().endsWith(':'))
    for (const item of units.slice(index + 1, index + 1 + LIST_ITEMS))
      for (const k of factKinds(item)) kinds.add(k);
  return kinds;
}

/** The steps of a grant's or a booking's course, each with its own dates (thesaurus concepts). */
const STEPS = ['§application', '§grant_report', '§decision', '§payment', '§booking', '§cancellation'];

function stepsIn(has: (feature: string) => boolean): string[] {
  return STEPS.filter(has);
}

/**
 * A booking is also what the other steps act on: "milloin vuoro pitää perua?" asks about the
 * cancellation, and "vuoroja voi hakea 1.4.–30.4." (applying for a booking) dates another step.
 */
function askedStepsOf(steps: string[]): string[] {
  return steps.length > 1 ? steps.filter((st) => st !== '§booking') : steps;
}

function sentenceStepsOf(steps: string[], asked: readonly string[]): string[] {
  return asked.includes('§booking') ? steps : steps.filter((st) => st !== '§booking');
}

function asksWhen(asked: ReadonlySet<FactKind>): boolean {
  return asked.has('date') || asked.has('time') || asked.has('duration');
}

/** The kinds of fact that a sentence must carry to answer (place and procedure are asked in words). */
function wantedKinds(asked: ReadonlySet<FactKind>): FactKind[] {
  return [...asked].filter((k) => k !== 'place' && k !== 'procedure');
}

/**
 * A question for the contact person ("kuka on yhdyshenkilö?", "… yhteyshenkilö avustusasioissa"):
 * with a municipality chosen, its own documents name that person, whatever a region-wide text
 * says of the role or of the subject.
 */
function asksForContact(q: Question): boolean {
  return q.kinds.has('person') && q.content.tokens.some((tk) => tk.features.includes('§contact_person'));
}

/**
 * "Kuka vastaa avustuksista?" on a page that names no one in its text: the page's own contact line
 * ("Vapaa-aikasihteeri Tiina Koskinen, p. …") answers, not the best-matching sentence without a
 * person. Only a contact line of the same document as the best sentence, so the page stays the
 * one that matched.
 */
function pageContactFirst(
  scored: ScoredSentence[],
  q: Pick<Question, 'kinds' | 'details' | 'role'>,
): ScoredSentence[] {
  const best = scored[0];
  if (!best || !q.kinds.has('person')) return scored;
  // Asked for a phone number, a line with a name but no number is no answer either.
  if (best.kinds.has('person') && answersWho(q, best.text)) return scored;
  const contact = scored.find(
    (s) => s.hit.documentId === best.hit.documentId && s.kinds.has('person') && hasContactDetails(s.text),
  );
  return contact ? [contact, ...scored.filter((s) => s !== contact)] : scored;
}

/** How many lines from a text's end its signature may stand (name, role, project, organisation). */
const SIGNATURE_LINES = 6;

/**
 * The line near the end of a text that names a person: its writer's signature ("Järjestöagentti
 * Anna Katajala, …"), read from the document's last passage backwards. A person quoted in the
 * middle of the text is no writer; tag rows and address lines are no signature.
 */
function signatureIn(last: SearchHit): string | undefined {
  if (isTagSection(last.section)) return undefined;
  const units = answerUnits(last.text, last.language).filter((u) => !isSourceLine(u));
  return units
    .slice(-SIGNATURE_LINES)
    .reverse()
    .find((u) => namesPerson(u));
}

function sameMunicipality(a: string | undefined, b: string): boolean {
  return !!a && a.toLowerCase() === b.toLowerCase();
}

interface ScoredSentence {
  /** It dates another step than the one asked about (see THRESHOLDS.otherStep). */
  otherStep?: boolean;
  /** The kinds of fact it carries, with those of the list it announces. */
  kinds: ReadonlySet<FactKind>;
  hit: SearchHit;
  hitRank: number;
  index: number;
  text: string;
  score: number;
}

/** How many sentences' term sets an answerer remembers (a few MB; emptied when full). */
const TERM_SETS_MAX = 50_000;

export class ExtractiveAnswerer implements Answerer {
  private readonly termSets = new Map<string, ReadonlySet<string>>();
  private readonly contactCache = new Map<string, { at: number; value?: { text: string; hit: SearchHit } }>();

  constructor(
    private readonly pool: pg.Pool,
    private readonly searcher: HybridSearcher,
    private readonly analyzer: Analyzer,
    private readonly limits: { regionalAll: number; regionalShown: number } = REGIONAL,
    /** The answerability model; the fitting script passes one that answers everything. */
    private readonly model: AnswerabilityModel = ANSWERABILITY,
    /** The process's one registry of municipalities, shared with the dialogue. */
    private readonly directory = new MunicipalityDirectory((audience) => listMunicipalities(pool, audience)),
  ) {}

  async ask(text: string, opts: AskOptions): Promise<Answer> {
    return this.answer(await this.understand(text, opts));
  }

  /** The question understood once: language, kinds of fact, scope, analysed words. */
  understand(text: string, scope: QuestionScope): Promise<Question> {
    return understand(text, scope, {
      analyse: (t, lang) => this.searcher.analyse(t, lang),
      namedMunicipalities: (t) => this.namedMunicipalities(t),
    });
  }

  async answer(q: Question): Promise<Answer> {
    const language = q.replyLanguage;
    const scope: AskOptions = { municipality: q.municipality, audience: q.audience };
    const searched = q.analysed.tokens.map((tk) => tk.surface);
    if (q.content.tokens.length === 0) return this.refuse(language, scope, [], searched);
    if (q.route === 'regional') return this.regional(q);

    const hits = await this.retrieve(q);
    const top = hits[0];
    if (!top) return this.refuse(language, scope, hits, searched);
    // "Kuka kirjoitti jutun?": the signature at the end of the best-matching text names its
    // writer; a sentence that merely mentions writing ("on kirjattu") does not.
    if (q.author) {
      // The text is the one its subject matches: "kirjoitti" must not pick a text on "kirjaaminen".
      const about = { ...q.content, tokens: q.content.tokens.filter((tk) => !isAuthorWord(tk.surface)) };
      const text = about.tokens.length
        ? [...hits].sort(
            (a, b) =>
              HybridSearcher.coverage(about, (f) => this.termsHas(b, f), b.language) -
                HybridSearcher.coverage(about, (f) => this.termsHas(a, f), a.language) || b.score - a.score,
          )[0]!
        : top;
      const signed = await this.signatureOf(text);
      if (!signed) return this.refuse(language, scope, hits, searched);
      const blocks: Block[] = [
        ...(signed.hit.language === language
          ? []
          : [{ kind: 'notice' as const, text: t(language, 'answer.quotedIntro') }]),
        { kind: 'answer', parts: [{ text: signed.text, cite: [1] }] },
      ];
      const citations = [citationOf(signed.hit, signed.text)];
      return answerOf(blocks, { answered: true, language, citations, hits, searched });
    }
    // "Milloin kirjoitus julkaistiin?" asks for the date the best-matching text gives itself
    // (metadata or its own "Päivitetty …" line), which its citation carries.
    if (q.published && top.date) {
      const date = formatDate(top.date, language)!;
      const blocks: Block[] = [
        { kind: 'answer', parts: [{ text: t(language, 'answer.documentDate', { date }), cite: [1] }] },
      ];
      return answerOf(blocks, { answered: true, language, citations: [citationOf(top)], hits, searched });
    }
    // "Kuka voi hakea X?" is about X: the rule that says who may ("X myönnetään yhdistyksille")
    // need not repeat "hakea", while the application period, which does, is not the answer.
    // "What percentage …" is answered by "(90%)", which does not say "percentage".
    const about = q.content.tokens.filter((tk) => !isFrameWord(tk.surface, q.kinds));
    const framed =
      about.length && about.length < q.content.tokens.length ? { ...q.content, tokens: about } : undefined;
    const coverageOf = (h: SearchHit) =>
      framed ? HybridSearcher.coverage(framed, (f) => this.termsHas(h, f), h.language) : h.coverage;
    const best = coverageOf(top);
    // Sentences are chosen from the passages that match nearly as well as the best one.
    let candidates = hits.filter(
      (h) => coverageOf(h) >= Math.max(THRESHOLDS.candidateFloor, THRESHOLDS.candidateShare * best),
    );
    // A count across municipalities is quoted from a region-wide passage when one qualifies.
    if (q.route === 'count' && candidates.some((h) => !h.municipality))
      candidates = candidates.filter((h) => !h.municipality);
    // Asked who, the best page's contact section may match none of the question's words: it is
    // read too (see pageContactFirst).
    const page = candidates[0]?.documentId;
    if (q.kinds.has('person') && page !== undefined)
      candidates.push(
        ...hits.filter((h) => h.documentId === page && !candidates.includes(h) && hasContactDetails(h.text)),
      );
    // Counting in a region, the region is what the survey is about (the place feature checks the
    // passage), not what the quoted sentence repeats: "North Ostrobothnia" must not outweigh "pay
    // grants". Elsewhere the sentence that names the place is the one about it.
    const places = new Set(q.route === 'count' ? q.places : []);
    const content = framed ?? q.content;
    const unplaced = content.tokens.filter((tk) => !places.has(tk));
    const sentenceContent = places.size && unplaced.length ? { ...content, tokens: unplaced } : content;
    const scored = pageContactFirst(
      this.scoreSentences(sentenceContent, q.kinds, candidates, q.definition, q.places),
      q,
    );
    const chosen = this.withCompanions(scored, q.kinds);
    const lead = chosen[0];
    // "How many municipalities …" without a region named: each region-wide survey that states a
    // figure answers for its own region, so a second one is quoted beside the first.
    if (lead && q.route === 'count' && q.places.length === 0) {
      const other = scored.find(
        (s) =>
          s.hit.documentId !== lead.hit.documentId &&
          !s.hit.municipality &&
          s.score >= THRESHOLDS.otherSurvey * lead.score &&
          carries(factKinds(s.text), 'count') &&
          !chosen.some((c) => c.hit.documentId === s.hit.documentId),
      );
      if (other) chosen.push(other);
    }
    if (!lead) return this.refuse(language, scope, hits, searched);
    // "How many / how much …?" answered by no figure at all is a neighbouring fact, however well
    // it matches.
    if (!answersHowMany(q, lead.kinds)) return this.refuse(language, scope, hits, searched);
    // The time may be in a companion quoted with the lead ("tiistaisin klo 9–11" before "Päivystykseen
    // voi tulla ilman ajanvarausta").
    const beside = chosen.filter(
      (c) => c.hit.chunkId === lead.hit.chunkId && Math.abs(c.index - lead.index) <= 1,
    );
    if (!answersWhen(q, new Set(beside.flatMap((c) => [...c.kinds]))))
      return this.refuse(language, scope, hits, searched);
    // "Kuka on yhdyshenkilö?" with a municipality chosen asks for the person its documents name,
    // not for what a regional recommendation says of the role.
    // The municipality's own contact line, when it leads, is that answer too.
    if (q.municipality && asksForContact(q)) {
      const own = sameMunicipality(lead.hit.municipality, q.municipality);
      // A sentence of its own that names someone (not a board) without contact details goes the
      // usual way.
      const contact =
        own && hasContactDetails(lead.text)
          ? { text: lead.text, hit: lead.hit }
          : own && hasName(lead.text)
            ? undefined
            : await this.contactFor(q.municipality, q.audience);
      if (contact) {
        const citations = [citationOf(contact.hit, contact.text)];
        const sources = [contact.hit, ...hits.filter((h) => h.chunkId !== contact.hit.chunkId)];
        const blocks: Block[] = [
          // A bilingual municipality's contact line may be in Swedish: say that it is quoted.
          ...(contact.hit.language === language
            ? []
            : [{ kind: 'notice' as const, text: t(language, 'answer.quotedIntro') }]),
          { kind: 'answer', parts: [{ text: contact.text, cite: [1] }] },
        ];
        return answerOf(blocks, { answered: true, language, citations, hits: sources, searched });
      }
    }
    // "Mikä on hankkeen puhelinnumero?" answered by a line without one, "vem är projektchef?" by a
    // sentence naming no one: neighbouring facts.
    if (!answersWho(q, lead.text)) return this.refuse(language, scope, hits, searched);
    const features = this.features(q, lead, content);
    const probability = answerability(features, this.model);
    const decision = { features, probability };
    if (probability < this.model.threshold)
      return { ...(await this.refuse(language, scope, hits, searched)), answerability: decision };

    const citations: Citation[] = [];
    const byHit = new Map<number, ScoredSentence[]>();
    for (const s of this.withTimeOfDay(chosen, q.kinds))
      byHit.set(s.hit.chunkId, [...(byHit.get(s.hit.chunkId) ?? []), s]);
    // The fact first; the other passages of one document in the document's order (an annual
    // calendar's months as the calendar lists them).
    const groups = [...byHit.values()];
    const rest = groups
      .slice(1)
      .sort((a, b) => a[0]!.hit.documentId - b[0]!.hit.documentId || a[0]!.hit.chunkId - b[0]!.hit.chunkId);
    const paragraphs: Block[] = [];
    for (const group of [groups[0]!, ...rest]) {
      // The best sentence (the fact) first; what goes with it follows in the document's order.
      const first = group[0]!;
      group.sort((a, b) => (a === first ? -1 : b === first ? 1 : a.index - b.index));
      const quote = joinUnits(this.withAntecedents(group));
      citations.push(citationOf(first.hit, quote));
      paragraphs.push({ kind: 'answer', parts: [{ text: quote, cite: [citations.length] }] });
    }
    const docLang = lead.hit.language;
    const blocks: Block[] =
      docLang === language
        ? paragraphs
        : [{ kind: 'notice', text: t(language, 'answer.quotedIntro') }, ...paragraphs];
    // The passages quoted lead the sources, in the order they are quoted.
    const quoted = new Set(chosen.map((c) => c.hit.chunkId));
    const ordered = [groups[0]!, ...rest].map((g) => g[0]!.hit);
    const sources = [...ordered, ...hits.filter((h) => !quoted.has(h.chunkId))];
    return answerOf(blocks, {
      answered: true,
      language,
      citations,
      hits: sources,
      searched,
      answerability: decision,
    });
  }

  /** The passages a local or counting question is answered from, best first. */
  private async retrieve(q: Question): Promise<SearchHit[]> {
    if (q.route !== 'count')
      return this.searcher.search(
        q.text,
        { municipality: q.municipality, audience: q.audience, limit: 12, language: q.language },
        q.content,
      );
    // "How many municipalities …" is answered by region-wide surveys that state numbers of
    // municipalities or shares of them, not by one municipality's rules: those go first unless
    // another passage matches the question clearly better.
    const wide = await this.searcher.search(
      q.text,
      { audience: q.audience, limit: 40, language: q.language },
      q.content,
    );
    const bonus = (h: SearchHit) => {
      const kinds = factKinds(h.text);
      return (
        (h.municipality ? 0 : COUNT_ROUTE.regionWide) +
        (kinds.has('count')
          ? COUNT_ROUTE.statesCount
          : carries(kinds, 'count')
            ? COUNT_ROUTE.statesNumber
            : 0)
      );
    };
    return wide
      .map((h) => ({ h, s: h.score + bonus(h) }))
      .sort((a, b) => b.s - a.s)
      .slice(0, 12)
      .map((x) => x.h);
  }

  /** What the answerability decision looks at, for the sentence the answer would lead with. */
  private features(
    q: Question,
    lead: ScoredSentence,
    asked: AnalysedQuery = q.content,
  ): AnswerabilityFeatures {
    const units = answerUnits(lead.hit.text, lead.hit.language);
    const window = [units[lead.index - 1], units[lead.index], units[lead.index + 1]]
      .filter((u): u is string => !!u)
      .join('\n');
    const terms = this.termsOf(`${lead.hit.title}\n${lead.hit.section ?? ''}\n${window}`, lead.hit.language);
    // A region the document names elsewhere is what this passage is about too (SearchHit.places).
    const placed = (f: string) => !!lead.hit.places?.includes(f);
    const has = (f: string) => terms.has(f) || placed(f);
    const ownTerms = this.termsOf(lead.text, lead.hit.language);
    const own = { has: (f: string) => ownTerms.has(f) || placed(f) };
    // A place the question names is where the answer must speak of: the passage's own words and
    // its municipality count, not only the quoted sentence.
    const passage = this.searcher.hitTerms(lead.hit);
    const about = this.termsOf(lead.hit.municipality ?? '', 'fi');
    const inPassage = (f: string) => has(f) || passage.has(f) || about.has(f);
    // Quoting a page in another language, a word the index knows that cannot meet that language
    // (no concept, no translation) and is not matched says nothing of whether the page answers:
    // it is left out. A word the index has never seen stays: it may be what the pages lack.
    let content = asked;
    if (lead.hit.language !== q.language) {
      const kept = asked.tokens.filter(
        (tk) => tk.crossLingual || tk.unknown || tk.novel || HybridSearcher.credit(tk, inPassage) > 0,
      );
      if (kept.length) content = { ...q.content, tokens: kept };
    }
    return {
      place: placeFeature(q.places, inPassage),
      focus: HybridSearcher.coverage(content, (f) => own.has(f), lead.hit.language),
      evidence: HybridSearcher.coverage(content, has, lead.hit.language),
      absentThing: absentThingFeature(asked.tokens, q.language),
      sentence: Math.max(0, Math.min(1, lead.score / 1.5)),
    };
  }

  /**
   * A deadline with its hour: when the question asks "when" and the quoted date has no time of
   * day, the next sentence of the passage that gives one ("… viimeistään klo 15.00") comes with it.
   */
  private withTimeOfDay(chosen: ScoredSentence[], kinds: ReadonlySet<FactKind>): ScoredSentence[] {
    const lead = chosen[0];
    if (!lead || !kinds.has('date') || !factKinds(lead.text).has('date')) return chosen;
    if (chosen.some((s) => s.hit.chunkId === lead.hit.chunkId && s.index === lead.index + 1)) return chosen;
    const next = timeAfter(answerUnits(lead.hit.text, lead.hit.language), lead.index);
    return next ? [...chosen, { ...lead, index: lead.index + 1, text: next, score: 0 }] : chosen;
  }

  /**
   * The group's sentences, each that leans on the one before it ("Lisäksi …", "Tämä …") preceded
   * by that one when it is not quoted already: cut from its context it would mislead.
   */
  private withAntecedents(group: ScoredSentence[]): string[] {
    const hit = group[0]!.hit;
    const units = answerUnits(hit.text, hit.language);
    const quoted = new Set(group.map((s) => s.index));
    const out: string[] = [];
    for (const s of group) {
      const before = units[s.index - 1];
      if (before && !quoted.has(s.index - 1) && leansOnPrevious(s.text, hit.language)) {
        out.push(before);
        quoted.add(s.index - 1);
      }
      out.push(s.text);
    }
    return out;
  }

  /** Municipalities the question names ("Routasalmella", "i Vassnäs"), and whether they have documents. */
  private async namedMunicipalities(question: string): Promise<NamedMunicipality[]> {
    return namedIn(await this.directory.registry('staff'), question);
  }

  /** Scores every sentence of the best chunks; returns the best and its close companions. */
  private pickSentences(
    q: AnalysedQuery,
    kinds: ReadonlySet<FactKind>,
    hits: SearchHit[],
    definition?: string,
    places: readonly QueryToken[] = [],
  ): ScoredSentence[] {
    const all = this.scoreSentences(q, kinds, hits, definition, places);
    return this.withCompanions(all, kinds);
  }

  /**
   * The analysed terms of a sentence or heading, remembered: the same passages come back question
   * after question, and analysing their sentences again was a quarter of an answer's CPU. The
   * analyser's thesaurus is fixed for the process's life, so a remembered set never goes stale.
   */
  private termsOf(text: string, lang: Language): ReadonlySet<string> {
    const key = `${lang}\u0000${text}`;
    let terms = this.termSets.get(key);
    if (!terms) {
      if (this.termSets.size >= TERM_SETS_MAX) this.termSets.clear();
      terms = new Set(this.analyzer.terms(text, lang));
      this.termSets.set(key, terms);
    }
    return terms;
  }

  /** Every sentence of the hits with its score, best first. */
  scoreSentences(
    q: AnalysedQuery,
    asked: ReadonlySet<FactKind>,
    hits: SearchHit[],
    definition?: string,
    places: readonly QueryToken[] = [],
  ): ScoredSentence[] {
    // A place the page's title or municipality names is what every sentence of it is about: a
    // heading that only repeats the place ("Koski Tl") must not outrank the sentence with the fact.
    const placed = new Set(places);
    const all: ScoredSentence[] = [];
    const maxHit = hits[0]?.score || 1;
    const askedYears = new Set(q.tokens.map((tk) => tk.surface).filter((w) => YEAR_WORD.test(w)));
    const askedSteps = asksWhen(asked)
      ? askedStepsOf(stepsIn((f) => q.tokens.some((tk) => tk.features.includes(f))))
      : [];
    hits.forEach((hit, hitRank) => {
      if (isTagSection(hit.section)) return;
      const context = this.termsOf(
        `${hit.municipality ?? ''}\n${hit.title}\n${hit.section ?? ''}`,
        hit.language,
      );
      const sentences = answerUnits(hit.text, hit.language);
      const across = q.language === 'fi' && hit.language !== 'fi';
      sentences.forEach((text, index) => {
        if (isSourceLine(text)) return;
        const own = this.termsOf(text, hit.language);
        // A question the page asks itself ("Minkälaiseen toimintaan …?") heads the answer after it.
        const before = sentences[index - 1];
        const asks = before?.trimEnd().endsWith('?') ? this.termsOf(before, hit.language) : undefined;
        // Words in the sentence count fully; words only in its headings count half.
        let total = 0;
        let covered = 0;
        for (const tk of q.tokens) {
          total += tk.weight;
          // The page's own question above it counts as the sentence's words: it is what the
          // sentence answers.
          const inSentence = HybridSearcher.credit(tk, (f) => own.has(f) || !!asks?.has(f), across);
          const inHeadings = HybridSearcher.credit(
            tk,
            (f) => context.has(f) || !!hit.places?.includes(f),
            across,
          );
          covered += tk.weight * Math.max(inSentence, (placed.has(tk) ? 1 : 0.5) * inHeadings);
        }
        const coverage = total ? covered / total : 0;
        const kinds = withListKinds(text, sentences, index);
        const wanted = wantedKinds(asked);
        if (wanted.includes('person') && !kinds.has('person') && this.namesOtherBody(text, q, hit.language))
          kinds.add('person');
        // A question for a date, a sum or a person is answered by a sentence that has one.
        let factBonus = wanted.length === 0 ? 0.1 : wanted.some((k) => carries(kinds, k)) ? 0.3 : -0.15;
        // "By when" is answered by a day and month; a bare month is a weaker answer.
        // "Monelta …?" is answered by the hour, a date without one only half.
        if (asked.has('time')) {
          if (!kinds.has('time')) factBonus -= THRESHOLDS.noTimePenalty;
        } else if (asked.has('date') && kinds.has('date') && !hasExactDate(text)) {
          factBonus -= THRESHOLDS.monthOnlyPenalty;
          // "Tämän vuoden aikana" dates less than "marraskuuhun saakka".
          if (!hasCalendarDate(text)) factBonus -= THRESHOLDS.relativeDatePenalty;
        }
        // "Milloin haetaan?" is not answered by the report's deadline, however well it matches.
        let otherStep = false;
        if (askedSteps.length) {
          const steps = sentenceStepsOf(
            stepsIn((f) => own.has(f)),
            askedSteps,
          );
          otherStep = steps.length > 0 && !steps.some((st) => askedSteps.includes(st));
          if (otherStep) factBonus -= THRESHOLDS.otherStep;
        }
        const lengthPenalty = text.length > 400 ? 0.1 : 0;
        // The page's own question is never the answer (the sentence after it is, see `asks`).
        if (text.trimEnd().endsWith('?')) factBonus -= THRESHOLDS.questionPenalty;
        if (definition && this.defines(text, definition, hit.language)) factBonus += THRESHOLDS.definition;
        // Asked about 2027, a sentence about 2026 only is last year's rule or sum.
        if (askedYears.size) {
          const years = text.match(YEAR) ?? [];
          if (years.length && !years.some((y) => askedYears.has(y))) factBonus -= THRESHOLDS.otherYear;
        }
        const score =
          THRESHOLDS.sentenceCoverage * coverage +
          factBonus +
          THRESHOLDS.sentenceHit * (hit.score / maxHit) -
          0.02 * hitRank -
          lengthPenalty -
          (across ? THRESHOLDS.otherLanguage : 0);
        all.push({ hit, hitRank, index, text: text.trim(), score, otherStep, kinds });
      });
    });
    all.sort((a, b) => b.score - a.score);
    return all;
  }

  /** A board, a committee or an organisation's acronym that the question does not name itself. */
  private namesOtherBody(text: string, q: AnalysedQuery, lang: Language): boolean {
    return bodiesIn(text).some((body) => {
      // The word itself, not its concept: "päättää" asks who decides, and "lautakunta" answers.
      const terms = this.termsOf(body, lang);
      return !q.tokens.some((tk) => HybridSearcher.credit(tk, (f) => !f.startsWith('§') && terms.has(f)) > 0);
    });
  }

  /** "X on …" / "X är …" / "X is …" near the start of the sentence: it says what X is. */
  private defines(sentence: string, word: string, lang: Language): boolean {
    const ws = words(sentence).slice(0, 6);
    const stem = this.analyzer.stem(word, lang);
    const at = ws.findIndex((w) => w === word || this.analyzer.stem(w, lang) === stem);
    return at >= 0 && at <= 3 && ['on', 'ovat', 'är', 'is', 'are'].includes(ws[at + 1] ?? '');
  }

  /** The best sentence and its close companions (or the list it announces). */
  private withCompanions(all: ScoredSentence[], kinds: ReadonlySet<FactKind>): ScoredSentence[] {
    const best = all[0];
    if (!best) return [];
    // A lead that gives a person's email or phone answers "who"; what only describes the role is noise.
    const personAsked = kinds.has('person') && hasContactDetails(best.text);
    const chosen = [best];
    let chars = best.text.length;
    // "… seuraavat ehdot täyttyvät:" announces a list: the list is the answer.
    if (best.text.endsWith(':')) {
      const following = all
        .filter(
          (s) =>
            s.hit.chunkId === best.hit.chunkId && s.index > best.index && s.index <= best.index + LIST_ITEMS,
        )
        .sort((a, b) => a.index - b.index);
      for (const s of following) {
        if (chars + s.text.length > THRESHOLDS.maxChars * 1.5) break;
        chosen.push(s);
        chars += s.text.length;
      }
      return chosen;
    }
    for (const s of all.slice(1)) {
      if (chosen.length >= THRESHOLDS.maxSentences) break;
      if (s.score < best.score * THRESHOLDS.companion) break;
      if (chars + s.text.length > THRESHOLDS.maxChars) continue;
      if (chosen.some((c) => c.text === s.text)) continue;
      // A lead-in ("… ska bifogas:") without its list says nothing.
      if (s.text.endsWith(':')) continue;
      if (personAsked && !factKinds(s.text).has('person')) continue;
      // Beside the date asked for, another step's date is one more to mix up.
      if (s.otherStep && !best.otherStep) continue;
      // Companions come from the best chunk, or from a second chunk that is nearly as good.
      if (s.hit.chunkId !== best.hit.chunkId && s.score < best.score * 0.92) continue;
      chosen.push(s);
      chars += s.text.length;
    }
    return chosen;
  }

  /** Answers "which municipalities …" with one line per municipality, each with its own source. */
  private async regional(q: Question): Promise<Answer> {
    const language = q.replyLanguage;
    const opts: AskOptions = { audience: q.audience };
    const question = q.text;
    const content = q.content;
    const only = q.named.length > 1 ? q.named : undefined;
    let municipalities = (await listMunicipalities(this.pool, opts.audience))
      .filter((m) => !only || only.includes(m.name))
      .map((m) => m.name);
    const total = municipalities.length;
    if (total > this.limits.regionalAll) {
      const found = await this.searcher.search(
        question,
        { municipality: null, audience: opts.audience, limit: 4 * this.limits.regionalShown },
        content,
      );
      const best = [...new Set(found.map((h) => h.municipality).filter((m): m is string => !!m))];
      municipalities = best.filter((m) => municipalities.includes(m)).slice(0, this.limits.regionalShown);
    }
    const partial = municipalities.length < total;
    const citations: Citation[] = [];
    const lines: Array<{ municipality: string; parts: Part[] }> = [];
    const none: string[] = [];
    const allHits: SearchHit[] = [];
    for (const name of municipalities) {
      const hits = (
        await this.searcher.search(
          question,
          { municipality: name, audience: opts.audience, limit: 4 },
          content,
        )
      ).filter((h) => h.municipality === name);
      allHits.push(...hits);
      const rescored = hits.map((h) => ({
        ...h,
        coverage: HybridSearcher.coverage(content, (f) => this.termsHas(h, f), h.language),
      }));
      const top = rescored.sort((a, b) => b.coverage - a.coverage)[0];
      if (!top || top.coverage < THRESHOLDS.chunkCoverage) {
        none.push(name);
        continue;
      }
      const [best] = this.pickSentences(content, q.kinds, [top]);
      if (!best || best.score < THRESHOLDS.sentence) {
        none.push(name);
        continue;
      }
      citations.push(citationOf(top, best.text));
      lines.push({ municipality: name, parts: [{ text: best.text, cite: [citations.length] }] });
    }
    // A region-wide survey may answer the question as a whole.
    const region = (
      await this.searcher.search(question, { municipality: null, audience: opts.audience, limit: 6 }, content)
    ).filter((h) => !h.municipality);
    // The sentence that answers may sit in the second passage: the first may only match the
    // question's words ("sitoutuivat … hyvinvointisopimuksen") without the fact asked for.
    const regionHits = region.slice(0, 3).filter((h) => h.coverage >= THRESHOLDS.chunkCoverage);
    let regionLine: Block | undefined;
    let regionSource: SearchHit | undefined;
    if (regionHits.length) {
      const [best] = this.pickSentences(content, q.kinds, regionHits, undefined, q.places);
      if (best && best.score >= THRESHOLDS.sentence) {
        regionSource = best.hit;
        citations.push(citationOf(best.hit, best.text));
        regionLine = {
          kind: 'answer',
          parts: [{ text: `${t(language, 'answer.regionalRegion')} ${best.text}`, cite: [citations.length] }],
        };
      }
    }
    if (lines.length === 0 && !regionLine)
      return this.refuse(
        language,
        opts,
        allHits,
        q.analysed.tokens.map((tk) => tk.surface),
      );
    const blocks: Block[] = lines.length
      ? [
          { kind: 'notice', text: t(language, 'answer.regionalIntro') },
          { kind: 'municipalities', items: lines },
        ]
      : [];
    // Of a partial list only what it shows is known: no "say nothing about" for the rest.
    if (partial && lines.length)
      blocks.push({
        kind: 'notice',
        text: t(language, 'answer.regionalPartial', { shown: lines.length, total }),
      });
    else if (none.length && lines.length)
      blocks.push({ kind: 'notice', text: t(language, 'answer.regionalNone', { list: none.join(', ') }) });
    if (regionLine) blocks.push(regionLine);
    return answerOf(blocks, {
      answered: true,
      language,
      citations,
      // A region-wide survey that answers the whole question leads the sources.
      hits: regionSource
        ? [regionSource, ...region.filter((h) => h !== regionSource), ...allHits]
        : [...allHits, ...region],
      searched: q.analysed.tokens.map((tk) => tk.surface),
    });
  }

  /** The passage's own terms, and the regions its document names elsewhere (SearchHit.places). */
  /** The signature of the hit's document, in its last passage (which the search may not have found). */
  private async signatureOf(hit: SearchHit): Promise<{ text: string; hit: SearchHit } | undefined> {
    const row = await lastChunkOf(this.pool, hit.documentId);
    if (!row) return undefined;
    const last: SearchHit = {
      ...hit,
      chunkId: row.id,
      section: row.section,
      page: row.page,
      text: row.text,
      language: row.language,
    };
    const text = signatureIn(last);
    return text ? { text, hit: last } : undefined;
  }

  private termsHas(hit: SearchHit, feature: string): boolean {
    return this.searcher.hitTerms(hit).has(feature) || !!hit.places?.includes(feature);
  }

  /** The contact person a municipality's documents name: a sentence with an email or phone number. */
  async contactFor(
    municipality: string,
    audience: AskOptions['audience'],
  ): Promise<{ text: string; hit: SearchHit } | undefined> {
    const key = `${municipality.toLowerCase()}|${audience}`;
    const cached = this.contactCache.get(key);
    if (cached && Date.now() - cached.at < 60_000) return cached.value;
    let value: { text: string; hit: SearchHit } | undefined;
    const hits = await this.searcher.search(
      'järjestöyhdyshenkilö yhteyshenkilö yhteystiedot sähköposti puhelin',
      {
        municipality,
        audience,
        // Region-wide texts that speak of contact persons come back too, and a Swedish contact
        // line ("Fritidssekreterare …, tfn …") matches these Finnish words by concept only: six
        // hits were all region-wide once the index held a few such articles.
        limit: 20,
        language: 'fi',
      },
    );
    for (const hit of hits.filter((h) => h.municipality?.toLowerCase() === municipality.toLowerCase())) {
      const units = answerUnits(hit.text, hit.language);
      const at = units.findIndex(hasContactDetails);
      if (at >= 0) {
        // The name and title usually stand just before the email and phone lines, unless the line
        // with the email names the person itself: what stands before it then is another subject.
        const named = [at, at - 1, at - 2].find((k) => k >= 0 && hasName(units[k]!));
        const from = named ?? Math.max(0, at - 2);
        const picked = units.slice(from, at + 2).filter((u, i) => i + from <= at || hasContactDetails(u));
        value = { text: picked.join(' ').slice(0, 400), hit };
        break;
      }
    }
    this.contactCache.set(key, { at: Date.now(), value });
    return value;
  }

  private async refuse(
    language: Language,
    opts: AskOptions,
    hits: SearchHit[],
    searched: string[],
  ): Promise<Answer> {
    const where = opts.municipality ? t(language, 'answer.where', { municipality: opts.municipality }) : '';
    const refusal: Extract<Block, { kind: 'refusal' }> = {
      kind: 'refusal',
      text: t(language, 'answer.notFound', { where, searched: searched.join(', ') || '—' }),
      searched,
    };
    const citations: Citation[] = [];
    let contact: string | undefined;
    if (opts.municipality) {
      const c = await this.contactFor(opts.municipality, opts.audience);
      if (c) {
        contact = c.text;
        citations.push(citationOf(c.hit, c.text));
        refusal.contact = {
          text: t(language, 'answer.notFoundContact', { contact: c.text.replace(/[.\s]+$/u, '') }),
          cite: [1],
        };
      }
    } else {
      refusal.hint = t(language, 'answer.noMunicipalityHint');
    }
    const blocks: Block[] = [refusal];
    return answerOf(blocks, { answered: false, language, citations, hits, contact, searched });
  }
}

/** An answer of these blocks, with their plain text for the channels and logs that read text. */
function answerOf(blocks: Block[], rest: Omit<Answer, 'blocks' | 'text'>): Answer {
  return { blocks, text: plainText(blocks), ...rest };
}
