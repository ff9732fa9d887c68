/**
 * Maps the model's [n] markers to real passages: markers that point to no passage are dropped, the
 * rest are renumbered in order of first use, so `[1]` in the text is always `citations[0]`.
 * Works on partial (streamed) text too: an unfinished trailing "[1" is held back.
 */

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
