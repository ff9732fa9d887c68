/**
 * Every user-facing string, in fi, sv and en. Each area keeps its own table file (core, web,
 * teams, slack, telegram) so that features do not collide; this module merges them.
 * `{name}` placeholders are filled from `params`.
 */
import type { Language } from '../types.ts';
import { core } from './core.ts';
import { dialogue } from './dialogue.ts';
import { calendar } from './calendar.ts';
import { quicktest } from './quicktest.ts';

export type Strings = Record<Language, Record<string, string>>;

const tables: Strings[] = [core, dialogue, calendar, quicktest];

/** Adds an area's table (adapters register theirs at import time). */
export function registerStrings(table: Strings): void {
  tables.push(table);
}

export function t(lang: Language, key: string, params: Record<string, string | number> = {}): string {
  let s: string | undefined;
  for (let i = tables.length - 1; i >= 0 && s === undefined; i--) s = tables[i]![lang][key];
  if (s === undefined) {
    for (let i = tables.length - 1; i >= 0 && s === undefined; i--) s = tables[i]!.fi[key];
  }
  if (s === undefined) return key;
  return s.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}

/** Keys missing from some language, for the completeness test. */
export function missingTranslations(table: Strings): string[] {
  const keys = new Set([...Object.keys(table.fi), ...Object.keys(table.sv), ...Object.keys(table.en)]);
  const missing: string[] = [];
  for (const k of keys)
    for (const l of ['fi', 'sv', 'en'] as const) if (!(k in table[l])) missing.push(`${l}:${k}`);
  return missing;
}
