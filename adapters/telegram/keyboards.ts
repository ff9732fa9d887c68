/**
 * Inline keyboards: the paged municipality list, the language choice, the core's `choices`, and
 * the 👍/👎 row under an answer. Buttons carry a `ButtonAction` through the callback codec.
 */
import { InlineKeyboard } from 'grammy';
import type { InlineKeyboardButton } from 'grammy/types';
import { t } from './strings.ts';
import type { Choice, Language, MunicipalityInfo, Reply } from '../../src/kernel/types.ts';
import { LANGUAGES } from '../../src/kernel/types.ts';
import type { ButtonAction, CallbackCodec } from './callback-data.ts';

type Row = InlineKeyboardButton[];

/** Municipalities per page: eight fit a phone screen without scrolling. */
export const MUNICIPALITY_PAGE_SIZE = 8;

function button(codec: CallbackCodec, label: string, action: ButtonAction): InlineKeyboardButton {
  return InlineKeyboard.text(label, codec.encode(action));
}

/** Two buttons per row when the labels are short enough to sit side by side on a phone. */
function layout(buttons: InlineKeyboardButton[]): Row[] {
  const perRow = buttons.every((b) => Array.from(b.text).length <= 18) ? 2 : 1;
  const rows: Row[] = [];
  for (let i = 0; i < buttons.length; i += perRow) rows.push(buttons.slice(i, i + perRow));
  return rows;
}

export function toMarkup(rows: Row[]): InlineKeyboard | undefined {
  return rows.length > 0 ? InlineKeyboard.from(rows) : undefined;
}

/** One page of municipalities (alphabetical), ◀ ▶ to move between pages, and "all municipalities". */
export function municipalityRows(
  list: MunicipalityInfo[],
  page: number,
  language: Language,
  codec: CallbackCodec,
  pageSize = MUNICIPALITY_PAGE_SIZE,
): Row[] {
  const names = list.map((m) => m.name).sort((a, b) => a.localeCompare(b, 'fi'));
  const pages = Math.max(1, Math.ceil(names.length / pageSize));
  const current = Math.min(Math.max(0, Math.trunc(page)), pages - 1);
  const rows = layout(
    names
      .slice(current * pageSize, (current + 1) * pageSize)
      .map((name) =>
        button(codec, name, { type: 'command', command: { kind: 'set-municipality', municipality: name } }),
      ),
  );
  const nav: Row = [];
  if (current > 0) {
    nav.push(
      button(codec, t(language, 'telegram.prevPage'), {
        type: 'command',
        command: { kind: 'choose-municipality', page: current - 1 },
      }),
    );
  }
  if (current < pages - 1) {
    nav.push(
      button(codec, t(language, 'telegram.nextPage'), {
        type: 'command',
        command: { kind: 'choose-municipality', page: current + 1 },
      }),
    );
  }
  if (nav.length) rows.push(nav);
  if (names.length > 0) {
    rows.push([
      button(codec, t(language, 'telegram.allMunicipalities'), {
        type: 'command',
        command: { kind: 'set-municipality', municipality: null },
      }),
    ]);
  }
  return rows;
}

export function languageRows(codec: CallbackCodec): Row[] {
  return [
    LANGUAGES.map((l) =>
      button(codec, t(l, `telegram.language.${l}`), {
        type: 'command',
        command: { kind: 'set-language', language: l },
      }),
    ),
  ];
}

/** The core's buttons; municipality-list navigation keeps its own row. */
export function choiceRows(choices: Choice[], codec: CallbackCodec): Row[] {
  const isNav = (c: Choice) => c.command.kind === 'choose-municipality';
  const main = layout(
    choices
      .filter((c) => !isNav(c))
      .map((c) => button(codec, c.label, { type: 'command', command: c.command })),
  );
  const nav = choices
    .filter(isNav)
    .map((c) => button(codec, c.label, { type: 'command', command: c.command }));
  return nav.length ? [...main, nav] : main;
}

/** Whether a button row is the 👍/👎 row (removed once the user has voted). */
export function isFeedbackRow(row: readonly InlineKeyboardButton[], codec: CallbackCodec): boolean {
  return row.some((b) => 'callback_data' in b && codec.decode(b.callback_data)?.type === 'feedback');
}

/**
 * Buttons under an answer: 👍/👎, suggested follow-ups, the core's choices, and, when the answer
 * came from every municipality's documents, an offer to choose one.
 */
export function answerRows(reply: Reply, language: Language, codec: CallbackCodec): Row[] {
  const rows: Row[] = [];
  if (reply.kind === 'answer') {
    rows.push([
      button(codec, t(language, 'telegram.feedbackUp'), { type: 'feedback', answerId: reply.id, vote: 'up' }),
      button(codec, t(language, 'telegram.feedbackDown'), {
        type: 'feedback',
        answerId: reply.id,
        vote: 'down',
      }),
    ]);
  }
  for (const s of (reply.suggestions ?? []).slice(0, 3))
    rows.push([button(codec, s, { type: 'ask', text: s })]);
  if (reply.choices?.length) rows.push(...choiceRows(reply.choices, codec));
  const offersChoice = reply.choices?.some((c) => c.command.kind === 'choose-municipality');
  if (reply.kind === 'answer' && !reply.municipality && !offersChoice) {
    rows.push([
      button(codec, t(language, 'telegram.offerMunicipality'), {
        type: 'command',
        command: { kind: 'choose-municipality', page: 0 },
      }),
    ]);
  }
  return rows;
}
