/**
 * The core's `Reply` -> Slack Block Kit messages: the answer, the municipality it speaks of,
 * numbered sources with links, 👍/👎 buttons, follow-up suggestions and choice buttons. Long
 * replies are split to stay inside Slack's limits.
 */
import type { types } from '@slack/bolt';
import type { Block, Citation, Language, Part, Reply } from '../../src/kernel/types.ts';
import { t } from '../../src/kernel/i18n/index.ts';
import { escapeMrkdwn, link, linkableUrl, splitMrkdwn, truncateMrkdwn } from './mrkdwn.ts';
import { askActionId, choiceActionId, feedbackActionId } from './actions.ts';

type KnownBlock = types.KnownBlock;
type Button = types.Button;

/** Slack's limits (https://docs.slack.dev/reference/block-kit/blocks). */
export const LIMITS = {
  /** Characters in a section block's text. */
  sectionText: 3000,
  /** Blocks in one message. */
  blocksPerMessage: 50,
  /** Elements in one actions block. */
  actionsPerBlock: 25,
  /** Characters of a button label. */
  buttonText: 75,
  /** Characters of a button value. */
  buttonValue: 2000,
  /**
   * Characters of the top-level `text` (notification and screen-reader fallback). Slack truncates
   * beyond 40,000 but advises about 4,000; the blocks carry the full answer anyway.
   */
  fallbackText: 3000,
  /**
   * Text characters per message. Slack refuses very large block payloads (`msg_blocks_too_long`)
   * before 50 full sections; a long answer reads better as a few messages in the thread anyway.
   */
  messageText: 12_000,
} as const;

/** One `chat.postMessage` (or `respond`) worth of content. */
export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

export interface RenderOptions {
  /** Shown above the answer when the question came from a button, not from a visible message. */
  askedBy?: { userId: string; question: string };
}

const SENTINEL = '\u0001';

const section = (text: string): KnownBlock => ({ type: 'section', text: { type: 'mrkdwn', text } });
const context = (text: string): KnownBlock => ({ type: 'context', elements: [{ type: 'mrkdwn', text }] });

function button(text: string, actionId: string, value: string, style?: 'primary' | 'danger'): Button {
  const label = text.length > LIMITS.buttonText ? text.slice(0, LIMITS.buttonText - 1) + '…' : text;
  return {
    type: 'button',
    text: { type: 'plain_text', text: label, emoji: true },
    action_id: actionId,
    value,
    ...(style ? { style } : {}),
  };
}

/** A part's citation numbers, each linked to its source when it has a linkable url. */
function citeMrkdwn(cite: readonly number[], citations: Citation[]): string {
  if (cite.length === 0) return '';
  const markers = cite.map((n) => {
    const url = linkableUrl(citations[n - 1]?.url);
    return url ? `<${url}|[${n}]>` : `[${n}]`;
  });
  return ` ${markers.join('')}`;
}

function partsMrkdwn(parts: readonly Part[], citations: Citation[]): string {
  return parts.map((p) => escapeMrkdwn(p.text) + citeMrkdwn(p.cite, citations)).join('');
}

function blockMrkdwn(block: Block, citations: Citation[]): string {
  switch (block.kind) {
    case 'answer':
      return partsMrkdwn(block.parts, citations);
    case 'municipalities':
      // Each municipality on its own line, its name in bold, with its own linked number.
      return block.items
        .map(
          (i) =>
            `• *${escapeMrkdwn(i.municipality.replace(/\n/g, ' '))}*: ${partsMrkdwn(i.parts, citations)}`,
        )
        .join('\n');
    case 'refusal': {
      const after = block.contact
        ? partsMrkdwn([block.contact], citations)
        : block.hint !== undefined
          ? escapeMrkdwn(block.hint)
          : '';
      return after ? `${escapeMrkdwn(block.text)} ${after}` : escapeMrkdwn(block.text);
    }
    case 'heading':
    case 'notice':
      return escapeMrkdwn(block.text);
  }
}

/** The reply's blocks as mrkdwn: document text escaped, structure from the blocks' fields. */
export function answerMrkdwn(reply: Reply): string {
  return reply.blocks.map((b) => blockMrkdwn(b, reply.citations)).join('\n');
}

/** One source line: `*[1]* <url|Title> — Section · Municipality · 2024-03-01 · p. 4`. */
export function citationLine(c: Citation, n: number, lang: Language): string {
  const title = c.title.length > 200 ? c.title.slice(0, 199) + '…' : c.title;
  const page = c.page !== undefined ? t(lang, 'slack.page', { page: c.page }) : undefined;
  const details = [c.section, c.municipality, c.date, page]
    .filter((d): d is string => Boolean(d))
    .map((d) => escapeMrkdwn(d.replace(/\n/g, ' ')))
    .join(' · ');
  return `*[${n}]* ${link(c.url, title || c.source)}${details ? ` — ${details}` : ''}`;
}

function sourcesBlocks(reply: Reply): KnownBlock[] {
  if (reply.citations.length === 0) return [];
  const heading = `*${escapeMrkdwn(t(reply.language, 'slack.sources'))}*`;
  const lines = reply.citations.map((c, i) => citationLine(c, i + 1, reply.language));
  return splitMrkdwn([heading, ...lines].join('\n'), LIMITS.sectionText).map(section);
}

function actionBlocks(reply: Reply): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  const lang = reply.language;
  const suggestions = (reply.suggestions ?? []).filter((s) => s.trim() && s.length <= LIMITS.buttonValue);
  if (suggestions.length) {
    blocks.push(context(escapeMrkdwn(t(lang, 'slack.suggestions'))));
    blocks.push({
      type: 'actions',
      elements: suggestions.slice(0, 5).map((s, i) => button(s, askActionId(i), s)),
    });
  }
  const choices = (reply.choices ?? []).filter((c) => JSON.stringify(c.command).length <= LIMITS.buttonValue);
  for (let i = 0; i < choices.length; i += LIMITS.actionsPerBlock) {
    blocks.push({
      type: 'actions',
      elements: choices
        .slice(i, i + LIMITS.actionsPerBlock)
        .map((c, j) => button(c.label, choiceActionId(i + j), JSON.stringify(c.command))),
    });
  }
  if (reply.kind === 'answer') {
    const value = JSON.stringify({ answerId: reply.id, language: lang });
    blocks.push({
      type: 'actions',
      elements: [
        button(t(lang, 'slack.feedback.up'), feedbackActionId('up', reply.id), value),
        button(t(lang, 'slack.feedback.down'), feedbackActionId('down', reply.id), value),
      ],
    });
  }
  return blocks;
}

function blockText(block: KnownBlock): string {
  if (block.type === 'section') return block.text?.text ?? '';
  if (block.type === 'context') return block.elements.map((e) => ('text' in e ? e.text : '')).join(' ');
  return '';
}

/** Greedy packing into messages within the block and character limits; order is kept. */
function pack(blocks: KnownBlock[]): KnownBlock[][] {
  const messages: KnownBlock[][] = [];
  let current: KnownBlock[] = [];
  let chars = 0;
  for (const block of blocks) {
    const size = blockText(block).length;
    if (current.length && (current.length === LIMITS.blocksPerMessage || chars + size > LIMITS.messageText)) {
      messages.push(current);
      current = [];
      chars = 0;
    }
    current.push(block);
    chars += size;
  }
  if (current.length) messages.push(current);
  return messages;
}

/** Renders a reply as one or more Slack messages, to be posted in order. */
export function renderReply(reply: Reply, options: RenderOptions = {}): SlackMessage[] {
  const lang = reply.language;
  const blocks: KnownBlock[] = [];
  if (options.askedBy) {
    const question = options.askedBy.question.replace(/\s+/g, ' ').slice(0, 500);
    const line = escapeMrkdwn(t(lang, 'slack.askedBy', { user: SENTINEL, question }));
    blocks.push(context(line.replace(SENTINEL, `<@${options.askedBy.userId}>`)));
  }
  const body = answerMrkdwn(reply);
  blocks.push(...splitMrkdwn(body, LIMITS.sectionText).map(section));
  if (reply.municipality) {
    blocks.push(
      context(`📍 ${escapeMrkdwn(t(lang, 'slack.municipality', { municipality: reply.municipality }))}`),
    );
  }
  blocks.push(...sourcesBlocks(reply));
  blocks.push(...actionBlocks(reply));

  return pack(blocks).map((msgBlocks, i) => {
    const firstText = msgBlocks.map(blockText).find((s) => s.length > 0) ?? '';
    return {
      text: truncateMrkdwn(i === 0 && body ? body : firstText, LIMITS.fallbackText),
      blocks: msgBlocks,
    };
  });
}

/** A short message with no buttons (errors, acknowledgements). */
export function noticeMessage(text: string): SlackMessage {
  const mrkdwn = escapeMrkdwn(text);
  return {
    text: truncateMrkdwn(mrkdwn, LIMITS.fallbackText),
    blocks: [section(truncateMrkdwn(mrkdwn, LIMITS.sectionText))],
  };
}
