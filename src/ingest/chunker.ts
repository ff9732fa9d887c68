/**
 * Blocks -> chunks. A chunk stays inside one section of the document (the same heading path),
 * carries the page it starts on, and is cut only between sentences: a sentence cut in half can
 * answer nothing. Sections are cut into pieces of about even size; a section shorter than the
 * target stays whole, however short (a heading with one line, such as a contact person, is a chunk).
 */
import type { Language } from '../kernel/types.ts';
import type { Block, ChunkDraft } from './types.ts';
import { splitSentences } from '../kernel/sentences.ts';

export interface ChunkOptions {
  /** A chunk grows to about this many characters before it is cut (default 900). */
  maxChars?: number;
  /** Below this, a chunk is not cut at a paragraph break if the next paragraph fits (default 500). */
  minChars?: number;
  /** Language of the text, for sentence rules (default fi). */
  language?: Language;
}

/** Section path as stored and cited: "Avustukset › Toiminta-avustus". */
export const SECTION_SEPARATOR = ' › ';

interface Unit {
  text: string;
  page?: number;
  /** Index of the block the sentence comes from: blocks are joined with a line break. */
  block: number;
  /** Line of the block (list items, table rows stay on their own lines). */
  line: number;
  /** For a table row below the first: the table's first row, repeated when a chunk starts inside the table. */
  tableHeader?: string;
}

/** A block made by the loaders from a table: every line is "cell | cell". */
const isTable = (lines: string[]): boolean => lines.length > 1 && lines.every((l) => l.includes(' | '));

interface Section {
  headings: string[];
  units: Unit[];
}

function sectionsOf(blocks: Block[], language: Language): Section[] {
  const sections: Section[] = [];
  blocks.forEach((block, i) => {
    const key = block.headings.join(SECTION_SEPARATOR);
    let section = sections[sections.length - 1];
    if (!section || section.headings.join(SECTION_SEPARATOR) !== key) {
      section = { headings: block.headings, units: [] };
      sections.push(section);
    }
    const lines = block.text.split('\n');
    if (isTable(lines)) {
      // A table row is read as a whole: "1.2.–31.3. | klo 15." is no sentence boundary.
      lines.forEach((text, l) =>
        section.units.push({
          text,
          page: block.page,
          block: i,
          line: l,
          tableHeader: l > 0 ? lines[0] : undefined,
        }),
      );
      return;
    }
    lines.forEach((line, l) => {
      for (const text of splitSentences(line, language))
        section.units.push({ text, page: block.page, block: i, line: l });
    });
  });
  return sections.filter((s) => s.units.length > 0);
}

const joinUnits = (units: Unit[]): string =>
  units.reduce((out, u, i) => {
    if (i === 0) return u.text;
    const prev = units[i - 1]!;
    return out + (u.block !== prev.block || u.line !== prev.line ? '\n' : ' ') + u.text;
  }, '');

function lengthOf(units: Unit[]): number {
  return joinUnits(units).length;
}

/**
 * The units of the paragraph that starts at `i`. A block's units are contiguous, so this stops at
 * the next block (filtering every later unit made chunking quadratic: 4 MB of text took 15 s).
 */
function paragraphAt(units: Unit[], i: number): Unit[] {
  let end = i;
  while (end < units.length && units[end]!.block === units[i]!.block) end++;
  return units.slice(i, end);
}

/** Splits one section's sentences into runs of roughly even length, never longer than `max` unless one sentence is. */
function packSection(units: Unit[], max: number, min: number): Unit[][] {
  const total = lengthOf(units);
  if (total <= max) return [units];
  // Aim at even pieces: 1900 characters with max 900 become three of about 630, not 900 + 900 + 100.
  const goal = Math.max(min, total / Math.ceil(total / max));
  const runs: Unit[][] = [];
  let run: Unit[] = [];
  let size = 0;
  for (let i = 0; i < units.length; i++) {
    const unit = units[i]!;
    const added = (run.length ? 1 : 0) + unit.text.length;
    if (run.length && size + added > max) {
      runs.push(run);
      run = [];
      size = 0;
    } else if (run.length && size >= goal) {
      runs.push(run);
      run = [];
      size = 0;
    } else if (run.length && size >= min && unit.block !== run[run.length - 1]!.block) {
      // At a paragraph break past the minimum: cut here rather than inside the next paragraph if it does not fit.
      const rest = paragraphAt(units, i);
      if (size + 1 + lengthOf(rest) > max) {
        runs.push(run);
        run = [];
        size = 0;
      }
    }
    size += (run.length ? 1 : 0) + unit.text.length;
    run.push(unit);
  }
  if (run.length) runs.push(run);
  return runs;
}

/** Cuts a document's blocks into chunks that follow its sections and never split a sentence. */
export function chunkBlocks(blocks: Block[], options: ChunkOptions = {}): ChunkDraft[] {
  const max = options.maxChars ?? 900;
  const min = Math.min(options.minChars ?? 500, max);
  const chunks: ChunkDraft[] = [];
  for (const section of sectionsOf(blocks, options.language ?? 'fi')) {
    const name = section.headings.join(SECTION_SEPARATOR);
    for (const run of packSection(section.units, max, min)) {
      const header = run[0]!.tableHeader;
      const text = header === undefined ? joinUnits(run) : `${header}\n${joinUnits(run)}`;
      const chunk: ChunkDraft = { ord: chunks.length, text };
      if (name) chunk.section = name;
      const page = run[0]!.page;
      if (page !== undefined) chunk.page = page;
      chunks.push(chunk);
    }
  }
  return chunks;
}
