/**
 * The self-assessment in Teams (issue 17): each question an Adaptive Card whose answers (yes /
 * partly / no / don't know, stop) are `Action.Submit` buttons, which every Teams client sends
 * back as a message the bot reads like any card command; and the Markdown export as a message
 * holding one code block, which Teams shows and copies verbatim, for a board memo.
 */
import { CardFactory, MessageFactory, type Activity } from 'botbuilder';
import { t } from '../../src/kernel/i18n/index.ts';
import type { Choice, Language, Reply } from '../../src/kernel/types.ts';
import { replyCard, type CardJson, type KumppaniAction } from './cards.ts';

const isQuicktest = (c: Choice): boolean =>
  c.command.kind === 'quicktest' || c.command.kind === 'quicktest-answer';

function submit(c: Choice): CardJson {
  const data: KumppaniAction = { kumppani: 'command', command: c.command };
  return { type: 'Action.Submit', title: c.label, data };
}

/** A self-assessment reply's card: the question or result, its buttons in one row beneath. */
export function quicktestCard(reply: Reply): CardJson {
  const choices = reply.choices ?? [];
  const card = replyCard({ ...reply, choices: choices.filter((c) => !isQuicktest(c)) });
  const body = card.body as CardJson[];
  body.push({ type: 'ActionSet', actions: choices.filter(isQuicktest).map(submit) });
  return card;
}

/** The Markdown export as a message: a line saying what it is, the Markdown in a code block. */
export function markdownActivity(markdown: string, language: Language): Partial<Activity> {
  // Three backticks inside would end the block early; a zero-width space keeps them apart.
  const body = markdown.trimEnd().replaceAll('```', '``\u200B`');
  return {
    ...MessageFactory.text(`${t(language, 'quicktest.markdown.copy')}\n\n\`\`\`\n${body}\n\`\`\``),
    textFormat: 'markdown',
  };
}

/** Any reply as the activity to send: the self-assessment's forms, else the usual reply card. */
export function replyActivity(reply: Reply): Partial<Activity> {
  if (reply.markdown) return markdownActivity(reply.markdown, reply.language);
  const card = (reply.choices ?? []).some(isQuicktest) ? quicktestCard(reply) : replyCard(reply);
  return MessageFactory.attachment(CardFactory.adaptiveCard(card));
}
