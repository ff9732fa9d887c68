/**
 * The Teams bot: translates Teams activities into `Turn`s and replies into Adaptive Cards.
 *
 * - Personal chat: every message is a question. Group chats and channels: only messages that
 *   @mention the bot, with the mention removed before answering.
 * - A typing indicator while the answer is being made; the answer as a card (see cards.ts).
 * - Card buttons: 👍/👎 store feedback and redraw the card for the voter only (a vote never edits a
 *   stored message, see `runAction`); commands (municipality, language, help, forget me) become
 *   `Turn.command`.
 * - Audience `staff` for tenants listed in TEAMS_STAFF_TENANTS, else `public`.
 */
import {
  ActivityTypes,
  CardFactory,
  MessageFactory,
  TeamsActivityHandler,
  TurnContext,
  type Activity,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
} from 'botbuilder';
import { z } from 'zod';
import type { Config } from '../../src/config.ts';
import { t } from '../../src/kernel/i18n/index.ts';
import { noticeBlocks } from '../../src/kernel/blocks.ts';
import { localeLanguage } from '../../src/kernel/language.ts';
import type { Assistant, Audience, Command, Language, Turn } from '../../src/kernel/types.ts';
import type { Logger } from '../../src/kernel/log.ts';
import type { RateLimiter } from '../../src/channels/rate-limit.ts';
import { parseCommand } from '../../src/dialogue/command-schema.ts';
import { replyActivity } from './quicktest-cards.ts';
import {
  languagesCard,
  noticeCard,
  votedCard,
  welcomeCard,
  type AnswerSnapshot,
  type CardJson,
} from './cards.ts';
import { conversationAddress } from './proactive.ts';

export interface TeamsBotDeps {
  assistant: Assistant;
  config: Config;
  logger: Logger;
  /** Questions per user per minute; over it, one polite notice and no answer. */
  limiter: RateLimiter;
  /** How often the typing indicator is renewed while an answer is being made (ms). */
  typingIntervalMs?: number;
}

/** A part of the answer in a snapshot the client sends back: text, and small citation numbers. */
const partSchema = z.object({
  text: z.string().max(5000),
  cite: z.array(z.number().int().min(1).max(50)).max(20),
});
const parts = z.array(partSchema).max(50);

const blockSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('answer'), parts }),
  z.object({
    kind: z.literal('municipalities'),
    items: z.array(z.object({ municipality: z.string().max(200), parts })).max(50),
  }),
  z.object({
    kind: z.literal('refusal'),
    text: z.string().max(5000),
    searched: z.array(z.string().max(200)).max(50).optional(),
    contact: partSchema.optional(),
    hint: z.string().max(2000).optional(),
  }),
  z.object({ kind: z.literal('heading'), text: z.string().max(500), municipality: z.string().max(200) }),
  z.object({ kind: z.literal('notice'), text: z.string().max(5000) }),
]);

const snapshotSchema = z
  .object({
    id: z.string().max(200),
    blocks: z.array(blockSchema).max(60).optional(),
    /** Cards sent before answers were blocks carry their plain text: redrawn as one notice. */
    text: z.string().max(20_000).optional(),
    language: z.enum(['fi', 'sv', 'en']),
    citations: z
      .array(
        z.object({
          title: z.string().max(500),
          url: z
            .string()
            .max(2000)
            .regex(/^https?:\/\//i)
            .optional(),
          section: z.string().max(500).optional(),
          municipality: z.string().max(200).optional(),
          date: z.string().max(40).optional(),
        }),
      )
      .max(20),
  })
  .transform(({ text, blocks, ...rest }) => ({ ...rest, blocks: blocks ?? noticeBlocks(text ?? '') }));

const actionSchema = z.discriminatedUnion('kumppani', [
  z.object({
    kumppani: z.literal('feedback'),
    answerId: z.string().min(1).max(200),
    vote: z.enum(['up', 'down']),
    answer: snapshotSchema.optional(),
  }),
  z.object({
    kumppani: z.literal('command'),
    command: z.unknown().optional(),
    choice: z.string().max(2000).optional(),
  }),
  z.object({ kumppani: z.literal('ask'), text: z.string().trim().min(1).max(1000) }),
  z.object({ kumppani: z.literal('languages') }),
]);
type ParsedAction = z.infer<typeof actionSchema>;

/** `19:…@thread.tacv2;messageid=123` -> the channel and the reply chain (thread) inside it. */
export function splitConversationId(id: string): { conversationId: string; threadId?: string } {
  const m = /^(.*);messageid=(\d+)$/.exec(id);
  return m ? { conversationId: m[1]!, threadId: m[2]! } : { conversationId: id };
}

/** Teams text may carry leftover markup (`<at>`, `<p>`, entities) around the question. */
export function cleanText(text: string): string {
  return text
    .replace(/<at>[^<]*<\/at>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

function isGroup(activity: Activity): boolean {
  const type = activity.conversation?.conversationType;
  return type === 'groupChat' || type === 'channel' || activity.conversation?.isGroup === true;
}

function mentionsBot(activity: Activity): boolean {
  return TurnContext.getMentions(activity).some((m) => m.mentioned?.id === activity.recipient?.id);
}

function tenantOf(activity: Activity): string | undefined {
  const channelData = activity.channelData as { tenant?: { id?: string } } | undefined;
  return activity.conversation?.tenantId ?? channelData?.tenant?.id;
}

function languageOf(activity: Activity): Language {
  return localeLanguage(activity.locale) ?? 'fi';
}

function asAttachment(card: CardJson) {
  return CardFactory.adaptiveCard(card);
}

type ActionOutcome = { card: CardJson } | { message: string } | { error: string };

export class KumppaniTeamsBot extends TeamsActivityHandler {
  private readonly log: Logger;

  constructor(private readonly deps: TeamsBotDeps) {
    super();
    this.log = deps.logger.child({ channel: 'teams' });

    this.onMessage(async (context, next) => {
      await this.handleMessage(context);
      await next();
    });

    this.onMembersAdded(async (context, next) => {
      const a = context.activity;
      if (a.membersAdded?.some((m) => m.id === a.recipient?.id)) {
        await context.sendActivity(MessageFactory.attachment(asAttachment(welcomeCard(languageOf(a)))));
      }
      await next();
    });
  }

  /** What the user sees when answering failed because the system itself broke. */
  errorMessage(activity: Activity): Partial<Activity> {
    return MessageFactory.attachment(asAttachment(noticeCard(languageOf(activity), 'teams.error')));
  }

  audienceOf(activity: Activity): Audience {
    const tenant = tenantOf(activity);
    return tenant && this.deps.config.teams.staffTenants.includes(tenant) ? 'staff' : 'public';
  }

  private turnFor(activity: Activity, text: string, command?: Command): Turn {
    const { conversationId, threadId } = splitConversationId(activity.conversation.id);
    return {
      channel: 'teams',
      conversationId,
      ...(threadId ? { threadId } : {}),
      userId: activity.from.aadObjectId ?? activity.from.id,
      text,
      locale: activity.locale,
      audience: this.audienceOf(activity),
      isGroup: isGroup(activity),
      ...(command ? { command } : {}),
      deliveryAddress: conversationAddress(activity),
    };
  }

  /** Sends "typing…" now and renews it until `work` settles (Teams shows it for a few seconds). */
  private async whileTyping<T>(context: TurnContext, work: () => Promise<T>): Promise<T> {
    const typing = () =>
      context
        .sendActivity({ type: ActivityTypes.Typing })
        .catch((err) => this.log.debug({ err }, 'typing indicator failed'));
    await typing();
    const timer = setInterval(() => void typing(), this.deps.typingIntervalMs ?? 3000);
    try {
      return await work();
    } finally {
      clearInterval(timer);
    }
  }

  /**
   * Asks the core and posts the reply card in the conversation (in the same thread), unless the
   * user is over the rate limit: the first refusal of the window says so, the rest are silent.
   */
  private async answer(context: TurnContext, turn: Turn): Promise<void> {
    const decision = await this.deps.limiter.check(turn.userId);
    if (!decision.allowed) {
      this.log.info('teams: user over the rate limit');
      if (decision.notify)
        await context.sendActivity(
          MessageFactory.text(
            t(languageOf(context.activity), 'teams.rateLimited', { seconds: decision.retryAfterSeconds }),
          ),
        );
      return;
    }
    const reply = await this.whileTyping(context, () => this.deps.assistant.handle(turn));
    await context.sendActivity(replyActivity(reply));
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const activity = context.activity;
    const submitted = actionSchema.safeParse(activity.value);
    // Action.Submit (older clients) arrives as a message carrying the button's data and no text.
    if (submitted.success && !activity.text?.trim()) {
      const outcome = await this.runAction(context, submitted.data, 'submit');
      if ('error' in outcome)
        await context.sendActivity(
          MessageFactory.attachment(asAttachment(noticeCard(languageOf(activity), outcome.error))),
        );
      return;
    }
    if (isGroup(activity) && !mentionsBot(activity)) return;
    const text = cleanText(TurnContext.removeRecipientMention(activity) ?? activity.text ?? '');
    // Typed commands ("kunta Routasalmi", "apua", the manifest's command menu) are read by the
    // dialogue's vocabulary from the text; an empty message (a bare mention) asks for help.
    const command = text === '' ? ({ kind: 'help' } as const) : undefined;
    this.log.info(
      {
        conversationType: activity.conversation?.conversationType,
        length: text.length,
        command: command?.kind,
      },
      'teams message',
    );
    await this.answer(context, this.turnFor(activity, text, command));
  }

  /** A card button: from an Action.Execute invoke (`execute`) or an Action.Submit message (`submit`). */
  private async runAction(
    context: TurnContext,
    action: ParsedAction,
    via: 'execute' | 'submit',
  ): Promise<ActionOutcome> {
    const activity = context.activity;
    const lang = languageOf(activity);
    switch (action.kumppani) {
      case 'feedback': {
        await this.deps.assistant.feedback({
          answerId: action.answerId,
          channel: 'teams',
          userId: activity.from.aadObjectId ?? activity.from.id,
          vote: action.vote,
        });
        this.log.info({ vote: action.vote }, 'teams feedback stored');
        const thanks = action.vote === 'up' ? 'teams.feedback.thanksUp' : 'teams.feedback.thanksDown';
        // The button's data (answer id, card snapshot) and `replyToId` come from the client and
        // name no message the bot could check, so a vote never edits a stored message: that let a
        // forged vote overwrite any earlier bot message. Action.Execute redraws the card through
        // the invoke response, which Teams shows to the voter only; Action.Submit gets a reply.
        if (via === 'submit') {
          await context.sendActivity(MessageFactory.attachment(asAttachment(noticeCard(lang, thanks))));
          return { message: t(lang, thanks) };
        }
        if (action.answer?.id !== action.answerId) return { message: t(lang, thanks) };
        return { card: votedCard(action.answer as AnswerSnapshot, action.vote) };
      }
      case 'languages':
        await context.sendActivity(MessageFactory.attachment(asAttachment(languagesCard(lang))));
        return { message: t(lang, 'teams.done') };
      case 'ask':
        await this.answer(context, this.turnFor(activity, action.text));
        return { message: t(lang, 'teams.done') };
      case 'command': {
        let raw: unknown = action.command;
        if (raw === undefined && action.choice) {
          try {
            raw = JSON.parse(action.choice);
          } catch {
            raw = undefined;
          }
        }
        const command = parseCommand(raw);
        if (!command) return { error: 'teams.invalidAction' };
        await this.answer(context, this.turnFor(activity, '', command));
        return { message: t(lang, 'teams.done') };
      }
    }
  }

  protected override async onAdaptiveCardInvoke(
    context: TurnContext,
    invokeValue: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    const lang = languageOf(context.activity);
    const parsed = actionSchema.safeParse(invokeValue.action?.data);
    if (!parsed.success) {
      return {
        statusCode: 400,
        type: 'application/vnd.microsoft.error',
        value: { code: 'BadRequest', message: t(lang, 'teams.invalidAction') },
      };
    }
    const outcome = await this.runAction(context, parsed.data, 'execute');
    if ('card' in outcome)
      return { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: outcome.card };
    if ('error' in outcome)
      return {
        statusCode: 400,
        type: 'application/vnd.microsoft.error',
        value: { code: 'BadRequest', message: t(lang, outcome.error) },
      };
    return {
      statusCode: 200,
      type: 'application/vnd.microsoft.activity.message',
      value: outcome.message as unknown as Record<string, unknown>,
    };
  }
}
