/** Shared fakes and fixtures for the dialogue tests. */
import type pg from 'pg';
import { loadConfig, type Config } from '../../src/config.ts';
import type { Answer, Answerer, AskOptions } from '../../src/answer/types.ts';
import { understand, type Question, type QuestionScope } from '../../src/answer/question.ts';
import type { SearchHit, Searcher, SearchOptions } from '../../src/retrieval/types.ts';
import type { Block, Turn } from '../../src/kernel/types.ts';
import { plainText } from '../../src/kernel/blocks.ts';

export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({ KUMPPANI_DATA_DIR: 'memory', LOG_LEVEL: 'silent', ...env });
}

/** Records what it was asked and answers with the question echoed and one citation. */
export class FakeAnswerer implements Answerer {
  calls: Array<{ question: string; opts: AskOptions }> = [];
  /** Questions containing this word are refused. */
  refuseWord = 'kuu';

  /** The real understanding over an empty analysis: language, route and named places as the dialogue gets them. */
  understand(text: string, scope: QuestionScope): Promise<Question> {
    return understand(text, scope, {
      analyse: async (_t, language) => ({ language, tokens: [], terms: [] }),
      namedMunicipalities: async () => [],
    });
  }

  answer(q: Question): Promise<Answer> {
    return this.ask(q.text, {
      municipality: q.municipality ?? null,
      audience: q.audience,
      language: q.replyLanguage,
    });
  }

  async ask(question: string, opts: AskOptions): Promise<Answer> {
    this.calls.push({ question, opts });
    const language = opts.language ?? 'fi';
    if (question.toLowerCase().includes(this.refuseWord)) {
      const blocks: Block[] = [
        // Like the real composer: the refusal names the contact person the documents give.
        {
          kind: 'refusal',
          text: `no answer (${opts.municipality ?? 'all'});`,
          contact: { text: 'ask Anna Yhteys, anna@example.fi', cite: [] },
        },
      ];
      return {
        blocks,
        text: plainText(blocks),
        answered: false,
        language,
        citations: [],
        hits: [],
        searched: ['kuu'],
        contact: 'Anna Yhteys, anna@example.fi',
      };
    }
    const blocks: Block[] = [{ kind: 'answer', parts: [{ text: `extractive: ${question}`, cite: [1] }] }];
    return {
      blocks,
      text: plainText(blocks),
      answered: true,
      language,
      citations: [
        {
          source: `${opts.municipality ?? 'alue'}/ohje.md`,
          title: 'Ohje',
          municipality: opts.municipality ?? undefined,
          date: '2026-01-01',
          score: 0.9,
        },
      ],
      hits: [],
      searched: [],
    };
  }

  get last() {
    return this.calls.at(-1)!;
  }
}

export class FakeSearcher implements Searcher {
  calls: Array<{ query: string; opts: SearchOptions }> = [];
  constructor(public hits: SearchHit[] = []) {}
  async search(query: string, opts: SearchOptions): Promise<SearchHit[]> {
    this.calls.push({ query, opts });
    return this.hits;
  }
}

export function hit(n: number, text: string, over: Partial<SearchHit> = {}): SearchHit {
  return {
    chunkId: n,
    documentId: n,
    source: `demo/doc${n}.md`,
    title: `Asiakirja ${n}`,
    section: `Osio ${n}`,
    municipality: 'Routasalmi',
    date: '2026-03-01',
    language: 'fi',
    text,
    score: 1 - n / 10,
    coverage: 0.8,
    ...over,
  };
}

/** Index rows so that the dialogue knows which (fictional) municipalities have documents. */
export async function seedDocuments(pool: pg.Pool): Promise<void> {
  const docs: Array<[string, string, string | null, string, string]> = [
    ['routasalmi/yhteistyo.md', 'Routasalmen yhteistyöasiakirja', 'Routasalmi', '2026-02-01', 'public'],
    ['routasalmi/avustukset.pdf', 'Routasalmen avustusohjeet', 'Routasalmi', '2026-01-15', 'public'],
    ['kaislaniemi/ohje.md', 'Kaislaniemen yhteistyön ohje', 'Kaislaniemi', '2026-04-22', 'public'],
    ['sammalkoski/muistio.md', 'Sammalkosken sisäinen muistio', 'Sammalkoski', '2026-05-02', 'staff'],
    ['alue/suositus.md', 'Järjestöneuvottelukunnan suositus', null, '2025-11-30', 'public'],
  ];
  for (const [source, title, municipality, date, audience] of docs) {
    await pool.query(
      // Kaislaniemi is bilingual in the demo pack: Vassnäs in Swedish.
      `INSERT INTO documents (source, doc_key, title, municipality, audience, language, doc_date, format, content_hash, municipality_sv)
       VALUES ($1, $1, $2, $3, $5, 'fi', $4, 'md', 'x', CASE WHEN $3 = 'Kaislaniemi' THEN 'Vassnäs' END)
       ON CONFLICT (source) DO NOTHING`,
      [source, title, municipality, date, audience],
    );
  }
}

let seq = 0;
/** A private web chat turn from `user` (a fresh conversation per user unless given). */
export function turn(text: string, over: Partial<Turn> = {}): Turn {
  return {
    channel: 'web',
    conversationId: `conv-${over.userId ?? 'u1'}`,
    userId: 'u1',
    text,
    audience: 'public',
    ...over,
  };
}

export function uniqueUser(prefix = 'user'): string {
  seq += 1;
  return `${prefix}-${seq}-${Math.random().toString(36).slice(2, 8)}`;
}
