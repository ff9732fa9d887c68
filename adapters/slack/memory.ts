/**
 * Threads the bot has answered in, so that later messages in them are read as follow-ups. Kept in
 * the database (`ChannelState`), so a thread stays follow-up-able after a restart and on every
 * replica.
 */
import type { ChannelState } from '../../src/kernel/channel-state.ts';
import type { Logger } from '../../src/kernel/log.ts';

const SCOPE = 'slack:thread';
/** Threads stay follow-up-able for a week after the bot last spoke in them. */
const THREAD_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export class AnsweredThreads {
  constructor(
    private readonly state: ChannelState,
    private readonly logger: Logger,
  ) {}

  /** Remembers (again) that the bot answers in `threadTs` of `channel`, for another week. */
  async add(channel: string, threadTs: string): Promise<void> {
    try {
      await this.state.put(SCOPE, `${channel}:${threadTs}`, '1', THREAD_TTL_MS);
    } catch (err) {
      this.logger.warn(
        { err },
        'Slack: remembering an answered thread failed; its follow-ups may go unanswered',
      );
    }
  }

  /** Whether the bot answered in that thread within the last week; false when the database fails. */
  async has(channel: string, threadTs: string): Promise<boolean> {
    try {
      return (await this.state.get(SCOPE, `${channel}:${threadTs}`)) !== undefined;
    } catch (err) {
      this.logger.warn({ err }, 'Slack: looking up an answered thread failed; treating it as not ours');
      return false;
    }
  }
}
