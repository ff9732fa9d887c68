/**
 * HTML element tree -> blocks under heading paths. Shared by the HTML, DOCX (mammoth writes HTML)
 * and Markdown (marked writes HTML) loaders, so that every format gets the same idea of a
 * section, a list and a table.
 */
import type { Cheerio, CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import type { Block } from '../types.ts';
import { cleanChars, collapseSpaces } from '../text.ts';

const INLINE = new Set([
  'a',
  'abbr',
  'b',
  'bdi',
  'bdo',
  'cite',
  'code',
  'data',
  'del',
  'dfn',
  'em',
  'font',
  'i',
  'ins',
  'kbd',
  'label',
  'mark',
  'q',
  's',
  'samp',
  'small',
  'span',
  'strike',
  'strong',
  'sub',
  'sup',
  'time',
  'tt',
  'u',
  'var',
  'wbr',
  'nobr',
]);
const SKIP = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'svg',
  'img',
  'picture',
  'video',
  'audio',
  'head',
  'title',
  'meta',
  'link',
]);

/** Marks a hard line break (<br>) inside a paragraph until white space has been collapsed. */
const BR = '\u2028';

function isElement(node: AnyNode): node is Element {
  return node.type === 'tag' || node.type === 'script' || node.type === 'style';
}

/** Text of a node with <br> kept as line breaks and block children separated by spaces. */
function inlineText(node: AnyNode, skipNested = false): string {
  if (node.type === 'text') return (node as unknown as { data: string }).data;
  if (!isElement(node)) return '';
  const tag = node.name.toLowerCase();
  if (SKIP.has(tag)) return '';
  if (tag === 'br') return BR;
  if (skipNested && (tag === 'ul' || tag === 'ol' || tag === 'table')) return '';
  const inner = node.children.map((c) => inlineText(c, skipNested)).join('');
  return INLINE.has(tag) ? inner : ` ${inner} `;
}

/** Collapses white space, keeping <br> line breaks. */
function finish(raw: string): string {
  return cleanChars(raw)
    .split(BR)
    .map(collapseSpaces)
    .filter((l) => l !== '')
    .join('\n');
}

export interface StructureResult {
  blocks: Block[];
  /** Text of the first <h1>. */
  firstH1?: string;
}

/** Walks `root` in document order and returns its paragraphs, lists and tables as blocks. */
export function blocksFromElement($: CheerioAPI, root: Cheerio<AnyNode>): StructureResult {
  const blocks: Block[] = [];
  const levels: (string | undefined)[] = [];
  let firstH1: string | undefined;
  let buffer = '';

  const path = (): string[] => levels.filter((h): h is string => h !== undefined);
  const emit = (text: string): void => {
    if (text !== '') blocks.push({ headings: path(), text });
  };
  const flush = (): void => {
    emit(finish(buffer));
    buffer = '';
  };

  const listLines = (list: Element, depth: number): string[] => {
    const lines: string[] = [];
    const ordered = list.name.toLowerCase() === 'ol';
    let n = Number($(list).attr('start') ?? '1') || 1;
    for (const li of $(list).children('li').toArray()) {
      const text = finish(inlineText(li, true)).replace(/\n/g, ' ');
      const indent = '  '.repeat(depth);
      if (text !== '') lines.push(`${indent}${ordered ? `${n}.` : '-'} ${text}`);
      n++;
      for (const nested of $(li).find('ul, ol').toArray()) {
        // Only lists directly nested in this item; deeper ones come through their own parent.
        if ($(nested).parent().closest('li').get(0) === li) lines.push(...listLines(nested, depth + 1));
      }
      for (const table of $(li).find('table').toArray()) {
        if ($(table).parent().closest('li').get(0) === li) lines.push(...tableLines(table));
      }
    }
    return lines;
  };

  const tableLines = (table: Element): string[] => {
    const lines: string[] = [];
    const caption = $(table).children('caption').get(0);
    if (caption) {
      const text = finish(inlineText(caption)).replace(/\n/g, ' ');
      if (text !== '') lines.push(text);
    }
    for (const tr of $(table).find('tr').toArray()) {
      if ($(tr).closest('table').get(0) !== table) continue;
      const cells = $(tr)
        .children('th, td')
        .toArray()
        .map((c) => finish(inlineText(c)).replace(/\n/g, ' '))
        .filter((c) => c !== '');
      if (cells.length) lines.push(cells.join(' | '));
    }
    return lines;
  };

  const definitionLines = (dl: Element): string[] => {
    const lines: string[] = [];
    let term = '';
    for (const child of $(dl).children('dt, dd').toArray()) {
      const text = finish(inlineText(child)).replace(/\n/g, ' ');
      if (child.name.toLowerCase() === 'dt') {
        if (term) lines.push(term);
        term = text;
      } else {
        lines.push(term ? `${term}: ${text}` : text);
        term = '';
      }
    }
    if (term) lines.push(term);
    return lines.filter((l) => l !== '');
  };

  const walk = (node: AnyNode): void => {
    if (node.type === 'text') {
      buffer += (node as unknown as { data: string }).data;
      return;
    }
    if (!isElement(node)) return;
    const tag = node.name.toLowerCase();
    if (SKIP.has(tag)) return;
    if (tag === 'br') {
      buffer += BR;
      return;
    }
    if (INLINE.has(tag)) {
      for (const c of node.children) walk(c);
      return;
    }
    flush();
    const heading = /^h([1-6])$/.exec(tag);
    if (heading) {
      const text = finish(inlineText(node)).replace(/\n/g, ' ');
      if (text !== '') {
        const level = Number(heading[1]);
        levels.length = level;
        levels[level - 1] = text;
        if (level === 1) firstH1 ??= text;
      }
      return;
    }
    if (tag === 'ul' || tag === 'ol') {
      emit(listLines(node, 0).join('\n'));
      return;
    }
    if (tag === 'table') {
      emit(tableLines(node).join('\n'));
      return;
    }
    if (tag === 'dl') {
      emit(definitionLines(node).join('\n'));
      return;
    }
    if (tag === 'pre') {
      emit(
        cleanChars($(node).text())
          .split('\n')
          .map((l) => l.trimEnd())
          .filter((l) => l.trim() !== '')
          .join('\n'),
      );
      return;
    }
    for (const c of node.children) walk(c);
    flush();
  };

  for (const node of root.toArray()) walk(node);
  flush();
  return { blocks, firstH1 };
}
