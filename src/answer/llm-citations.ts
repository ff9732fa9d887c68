/**
 * Maps the model's [n] markers to real passages: markers that point to no passage are dropped, the
 * rest are renumbered in order of first use, so `[1]` in the text is always `citations[0]`.
 * Works on partial (streamed) text too: an unfinished trailing "[1" is held back.
 */
import type { Block, Part } from '../kernel/types.ts';

/** Marker groups: [1], [1, 2], [1][2], [1–2] are all read as lists of numbers. */
const GROUP = /\s?\[(\s*\d+(?:\s*[,;–-]\s*\d+)*\s*)\]/g;

export interface Renumbered {
  text: string;
  /** 0-based passage indices, in the new numbering's order. */
  used: number[];
}

export function renumberCitations(raw: string, passageCount: number, partial = false): Renumbered {
  let text = raw;
  if (partial) text = text.replace(/\s?\[[\d\s,;–-]*$/, '');
  const used: number[] = [];
  const out = text.replace(GROUP, (whole, inner: string) => {
    const nums: number[] = [];
    const range = /^\s*(\d+)\s*[–-]\s*(\d+)\s*$/.exec(inner);
    if (range) {
      for (let n = Number(range[1]); n <= Number(range[2]) && n - Number(range[1]) < 20; n++) nums.push(n);
    } else {
      for (const part of inner.split(/[,;]/)) nums.push(Number(part.trim()));
    }
    const valid = nums.filter((n) => Number.isInteger(n) && n >= 1 && n <= passageCount);
    if (valid.length === 0) return '';
    const labels = [...new Set(valid)].map((n) => {
      let idx = used.indexOf(n - 1);
      if (idx < 0) {
        used.push(n - 1);
        idx = used.length - 1;
      }
      return `[${idx + 1}]`;
    });
    return `${whole.startsWith(' ') ? ' ' : ''}${labels.join('')}`;
  });
  return {
    text: out
      .replace(/[ \t]+([.,;:!?])/g, '$1')
      .replace(/[ \t]{2,}/g, ' ')
      .trim(),
    used,
  };
}

/** The refusal sentinel the prompts ask for. */
export const NO_ANSWER = 'NO_ANSWER';

export function isRefusal(text: string): boolean {
  return text.trim() === '' || /\bNO_ANSWER\b/.test(text);
}

/** A run of renumbered markers ("[1]", " [1][2]") as `renumberCitations` writes them. */
const MARKERS = /\s?((?:\[\d+\])+)/g;

/**
 * The model's renumbered text as answer blocks: one per non-empty line, each split into parts at
 * its markers, so that no renderer has to find the markers again. Read once, here.
 */
export function citedBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const parts: Part[] = [];
    let last = 0;
    for (const m of line.matchAll(MARKERS)) {
      const cite = [...m[1]!.matchAll(/\d+/g)].map((d) => Number(d[0]));
      parts.push({ text: line.slice(last, m.index), cite });
      last = m.index + m[0].length;
    }
    if (last < line.length) parts.push({ text: line.slice(last), cite: [] });
    blocks.push({ kind: 'answer', parts });
  }
  return blocks;
}
