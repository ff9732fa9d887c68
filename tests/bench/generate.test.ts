/**
 * The benchmark's corpus generator: documents ingestion accepts as they are, enough chunks,
 * the same corpus from the same seed, and municipalities that differ in names, people and numbers
 * (a corpus of copies would make every index look better than real data does).
 */
import { describe, expect, it } from 'vitest';
import { loadMarkdown } from '../../src/ingest/loaders/markdown.ts';
import { validateMeta } from '../../src/ingest/metadata.ts';
import { generateCorpus, type Corpus } from '../../bench/generate.ts';
import { swapMunicipalities } from '../../bench/queries.ts';
import { makeTown } from '../../bench/towns.ts';
import { FINNISH_MUNICIPALITIES } from '../../src/kernel/municipalities-data.ts';

const corpus: Corpus = generateCorpus({ seed: 7, targetChunks: 600 });

describe('generateCorpus', () => {
  it('makes documents until they hold the requested number of chunks, and not many more', () => {
    expect(corpus.chunks).toBeGreaterThanOrEqual(600);
    const largest = Math.max(...corpus.documents.map((d) => d.chunks));
    expect(corpus.chunks).toBeLessThan(600 + largest);
    expect(corpus.documents.reduce((n, d) => n + d.chunks, 0)).toBe(corpus.chunks);
    // Older versions share an id with a newer one: fewer chunks answer than are stored.
    expect(corpus.activeChunks).toBeLessThanOrEqual(corpus.chunks);
  });

  it('writes Markdown whose front matter ingestion accepts, with a municipality, audience and language', () => {
    for (const d of corpus.documents) {
      const loaded = loadMarkdown(d.markdown, { source: d.path });
      const meta = validateMeta(loaded.frontMatter, d.path);
      expect(meta.unknown).toEqual([]);
      expect(meta.fields.title).toBeTruthy();
      expect(meta.fields.audience).toBe(d.audience);
      expect(meta.fields.language).toBe(d.language);
      if (d.kind !== 'region') expect(meta.fields.municipality).toBe(d.municipality);
      expect(loaded.blocks.length).toBeGreaterThan(2);
      expect(d.markdown).not.toMatch(/undefined|NaN|\[object/);
    }
  });

  it('has the knowledge pack’s kinds of documents, staff-only ones among them', () => {
    const kinds = new Set(corpus.documents.map((d) => d.kind));
    for (const k of ['cooperation', 'grants', 'premises', 'memo', 'staff']) expect(kinds).toContain(k);
    expect(corpus.documents.some((d) => d.audience === 'staff')).toBe(true);
  });

  it('is the same corpus from the same seed, and another from another seed', () => {
    const again = generateCorpus({ seed: 7, targetChunks: 600 });
    expect(again.documents.map((d) => d.markdown)).toEqual(corpus.documents.map((d) => d.markdown));
    const other = generateCorpus({ seed: 8, targetChunks: 600 });
    expect(other.towns[0]!.name).not.toBe(corpus.towns[0]!.name);
  });

  it('a small corpus is the start of a larger one (same municipalities, same documents)', () => {
    const larger = generateCorpus({ seed: 7, targetChunks: 1200 });
    const n = corpus.documents.length - 1; // the last one may differ: documents stay whole
    expect(larger.documents.slice(0, n).map((d) => d.markdown)).toEqual(
      corpus.documents.slice(0, n).map((d) => d.markdown),
    );
  });

  it('varies municipalities: names, contact people, grant sums and fees differ', () => {
    const towns = Array.from({ length: 40 }, (_, i) => makeTown(7, i));
    expect(new Set(towns.map((t) => t.name)).size).toBe(40);
    expect(new Set(towns.map((t) => t.coordinator.name)).size).toBeGreaterThan(25);
    expect(new Set(towns.map((t) => t.eventMax)).size).toBeGreaterThan(8);
    expect(new Set(towns.map((t) => t.gymPrice)).size).toBeGreaterThan(5);
    expect(new Set(towns.map((t) => t.operatingEnd)).size).toBeGreaterThan(2);
    // Two municipalities' grant rules do not read the same.
    const rules = corpus.documents.filter((d) => d.kind === 'grants');
    expect(new Set(rules.map((d) => d.markdown)).size).toBe(rules.length);
  });

  it('never names a real Finnish municipality or a demo-pack one', () => {
    const real = new Set(
      FINNISH_MUNICIPALITIES.flatMap(([fi, sv]) => [fi, sv])
        .filter(Boolean)
        .map((n) => n!.toLowerCase()),
    );
    for (let i = 0; i < 300; i++) {
      const name = makeTown(7, i).name.toLowerCase();
      expect(real.has(name)).toBe(false);
      expect(['routasalmi', 'sammalkoski', 'kaislaniemi']).not.toContain(name);
    }
  });

  it('states each municipality’s facts in its documents, so questions about them have answers', () => {
    const town = corpus.towns[0]!;
    const own = corpus.documents
      .filter((d) => d.municipality === town.name)
      .map((d) => d.markdown)
      .join('\n');
    expect(own).toContain(town.coordinator.name);
    expect(own).toContain(`${town.eventMax} euroa`);
    expect(own).toContain(`${town.gymPrice} €/h`);
    expect(own).toContain(town.gen);
  });
});

describe('swapMunicipalities', () => {
  it('puts a generated municipality in the demo one’s place, in the same case form', () => {
    const salmi = {
      ...makeTown(7, 0),
      name: 'Koivusalmi',
      gen: 'Koivusalmen',
      loc: 'Koivusalmessa',
      from: 'Koivusalmesta',
      adj: 'koivusalmelainen',
      adjPlAll: 'koivusalmelaisille',
      adjPlGen: 'koivusalmelaisten',
    };
    const pick = () => salmi;
    expect(swapMunicipalities('Kuka on Routasalmen yhteyshenkilö?', pick)).toBe(
      'Kuka on Koivusalmen yhteyshenkilö?',
    );
    expect(swapMunicipalities('Milloin Routasalmella on yhdistysilta?', pick)).toBe(
      'Milloin Koivusalmessa on yhdistysilta?',
    );
    expect(swapMunicipalities('avustukset routasalmelaisille', pick)).toBe('avustukset koivusalmelaisille');
    expect(swapMunicipalities('Routasalmi', pick)).toBe('Koivusalmi');
    expect(swapMunicipalities('Hur söker man bidrag i Vassnäs?', pick)).toBe(
      `Hur söker man bidrag i ${salmi.swedishName ?? 'Koivusalmi'}?`,
    );
  });
});
