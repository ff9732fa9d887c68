/**
 * Whether a message in a group is meant for the bot, and its text with the bot's @mention removed.
 * In groups the bot answers only when mentioned, replied to, or given a command addressed to it;
 * everything else is people talking to each other.
 */
import type { Message, MessageEntity, UserFromGetMe } from 'grammy/types';

function entityText(text: string, e: MessageEntity): string {
  // Telegram offsets count UTF-16 code units, which is how JavaScript strings index.
  return text.slice(e.offset, e.offset + e.length);
}

function mentionsBot(
  text: string,
  entities: readonly MessageEntity[] | undefined,
  me: UserFromGetMe,
): boolean {
  const handle = `@${me.username}`.toLowerCase();
  if (!entities) return text.toLowerCase().includes(handle);
  return entities.some(
    (e) =>
      (e.type === 'mention' && entityText(text, e).toLowerCase() === handle) ||
      (e.type === 'text_mention' && e.user.id === me.id) ||
      (e.type === 'bot_command' && entityText(text, e).toLowerCase().endsWith(handle)),
  );
}

/** True when a group message is for the bot: a mention, a reply to the bot, or `/cmd@ThisBot`. */
export function isAddressedToBot(msg: Message, me: UserFromGetMe): boolean {
  if (msg.reply_to_message?.from?.id === me.id) return true;
  return mentionsBot(msg.text ?? msg.caption ?? '', msg.entities ?? msg.caption_entities, me);
}

/** The text without the bot's @mention (anywhere in it), trimmed of the punctuation around it. */
export function stripMention(text: string, me: UserFromGetMe): string {
  const escaped = me.username.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return text
    .replace(new RegExp(`@${escaped}\\b`, 'gi'), ' ')
    .replace(/\s{2,}/g, ' ')
    .trim()
    .replace(/^[,:;.\s]+/, '')
    .trim();
}
