/**
 * Validation of commands that come back from a client (web chat buttons, Teams card actions).
 * Anything a browser or a card sends can be forged, so only well-formed commands reach the core.
 */
import { z } from 'zod';
import type { Command } from '../kernel/types.ts';

const language = z.enum(['fi', 'sv', 'en']);

export const commandSchema: z.ZodType<Command> = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('help') }),
  z.object({ kind: z.literal('start') }),
  z.object({
    kind: z.literal('set-municipality'),
    municipality: z.string().trim().min(1).max(100).nullable(),
  }),
  z.object({ kind: z.literal('show-municipality') }),
  z.object({ kind: z.literal('choose-municipality'), page: z.number().int().min(0).max(1000).optional() }),
  z.object({ kind: z.literal('set-language'), language }),
  z.object({ kind: z.literal('forget-me') }),
  z.object({ kind: z.literal('about') }),
  z.object({ kind: z.literal('new-conversation') }),
  z.object({
    kind: z.literal('quicktest'),
    action: z.enum(['start', 'restart', 'stop', 'markdown', 'share', 'summary']).optional(),
  }),
  z.object({ kind: z.literal('quicktest-answer'), value: z.enum(['yes', 'partly', 'no', 'unknown']) }),
  // Deadline reminders (issue 16): the Teams card's subscribe and cancel buttons.
  z.object({
    kind: z.literal('remind'),
    municipality: z.string().trim().min(1).max(100).nullable().optional(),
    grantKinds: z.array(z.string().trim().min(1).max(80)).max(10).optional(),
  }),
  z.object({ kind: z.literal('list-reminders') }),
  z.object({
    kind: z.literal('cancel-reminders'),
    number: z.number().int().min(1).max(1000).optional(),
    id: z
      .string()
      .regex(/^\d{1,18}$/)
      .optional(),
  }),
]);

/** The command, or undefined when `value` is not a valid one. */
export function parseCommand(value: unknown): Command | undefined {
  const parsed = commandSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}
