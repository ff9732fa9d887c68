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
import type { LoaderContext, LoaderResult } from './types.ts';

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

function removeFurniture($: CheerioAPI, root: Cheerio<AnyNode>): void {
  root.find(NEVER_CONTENT).remove();
  // A page header holds the logo and menus; a header inside the content holds its title.
  root.find('header').each((_, el) => {
    if ($(el).find('h1, h2, h3, h4, h5, h6').length === 0) $(el).remove();
  });
  const total = collapseSpaces(root.text()).length || 1;
  root.find('[class], [id]').each((_, el) => {
    if (!el.parent) return;
    const names = classAndId(el);
    if ((el.attribs.class ?? '').split(/\s+/).some((c) => FURNITURE_CLASSES.has(c.toLowerCase()))) {
      $(el).remove();
      return;
    }
    const kind = furnitureKind(names);
    if (!kind) return;
    const $el = $(el);
    // A wrapper whose name happens to contain such a word but holds the content stays.
    if ($el.find(kind === 'strong' ? 'main, article, h1' : 'main, article, h1, h2, h3, h4').length) return;
    if (collapseSpaces($el.text()).length > total * 0.6) return;
    $el.remove();
  });
}

function pageTitle($: CheerioAPI): string | undefined {
  const title = collapseSpaces($('head > title, title').first().text());
  if (!title) return undefined;
  // "Avustukset | Esimerkkilän kaupunki": the part before the site name.
  return title.split(/\s+[|»·]\s+/)[0]?.trim() || title;
}

/** Parses an HTML page (bytes; the charset is taken from the page) into blocks. */
export function loadHtml(bytes: Uint8Array, _ctx: LoaderContext): LoaderResult {
  const $ = cheerio.loadBuffer(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  const title = pageTitle($);
  const root = contentRoot($);
  removeFurniture($, root);
  const { blocks, firstH1 } = blocksFromElement($, root);
  return { blocks, title: firstH1 ?? title };
}

/** Parses HTML produced by a converter (mammoth, marked): no page furniture to remove. */
export function loadHtmlFragment(html: string): LoaderResult {
  const $ = cheerio.load(html);
  const body = $('body');
  const { blocks, firstH1 } = blocksFromElement($, body.length ? body : $.root());
  return { blocks, title: firstH1 };
}
