import { describe, expect, it } from 'vitest';
import { spokenCandidates } from '../../src/retrieval/spoken.ts';

describe('spoken Finnish', () => {
  it('proposes the standard forms of regular spoken patterns', () => {
    expect(spokenCandidates('montaks')).toContain('montako');
    expect(spokenCandidates('onks')).toContain('onko');
    expect(spokenCandidates('pitäis')).toContain('pitäisi');
    expect(spokenCandidates('kirjotti')).toContain('kirjoitti');
    expect(spokenCandidates('allekirjotettiin')).toContain('allekirjoitettiin');
    expect(spokenCandidates('vuodes')).toContain('vuodessa');
    expect(spokenCandidates('pirkanmaal')).toContain('pirkanmaalla');
    expect(spokenCandidates('avustuksii')).toContain('avustuksia');
    expect(spokenCandidates('tehä')).toContain('tehdä');
    expect(spokenCandidates('ollu')).toContain('ollut');
    // The past tense without its -i.
    expect(spokenCandidates('lupas')).toContain('lupasi');
  });

  it('keeps vowel harmony: front-vowel words get front-vowel endings first', () => {
    expect(spokenCandidates('kylätalos')[0]).toBe('kylätalossa');
    expect(spokenCandidates('tässäks')[0]).toBe('tässäkö');
    expect(spokenCandidates('ylähäl')[0]).toBe('ylähällä');
  });

  it('proposes nothing for numbers and very short words', () => {
    expect(spokenCandidates('2026')).toEqual([]);
    expect(spokenCandidates('on')).toEqual([]);
  });
});
