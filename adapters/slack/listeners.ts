/**
 * What the bot does with each Slack event. Every listener acknowledges first (Bolt acknowledges
 * Events API requests before listeners run; commands and actions call `ack()` at once) and
 * answers afterwards in a tracked background task, so a slow answer never holds Slack's request
 * past its three seconds and never provokes a redelivery.
 */
import type { App, BlockAction, ButtonAction, RespondFn, webApi } from '@slack/bolt';
import type { Assistant, Command, Reply, Turn } from '../../src/kernel/types.ts';
import { LANGUAGES } from '../../src/kernel/types.ts';
import { t } from '../../src/kernel/i18n/index.ts';
import { detectLanguage } from '../../src/kernel/language.ts';
import type { Logger } from '../../src/kernel/log.ts';
import { parseCommand } from '../../src/dialogue/command-schema.ts';
import { ASK_ACTION, CHOICE_ACTION, FEEDBACK_ACTION, feedbackLanguage } from './actions.ts';
import type { DeliveryClaims } from '../../src/channels/claims.ts';
import type { InFlight } from '../../src/channels/in-flight.ts';
import type { RateLimiter } from '../../src/channels/rate-limit.ts';
import type { AnsweredThreads } from './memory.ts';
import { mentions, slackToPlain } from './mrkdwn.ts';
import { noticeMessage, type RenderOptions, type SlackMessage } from './render.ts';
import { isDirectMessage, parseSlashText, slackTurn, type TurnDefaults } from './turn.ts';
import { registerQuicktestActions, slackMessages } from './quicktest.ts';

type WebClient = webApi.WebClient;

/** The slash command this app registers (see slack-app-manifest.yml). */
export const SLASH_COMMAND = '/kumppani';

export interface ListenerDeps {
  assistant: Assistant;
  logger: Logger;
  defaults: TurnDefaults;
  /** Threads the bot has answered in: later messages there are follow-ups. */
  threads: AnsweredThreads;
  /** Event ids already handled (in the database): redeliveries are dropped, on every replica. */
  events: DeliveryClaims;
  /** Messages (channel, ts) already handled: an app_mention and a message event for one message. */
  messages: DeliveryClaims;
  tasks: InFlight;
  /** Questions per user per minute; over it, one polite notice and no answer. */
  limiter: RateLimiter;
}

/** The fields of a `message` event this adapter reads (Bolt's union type is unwieldy to narrow). */
interface IncomingMessage {
  subtype?: string;
  channel: string;
  channel_type?: string;
  user?: string;
  bot_id?: string;
  text?: string;
  ts: string;
  thread_ts?: string;
}

/** Subtypes that are still a person writing: a thread reply also sent to the channel, a file with a comment. */
const HUMAN_SUBTYPES = new Set(['thread_broadcast', 'file_share']);

const messageKey = (channel: string, ts: string): string => `${channel}:${ts}`;

/** Slack's own error code (`not_in_channel`, `ratelimited`, …) when the Web API refused a call. */
export function slackErrorCode(err: unknown): string | undefined {
  const e = err as { data?: { error?: unknown }; code?: unknown };
  if (typeof e?.data?.error === 'string') return e.data.error;
  return typeof e?.code === 'string' ? e.code : undefined;
}

/** When the language is unknown (the core failed), say it in all three. */
const errorText = (): string => LANGUAGES.map((l) => t(l, 'slack.error')).join('\n');

/** Where an answer goes: a channel, optionally a thread in it, with `respond` as the way in when posting is refused. */
interface Destination {
  channel: string;
  threadTs?: string;
  fallback?: RespondFn;
}

async function post(
  client: WebClient,
  to: Destination,
  messages: SlackMessage[],
  logger: Logger,
): Promise<void> {
  for (const m of messages) {
    try {
      await client.chat.postMessage({
        channel: to.channel,
        ...(to.threadTs ? { thread_ts: to.threadTs } : {}),
        text: m.text,
        blocks: m.blocks,
        unfurl_links: false,
        unfurl_media: false,
      });
    } catch (err) {
      const code = slackErrorCode(err);
      // The bot is not a member where a button was pressed (e.g. under a slash command's answer).
      if (to.fallback && (code === 'not_in_channel' || code === 'channel_not_found')) {
        await to.fallback({
          response_type: 'in_channel',
          replace_original: false,
          text: m.text,
          blocks: m.blocks,
        });
        continue;
      }
      logger.error(
        { code, channel: to.channel },
        'Slack: chat.postMessage failed; the answer was not delivered',
      );
      return;
    }
  }
}

/**
 * Asks the core, or returns undefined: when the user is over the rate limit (the first refusal of
 * the window tells them politely, the rest are silent) or when the core itself failed (after
 * telling the user).
 */
async function ask(
  deps: ListenerDeps,
  turn: Turn,
  tell: (m: SlackMessage[]) => Promise<void>,
): Promise<Reply | undefined> {
  const decision = await deps.limiter.check(turn.userId);
  if (!decision.allowed) {
    deps.logger.info({ conversation: turn.conversationId }, 'Slack: user over the rate limit');
    if (decision.notify) {
      const text = t(detectLanguage(turn.text), 'slack.rateLimited', { seconds: decision.retryAfterSeconds });
      await tell([noticeMessage(text)]);
    }
    return undefined;
  }
  try {
    return await deps.assistant.handle(turn);
  } catch (err) {
    deps.logger.error({ err, conversation: turn.conversationId }, 'Slack: the assistant failed to answer');
    await tell([noticeMessage(errorText())]);
    return undefined;
  }
}

async function answerTo(
  deps: ListenerDeps,
  client: WebClient,
  to: Destination,
  turn: Turn,
  options: RenderOptions = {},
): Promise<void> {
  const send = (messages: SlackMessage[]) => post(client, to, messages, deps.logger);
  const reply = await ask(deps, turn, send);
  if (reply) await send(slackMessages(reply, { ...options, userId: turn.userId, threadTs: turn.threadId }));
}

export function registerListeners(app: App, deps: ListenerDeps): void {
  const { logger, events, messages, threads, tasks, defaults } = deps;

  // Slack redelivers an event (same event_id, X-Slack-Retry-Num header) when it saw no timely
  // acknowledgement. Bolt has already acknowledged this delivery; drop it if the first got here
  // (in this process before a restart, or on another replica: the claim is in the database).
  app.use(async ({ body, context, next }) => {
    // Shutting down: leave the event unclaimed rather than start an answer that will be cut off.
    if (!tasks.accepting) return;
    const eventId = (body as { event_id?: unknown }).event_id;
    if (typeof eventId === 'string' && !(await events.first(eventId))) {
      logger.info(
        { eventId, retryNum: context.retryNum, retryReason: context.retryReason },
        'Slack: redelivered event dropped (already handled)',
      );
      return;
    }
    await next();
  });

  app.event('app_mention', async ({ event, context, client }) => {
    // DMs arrive as message.im; a bot mentioning us could start a loop.
    if (!event.user || event.bot_id || isDirectMessage(event.channel)) return;
    if (!(await messages.first(messageKey(event.channel, event.ts)))) return;
    const threadTs = event.thread_ts ?? event.ts;
    await threads.add(event.channel, threadTs);
    const text = slackToPlain(event.text, context.botUserId);
    const turn = slackTurn(
      defaults,
      { channel: event.channel, threadTs, userId: event.user },
      text ? { text } : { text, command: { kind: 'help' } },
    );
    tasks.run('mention', () => answerTo(deps, client, { channel: event.channel, threadTs }, turn));
  });

  app.message(async ({ message, context, client }) => {
    const m = message as unknown as IncomingMessage;
    if (m.subtype && !HUMAN_SUBTYPES.has(m.subtype)) return;
    if (!m.user || m.bot_id || m.user === context.botUserId) return;
    const text = slackToPlain(m.text ?? '', context.botUserId);

    if (m.channel_type === 'im') {
      if (!(await messages.first(messageKey(m.channel, m.ts)))) return;
      // A DM is one running conversation; a thread inside it is its own.
      const turn = slackTurn(
        defaults,
        { channel: m.channel, threadTs: m.thread_ts, userId: m.user },
        text ? { text } : { text, command: { kind: 'help' } },
      );
      tasks.run('dm', () => answerTo(deps, client, { channel: m.channel, threadTs: m.thread_ts }, turn));
      return;
    }

    // In channels only replies inside a thread the bot answered are for us; a reply that
    // mentions the bot arrives as app_mention too and is answered there.
    if (!m.thread_ts || m.thread_ts === m.ts || !text) return;
    if (mentions(m.text ?? '', context.botUserId)) return;
    if (!(await threads.has(m.channel, m.thread_ts))) return;
    if (!(await messages.first(messageKey(m.channel, m.ts)))) return;
    await threads.add(m.channel, m.thread_ts);
    const turn = slackTurn(defaults, { channel: m.channel, threadTs: m.thread_ts, userId: m.user }, { text });
    tasks.run('follow-up', () => answerTo(deps, client, { channel: m.channel, threadTs: m.thread_ts }, turn));
  });

  app.command(SLASH_COMMAND, async ({ command, ack, respond }) => {
    await ack();
    const parsed = parseSlashText(slackToPlain(command.text ?? ''));
    const turn = slackTurn(defaults, { channel: command.channel_id, userId: command.user_id }, parsed);
    // A question and a channel's new default municipality concern everyone in the channel; help
    // and the rest only the person who asked.
    const responseType =
      !parsed.command || parsed.command.kind === 'set-municipality' ? 'in_channel' : 'ephemeral';
    const send = async (messages: SlackMessage[]) => {
      for (const m of messages) {
        await respond({
          response_type: responseType,
          replace_original: false,
          text: m.text,
          blocks: m.blocks,
        });
      }
    };
    tasks.run('command', async () => {
      const reply = await ask(deps, turn, send);
      if (reply) await send(slackMessages(reply, { userId: command.user_id }));
    });
  });

  app.action<BlockAction<ButtonAction>>(FEEDBACK_ACTION, async ({ ack, body, action, client, respond }) => {
    await ack();
    const [, vote, answerId] = FEEDBACK_ACTION.exec(action.action_id) ?? [];
    if ((vote !== 'up' && vote !== 'down') || !answerId) return;
    const lang = feedbackLanguage(action.value);
    tasks.run('feedback', async () => {
      let key = vote === 'up' ? 'slack.feedback.thanksUp' : 'slack.feedback.thanksDown';
      try {
        await deps.assistant.feedback({ answerId, channel: 'slack', userId: body.user.id, vote });
      } catch (err) {
        logger.error({ err, answerId }, 'Slack: storing feedback failed');
        key = 'slack.feedback.failed';
      }
      const text = noticeMessage(t(lang, key)).text;
      const channel = body.channel?.id;
      const threadTs = body.message?.thread_ts;
      try {
        if (!channel) throw new Error('block action without a channel');
        await client.chat.postEphemeral({
          channel,
          user: body.user.id,
          text,
          ...(threadTs ? { thread_ts: threadTs } : {}),
        });
      } catch (err) {
        // Where the bot cannot post (not a member), the action's response_url still reaches the user.
        logger.warn(
          { code: slackErrorCode(err) },
          'Slack: chat.postEphemeral failed; acknowledging through response_url',
        );
        await respond({ response_type: 'ephemeral', replace_original: false, text });
      }
    });
  });

  const buttonTurn = async (
    body: BlockAction<ButtonAction>,
    client: WebClient,
    respond: RespondFn,
    content: { text: string; command?: Command },
    options: RenderOptions = {},
  ) => {
    const channel = body.channel?.id;
    if (!channel) return;
    const message = body.message;
    // Answer inside the thread of the message whose button was pressed (flat in a DM).
    const threadTs = message?.thread_ts ?? (isDirectMessage(channel) ? undefined : message?.ts);
    if (threadTs) await threads.add(channel, threadTs);
    const turn = slackTurn(defaults, { channel, threadTs, userId: body.user.id }, content);
    await answerTo(deps, client, { channel, threadTs, fallback: respond }, turn, options);
  };

  app.action<BlockAction<ButtonAction>>(ASK_ACTION, async ({ ack, body, action, client, respond }) => {
    await ack();
    const question = action.value ?? '';
    if (!question) return;
    tasks.run('suggestion', () =>
      buttonTurn(body, client, respond, { text: question }, { askedBy: { userId: body.user.id, question } }),
    );
  });

  app.action<BlockAction<ButtonAction>>(CHOICE_ACTION, async ({ ack, body, action, client, respond }) => {
    await ack();
    let command: Command | undefined;
    try {
      command = parseCommand(JSON.parse(action.value ?? ''));
    } catch {
      command = undefined;
    }
    if (!command) {
      logger.warn({ actionId: action.action_id }, 'Slack: choice button with an unreadable command ignored');
      return;
    }
    tasks.run('choice', () => buttonTurn(body, client, respond, { text: '', command }));
  });

  registerQuicktestActions(app, deps, ask);

  app.error(async (err) => {
    logger.error({ err, code: slackErrorCode(err) }, 'Slack: unhandled error in a listener');
  });
}
