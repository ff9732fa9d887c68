/**
 * Keyed pseudonyms for platform ids. A user id, conversation id or thread id is stored only as
 * HMAC-SHA256(key, kind:channel:id): stable (sessions, forget-me and the report work) but not
 * reversible without the key. The key comes from KUMPPANI_HMAC_KEY, or is generated once and kept
 * in the `settings` table so that every process on the database agrees.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { Channel } from './types.ts';

export class Pseudonymizer {
  constructor(private readonly key: string) {
    if (!key)
      throw new Error(
        'Pseudonymizer needs a non-empty key: set KUMPPANI_HMAC_KEY or let the store generate one.',
      );
  }

  private mac(kind: string, channel: Channel, id: string): string {
    return createHmac('sha256', this.key).update(`${kind}:${channel}:${id}`).digest('hex').slice(0, 32);
  }

  user(channel: Channel, userId: string): string {
    return this.mac('user', channel, userId);
  }

  conversation(channel: Channel, conversationId: string): string {
    return this.mac('conversation', channel, conversationId);
  }

  /** '' when there is no thread (the conversation's top level). */
  thread(channel: Channel, conversationId: string, threadId?: string): string {
    return threadId ? this.mac('thread', channel, `${conversationId}:${threadId}`) : '';
  }
}

/** A fresh random key (hex), for the first start without KUMPPANI_HMAC_KEY. */
export function generateKey(): string {
  return randomBytes(32).toString('hex');
}
