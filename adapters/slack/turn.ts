/**
 * Slack events -> the core's `Turn`. Conversation = the Slack channel (or DM) id; thread = the
 * Slack thread the exchange lives in, so every follow-up in a thread shares the core's session.
 */
import { parseWords } from '../../src/dialogue/vocabulary.ts';
import type { Audience, Command, Turn } from '../../src/kernel/types.ts';

/** What every Turn from this workspace shares. */
export interface TurnDefaults {
  audience: Audience;
}

/** DM channel ids start with D; everything else (C public, G private/multi-person) is a group. */
export const isDirectMessage = (channelId: string): boolean => channelId.startsWith('D');

export function slackTurn(
  defaults: TurnDefaults,
  where: { channel: string; threadTs?: string; userId: string },
  content: { text: string; command?: Command },
): Turn {
  return {
    channel: 'slack',
    conversationId: where.channel,
    userId: where.userId,
    text: content.text,
    ...(where.threadTs ? { threadId: where.threadTs } : {}),
    audience: defaults.audience,
    isGroup: !isDirectMessage(where.channel),
    ...(content.command ? { command: content.command } : {}),
  };
}

/**
 * The text after `/kumppani`, read with the dialogue's vocabulary: `apua`/`hjälp`/`help` (or
 * nothing) asks for help; `kunta NAME` (`kommun`, `municipality`) sets the channel's default
 * municipality (`kunta kaikki`, `kommun alla`, `municipality all` clear it, `kunta` alone shows it);
 * anything else is a question.
 */
export function parseSlashText(raw: string): { text: string; command?: Command } {
  const text = raw.trim();
  if (text === '') return { text, command: { kind: 'help' } };
  const parsed = parseWords(text, 'slack', 'kumppani');
  // The vocabulary gives Slack's slash command only shared commands (help, municipality, reminders).
  if (parsed && parsed.command.kind !== 'choose-language') return { text, command: parsed.command };
  return { text };
}
