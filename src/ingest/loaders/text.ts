/**
 * Plain text: paragraphs are separated by blank lines; headings have to be guessed. A heading is
 * a numbered title ("3. Avustukset", "3.2 Kohdeavustus"), a line in capitals, a line underlined
 * with === or ---, or a short line without a final period standing alone before a paragraph.
 */
import type { Block } from '../types.ts';
import { cleanChars, collapseSpaces, isPageChrome, joinLines } from '../text.ts';
import type { LoaderContext, LoaderResult } from './types.ts';

const BULLET = /^\s*(?:[-*•–·▪]\s+|\d{1,3}[.)]\s+|[a-zåäö][.)]\s+)/u;
const NUMBERED_HEADING = /^(\d{1,2}(?:\.\d{1,2}){0,4})\.?\s+(\p{L}.*)$/u;
/** "Aika: ke 14.10.", "Paikka: …": a labelled line starts a new line even after a long one. */
const LABEL = /^\p{L}[\p{L} /-]{0,24}:\s/u;
/** A line of only dashes, equals signs or stars separates parts of the text. */
const RULE = /^\s*([-=*_~#·•])\1{2,}\s*$/;

interface Paragraph {
  lines: string[];
}

interface Heading {
  level: number;
  text: string;
}

/** Decodes UTF-8, or Windows-1252 when the bytes are not valid UTF-8 (old Finnish text files). */
export function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

/** "Avustukset", "AVUSTUKSET 2027", "eVARAUS-KOKEMUKSET": a title-like start. */
function titleLike(text: string): boolean {
  const letters = text.match(/\p{L}/gu) ?? [];
  const upper = letters.filter((l) => l !== l.toLowerCase()).length;
  return /^\p{Lu}/u.test(text) || upper >= letters.length * 0.7;
}

function isCaps(line: string): boolean {
  const letters = line.match(/\p{L}/gu) ?? [];
  return letters.length >= 3 && line === line.toUpperCase() && line !== line.toLowerCase();
}

function isShortTitle(line: string): boolean {
  if (line.length > 70 || line.split(/\s+/).length > 9) return false;
  if (/[.!?,;:]$/.test(line)) return false;
  if (!/^\p{Lu}/u.test(line)) return false;
  // Contact lines and figures are not titles: "puh. 040 123 4567", "maija@kunta.fi".
  if (/@|https?:|www\./.test(line) || (line.match(/\d/g) ?? []).length > 4) return false;
  return true;
}

/** The heading a one-line paragraph stands for, or undefined when it is ordinary text. */
function headingOf(p: Paragraph, isLast: boolean): Heading | undefined {
  if (p.lines.length === 2 && /^(=+|-+)$/.test(p.lines[1]!) && p.lines[0]!.length <= 100) {
    return { level: p.lines[1]!.startsWith('=') ? 1 : 2, text: p.lines[0]! };
  }
  if (p.lines.length !== 1) return undefined;
  // Text saved from a web page keeps the page's indentation: "  Harrasteseteli" still heads its part.
  const line = p.lines[0]!.trim();
  // Text saved from a web page or an editor often keeps Markdown's "# Title".
  const atx = /^(#{1,6})\s+(\S.*?)\s*#*$/u.exec(line);
  if (atx) return { level: atx[1]!.length, text: atx[2]! };
  const numbered = NUMBERED_HEADING.exec(line);
  if (numbered && titleLike(numbered[2]!) && line.length <= 90 && !/[.!?,;:]$/.test(line)) {
    return { level: numbered[1]!.split('.').length, text: line };
  }
  if (isCaps(line) && line.length <= 90 && !/[.!?,;]$/.test(line)) return { level: 1, text: line };
  if (!isLast && isShortTitle(line) && !BULLET.test(line)) return { level: 0, text: line };
  return undefined;
}

/** Lines of one paragraph as text: hard-wrapped prose is joined, lists and short lines stay lines. */
function paragraphText(lines: string[]): string {
  let out = '';
  let prev = '';
  for (const line of lines) {
    if (out === '') out = line;
    // A line after a long one continues it (hard-wrapped prose or a wrapped list item).
    else if (BULLET.test(line)) out += `\n${line}`;
    // An indented line under a list item belongs to the item.
    else if (/^\s+/.test(line) && BULLET.test(out.slice(out.lastIndexOf('\n') + 1)))
      out = joinLines(out, line);
    else if (!LABEL.test(line.trim()) && prev.length >= 50) out = joinLines(out, line);
    else out += `\n${line}`;
    prev = line;
  }
  return out
    .split('\n')
    .map(collapseSpaces)
    .filter((l) => l !== '')
    .join('\n');
}

export function loadText(text: string, _ctx: LoaderContext): LoaderResult {
  const paragraphs: Paragraph[] = [];
  let current: string[] = [];
  for (const raw of cleanChars(text.replace(/\r\n?/g, '\n')).split('\n')) {
    if (isPageChrome(raw)) continue;
    if (raw.trim() === '' || (RULE.test(raw) && current.length !== 1)) {
      if (current.length) paragraphs.push({ lines: current });
      current = [];
    } else current.push(raw.replace(/\s+$/, ''));
  }
  if (current.length) paragraphs.push({ lines: current });
  // A numbered or capitalised title directly above its text, without a blank line between.
  for (let i = 0; i < paragraphs.length; i++) {
    const p = paragraphs[i]!;
    if (p.lines.length < 2 || RULE.test(p.lines[1]!)) continue;
    const first = headingOf({ lines: [p.lines[0]!] }, false);
    if (
      first &&
      first.level > 0 &&
      !BULLET.test(p.lines[1]!) &&
      !headingOf({ lines: [p.lines[1]!] }, false)
    ) {
      paragraphs.splice(i, 1, { lines: [p.lines[0]!] }, { lines: p.lines.slice(1) });
    }
  }

  const headings = paragraphs.map((p, i) => headingOf(p, i === paragraphs.length - 1));
  // A guessed short title with another heading right below it heads nothing: in a page saved as
  // text such runs are a signature or an address ("Projektipäällikkö Helena Liimatainen" /
  // "Järjestörakenne-hanke" / "… ry"). As headings they would replace each other and the name
  // would be lost; as text they stay. The first line is left alone: it is the document's title.
  for (let i = 1; i < headings.length - 1; i++)
    if (headings[i]?.level === 0 && headings[i + 1] !== undefined) headings[i] = undefined;
  // The same at the very end: a name line above a last short line ("Projektipäällikkö Marjatta
  // Kähkönen" / "Kainuun Järjestötuki-hanke") is a signature; the last line is never a heading.
  const last = paragraphs.length - 1;
  const closing = paragraphs[last];
  if (
    last >= 2 &&
    headings[last - 1]?.level === 0 &&
    closing?.lines.length === 1 &&
    isShortTitle(closing.lines[0]!)
  )
    headings[last - 1] = undefined;
  // Plain short titles sit below the numbered or capitalised ones when the document has those.
  const structured = headings.some((h) => h !== undefined && h.level > 0);
  const levels: string[] = [];
  const blocks: Block[] = [];
  let title: string | undefined;
  paragraphs.forEach((p, i) => {
    const h = headings[i];
    if (h) {
      const level = h.level > 0 ? h.level : structured ? 2 : 1;
      const text = collapseSpaces(h.text);
      levels.length = level - 1;
      levels[level - 1] = text;
      if (level === 1 && title === undefined && blocks.length === 0) title = text;
      return;
    }
    const body = paragraphText(p.lines.map((l) => l.replace(/\t/g, ' ')));
    if (body) blocks.push({ headings: levels.filter((x): x is string => x !== undefined), text: body });
  });
  return { blocks, title };
}
