/**
 * The one plain rendering of a reply's blocks: citations as " [n]", a regional comparison as
 * "• Name: …" lines, blocks one per line. The CLI, evaluation, logs and streaming previews read
 * this text; channels render the blocks themselves.
 */
import type { Block, Part } from './types.ts';

/** " [1][2]" after a part's text, or nothing. */
export function citeMarkers(cite: readonly number[]): string {
  return cite.length ? ` ${cite.map((n) => `[${n}]`).join('')}` : '';
}

/** Parts of one paragraph, each followed by its markers. */
export function partsText(parts: readonly Part[]): string {
  return parts.map((p) => p.text + citeMarkers(p.cite)).join('');
}

/** One block as plain text (may span lines). */
export function blockText(block: Block): string {
  switch (block.kind) {
    case 'answer':
      return partsText(block.parts);
    case 'municipalities':
      return block.items.map((i) => `• ${i.municipality}: ${partsText(i.parts)}`).join('\n');
    case 'refusal': {
      const after = block.contact ? partsText([block.contact]) : block.hint;
      return after ? `${block.text} ${after}` : block.text;
    }
    case 'heading':
    case 'notice':
      return block.text;
  }
}

/** The reply's plain text: its blocks, one after another on their own lines. */
export function plainText(blocks: readonly Block[]): string {
  return blocks.map(blockText).join('\n');
}

/** A reply that is one notice (help, errors, confirmations). */
export function noticeBlocks(text: string): Block[] {
  return [{ kind: 'notice', text }];
}
