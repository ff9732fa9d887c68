/**
 * HTML pages: a municipality's web page is mostly not the page's content. Navigation, banners,
 * sidebars, breadcrumbs, cookie notices, share buttons, comment and feedback forms are removed
 * before the text is read, and <main>/<article> is preferred when the page marks its content.
 */
import * as cheerio from 'cheerio';
import type { Cheerio, CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { collapseSpaces } from '../text.ts';
import { blocksFromElement } from './structure.ts';
import { UnreadableFileError, type LoaderContext, type LoaderResult } from './types.ts';

/**
 * Deeper pages are refused. Browsers stop nesting at 512 levels (Blink's parser), so no real page
 * is deeper, while both HTML parsers slow quadratically with depth (parse5 took 11 s at 20 000
 * levels, htmlparser2 14 s at 80 000) and the section walk recurses: a 200 000-deep file hung.
 */
export const MAX_HTML_DEPTH = 512;

/** Elements without content or whose end tag may be left out: they never nest (a <p> closes the last). */
const NOT_NESTING = new Set(
  (
    'area base br col embed hr img input link meta source track wbr param keygen ' +
    'p li dt dd option optgroup tr td th thead tbody tfoot colgroup caption rp rt html head body'
  ).split(' '),
);
/** Elements whose content is text up to their end tag, whatever it looks like. */
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes']);
const TAG = /^<(\/?)([a-zA-Z][a-zA-Z0-9:-]*)/;

/**
 * How deep the page's elements nest, by counting its tags in linear time without building a tree.
 * Every scan moves forward only: a file of unclosed "<" or "<!--" cannot make it quadratic.
 */
export function nestingDepth(html: string): number {
  const open = new Map<string, number>();
  let depth = 0;
  let max = 0;
  let gt = -1;
  for (let i = html.indexOf('<'); i !== -1; i = html.indexOf('<', i)) {
    if (html.startsWith('<!--', i)) {
      const end = html.indexOf('-->', i + 4);
      if (end === -1) break;
      i = end + 3;
      continue;
    }
    if (gt < i) gt = html.indexOf('>', i);
    if (gt === -1) break;
    const m = TAG.exec(html.slice(i, Math.min(gt + 1, i + 64)));
    if (!m) {
      i++;
      continue;
    }
    const name = m[2]!.toLowerCase();
    const selfClosed = html[gt - 1] === '/';
    i = gt + 1;
    if (NOT_NESTING.has(name) || selfClosed) continue;
    if (m[1]) {
      const n = open.get(name) ?? 0;
      if (n > 0) {
        open.set(name, n - 1);
        depth--;
      }
      continue;
    }
    if (RAW_TEXT.has(name)) {
      const close = new RegExp(`</${name}`, 'ig');
      close.lastIndex = i;
      if (!close.exec(html)) break;
      i = close.lastIndex;
      gt = -1;
      continue;
    }
    open.set(name, (open.get(name) ?? 0) + 1);
    if (++depth > max) max = depth;
  }
  return max;
}

/** Elements that are never content. */
const NEVER_CONTENT = [
  'script',
  'style',
  'noscript',
  'iframe',
  'template',
  'svg',
  'canvas',
  'object',
  'embed',
  'nav',
  'aside',
  'form',
  'button',
  'select',
  'input',
  'textarea',
  'dialog',
  'footer',
  '[role=navigation]',
  '[role=banner]',
  '[role=contentinfo]',
  '[role=complementary]',
  '[role=search]',
  '[role=dialog]',
  '[role=alertdialog]',
  '[aria-hidden=true]',
  '[hidden]',
  '[style*="display:none"]',
  '[style*="display: none"]',
].join(', ');

/** A class or id made of one of these words marks page furniture ("breadcrumb", "cookie-banner", "share-links"). */
const FURNITURE_WORDS = new Set([
  'breadcrumb',
  'breadcrumbs',
  'crumbs',
  'sidebar',
  'sidenav',
  'menu',
  'submenu',
  'megamenu',
  'navbar',
  'nav',
  'navigation',
  'cookie',
  'cookies',
  'cookiebot',
  'consent',
  'gdpr',
  'comment',
  'comments',
  'feedback',
  'share',
  'sharing',
  'social',
  'some',
  'skip',
  'skiplink',
  'newsletter',
  'pagination',
  'pager',
]);
/**
 * Words that usually mark furniture too, but also name parts of the content ("entry-header" holds
 * the page title): such an element stays when it holds a heading.
 */
const WEAK_FURNITURE_WORDS = new Set([
  'header',
  'footer',
  'masthead',
  'topbar',
  'toolbar',
  'logo',
  'banner',
  'popup',
  'modal',
]);
/** Whole class names for text meant only for screen readers ("opens in a new window"). */
const FURNITURE_CLASSES = new Set([
  'sr-only',
  'visually-hidden',
  'screen-reader-text',
  'visuallyhidden',
  'element-invisible',
]);

/** 'strong' furniture, 'weak' furniture (kept when it holds a heading), or undefined for content. */
function furnitureKind(names: string[]): 'strong' | 'weak' | undefined {
  let kind: 'weak' | undefined;
  for (const name of names) {
    // "has-sidebar", "with-menu" describe a layout, not the element itself.
    if (/^(has|with|no|is|show)[-_]/i.test(name)) continue;
    const words = name.split(/[-_\s]+|(?<=[a-z])(?=[A-Z])/).map((w) => w.toLowerCase());
    if (words.some((w) => FURNITURE_WORDS.has(w))) return 'strong';
    if (words.some((w) => WEAK_FURNITURE_WORDS.has(w)) || /^top-?bar$/i.test(name)) kind = 'weak';
  }
  return kind;
}

function classAndId(el: Element): string[] {
  return [...(el.attribs.class ?? '').split(/\s+/), el.attribs.id ?? ''].filter(Boolean);
}

/** The element that holds the page's own content. */
function contentRoot($: CheerioAPI): Cheerio<AnyNode> {
  const main = $('main, [role=main]').first();
  if (main.length) return main;
  const articles = $('article');
  if (articles.length === 1) return articles.first();
  const body = $('body');
  return body.length ? body : $.root();
}

/**
 * The elements under `root` that match. Not `root.find`: cheerio hands the selector engine the
 * root's children, which it de-duplicates in quadratic time (16 000 paragraphs in <main> took
 * 3.4 s, 250 000 over a minute); searched from the document, the engine starts from one element.
 */
function findUnder($: CheerioAPI, root: Cheerio<AnyNode>, selector: string): Element[] {
  const container = root.get(0);
  if (!container) return [];
  return $.root()
    .find(selector)
    .toArray()
    .filter((el) => el !== container && cheerio.contains(container, el));
}

/** Whether an element holds one of these elements, walked without a selector for the same reason. */
function holdsTag(el: Element, names: ReadonlySet<string>): boolean {
  const stack: AnyNode[] = [...el.children];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.type !== 'tag' && node.type !== 'script' && node.type !== 'style') continue;
    if (names.has((node as Element).name)) return true;
    stack.push(...(node as Element).children);
  }
  return false;
}

const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
const HOLDS_CONTENT = {
  strong: new Set(['main', 'article', 'h1']),
  weak: new Set(['main', 'article', 'h1', 'h2', 'h3', 'h4']),
};

function removeFurniture($: CheerioAPI, root: Cheerio<AnyNode>): void {
  $(findUnder($, root, NEVER_CONTENT)).remove();
  // A page header holds the logo and menus; a header inside the content holds its title.
  for (const el of findUnder($, root, 'header')) if (!holdsTag(el, HEADINGS)) $(el).remove();
  const total = collapseSpaces(root.text()).length || 1;
  for (const el of findUnder($, root, '[class], [id]')) {
    if (!el.parent) continue;
    const names = classAndId(el);
    if ((el.attribs.class ?? '').split(/\s+/).some((c) => FURNITURE_CLASSES.has(c.toLowerCase()))) {
      $(el).remove();
      continue;
    }
    const kind = furnitureKind(names);
    if (!kind) continue;
    // A wrapper whose name happens to contain such a word but holds the content stays.
    if (holdsTag(el, HOLDS_CONTENT[kind])) continue;
    const $el = $(el);
    if (collapseSpaces($el.text()).length > total * 0.6) continue;
    $el.remove();
  }
}

function pageTitle($: CheerioAPI): string | undefined {
  const title = collapseSpaces($('head > title, title').first().text());
  if (!title) return undefined;
  // "Avustukset | Esimerkkilän kaupunki": the part before the site name.
  return title.split(/\s+[|»·]\s+/)[0]?.trim() || title;
}

function refuseDeep(html: string): void {
  const depth = nestingDepth(html);
  if (depth > MAX_HTML_DEPTH)
    throw new UnreadableFileError(
      `the document nests its elements ${depth} levels deep (limit ${MAX_HTML_DEPTH}, deeper than any browser shows): not read. ` +
        'Save it again from a browser or an editor, or as plain text',
    );
}

/** Parses an HTML page (bytes; the charset is taken from the page) into blocks. */
export function loadHtml(bytes: Uint8Array, _ctx: LoaderContext): LoaderResult {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // Tags are ASCII in every charset a page declares, so latin1 serves for counting them.
  refuseDeep(buffer.toString('latin1'));
  const $ = cheerio.loadBuffer(buffer);
  const title = pageTitle($);
  const root = contentRoot($);
  removeFurniture($, root);
  const { blocks, firstH1 } = blocksFromElement($, root);
  return { blocks, title: firstH1 ?? title };
}

/** Parses HTML produced by a converter (mammoth, marked): no page furniture to remove. */
export function loadHtmlFragment(html: string): LoaderResult {
  refuseDeep(html);
  const $ = cheerio.load(html);
  const body = $('body');
  const { blocks, firstH1 } = blocksFromElement($, body.length ? body : $.root());
  return { blocks, title: firstH1 };
}
