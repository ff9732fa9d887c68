/**
 * Plain text -> Slack mrkdwn, and Slack's markup -> plain text.
 *
 * Slack decodes only `&amp;`, `&lt;` and `&gt;`; every other character is literal, and `<...>` is
 * always markup (links, mentions, `<!channel>`), so unescaped text could ping a whole channel or
 * forge a link. mrkdwn has no escape for `*`, `_`, `~` and `` ` ``: see `neutraliseFormatting`.
 */

const ZWSP = '\u200B';
/** Soft hyphen: invisible, and stops a line that starts with `>` from becoming a block quote. */
const SHY = '\u00AD';
const FORMATTING = /[*_~`]/;
const WORD = /[\p{L}\p{N}]/u;
const URL_IN_TEXT = /\bhttps?:\/\/[^\s<>]+/g;

/** Escapes Slack's three control characters. */
export function escapeControl(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * A formatting character only opens or closes bold/italic/strike/code at a word boundary.
 * Surrounding it with zero-width spaces defeats both readings of that space: if Slack counts it as
 * a word character the marker sits inside a word, if as white space the marker has space on both
 * sides; either way it stays a literal character, and copying the text still yields it. A marker
 * between two letters (`snake_case`) is already inert and is left alone.
 */
function neutraliseFormatting(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (FORMATTING.test(c) && !(WORD.test(text[i - 1] ?? '') && WORD.test(text[i + 1] ?? ''))) {
      out += ZWSP + c + ZWSP;
    } else {
      out += c;
    }
  }
  return out;
}

/**
 * Plain text -> mrkdwn that shows exactly that text: control characters escaped, formatting
 * characters made inert, quote-starting lines defused. Bare URLs keep their characters so that
 * Slack still links them.
 */
export function escapeMrkdwn(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      let out = '';
      let last = 0;
      for (const m of line.matchAll(URL_IN_TEXT)) {
        out += neutraliseFormatting(escapeControl(line.slice(last, m.index)));
        out += escapeControl(m[0]);
        last = m.index + m[0].length;
      }
      out += neutraliseFormatting(escapeControl(line.slice(last)));
      return out.startsWith('&gt;') ? SHY + out : out;
    })
    .join('\n');
}

/** An http(s) URL made safe inside `<url|label>`, or undefined when the URL is not one to link. */
export function linkableUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
  return parsed.href.replace(/&/g, '&amp;').replace(/\|/g, '%7C').replace(/</g, '%3C').replace(/>/g, '%3E');
}

/** A link `<url|label>` with the label escaped, or the escaped label alone when the URL is unsafe. */
export function link(url: string | undefined, label: string): string {
  const safe = linkableUrl(url);
  const text = escapeMrkdwn(label.replace(/\n/g, ' '));
  return safe ? `<${safe}|${text}>` : text;
}

/**
 * True when cutting `s` at `i` splits neither an entity (`&amp;`) nor a markup token (`<url|x>`).
 * After `escapeMrkdwn`, a raw `<` or `&` can only start one of those.
 */
function isSafeCut(s: string, i: number): boolean {
  const before = s.slice(0, i);
  if (before.lastIndexOf('<') > before.lastIndexOf('>')) return false;
  const amp = before.lastIndexOf('&');
  if (amp >= 0 && i - amp <= 8 && before.indexOf(';', amp) === -1) return false;
  return !(before.endsWith(ZWSP) || (s[i] ?? '') === ZWSP);
}

/** The best place at most `max` characters in: a blank line, a line end, a space, else any safe spot. */
function cutPoint(s: string, max: number): number {
  const window = s.slice(0, max + 1);
  for (const sep of ['\n\n', '\n', ' ']) {
    for (let i = window.lastIndexOf(sep); i > max / 3; i = window.lastIndexOf(sep, i - 1)) {
      if (i <= max && isSafeCut(s, i)) return i;
    }
  }
  for (let i = max; i > 0; i--) if (isSafeCut(s, i)) return i;
  return max;
}

/**
 * Splits mrkdwn into pieces of at most `max` characters (Slack's section text limit is 3000),
 * preferring paragraph, line and word boundaries and never cutting an entity or a link.
 */
export function splitMrkdwn(text: string, max: number): string[] {
  const pieces: string[] = [];
  let rest = text.trim();
  while (rest.length > max) {
    const cut = cutPoint(rest, max);
    const piece = rest.slice(0, cut).trimEnd();
    if (piece) pieces.push(piece);
    rest = rest.slice(cut).trimStart();
  }
  if (rest) pieces.push(rest);
  return pieces;
}

/** Cuts text to `max` characters at a safe spot, marking the cut with an ellipsis. */
export function truncateMrkdwn(text: string, max: number): string {
  if (text.length <= max) return text;
  return text.slice(0, cutPoint(text, max - 1)).trimEnd() + '…';
}

/** Whether a message's text mentions the given user (`<@U123>` or `<@U123|name>`). */
export function mentions(text: string, userId: string | undefined): boolean {
  return userId !== undefined && new RegExp(`<@${userId}(\\|[^>]*)?>`).test(text);
}

/**
 * Slack message markup -> the plain text a user meant: the bot's own mention removed, other
 * mentions, channels and links shown as their labels, entities decoded.
 */
export function slackToPlain(text: string, botUserId?: string): string {
  return text
    .replace(/<([^>]*)>/g, (_m, inner: string) => {
      const [target = '', label] = inner.split('|', 2);
      if (target.startsWith('@')) return target.slice(1) === botUserId ? '' : `@${label ?? target.slice(1)}`;
      if (target.startsWith('#')) return `#${label ?? target.slice(1)}`;
      if (target.startsWith('!')) return label ?? `@${target.slice(1).split('^')[0]}`;
      if (target.startsWith('mailto:')) return label ?? target.slice('mailto:'.length);
      return label && label !== target ? `${label} (${target})` : target;
    })
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/[ \t]+/g, ' ')
    .trim();
}
