import type { Citation, Language } from '../kernel/types.ts';
import { t } from '../kernel/i18n/index.ts';
import type { SearchHit } from '../retrieval/types.ts';

export function citationOf(hit: SearchHit, quote?: string): Citation {
  return {
    source: hit.source,
    title: hit.title,
    section: hit.section,
    page: hit.page,
    url: hit.url,
    municipality: hit.municipality,
    date: hit.date,
    quote,
    score: Math.round(hit.score * 1000) / 1000,
  };
}

/** Finnish-style date (1.3.2026) for fi and sv, ISO for en: how people read dates here. */
export function formatDate(iso: string | undefined, lang: Language): string | undefined {
  if (!iso) return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  return lang === 'en' ? iso : `${Number(m[3])}.${Number(m[2])}.${m[1]}`;
}

/** One line per citation: "[1] Title › Section, p. 3 (Municipality, 1.3.2026) URL". */
export function formatCitation(c: Citation, n: number, lang: Language): string {
  const where = [c.section, c.page ? t(lang, 'answer.page', { page: c.page }) : undefined]
    .filter(Boolean)
    .join(', ');
  const meta = [c.municipality ?? t(lang, 'answer.regionWide'), formatDate(c.date, lang)]
    .filter(Boolean)
    .join(', ');
  return `[${n}] ${c.title}${where ? ` › ${where}` : ''} (${meta})${c.url ? ` ${c.url}` : ''}`;
}

/** Plain-text rendering of an answer with its sources, for the terminal and logs. */
export function renderPlain(text: string, citations: Citation[], lang: Language): string {
  if (citations.length === 0) return text;
  return `${text}\n\n${t(lang, 'answer.sources')}:\n${citations.map((c, i) => formatCitation(c, i + 1, lang)).join('\n')}`;
}
