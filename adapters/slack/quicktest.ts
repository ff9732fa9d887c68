/**
 * The self-assessment in Slack (issue 17). Each question's answers (yes / partly / no / don't
 * know, stop) are Block Kit buttons of their own action id, whose value carries the command, the
 * user whose run it is and the thread the run lives in: the run's progress is keyed by the
 * conversation, thread and user, and the generic choice buttons answer in the pressed message's
 * thread, which is another scope. An answer replaces the question in place (one question at a
 * time, also in an ephemeral reply to "/kumppani pikatesti"); the Markdown export comes as code
 * blocks, which Slack shows and copies verbatim, for a board memo.
 */
import type { App, BlockAction, ButtonAction, RespondFn, types } from '@slack/bolt';
import { parseCommand } from '../../src/dialogue/command-schema.ts';
import { entryOf, usage } from '../../src/dialogue/vocabulary.ts';
import { t } from '../../src/kernel/i18n/index.ts';
import type { Choice, Command, Language, Reply, Turn } from '../../src/kernel/types.ts';
import type { ListenerDeps } from './listeners.ts';
import { escapeControl, escapeMrkdwn } from './mrkdwn.ts';
import { LIMITS, noticeMessage, renderReply, type RenderOptions, type SlackMessage } from './render.ts';
import { isDirectMessage, slackTurn } from './turn.ts';

type KnownBlock = types.KnownBlock;

/** Matches the self-assessment's buttons. */
export const QUICKTEST_ACTION = /^kumppani_quicktest:\d+$/;
export const quicktestActionId = (i: number): string => `kumppani_quicktest:${i}`;

/** What a self-assessment button carries: the command, whose run it is, its thread, the language. */
interface ButtonValue {
  c: Command;
  u: string;
  th?: string;
  l: Language;
}

/** Code blocks per message: three full ones stay inside the message's text limit. */
const CODE_BLOCKS_PER_MESSAGE = 3;

const isQuicktest = (c: Choice): boolean =>
  c.command.kind === 'quicktest' || c.command.kind === 'quicktest-answer';

export interface QuicktestRenderOptions extends RenderOptions {
  /** The user the reply answers: only they can press the run's buttons. */
  userId?: string;
  /** The thread the turn was in, so a press continues the same run. */
  threadTs?: string;
}

function quicktestButton(c: Choice, i: number, value: Omit<ButtonValue, 'c'>): types.Button {
  const label = c.label.length > LIMITS.buttonText ? c.label.slice(0, LIMITS.buttonText - 1) + '…' : c.label;
  return {
    type: 'button',
    text: { type: 'plain_text', text: label, emoji: true },
    action_id: quicktestActionId(i),
    value: JSON.stringify({ ...value, c: c.command } satisfies ButtonValue),
  };
}

/** Lines of at most `max` characters joined into chunks of at most `max`. */
function chunkLines(text: string, max: number): string[] {
  const chunks: string[] = [];
  let current = '';
  for (const raw of text.split('\n')) {
    for (let line = raw; ;) {
      const piece = line.slice(0, max);
      if (current && current.length + 1 + piece.length > max) {
        chunks.push(current);
        current = '';
      }
      current = current ? `${current}\n${piece}` : piece;
      line = line.slice(max);
      if (!line) break;
    }
  }
  if (current) chunks.push(current);
  return chunks;
}

/** The Markdown export as code blocks: shown as written, copied as written. */
export function markdownMessages(markdown: string, language: Language): SlackMessage[] {
  const fence = '```';
  // Inside a code block Slack still decodes &amp; &lt; &gt;, and three backticks would end it.
  const body = escapeControl(markdown.trimEnd()).replaceAll(fence, '``\u200B`');
  const code = chunkLines(body, LIMITS.sectionText - 2 * fence.length - 2).map((chunk): KnownBlock => ({
    type: 'section',
    text: { type: 'mrkdwn', text: `${fence}\n${chunk}\n${fence}` },
  }));
  const intro: KnownBlock = {
    type: 'context',
    elements: [{ type: 'mrkdwn', text: escapeMrkdwn(t(language, 'quicktest.markdown.copy')) }],
  };
  const messages: SlackMessage[] = [];
  for (let i = 0; i < code.length; i += CODE_BLOCKS_PER_MESSAGE)
    messages.push({
      text: escapeMrkdwn(t(language, 'quicktest.markdown.copy')),
      blocks: [...(i === 0 ? [intro] : []), ...code.slice(i, i + CODE_BLOCKS_PER_MESSAGE)],
    });
  return messages;
}

/**
 * The reply as Slack messages: the self-assessment's buttons with their own action ids (when the
 * user is known), its Markdown as code blocks; everything else as `renderReply` draws it.
 */
export function slackMessages(reply: Reply, options: QuicktestRenderOptions = {}): SlackMessage[] {
  if (reply.markdown) return markdownMessages(reply.markdown, reply.language);
  const own = (reply.choices ?? []).filter(isQuicktest);
  if (!own.length || !options.userId) return renderReply(reply, options);
  const messages = renderReply(
    { ...reply, choices: (reply.choices ?? []).filter((c) => !isQuicktest(c)) },
    options,
  );
  const value = {
    u: options.userId,
    l: reply.language,
    ...(options.threadTs ? { th: options.threadTs } : {}),
  };
  const actions: KnownBlock = {
    type: 'actions',
    elements: own.slice(0, LIMITS.actionsPerBlock).map((c, i) => quicktestButton(c, i, value)),
  };
  const last = messages.at(-1);
  if (last && last.blocks.length < LIMITS.blocksPerMessage) last.blocks.push(actions);
  else messages.push({ text: reply.text.slice(0, LIMITS.fallbackText), blocks: [actions] });
  return messages;
}

function readValue(raw: string | undefined): ButtonValue | undefined {
  try {
    const v = JSON.parse(raw ?? '') as Partial<ButtonValue>;
    const command = parseCommand(v.c);
    // Only the self-assessment's own commands: the value is the client's and can be forged.
    if (
      !command ||
      !isQuicktest({ label: '', command }) ||
      typeof v.u !== 'string' ||
      !['fi', 'sv', 'en'].includes(v.l as string)
    )
      return undefined;
    return { c: command, u: v.u, l: v.l!, ...(typeof v.th === 'string' ? { th: v.th } : {}) };
  } catch {
    return undefined;
  }
}

/** Answers and stop/restart replace the question in place; the Markdown and sharing come below it. */
function replacesQuestion(command: Command): boolean {
  if (command.kind !== 'quicktest') return true;
  return !['markdown', 'share', 'summary'].includes(command.action ?? 'start');
}

type Ask = (
  deps: ListenerDeps,
  turn: Turn,
  tell: (m: SlackMessage[]) => Promise<void>,
) => Promise<Reply | undefined>;

/** The self-assessment's button presses: the next question, the result, the Markdown, sharing. */
export function registerQuicktestActions(app: App, deps: ListenerDeps, ask: Ask): void {
  app.action<BlockAction<ButtonAction>>(QUICKTEST_ACTION, async ({ ack, body, action, respond }) => {
    await ack();
    const value = readValue(action.value);
    const channel = body.channel?.id;
    if (!value || !channel) {
      deps.logger.warn(
        { actionId: action.action_id },
        'Slack: self-assessment button with an unreadable value ignored',
      );
      return;
    }
    deps.tasks.run('quicktest', async () => {
      // Another user in the channel pressed: their own run would not be at this question.
      if (value.u !== body.user.id) {
        const start = usage(entryOf('quicktest'), value.l, 'slack', 'kumppani');
        await respond({
          response_type: 'ephemeral',
          replace_original: false,
          ...noticeMessage(t(value.l, 'quicktest.notYours', { usage: start })),
        });
        return;
      }
      const below: Parameters<RespondFn>[0] = {
        response_type: isDirectMessage(channel) ? 'in_channel' : 'ephemeral',
        replace_original: false,
        ...(value.th ? { thread_ts: value.th } : {}),
      };
      const tell = async (messages: SlackMessage[]) => {
        for (const m of messages) await respond({ ...below, ...m });
      };
      const turn = slackTurn(
        deps.defaults,
        { channel, threadTs: value.th, userId: body.user.id },
        { text: '', command: value.c },
      );
      const reply = await ask(deps, turn, tell);
      if (!reply) return;
      const messages = slackMessages(reply, { userId: body.user.id, threadTs: value.th });
      const [first, ...rest] = messages;
      if (first && replacesQuestion(value.c)) {
        await respond({ replace_original: true, ...first });
        await tell(rest);
      } else await tell(messages);
    });
  });
}
