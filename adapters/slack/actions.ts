/**
 * Action ids of the buttons the adapter renders. The feedback button's id carries the answer id,
 * so a press can be stored against the right answer even after a restart.
 */
import type { Language } from '../../src/kernel/types.ts';

export type Vote = 'up' | 'down';

/** Matches feedback buttons; group 1 is the vote, group 2 the answer id. */
export const FEEDBACK_ACTION = /^kumppani_feedback:(up|down):(.+)$/;
/** Matches suggestion buttons (ask the suggested question). */
export const ASK_ACTION = /^kumppani_ask:\d+$/;
/** Matches choice buttons (send the choice's command). */
export const CHOICE_ACTION = /^kumppani_choice:\d+$/;

export const feedbackActionId = (vote: Vote, answerId: string): string =>
  `kumppani_feedback:${vote}:${answerId}`;
export const askActionId = (i: number): string => `kumppani_ask:${i}`;
export const choiceActionId = (i: number): string => `kumppani_choice:${i}`;

/** The language a feedback button's `value` records, for the acknowledgement; Finnish if unreadable. */
export function feedbackLanguage(value: string | undefined): Language {
  try {
    const v = JSON.parse(value ?? '') as { language?: unknown };
    return v.language === 'sv' || v.language === 'en' ? v.language : 'fi';
  } catch {
    return 'fi';
  }
}
