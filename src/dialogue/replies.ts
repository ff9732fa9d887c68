/**
 * Building blocks of the dialogue's fixed replies: municipality and language choices (buttons),
 * the document list of "about", display names per language. All text comes from the i18n tables.
 */
import { t } from '../kernel/i18n/index.ts';
import type { Municipality, MunicipalityRegistry } from '../kernel/municipalities.ts';
import { LANGUAGES, type Choice, type Language } from '../kernel/types.ts';
import { formatDate } from '../answer/citations.ts';

/** Municipality buttons per page. */
export const PAGE_SIZE = 8;

/** A municipality stored by name (a session's choice, a subscription), even when the index no longer has it. */
export function storedMunicipality(reg: MunicipalityRegistry, name: string | null): Municipality | null {
  if (!name) return null;
  return reg.byExactName(name) ?? { name, documents: 0 };
}

/** A municipality's name in the reply language (Swedish name in Swedish replies). */
export function displayName(m: Municipality, language: Language): string {
  return language === 'sv' && m.sv ? m.sv : m.name;
}

function chunk<T>(xs: T[], n: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}

/**
 * One page of municipality buttons: the pages of municipalities with documents come first, then
 * every other municipality alphabetically; "previous", "more" and "all municipalities" buttons.
 */
export function municipalityChoices(
  registry: MunicipalityRegistry,
  page: number,
  language: Language,
): Choice[] {
  const ordered = registry.ordered();
  const pages = [
    ...chunk(
      ordered.filter((m) => m.documents > 0),
      PAGE_SIZE,
    ),
    ...chunk(
      ordered.filter((m) => m.documents === 0),
      PAGE_SIZE,
    ),
  ];
  const p = Math.min(Math.max(0, Math.floor(page) || 0), Math.max(0, pages.length - 1));
  const choices: Choice[] = (pages[p] ?? []).map((m) => ({
    label: displayName(m, language),
    command: { kind: 'set-municipality', municipality: m.name },
  }));
  if (p > 0)
    choices.push({
      label: t(language, 'dialogue.choice.previous'),
      command: { kind: 'choose-municipality', page: p - 1 },
    });
  if (p < pages.length - 1)
    choices.push({
      label: t(language, 'dialogue.choice.more'),
      command: { kind: 'choose-municipality', page: p + 1 },
    });
  choices.push({
    label: t(language, 'dialogue.choice.all'),
    command: { kind: 'set-municipality', municipality: null },
  });
  return choices;
}

/** Buttons for close matches of a misspelt municipality, plus "all municipalities". */
export function suggestionChoices(matches: Municipality[], language: Language): Choice[] {
  return [
    ...matches.map(
      (m) =>
        ({
          label: displayName(m, language),
          command: { kind: 'set-municipality', municipality: m.name },
        }) as Choice,
    ),
    { label: t(language, 'dialogue.choice.all'), command: { kind: 'set-municipality', municipality: null } },
  ];
}

export function languageChoices(language: Language): Choice[] {
  return LANGUAGES.map((l) => ({
    label: t(language, `dialogue.language.name.${l}`),
    command: { kind: 'set-language', language: l },
  }));
}

/** A document as "about" lists it. */
export interface AboutDocument {
  title: string;
  municipality?: string;
  date?: string;
}

/** "I answer from these documents (N): • Title – Municipality, date …" */
export function aboutText(docs: AboutDocument[], language: Language, max = 25): string {
  if (docs.length === 0) return t(language, 'dialogue.about.empty');
  const lines = docs.slice(0, max).map((d) =>
    t(language, 'dialogue.about.line', {
      title: d.title,
      municipality: d.municipality ?? t(language, 'dialogue.about.regionWide'),
      date: formatDate(d.date, language) ?? t(language, 'dialogue.about.noDate'),
    }),
  );
  if (docs.length > max) lines.push(t(language, 'dialogue.about.more', { count: docs.length - max }));
  return [t(language, 'dialogue.about.header', { count: docs.length }), ...lines].join('\n');
}

/** Two follow-up suggestions for a topic, leaving out the question just asked. */
export function suggestionsFor(topic: string, language: Language, asked: string): string[] {
  const norm = (s: string) =>
    s
      .toLowerCase()
      .replace(/[^\p{L}\d ]/gu, '')
      .trim();
  return [t(language, `suggest.${topic}.1`), t(language, `suggest.${topic}.2`)].filter(
    (s) => norm(s) !== norm(asked),
  );
}
