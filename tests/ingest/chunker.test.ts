import { describe, expect, it } from 'vitest';
import { chunkBlocks } from '../../src/ingest/chunker.ts';
import { splitSentences } from '../../src/kernel/sentences.ts';
import type { Block } from '../../src/ingest/types.ts';

const sentence = (i: number): string =>
  `Lause ${i} kertoo avustuksista, esim. toiminta-avustuksen hakemisesta klo 16.00 mennessä ja mm. liitteistä.`;

function longSection(headings: string[], sentences: number, page?: number): Block {
  return { headings, page, text: Array.from({ length: sentences }, (_, i) => sentence(i + 1)).join(' ') };
}

describe('chunkBlocks', () => {
  it('never lets a chunk span two sections and keeps the section path and first page', () => {
    const chunks = chunkBlocks([
      longSection(['Avustukset', 'Toiminta-avustus'], 20, 2),
      { headings: ['Avustukset', 'Kohdeavustus'], page: 3, text: 'Kohdeavustus on enintään 5 000 euroa.' },
    ]);
    const sections = chunks.map((c) => c.section);
    expect(new Set(sections)).toEqual(
      new Set(['Avustukset › Toiminta-avustus', 'Avustukset › Kohdeavustus']),
    );
    const last = chunks[chunks.length - 1]!;
    expect(last).toMatchObject({
      section: 'Avustukset › Kohdeavustus',
      page: 3,
      text: 'Kohdeavustus on enintään 5 000 euroa.',
    });
    expect(
      chunks.filter((c) => c.section === 'Avustukset › Toiminta-avustus').every((c) => c.page === 2),
    ).toBe(true);
    expect(chunks.map((c) => c.ord)).toEqual(chunks.map((_, i) => i));
  });

  it('cuts long sections between sentences into pieces of about the target size', () => {
    const block = longSection(['Hakeminen'], 40);
    const chunks = chunkBlocks([block], { maxChars: 900, minChars: 500 });
    expect(chunks.length).toBeGreaterThan(3);
    for (const c of chunks) {
      expect(c.text.length).toBeLessThanOrEqual(900);
      expect(c.text.length).toBeGreaterThan(300);
      // Every chunk is made of whole sentences of the block.
      for (const s of splitSentences(c.text)) expect(block.text).toContain(s);
      expect(c.text).toMatch(/[.!?]$/);
      expect(c.text).toMatch(/^Lause \d+/);
    }
    // Nothing is lost or duplicated.
    expect(chunks.map((c) => c.text).join(' ')).toBe(block.text);
  });

  it('keeps "esim. kirjasto" and dates together at every cut', () => {
    const text = Array.from(
      { length: 30 },
      (_, i) => `Tilaa ${i} voi käyttää esim. kirjasto ja nuorisotila 1.3.2026 klo 12.30 alkaen, ks. s. 4.`,
    ).join(' ');
    for (const c of chunkBlocks([{ headings: ['Tilat'], text }], { maxChars: 300, minChars: 100 })) {
      expect(c.text).not.toMatch(/esim\.$|klo$|ks\. s\.$/);
      expect(c.text).toMatch(/^Tilaa \d+ voi käyttää esim\. kirjasto/);
      expect(c.text).toMatch(/ks\. s\. 4\.$/);
    }
  });

  it('makes a sentence longer than the limit a chunk of its own', () => {
    const long = `Avustusta voi käyttää ${Array.from({ length: 120 }, (_, i) => `kohteeseen ${i}`).join(', ')}.`;
    const chunks = chunkBlocks([{ headings: ['Käyttö'], text: `Lyhyt alku. ${long} Lyhyt loppu.` }], {
      maxChars: 400,
    });
    expect(chunks.map((c) => c.text)).toEqual(['Lyhyt alku.', long, 'Lyhyt loppu.']);
  });

  it('keeps a short section whole, even a heading with one line', () => {
    const chunks = chunkBlocks([
      longSection(['Avustukset'], 12),
      { headings: ['Yhteyshenkilö'], text: 'Maija Mallikas, puh. 040 123 4567' },
    ]);
    expect(chunks[chunks.length - 1]).toMatchObject({
      section: 'Yhteyshenkilö',
      text: 'Maija Mallikas, puh. 040 123 4567',
    });
  });

  it('keeps list items and table rows on their own lines', () => {
    const chunks = chunkBlocks([
      { headings: ['Liitteet'], text: 'Hakemukseen liitetään:' },
      { headings: ['Liitteet'], text: '- toimintasuunnitelma\n- talousarvio' },
      { headings: ['Hinnat'], text: 'Tila | Hinta\nJuhlasali | 25 €/h' },
    ]);
    expect(chunks.map((c) => c.text)).toEqual([
      'Hakemukseen liitetään:\n- toimintasuunnitelma\n- talousarvio',
      'Tila | Hinta\nJuhlasali | 25 €/h',
    ]);
  });

  it('prefers to cut at a paragraph break over cutting inside a paragraph', () => {
    const p1 = longSection(['Tilat'], 5).text; // ~540 characters
    const p2 = longSection(['Tilat'], 4).text;
    const chunks = chunkBlocks(
      [
        { headings: ['Tilat'], text: p1 },
        { headings: ['Tilat'], text: p2 },
      ],
      { maxChars: 900, minChars: 500 },
    );
    expect(chunks.map((c) => c.text)).toEqual([p1, p2]);
  });
});

describe('chunkBlocks with tables', () => {
  it('cuts a long table between rows and repeats its header row in the next chunk', () => {
    const rows = Array.from(
      { length: 30 },
      (_, i) => `Tila ${i + 1} | ${10 + i} €/h | varaus 1.2.–31.3. klo 15. mennessä`,
    );
    const table = ['Tila | Hinta | Varaus', ...rows].join('\n');
    const chunks = chunkBlocks([{ headings: ['Hinnat'], text: table }], { maxChars: 400, minChars: 200 });
    expect(chunks.length).toBeGreaterThan(2);
    for (const c of chunks) {
      const lines = c.text.split('\n');
      expect(lines[0]).toBe('Tila | Hinta | Varaus');
      for (const line of lines.slice(1)) expect(rows).toContain(line);
    }
    expect(chunks.flatMap((c) => c.text.split('\n').slice(1))).toEqual(rows);
  });
});
