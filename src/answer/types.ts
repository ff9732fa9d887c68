import type { AnswerabilityFeatures } from './answerability.ts';
import type { Audience, Block, Citation, Language } from '../kernel/types.ts';
import type { SearchHit } from '../retrieval/types.ts';
import type { Question, QuestionScope } from './question.ts';

export interface AskOptions {
  municipality?: string | null;
  audience: Audience;
  /** Language of the reply; detected from the question when absent. */
  language?: Language;
}

/** A grounded answer: only what the documents say, with where they say it. */
export interface Answer {
  /** What the answer says, with citation numbers as data (see `Block`). */
  blocks: Block[];
  /** `plainText(blocks)`: what evaluation and logs read. */
  text: string;
  answered: boolean;
  language: Language;
  citations: Citation[];
  /** The chunks the answer was chosen from, best first. */
  hits: SearchHit[];
  /** The contact person the documents name for this municipality, if any (for refusals). */
  contact?: string;
  /** The key terms that were searched for, shown in refusals. */
  searched: string[];
  /** What decided between answering and refusing, when a candidate answer was weighed. */
  answerability?: { features: AnswerabilityFeatures; probability: number };
}

export interface Answerer {
  /** The question understood once: language, kinds of fact, route, places named, analysed words. */
  understand(text: string, scope: QuestionScope): Promise<Question>;
  /** The answer to a question understood (and, by the dialogue, placed with `scoped`). */
  answer(question: Question): Promise<Answer>;
  /** `understand` and `answer` in one, for callers that have only a text (CLI, evaluation). */
  ask(question: string, opts: AskOptions): Promise<Answer>;
}
