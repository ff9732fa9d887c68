/**
 * The JSON shape of one answered question, shared by `ask --json`, `chat --json` and `eval --json`.
 */
import type { Citation } from '../kernel/types.ts';

export interface AnswerJson {
  id: string;
  question: string;
  answered: boolean;
  answer: string;
  language: string;
  citations: Array<
    Pick<Citation, 'source' | 'title' | 'section' | 'page' | 'url' | 'municipality' | 'date' | 'score'>
  >;
  latency_ms: number;
}

export function answerJson(a: {
  id: string;
  question: string;
  answered: boolean;
  text: string;
  language: string;
  citations: Citation[];
  latencyMs: number;
}): AnswerJson {
  return {
    id: a.id,
    question: a.question,
    answered: a.answered,
    answer: a.text,
    language: a.language,
    citations: a.citations.map((c) => ({
      source: c.source,
      title: c.title,
      section: c.section,
      page: c.page,
      url: c.url,
      municipality: c.municipality,
      date: c.date,
      score: c.score,
    })),
    latency_ms: Math.round(a.latencyMs * 10) / 10,
  };
}
