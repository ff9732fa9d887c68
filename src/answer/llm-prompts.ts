/**
 * Prompt templates as files, per language: `prompts/{fi,sv,en}/{system,answer,condense}.md` and,
 * for the languages questions are translated from, `translate.md`, so
 * that staff can tune wording without touching code. `{name}` placeholders are filled by `fill`.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Language } from '../kernel/types.ts';
import type { SearchHit } from '../retrieval/types.ts';
import { fromRoot } from '../kernel/paths.ts';
import { KumppaniError } from '../kernel/errors.ts';

export const DEFAULT_PROMPTS_DIR = fromRoot('prompts');

export interface PromptSet {
  /** Rules for answering from numbered passages only. */
  system: string;
  /** The user message: `{passages}` and `{question}`. */
  answer: string;
  /** Rewrites a follow-up as a standalone question: `{history}` and `{question}`. */
  condense: string;
  /**
   * Translates a question into Finnish before search: `{question}`. Absent for Finnish, and a
   * language without it is searched as asked.
   */
  translate?: string;
}

export type PromptLibrary = Record<Language, PromptSet>;

/** Thrown when a prompt file is missing or empty. */
export class PromptFileError extends KumppaniError {
  constructor(
    /** The missing or empty file. */
    readonly file: string,
    reason: string,
  ) {
    super(
      'KUMPPANI_PROMPT_FILE',
      `Prompt file ${file}: ${reason}. Restore it from the repository or point promptsDir at a complete prompts folder.`,
    );
  }
}

export function loadPrompts(dir = DEFAULT_PROMPTS_DIR): PromptLibrary {
  const read = (lang: Language, name: keyof PromptSet): string => {
    const file = path.join(dir, lang, `${name}.md`);
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8').trim();
    } catch (err) {
      throw new PromptFileError(
        file,
        (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'not found' : (err as Error).message,
      );
    }
    if (!text) throw new PromptFileError(file, 'is empty');
    return text;
  };
  const set = (lang: Language): PromptSet => ({
    system: read(lang, 'system'),
    answer: read(lang, 'answer'),
    condense: read(lang, 'condense'),
    translate: fs.existsSync(path.join(dir, lang, 'translate.md')) ? read(lang, 'translate') : undefined,
  });
  return { fi: set('fi'), sv: set('sv'), en: set('en') };
}

/** Fills `{name}` placeholders; unknown ones stay as written. */
export function fill(template: string, vars: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? vars[k]! : m));
}

/** The passages as the model sees them: numbered from 1, with where each comes from. */
export function formatPassages(hits: SearchHit[]): string {
  return hits
    .map((h, i) => {
      const where = [h.municipality, h.date].filter(Boolean).join(', ');
      const head = [h.title, h.section].filter(Boolean).join(' › ');
      return `[${i + 1}] ${head}${where ? ` (${where})` : ''}\n${h.text.trim()}`;
    })
    .join('\n\n');
}
