/**
 * Adaptive Cards for Teams: the answer (text, numbered sources, 👍/👎), the welcome card and
 * command cards. Buttons are `Action.Execute` (Universal Actions, card version 1.5) with an
 * `Action.Submit` fallback for older clients; both carry a `KumppaniAction` in their data.
 */
import { t } from '../../src/kernel/i18n/index.ts';
import type { Block, Citation, Command, Language, Part, Reply } from '../../src/kernel/types.ts';

export type CardJson = Record<string, unknown>;

/** What an answer card needs to be drawn again (after a vote), carried in the vote buttons. */
export interface AnswerSnapshot {
  id: string;
  /** The reply's blocks: the card is drawn from them again, as text runs (never Markdown). */
  blocks: Block[];
  language: Language;
  citations: Array<Pick<Citation, 'title' | 'url' | 'section' | 'municipality' | 'date'>>;
}

/** The data a Kumppani card button sends back. */
export type KumppaniAction =
  | { kumppani: 'feedback'; answerId: string; vote: 'up' | 'down'; answer?: AnswerSnapshot }
  | { kumppani: 'command'; command?: Command; choice?: string }
  | { kumppani: 'ask'; text: string }
  | { kumppani: 'languages' };

export const ACTION_VERB = 'kumppani';
const MAX_SOURCES = 8;
/** Teams renders at most this many buttons in one row comfortably; longer lists become a dropdown. */
const MAX_BUTTONS = 5;

/** A button that works in every Teams client: Action.Execute, falling back to Action.Submit. */
export function button(
  title: string,
  data: KumppaniAction,
  opts: { tooltip?: string; secondary?: boolean; style?: string } = {},
): CardJson {
  return {
    type: 'Action.Execute',
    title,
    verb: ACTION_VERB,
    data,
    ...(opts.tooltip ? { tooltip: opts.tooltip } : {}),
    ...(opts.secondary ? { mode: 'secondary' } : {}),
    ...(opts.style ? { style: opts.style } : {}),
    fallback: { type: 'Action.Submit', title, data },
  };
}

function card(body: CardJson[], actions: CardJson[] = [], lang?: Language): CardJson {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    ...(lang ? { lang } : {}),
    body,
    ...(actions.length ? { actions } : {}),
  };
}

/**
 * Text from documents and users is shown as written: a RichTextBlock's TextRuns are never read as
 * Markdown (Adaptive Cards parse its subset, links included, only in TextBlock), so a quoted
 * `[Kirjaudu tästä](https://…)` stays text. Links are made only by `selectAction`, from `linkUrl`.
 */
function runs(inlines: CardJson[], spacing?: string): CardJson {
  return { type: 'RichTextBlock', inlines, ...(spacing ? { spacing } : {}) };
}

function run(text: string, extra: CardJson = {}): CardJson {
  return { type: 'TextRun', text, ...extra };
}

/** Characters that could end a link or its address in any markup a client might still apply. */
const URL_UNSAFE = /[()[\]<>"`\\\s]/g;

/**
 * A citation's address as a link target, or undefined: it must parse as an http(s) URL without
 * credentials, and comes back normalised with every character that could close link syntax
 * percent-encoded, so no part of it can become a second link or text of its own.
 */
export function linkUrl(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return undefined;
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.username || url.password)
    return undefined;
  return url.href.replace(
    URL_UNSAFE,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  );
}

/** The card's standing commands: municipality, language, help, the self-assessment, forget me. */
export function commandActions(lang: Language, secondary: boolean): CardJson[] {
  return [
    button(
      t(lang, 'teams.action.municipality'),
      { kumppani: 'command', command: { kind: 'choose-municipality' } },
      { secondary },
    ),
    button(t(lang, 'teams.action.language'), { kumppani: 'languages' }, { secondary }),
    button(t(lang, 'teams.action.help'), { kumppani: 'command', command: { kind: 'help' } }, { secondary }),
    button(
      t(lang, 'teams.action.quicktest'),
      { kumppani: 'command', command: { kind: 'quicktest' } },
      { secondary },
    ),
    button(
      t(lang, 'teams.action.forget'),
      { kumppani: 'command', command: { kind: 'forget-me' } },
      { secondary },
    ),
  ];
}

export function snapshotOf(reply: Reply): AnswerSnapshot {
  return {
    id: reply.id,
    blocks: reply.blocks,
    language: reply.language,
    citations: reply.citations.slice(0, MAX_SOURCES).map(({ title, url, section, municipality, date }) => ({
      title,
      url: linkUrl(url),
      section,
      municipality,
      date,
    })),
  };
}

function sourcesBlock(snapshot: AnswerSnapshot): CardJson[] {
  if (!snapshot.citations.length) return [];
  const lines = snapshot.citations.map((c, i) => {
    const url = linkUrl(c.url);
    const meta = [c.section, c.municipality, c.date].filter(Boolean).join(' · ');
    return runs(
      [
        run(`${i + 1}. `, { size: 'Small' }),
        run(c.title, { size: 'Small', ...(url ? { selectAction: { type: 'Action.OpenUrl', url } } : {}) }),
        ...(meta ? [run(` – ${meta}`, { size: 'Small' })] : []),
      ],
      'Small',
    );
  });
  return [
    {
      type: 'TextBlock',
      text: t(snapshot.language, 'teams.sources'),
      weight: 'Bolder',
      spacing: 'Medium',
      separator: true,
      wrap: true,
    },
    ...lines,
  ];
}

/** A line's text runs, or a line break: Teams joins single line breaks inside a block. */
type Inline = CardJson | 'break';

/** Text as runs, a newline in it as a line break. */
function textInlines(text: string, extra: CardJson = {}): Inline[] {
  return text
    .split('\n')
    .flatMap((line, i) => [...(i > 0 ? (['break'] as const) : []), ...(line ? [run(line, extra)] : [])]);
}

/** A part's citation numbers, each opening its source when the source has a safe web link. */
function citeInlines(cite: readonly number[], citations: AnswerSnapshot['citations']): Inline[] {
  if (cite.length === 0) return [];
  return [
    run(' '),
    ...cite.map((n) => {
      const url = linkUrl(citations[n - 1]?.url);
      return run(`[${n}]`, url ? { selectAction: { type: 'Action.OpenUrl', url } } : {});
    }),
  ];
}

function partInlines(parts: readonly Part[], citations: AnswerSnapshot['citations']): Inline[] {
  return parts.flatMap((p) => [...textInlines(p.text), ...citeInlines(p.cite, citations)]);
}

function blockInlines(block: Block, citations: AnswerSnapshot['citations']): Inline[] {
  switch (block.kind) {
    case 'answer':
      return partInlines(block.parts, citations);
    case 'municipalities':
      return block.items.flatMap((item, i) => [
        ...(i > 0 ? (['break'] as const) : []),
        run(item.municipality.replace(/\n/g, ' '), { weight: 'Bolder' }),
        run(': '),
        ...partInlines(item.parts, citations),
      ]);
    case 'refusal': {
      const after = block.contact
        ? partInlines([block.contact], citations)
        : block.hint !== undefined
          ? textInlines(block.hint)
          : [];
      return after.length ? [...textInlines(`${block.text} `), ...after] : textInlines(block.text);
    }
    case 'heading':
    case 'notice':
      return textInlines(block.text);
  }
}

/** The blocks as one RichTextBlock per line; every text a TextRun, so nothing is read as Markdown. */
function replyBlocks(snapshot: AnswerSnapshot): CardJson[] {
  const lines: CardJson[][] = [[]];
  snapshot.blocks.forEach((block, i) => {
    if (i > 0) lines.push([]);
    for (const inline of blockInlines(block, snapshot.citations)) {
      if (inline === 'break') lines.push([]);
      else lines.at(-1)!.push(inline);
    }
  });
  return lines
    .filter((line) => line.some((r) => String(r.text).trim()))
    .map((line, i) => runs(line, i > 0 ? 'Small' : undefined));
}

function answerBody(snapshot: AnswerSnapshot): CardJson[] {
  return [...replyBlocks(snapshot), ...sourcesBlock(snapshot)];
}

function feedbackBlock(snapshot: AnswerSnapshot): CardJson[] {
  const lang = snapshot.language;
  return [
    {
      type: 'TextBlock',
      text: t(lang, 'teams.feedback.question'),
      size: 'Small',
      isSubtle: true,
      spacing: 'Medium',
      wrap: true,
    },
    {
      type: 'ActionSet',
      actions: [
        button(
          '👍',
          { kumppani: 'feedback', answerId: snapshot.id, vote: 'up', answer: snapshot },
          { tooltip: t(lang, 'teams.feedback.up') },
        ),
        button(
          '👎',
          { kumppani: 'feedback', answerId: snapshot.id, vote: 'down', answer: snapshot },
          { tooltip: t(lang, 'teams.feedback.down') },
        ),
      ],
    },
  ];
}

/** Buttons for the reply's choices (a municipality list…): a row of buttons, or a dropdown when long. */
function choicesBlock(reply: Reply): CardJson[] {
  const choices = reply.choices ?? [];
  if (!choices.length) return [];
  if (choices.length <= MAX_BUTTONS) {
    return [
      {
        type: 'ActionSet',
        actions: choices.map((c) => button(c.label, { kumppani: 'command', command: c.command })),
      },
    ];
  }
  return [
    {
      type: 'Input.ChoiceSet',
      id: 'choice',
      style: 'compact',
      label: t(reply.language, 'teams.action.municipality'),
      value: JSON.stringify(choices[0]!.command),
      choices: choices.map((c) => ({ title: c.label, value: JSON.stringify(c.command) })),
    },
    {
      type: 'ActionSet',
      actions: [button(t(reply.language, 'teams.action.choose'), { kumppani: 'command' })],
    },
  ];
}

function suggestionsBlock(reply: Reply): CardJson[] {
  const suggestions = (reply.suggestions ?? []).slice(0, 3);
  if (!suggestions.length) return [];
  return [
    {
      type: 'TextBlock',
      text: t(reply.language, 'teams.suggestions'),
      size: 'Small',
      isSubtle: true,
      spacing: 'Medium',
      wrap: true,
    },
    { type: 'ActionSet', actions: suggestions.map((q) => button(q, { kumppani: 'ask', text: q })) },
  ];
}

/** The card for any reply: answers get sources and 👍/👎; every card keeps the commands at hand. */
export function replyCard(reply: Reply): CardJson {
  const snapshot = snapshotOf(reply);
  const body = [...answerBody(snapshot)];
  if (reply.kind === 'answer') body.push(...feedbackBlock(snapshot));
  body.push(...choicesBlock(reply), ...suggestionsBlock(reply));
  return card(body, commandActions(reply.language, true), reply.language);
}

/** The answer card after a vote: the same answer and sources, the buttons replaced by thanks. */
export function votedCard(snapshot: AnswerSnapshot, vote: 'up' | 'down'): CardJson {
  const lang = snapshot.language;
  return card(
    [
      ...answerBody(snapshot),
      {
        type: 'TextBlock',
        text: t(lang, vote === 'up' ? 'teams.feedback.thanksUp' : 'teams.feedback.thanksDown'),
        color: 'Good',
        spacing: 'Medium',
        wrap: true,
      },
    ],
    commandActions(lang, true),
    lang,
  );
}

export function welcomeCard(lang: Language): CardJson {
  return card(
    [
      {
        type: 'TextBlock',
        text: t(lang, 'teams.welcome.title'),
        size: 'Large',
        weight: 'Bolder',
        wrap: true,
      },
      { type: 'TextBlock', text: t(lang, 'teams.welcome.body'), wrap: true },
      { type: 'TextBlock', text: t(lang, 'teams.welcome.try'), wrap: true, isSubtle: true },
      { type: 'TextBlock', text: t(lang, 'teams.welcome.group'), wrap: true, isSubtle: true, size: 'Small' },
    ],
    commandActions(lang, false),
    lang,
  );
}

/** The three languages as buttons (their own names, so anyone finds theirs). */
export function languagesCard(lang: Language): CardJson {
  return card(
    [{ type: 'TextBlock', text: t(lang, 'teams.action.language'), weight: 'Bolder', wrap: true }],
    (['fi', 'sv', 'en'] as const).map((l) =>
      button(t(lang, `teams.language.${l}`), {
        kumppani: 'command',
        command: { kind: 'set-language', language: l },
      }),
    ),
    lang,
  );
}

export function noticeCard(lang: Language, key: string): CardJson {
  return card([{ type: 'TextBlock', text: t(lang, key), wrap: true }], [], lang);
}
