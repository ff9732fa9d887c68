import { describe, expect, it } from 'vitest';
import { ANSWERABILITY } from '../../src/kernel/tuning.ts';
import {
  FEATURES,
  absentThingFeature,
  answerability,
  looksLikeThing,
  placeFeature,
} from '../../src/answer/answerability.ts';
import type { QueryToken } from '../../src/retrieval/searcher.ts';

const token = (surface: string, unknown = true, weight = 1): QueryToken => ({
  surface,
  features: [surface],
  weight,
  unknown,
  featureWeights: [unknown ? 0 : weight],
});

describe('answerability', () => {
  it('tells an unknown thing from an unknown verb form or spoken word', () => {
    expect(looksLikeThing(token('saunan'), 'fi')).toBe(true);
    expect(looksLikeThing(token('koiravero'), 'fi')).toBe(true);
    expect(looksLikeThing(token('arpajaisluvan'), 'fi')).toBe(true);
    expect(looksLikeThing(token('antaman'), 'fi')).toBe(false);
    expect(looksLikeThing(token('hoitavan'), 'fi')).toBe(false);
    expect(looksLikeThing(token('oikeen'), 'fi')).toBe(false);
    expect(looksLikeThing(token('laittaa'), 'fi')).toBe(false);
    // In sv/en questions only long words are specific.
    expect(looksLikeThing(token('parking'), 'en')).toBe(true);
    expect(looksLikeThing(token('vuxna'), 'sv')).toBe(false);
  });

  it('weighs the share of the question on absent things, and the least matched place', () => {
    const tokens = [token('saunan', true, 3), token('varaus', false, 1)];
    expect(absentThingFeature(tokens, 'fi')).toBeCloseTo(0.75);
    // A compound never seen whole ("kuukausikortti", though "kuukausi" is known) is half absent.
    const novel = { ...token('kuukausikortti', false, 3), novel: true };
    expect(absentThingFeature([novel, token('varaus', false, 1)], 'fi')).toBeCloseTo(0.375);
    expect(placeFeature([], () => false)).toBe(1);
    expect(placeFeature([token('ylivieskassa', false)], () => false)).toBe(0);
    expect(placeFeature([token('ylivieskassa', false)], (f) => f === 'ylivieskassa')).toBe(1);
  });

  it('answers a well matched candidate and refuses one about an absent thing', () => {
    const good = { evidence: 1, focus: 1, absentThing: 0, place: 1, sentence: 0.8 };
    expect(answerability(good)).toBeGreaterThanOrEqual(ANSWERABILITY.threshold);
    expect(answerability({ ...good, evidence: 0.5, focus: 0.4, absentThing: 0.5 })).toBeLessThan(
      ANSWERABILITY.threshold,
    );
    expect(answerability({ ...good, place: 0 })).toBeLessThan(answerability(good));
    // Every feature has a weight, and the weights point the sensible way.
    for (const f of FEATURES) expect(typeof ANSWERABILITY.weights[f]).toBe('number');
    expect(ANSWERABILITY.weights.absentThing).toBeLessThan(0);
  });
});
