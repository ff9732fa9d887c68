/**
 * PDF: pdf.js (through unpdf) gives positioned text pieces per page. Lines are rebuilt from their
 * vertical positions, paragraphs from the vertical gaps between lines, headings from font sizes
 * larger than the body text (and numbered titles such as "3.2 Kohdeavustus"). Running headers and
 * footers (lines that repeat at the top or bottom of most pages, page numbers) are dropped, and
 * words the layout hyphenated at a line end are joined again. Each block keeps its page number.
 */
import { getDocumentProxy } from 'unpdf';
import type { Block } from '../types.ts';
import { cleanChars, collapseSpaces, joinLines } from '../text.ts';
import { UnreadableFileError, type LoaderContext, type LoaderResult } from './types.ts';

interface Piece {
  str: string;
  x: number;
  y: number;
  width: number;
  size: number;
  font: string;
}

interface Line {
  text: string;
  x: number;
  y: number;
  size: number;
  page: number;
  /** The font most of the line is set in (bold titles use another font than the body). */
  font: string;
  /** True when the line sits in the page's top or bottom margin, where running headers and footers live. */
  inMargin: boolean;
}

interface Paragraph {
  lines: Line[];
  page: number;
  size: number;
  heading?: number;
}

const PAGE_NUMBER =
  /^(?:(?:sivu|page|sida|s\.|p\.)\s*)?[-–]?\s*\d{1,4}\s*[-–]?(?:\s*(?:\/|of|av|\(|kautta)\s*\d{1,4}\)?)?$/i;
const NUMBERED_HEADING = /^(\d{1,2}(?:\.\d{1,2}){0,4})\.?\s+\p{Lu}/u;
const BULLET = /^(?:[-•–·▪○■*]\s+|\d{1,3}[.)]\s+|[a-zåäö][.)]\s+)/u;
/** How many lines at the top and at the bottom of a page may be running headers or footers. */
const EDGE_LINES = 3;
/** The share of the page height at the top and at the bottom that counts as the page margin. */
const MARGIN_SHARE = 0.08;

const round = (n: number): number => Math.round(n * 2) / 2;

function median(values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function explain(err: unknown): string {
  const e = err as { name?: string; message?: string };
  if (e?.name === 'PasswordException')
    return 'it is password-protected; save it without a password and ingest it again';
  if (e?.name === 'InvalidPDFException')
    return `the file is damaged or not a PDF (${e.message ?? 'invalid structure'})`;
  return e?.message ?? String(err);
}

/** Text pieces of a page grouped into lines, in the order the page draws them. */
function pageLines(pieces: Piece[], page: number, view: { bottom: number; top: number }): Line[] {
  const margin = (view.top - view.bottom) * MARGIN_SHARE;
  const lines: Line[] = [];
  let current: { pieces: Piece[]; y: number; size: number } | undefined;
  const close = (): void => {
    if (!current) return;
    let text = '';
    let end = -Infinity;
    for (const p of current.pieces) {
      const gap = p.x - end;
      if (text !== '' && gap > p.size * 0.18 && !/\s$/.test(text) && !/^\s/.test(p.str)) text += ' ';
      text += p.str;
      end = p.x + p.width;
    }
    const weighted = current.pieces.reduce((s, p) => s + p.size * p.str.length, 0);
    const chars = current.pieces.reduce((s, p) => s + p.str.length, 0) || 1;
    const clean = collapseSpaces(text);
    const fonts = new Map<string, number>();
    for (const p of current.pieces) fonts.set(p.font, (fonts.get(p.font) ?? 0) + p.str.length);
    const font = [...fonts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '';
    const y = current.y;
    const inMargin = y < view.bottom + margin || y > view.top - margin;
    if (clean !== '') {
      lines.push({ text: clean, x: current.pieces[0]!.x, y, size: weighted / chars, page, font, inMargin });
    }
    current = undefined;
  };
  for (const p of pieces) {
    if (p.str === '') continue;
    const last = current?.pieces[current.pieces.length - 1];
    if (
      current &&
      last &&
      Math.abs(p.y - current.y) <= Math.max(p.size, current.size) * 0.45 &&
      p.x >= last.x - 1
    ) {
      current.pieces.push(p);
      current.size = Math.max(current.size, p.size);
    } else {
      close();
      current = { pieces: [p], y: p.y, size: p.size };
    }
  }
  close();
  return lines;
}

/** Same words (numbers aside) at about the same height of the page: a running header or footer. */
const runningKey = (l: Line): string =>
  `${Math.round(l.y / 4)}|${l.text.toLowerCase().replace(/\d+/g, '#').replace(/\s+/g, ' ').trim()}`;

/**
 * Drops page numbers, the lines that repeat at the top or bottom of most pages, and small print in
 * the page margins (the only clue a one-page document gives).
 */
function dropRunningLines(pages: Line[][]): Line[][] {
  const all = pages.flat();
  const inside = all.filter((l) => !l.inMargin);
  const body = bodySize(inside.length ? inside : all);
  const edges = pages.map((lines) => {
    const byY = lines.filter((l) => !isHeadingSize(l, body)).sort((a, b) => b.y - a.y);
    return new Set([...byY.slice(0, EDGE_LINES), ...byY.slice(-EDGE_LINES)]);
  });
  const seenOn = new Map<string, number>();
  for (const edge of edges) {
    for (const key of new Set([...edge].map(runningKey))) seenOn.set(key, (seenOn.get(key) ?? 0) + 1);
  }
  const needed = Math.max(2, Math.ceil(pages.length * 0.5));
  return pages.map((lines, i) =>
    lines.filter((l) => {
      if (!edges[i]!.has(l)) return true;
      if (PAGE_NUMBER.test(l.text)) return false;
      if (l.inMargin && l.size < body - 0.25) return false;
      return pages.length < 2 || (seenOn.get(runningKey(l)) ?? 0) < needed;
    }),
  );
}

/** The font size most of the text is set in. */
function bodySize(lines: Line[]): number {
  const weight = new Map<number, number>();
  for (const l of lines) weight.set(round(l.size), (weight.get(round(l.size)) ?? 0) + l.text.length);
  let best = 0;
  let bestWeight = -1;
  for (const [size, w] of weight) if (w > bestWeight) [best, bestWeight] = [size, w];
  return best || 10;
}

function isHeadingSize(line: Line, body: number): boolean {
  return (
    line.size >= body * 1.08 &&
    line.size >= body + 0.75 &&
    line.text.length <= 150 &&
    /\p{L}/u.test(line.text)
  );
}

/** The font most of the body-size text is set in. */
function bodyFont(lines: Line[], body: number): string {
  const weight = new Map<string, number>();
  for (const l of lines)
    if (round(l.size) === body) weight.set(l.font, (weight.get(l.font) ?? 0) + l.text.length);
  return [...weight].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '';
}

/** "4.1 Hakuajat" in bold at body size, printed right above its text: a title all the same. */
function isNumberedTitleLine(line: Line, body: number, font: string): boolean {
  return (
    line.font !== font &&
    Math.abs(line.size - body) < 0.75 &&
    line.text.length <= 90 &&
    NUMBERED_HEADING.test(line.text) &&
    !/[.!?,;:]$/.test(line.text)
  );
}

function paragraphsOf(pages: Line[][], body: number): Paragraph[] {
  const all = pages.flat();
  const font = bodyFont(all, body);
  const gaps: number[] = [];
  for (let i = 1; i < all.length; i++) {
    const [a, b] = [all[i - 1]!, all[i]!];
    if (a.page === b.page && round(a.size) === body && round(b.size) === body && a.y > b.y)
      gaps.push(a.y - b.y);
  }
  const pitch = median(gaps.filter((g) => g < body * 3)) ?? body * 1.2;
  const paragraphs: Paragraph[] = [];
  let current: Paragraph | undefined;
  for (const line of all) {
    const prev = current?.lines[current.lines.length - 1];
    const heading = isHeadingSize(line, body);
    const sameKind =
      current !== undefined &&
      (current.heading !== undefined) === heading &&
      Math.abs(current.size - line.size) < 0.75;
    const gap = prev ? prev.y - line.y : 0;
    const limit = heading ? line.size * 1.6 : pitch * 1.4;
    const first = current?.lines[0];
    const continues =
      current !== undefined &&
      prev !== undefined &&
      first !== undefined &&
      prev.page === line.page &&
      sameKind &&
      gap > 0 &&
      gap <= limit &&
      !(!heading && BULLET.test(line.text)) &&
      // A line printed left of a list item's marker is the next paragraph, not the item's continuation.
      !(BULLET.test(first.text) && line.x < first.x - 2) &&
      // A bold numbered title starts a paragraph, and its text starts another.
      !isNumberedTitleLine(line, body, font) &&
      !(current!.lines.length === 1 && isNumberedTitleLine(first, body, font));
    if (continues) current!.lines.push(line);
    else {
      current = { lines: [line], page: line.page, size: line.size, heading: heading ? 0 : undefined };
      paragraphs.push(current);
    }
  }
  return paragraphs;
}

/** Paragraph text: lines joined, with layout hyphenation undone. */
function paragraphText(p: Paragraph): string {
  let text = '';
  for (const line of p.lines) text = text === '' ? line.text : joinLines(text, line.text);
  return collapseSpaces(cleanChars(text));
}

/** Heading levels: bigger fonts first, then numbered body-size titles by their depth. */
function assignHeadingLevels(paragraphs: Paragraph[], body: number): void {
  const sizes = [
    ...new Set(paragraphs.filter((p) => p.heading !== undefined).map((p) => round(p.size))),
  ].sort((a, b) => b - a);
  for (const p of paragraphs) {
    if (p.heading !== undefined) {
      p.heading = Math.min(6, sizes.indexOf(round(p.size)) + 1);
      continue;
    }
    const text = paragraphText(p);
    const numbered = NUMBERED_HEADING.exec(text);
    if (
      p.lines.length === 1 &&
      Math.abs(p.size - body) < 0.75 &&
      text.length <= 90 &&
      !/[.!?,;:]$/.test(text)
    ) {
      if (numbered) p.heading = Math.min(6, sizes.length + numbered[1]!.split('.').length);
      else if (/\p{L}{3}/u.test(text) && text === text.toUpperCase() && text !== text.toLowerCase())
        p.heading = Math.min(6, sizes.length + 1);
    }
  }
}

/** A paragraph cut by a page break continues on the next page: join the two halves. */
function joinAcrossPages(paragraphs: Paragraph[]): Paragraph[] {
  const out: Paragraph[] = [];
  for (const p of paragraphs) {
    const prev = out[out.length - 1];
    const first = p.lines[0]!;
    const last = prev?.lines[prev.lines.length - 1];
    if (
      prev &&
      last &&
      prev.heading === undefined &&
      p.heading === undefined &&
      last.page + 1 === first.page &&
      !/[.!?:;]$/.test(last.text) &&
      /^\p{Ll}/u.test(first.text)
    ) {
      prev.lines.push(...p.lines);
      continue;
    }
    out.push(p);
  }
  return out;
}

function usableInfoTitle(info: unknown): string | undefined {
  const title = (info as { Title?: unknown } | undefined)?.Title;
  if (typeof title !== 'string') return undefined;
  const t = collapseSpaces(title);
  if (
    t === '' ||
    /^(untitled|nimetön|microsoft word|document\d*)/i.test(t) ||
    /\.(docx?|pdf|odt|rtf)$/i.test(t)
  )
    return undefined;
  return t;
}

export async function loadPdf(bytes: Uint8Array, ctx: LoaderContext): Promise<LoaderResult> {
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  if (!head.includes('%PDF-'))
    throw new UnreadableFileError(
      'not a readable PDF: the file does not start with %PDF (is it really a PDF?)',
    );
  let pdf: Awaited<ReturnType<typeof getDocumentProxy>>;
  try {
    // pdf.js takes ownership of the buffer it is given; hand it a copy.
    pdf = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0 });
  } catch (err) {
    throw new UnreadableFileError(`not a readable PDF: ${explain(err)}`, { cause: err });
  }
  try {
    const pages: Line[][] = [];
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      const content = await page.getTextContent();
      const pieces: Piece[] = [];
      for (const item of content.items) {
        if (!('str' in item)) continue;
        const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0] = item.transform as number[];
        const size = Math.hypot(c, d) || Math.hypot(a, b) || item.height || 10;
        pieces.push({ str: item.str, x: e, y: f, width: item.width, size, font: item.fontName });
      }
      const [, y0 = 0, , y1 = 842] = page.view;
      pages.push(pageLines(pieces, n, { bottom: Math.min(y0, y1), top: Math.max(y0, y1) }));
      page.cleanup();
    }
    if (pages.every((p) => p.length === 0)) {
      throw new UnreadableFileError(
        'no text to index: the PDF has no text layer (a scanned document? run OCR on it first)',
      );
    }
    const kept = dropRunningLines(pages);
    const body = bodySize(kept.flat());
    const paragraphs = paragraphsOf(kept, body);
    assignHeadingLevels(paragraphs, body);

    const blocks: Block[] = [];
    const levels: (string | undefined)[] = [];
    let title: string | undefined;
    for (const p of joinAcrossPages(paragraphs)) {
      const text = paragraphText(p);
      if (text === '') continue;
      if (p.heading !== undefined) {
        levels.length = p.heading;
        levels[p.heading - 1] = text;
        if (p.heading === 1 && p.page === 1) title ??= text;
        continue;
      }
      blocks.push({ headings: levels.filter((h): h is string => h !== undefined), page: p.page, text });
    }
    if (title === undefined) {
      const meta = await pdf.getMetadata().catch(() => undefined);
      title = usableInfoTitle(meta?.info);
    }
    ctx.logger?.debug(
      { source: ctx.source, pages: pdf.numPages, blocks: blocks.length, bodySize: body },
      'pdf parsed',
    );
    return { blocks, title };
  } catch (err) {
    if (err instanceof UnreadableFileError) throw err;
    throw new UnreadableFileError(`not a readable PDF: ${explain(err)}`, { cause: err });
  } finally {
    await pdf.loadingTask.destroy().catch(() => undefined);
  }
}
