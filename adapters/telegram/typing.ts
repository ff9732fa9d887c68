/**
 * The "typing…" indicator while an answer is being written. Telegram shows a chat action for about
 * five seconds, so it is repeated until the answer is sent. Failures are harmless and only logged.
 */
import type { Context } from 'grammy';
import type { Logger } from '../../src/kernel/log.ts';

/** Telegram clears the indicator after ~5 s; repeating a little sooner keeps it steady. */
export const TYPING_INTERVAL_MS = 4_000;

/** Starts the indicator now and every `intervalMs`; call the returned function to stop it. */
export function keepTyping(ctx: Context, logger: Logger, intervalMs = TYPING_INTERVAL_MS): () => void {
  let stopped = false;
  const send = () => {
    if (stopped) return;
    ctx.replyWithChatAction('typing').catch((err: unknown) => {
      logger.debug({ err: err instanceof Error ? err.message : String(err) }, 'telegram: chat action failed');
    });
  };
  send();
  const timer = setInterval(send, intervalMs);
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}
