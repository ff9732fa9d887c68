import { describe, expect, it } from 'vitest';
import {
  crossLingual,
  rankOf,
  retrievalMetrics,
  sameSource,
  type EvalQuestion,
} from '../../src/eval/evaluate.ts';
import { checkFloors } from '../../src/eval/eval-gate.ts';
import type { EvalSet, SetReport } from '../../src/eval/eval-sets.ts';

const q = (over: Partial<EvalQuestion>): EvalQuestion => ({ id: 'x', question: 'mikä on avustus?', ...over });

describe('sameSource', () => {
  const stored = '../shared/eval/real-dev/corpus/kunta-jarjestoyhteistyo-strategiseksi.txt';

  it('matches the same path, or one ending the other at a folder boundary', () => {
    expect(sameSource('knowledge/demo/a.md', 'knowledge/demo/a.md')).toBe(true);
    expect(sameSource('./knowledge/demo/a.md', 'knowledge/demo/a.md')).toBe(true);
    expect(sameSource('knowledge/demo/a.md', 'demo/a.md')).toBe(true);
    expect(sameSource('knowledge/demo/ba.md', 'a.md')).toBe(false);
  });

  it('matches a bare name without extension to the stored file of that name, in any folder', () => {
    expect(sameSource(stored, 'kunta-jarjestoyhteistyo-strategiseksi')).toBe(true);
    expect(sameSource('knowledge/demo/avustusohjeet-2027.pdf', 'avustusohjeet-2027')).toBe(true);
    expect(sameSource(stored, 'kunta-jarjestoyhteistyo')).toBe(false);
    expect(sameSource(stored, 'corpus/kunta-jarjestoyhteistyo-strategiseksi')).toBe(false);
  });
});

describe('retrieval figures', () => {
  it('ranks by the first expected document and counts only answerable questions', () => {
    const a = q({ expect_sources: ['b'] });
    expect(rankOf(['x/a.txt', 'x/b.txt'], a)).toBe(2);
    expect(rankOf(['x/a.txt'], a)).toBe(0);
    const m = retrievalMetrics([
      { q: a, rank: 1 },
      { q: a, rank: 2 },
      { q: a, rank: 0 },
      { q: q({ expect_unanswered: true }), rank: 0 },
    ]);
    expect(m).toEqual({ n: 3, hitAt1: 0.333, hitAt3: 0.667, mrr: 0.5 });
  });
});

describe('crossLingual', () => {
  const documents = [
    { source: 'corpus/fi-doc.txt', language: 'fi' },
    { source: 'demo/sv-doc.md', language: 'sv' },
  ];

  it('counts questions none of whose expected documents is in their language, given or detected', () => {
    const results = [
      // Swedish (detected) over a Finnish document: across, answered.
      {
        q: q({ question: 'Hur många kommuner betalar bidrag?', expect_sources: ['fi-doc'] }),
        rank: 1,
        correct: true,
      },
      // English (given) over a Finnish document: across, ranked second, not answered.
      { q: q({ lang: 'en', expect_sources: ['fi-doc'] }), rank: 2, correct: false },
      // One expected document is in the question's language: not across.
      { q: q({ lang: 'sv', expect_sources: ['fi-doc', 'sv-doc'] }), rank: 1, correct: true },
      // Finnish over Finnish; and an expected document the index does not hold.
      { q: q({ expect_sources: ['fi-doc'] }), rank: 1, correct: true },
      { q: q({ lang: 'en', expect_sources: ['gone'] }), rank: 0, correct: false },
      { q: q({ lang: 'en', expect_unanswered: true }), rank: 0 },
    ];
    expect(crossLingual(results, documents)).toEqual({ n: 2, correct: 1, found: 1 });
  });
});

describe('checkFloors', () => {
  const set: EvalSet = { name: 'real-dev', questions: 'q.jsonl', corpus: [], requiredInCi: true };
  const report: SetReport = {
    name: 'real-dev',
    questions: 60,
    engine: {
      retrieval: { n: 54, hitAt1: 0.611, hitAt3: 0.889, mrr: 0.741 },
      answers: { n: 54, accuracy: 0.5 },
      refusals: { n: 6, accuracy: 0.667 },
      crossLingual: { n: 8, correct: 1, found: 2 },
    },
    baseline: {
      retrieval: { n: 54, hitAt1: 0.63, hitAt3: 0.759, mrr: 0.708 },
      crossLingual: { n: 8, correct: 0, found: 0 },
    },
    results: [],
  };

  it('names each figure below its floor with its value and the floor', () => {
    expect(
      checkFloors(
        report,
        { hitAt1: 0.6, answers: 0.55, crossLingual: 2, hitAt1OverBm25: 0 },
        { set, ci: false },
      ),
    ).toEqual([
      'real-dev: answer accuracy 0.5 is below its floor 0.55',
      'real-dev: cross-lingual answered 1 is below its floor 2',
      'real-dev: hit@1 minus BM25 hit@1 -0.019 is below its floor 0',
    ]);
    expect(checkFloors(report, { hitAt1: 0.6, hitAt1OverBm25: -0.05 }, { set, ci: false })).toEqual([]);
  });

  it('fails on a floor it cannot check, and on a required set missing in CI only', () => {
    expect(
      checkFloors({ ...report, baseline: undefined }, { hitAt1OverBm25: 0 }, { set, ci: false }),
    ).toEqual(['real-dev: hit@1 minus BM25 hit@1 has a floor (0) but was not measured']);
    const skipped = { name: 'real-dev', skipped: '../shared/eval/real-dev/questions.jsonl not found' };
    expect(checkFloors(skipped, { hitAt1: 0.6 }, { set, ci: false })).toEqual([]);
    expect(checkFloors(skipped, { hitAt1: 0.6 }, { set, ci: true })[0]).toMatch(
      /^real-dev: must be measured in CI but was skipped: /,
    );
    expect(checkFloors(skipped, undefined, { set: { ...set, requiredInCi: false }, ci: true })).toEqual([]);
  });
});
