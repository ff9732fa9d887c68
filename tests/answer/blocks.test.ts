/** The model's markers read once into parts, and the one plain rendering of blocks. */
import { describe, expect, it } from 'vitest';
import { citedBlocks, renumberCitations } from '../../src/answer/llm-citations.ts';
import { plainText } from '../../src/kernel/blocks.ts';
import type { Block } from '../../src/kernel/types.ts';

describe('citedBlocks', () => {
  it('splits the renumbered model text at its markers, one answer block per line', () => {
    const { text } = renumberCitations('Haku päättyy 31.3. [4]. Liitteet [2, 4].\n\nKysy lisää [9].', 5);
    expect(citedBlocks(text)).toEqual([
      {
        kind: 'answer',
        parts: [
          { text: 'Haku päättyy 31.3.', cite: [1] },
          { text: '. Liitteet', cite: [2, 1] },
          { text: '.', cite: [] },
        ],
      },
      { kind: 'answer', parts: [{ text: 'Kysy lisää.', cite: [] }] },
    ]);
  });

  it('renders back to the same text', () => {
    const { text } = renumberCitations('A [1]. B [2][1].\nC.', 2);
    expect(plainText(citedBlocks(text))).toBe(text);
  });
});

describe('plainText', () => {
  it('writes citations as [n], a comparison as "• Name: …" lines and a refusal with its contact', () => {
    const blocks: Block[] = [
      { kind: 'heading', text: 'Vastaus koskee: Iisalmi', municipality: 'Iisalmi' },
      {
        kind: 'municipalities',
        items: [{ municipality: 'Kuopio', parts: [{ text: 'Maksuton.', cite: [1] }] }],
      },
      { kind: 'refusal', text: 'En löytänyt.', contact: { text: 'Kysy Annalta.', cite: [2] } },
      { kind: 'refusal', text: 'En löytänyt.', hint: 'Valitse kunta.' },
    ];
    expect(plainText(blocks)).toBe(
      'Vastaus koskee: Iisalmi\n• Kuopio: Maksuton. [1]\nEn löytänyt. Kysy Annalta. [2]\nEn löytänyt. Valitse kunta.',
    );
  });
});
