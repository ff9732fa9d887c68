/**
 * The accessibility statement page (`/accessibility`), filled from `KUMPPANI_ACCESSIBILITY_*`.
 * Its parts follow what the Act on the Provision of Digital Services (306/2019) requires: the
 * compliance status, the content that is not accessible, the feedback route with its response
 * time, and the enforcement procedure with the supervising authority's contact details.
 */
import type { AccessibilityConfig } from '../../src/config.ts';
import { registerStrings, t } from '../../src/kernel/i18n/index.ts';
import { accessibility as statementStrings } from '../../src/kernel/i18n/web.ts';
import type { Language } from '../../src/kernel/types.ts';
import { escapeHtml } from './html.ts';

registerStrings(statementStrings);

/** The supervising authority's address: the same in every language, so not a translated string. */
const AUTHORITY_EMAIL = 'saavutettavuus@avi.fi';
const LANGUAGES: Language[] = ['fi', 'sv', 'en'];
const DATE_LOCALES: Record<Language, string> = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' };

function formatDate(lang: Language, iso: string | undefined): string {
  if (!iso) return t(lang, 'a11y.notGiven');
  const options: Intl.DateTimeFormatOptions =
    lang === 'en'
      ? { dateStyle: 'long', timeZone: 'UTC' }
      : { day: 'numeric', month: 'numeric', year: 'numeric', timeZone: 'UTC' };
  return new Intl.DateTimeFormat(DATE_LOCALES[lang], options).format(new Date(`${iso}T00:00:00Z`));
}

/** Free text as paragraphs: a blank line starts a new one. */
function paragraphs(text: string): string {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${escapeHtml(p)}</p>`)
    .join('\n      ');
}

const mailto = (address: string) => `<a href="mailto:${escapeHtml(address)}">${escapeHtml(address)}</a>`;

export function accessibilityStatement(lang: Language, config: AccessibilityConfig): string {
  const s = (key: string, params: Record<string, string> = {}) => escapeHtml(t(lang, key, params));
  const provider = config.provider ?? t(lang, 'a11y.provider');
  const issues = config.issues[lang] ?? config.issues.fi ?? t(lang, 'a11y.issues.default');
  const site = t(lang, 'a11y.enforcement.site');
  const feedback = config.email
    ? s('a11y.feedback.email').replace('{email}', mailto(config.email))
    : s('a11y.feedback.noEmail', { provider });
  const languages = LANGUAGES.map(
    (l) =>
      `<li><a href="/accessibility?lang=${l}" lang="${l}" hreflang="${l}"${l === lang ? ' aria-current="page"' : ''}>${escapeHtml(t(l, `web.language.${l}`))}</a></li>`,
  ).join('\n          ');

  return `<!doctype html>
<html lang="${lang}">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${s('a11y.title')}</title>
    <link rel="stylesheet" href="/chat.css" />
    <link rel="icon" href="data:," />
  </head>
  <body class="statement-page">
    <header class="statement-top">
      <a href="/?lang=${lang}">${s('a11y.back')}</a>
      <nav aria-label="${s('web.language.label')}">
        <ul class="statement-languages">
          ${languages}
        </ul>
      </nav>
    </header>
    <main class="statement">
      <h1>${s('a11y.heading')}</h1>
      <p>${s('a11y.intro', { provider })}</p>
      <p>${s('a11y.dates', { date: formatDate(lang, config.date), assessed: formatDate(lang, config.assessed) })}</p>

      <h2>${s('a11y.status.heading')}</h2>
      <p>${s(`a11y.status.${config.status}`)}</p>

      <h2>${s('a11y.issues.heading')}</h2>
      ${paragraphs(issues)}

      <h2>${s('a11y.feedback.heading')}</h2>
      <p>${feedback} ${s('a11y.feedback.response')}</p>

      <h2>${s('a11y.enforcement.heading')}</h2>
      <p>${s('a11y.enforcement.text')}</p>
      <h3>${s('a11y.enforcement.contact')}</h3>
      <address>
        ${s('a11y.enforcement.name')}<br />
        ${s('a11y.enforcement.unit')}<br />
        <a href="https://${escapeHtml(site)}">${escapeHtml(site)}</a><br />
        ${mailto(AUTHORITY_EMAIL)}<br />
        ${s('a11y.enforcement.phone')}
      </address>
    </main>
  </body>
</html>
`;
}
