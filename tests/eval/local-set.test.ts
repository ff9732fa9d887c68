import { describe, expect, it } from 'vitest';
import { isHeldOut, localSet } from '../../src/eval/eval-sets.ts';

describe('a set of one’s own (kumppani eval --set NAME=DIR)', () => {
  it('reads DIR/questions.jsonl over DIR/corpus with the demo pack beside it', () => {
    const set = localSet('pages=/srv/own-set');
    expect(set).toEqual({
      name: 'pages',
      questions: '/srv/own-set/questions.jsonl',
      corpus: ['/srv/own-set/corpus', 'knowledge'],
    });
    expect(isHeldOut(set)).toBe(false);
    // A held… set is reported, never fitted on.
    expect(isHeldOut(localSet('held-pages=/srv/probe'))).toBe(true);
  });

  it('says how to write the option when it is malformed', () => {
    expect(() => localSet('/srv/own-set')).toThrow(/NAME=DIR/);
    expect(() => localSet('pages=')).toThrow(/NAME=DIR/);
  });
});
