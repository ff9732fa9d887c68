/**
 * Slack events -> the core's `Turn`. Conversation = the Slack channel (or DM) id; thread = the
 * Slack thread the exchange lives in, so every follow-up in a thread shares the core's session.
 */
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

const HELP = /^(help|apua|ohje|ohjeet|hjälp|\?)$/i;
const MUNICIPALITY = /^(kunta|kommun|municipality)(?:\s+(.*))?$/i;
const ALL = /^(kaikki|alla|all|-|pois|ei mikään|none)$/i;

/**
 * The text after `/kumppani`: `help` (or nothing) asks for help; `kunta NAME` sets the channel's
 * default municipality (`kunta kaikki` clears it, `kunta` alone shows it); anything else is a question.
 */
export function parseSlashText(raw: string): { text: string; command?: Command } {
  const text = raw.trim();
  if (text === '' || HELP.test(text)) return { text, command: { kind: 'help' } };
  const m = MUNICIPALITY.exec(text);
  if (m) {
    const name = (m[2] ?? '').trim();
    if (name === '') return { text, command: { kind: 'show-municipality' } };
    return { text, command: { kind: 'set-municipality', municipality: ALL.test(name) ? null : name } };
  }
  return { text };
}
