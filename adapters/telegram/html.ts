/**
 * The core's `Reply` blocks as Telegram HTML (parse_mode HTML), cut into messages that fit
 * Telegram's 4096-character limit. Everything that comes from the core or a document is escaped;
 * the only markup is what this module writes itself, and every piece it cuts is valid on its own:
 * cuts fall between paragraphs, then lines, then words, never inside a tag or an entity.
 */
import { t } from './strings.ts';
import type { Block, Citation, Language, Part, Reply } from '../../src/kernel/types.ts';

/** Telegram's limit for one message's text. */
export const MESSAGE_LIMIT = 4096;

/** A document title longer than this is shortened in the source list. */
const TITLE_MAX = 200;
/** Section, municipality and date are shortened to this. */
const DETAIL_MAX = 100;

/**
 * Escapes text for Telegram HTML. Telegram knows only the named entities &lt; &gt; &amp; &quot;,
 * so those are the only ones used (quotes too, because the same function escapes href values).
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) =>
    c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;',
  );
}

/** Only web links become `<a href>`: Telegram rejects other schemes, and they are no use on a phone. */
function safeUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.toString() : undefined;
  } catch {
    return undefined;
  }
}

function shorten(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : chars.slice(0, max - 1).join('') + '…';
}

/** One numbered source: `[1] <a href="…">Title</a> · Section · p. 3 · Municipality · 2025-01-31`. */
export function renderCitation(c: Citation, n: number, language: Language, limit = MESSAGE_LIMIT): string {
  const title = escapeHtml(shorten(c.title || c.source, TITLE_MAX));
  const page = c.page !== undefined ? t(language, 'telegram.page', { page: c.page }) : undefined;
  const details = [c.section, page, c.municipality, c.date]
    .filter((d): d is string => Boolean(d))
    .map((d) => escapeHtml(shorten(d, DETAIL_MAX)));
  const url = safeUrl(c.url);
  const linked = url ? `<a href="${escapeHtml(url)}">${title}</a>` : title;
  const line = [`[${n}] ${linked}`, ...details].join(' · ');
  // An absurdly long URL must not make the line unsendable: the title alone still names the source.
  return line.length <= limit ? line : [`[${n}] ${title}`, ...details].join(' · ');
}

/**
 * Cuts plain text into chunks whose escaped form fits `limit`, preferring a break at a space.
 * Splitting before escaping is what keeps entities whole.
 */
export function splitPlain(text: string, limit: number): string[] {
  const out: string[] = [];
  let rest = text;
  while (escapeHtml(rest).length > limit) {
    const chars = Array.from(rest);
    // Largest prefix (in whole code points) whose escaped length fits.
    let len = 0;
    let size = 0;
    while (len < chars.length) {
      const add = escapeHtml(chars[len]!).length;
      if (size + add > limit) break;
      size += add;
      len++;
    }
    const prefix = chars.slice(0, len).join('');
    const space = prefix.lastIndexOf(' ');
    const cut = space > prefix.length / 2 ? space : prefix.length;
    out.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest) out.push(rest);
  return out;
}

/** A paragraph as a list of lines, each already valid HTML and no longer than the limit. */
type Paragraph = string[];

/** Plain text (escaped when rendered) or a short piece of markup this module wrote. */
type Segment = { text: string } | { html: string };

/**
 * One line's segments as HTML lines within `limit`: text is cut (at a space where it can be)
 * before escaping, markup is never cut.
 */
function lineHtml(segments: Segment[], limit: number): string[] {
  const out: string[] = [];
  let current = '';
  const flush = () => {
    if (current.trim()) out.push(current.trimEnd());
    current = '';
  };
  for (const seg of segments) {
    if ('html' in seg) {
      if (current.length + seg.html.length > limit) flush();
      current += seg.html;
      continue;
    }
    let rest = current ? seg.text : seg.text.trimStart();
    while (rest) {
      const room = limit - current.length;
      if (escapeHtml(rest).length <= room) {
        current += escapeHtml(rest);
        break;
      }
      if (current && room < limit / 4) {
        flush();
        rest = rest.trimStart();
        continue;
      }
      const head = splitPlain(rest, room)[0] ?? '';
      current += escapeHtml(head);
      rest = rest.slice(head.length).trimStart();
      flush();
    }
  }
  flush();
  return out;
}

/** Segments as paragraphs: a newline in text starts a line, a blank line a paragraph. */
function paragraphsOf(segments: Segment[], limit: number): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  let lines: string[] = [];
  let line: Segment[] = [];
  const endLine = () => {
    lines.push(...lineHtml(line, limit));
    line = [];
  };
  const endParagraph = () => {
    endLine();
    if (lines.length) paragraphs.push(lines);
    lines = [];
  };
  for (const seg of segments) {
    if ('html' in seg) {
      line.push(seg);
      continue;
    }
    for (const piece of seg.text.split(/(\n+)/)) {
      if (piece.startsWith('\n')) {
        if (piece.length > 1) endParagraph();
        else endLine();
      } else if (piece) line.push({ text: piece });
    }
  }
  endParagraph();
  return paragraphs;
}

/** A part's citation numbers, each a link to its source when the source has a web link. */
function citeSegments(cite: readonly number[], citations: Citation[], limit: number): Segment[] {
  if (cite.length === 0) return [];
  const markers = cite.map((n) => {
    const url = safeUrl(citations[n - 1]?.url);
    const html = url ? `<a href="${escapeHtml(url)}">[${n}]</a>` : `[${n}]`;
    return html.length <= limit / 2 ? html : `[${n}]`;
  });
  return [{ text: ' ' }, { html: markers.join('') }];
}

function partSegments(parts: readonly Part[], citations: Citation[], limit: number): Segment[] {
  return parts.flatMap((p) => [{ text: p.text }, ...citeSegments(p.cite, citations, limit)]);
}

function blockSegments(block: Block, citations: Citation[], limit: number): Segment[] {
  switch (block.kind) {
    case 'answer':
      return partSegments(block.parts, citations, limit);
    case 'municipalities':
      return block.items.flatMap((item, i) => [
        ...(i > 0 ? [{ text: '\n' }] : []),
        { html: `• <b>${escapeHtml(shorten(item.municipality.replace(/\n/g, ' '), DETAIL_MAX))}</b>: ` },
        ...partSegments(item.parts, citations, limit),
      ]);
    case 'refusal': {
      const after = block.contact
        ? partSegments([block.contact], citations, limit)
        : block.hint !== undefined
          ? [{ text: block.hint }]
          : [];
      return after.length ? [{ text: `${block.text} ` }, ...after] : [{ text: block.text }];
    }
    case 'heading':
    case 'notice':
      return [{ text: block.text }];
  }
}

/** The reply's blocks as paragraphs of HTML lines: document text escaped, markup from the fields. */
function blockParagraphs(blocks: readonly Block[], citations: Citation[], limit: number): Paragraph[] {
  const segments = blocks.flatMap((b, i) => [
    ...(i > 0 ? [{ text: '\n' }] : []),
    ...blockSegments(b, citations, limit),
  ]);
  return paragraphsOf(segments, limit);
}

function textParagraphs(text: string, limit: number): Paragraph[] {
  return paragraphsOf([{ text }], limit);
}

/**
 * Packs paragraphs into messages of at most `limit` characters: lines of a paragraph are joined
 * with a newline, paragraphs with a blank line, and a message breaks only between lines.
 */
export function packMessages(paragraphs: Paragraph[], limit = MESSAGE_LIMIT): string[] {
  const messages: string[] = [];
  let current = '';
  for (const paragraph of paragraphs) {
    paragraph.forEach((line, i) => {
      const sep = current === '' ? '' : i === 0 ? '\n\n' : '\n';
      if (current !== '' && current.length + sep.length + line.length > limit) {
        messages.push(current);
        current = line;
      } else {
        current += sep + line;
      }
    });
  }
  if (current !== '') messages.push(current);
  return messages;
}

/** The blocks, then the numbered sources, as HTML messages ready for `sendMessage` with parse_mode HTML. */
export function renderReplyHtml(
  reply: Reply,
  language: Language = reply.language,
  limit = MESSAGE_LIMIT,
): string[] {
  const paragraphs = blockParagraphs(reply.blocks, reply.citations, limit);
  if (reply.citations.length > 0) {
    paragraphs.push([
      `<b>${escapeHtml(t(language, 'telegram.sources'))}</b>`,
      ...reply.citations.map((c, i) => renderCitation(c, i + 1, language, limit)),
    ]);
  }
  const messages = packMessages(paragraphs, limit);
  return messages.length > 0 ? messages : [escapeHtml(t(language, 'telegram.error'))];
}

/** Plain text (a notice, a prompt) as one or more escaped messages. */
export function renderPlainHtml(text: string, limit = MESSAGE_LIMIT): string[] {
  return packMessages(textParagraphs(text, limit), limit);
}
