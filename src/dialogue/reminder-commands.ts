/**
 * The reminder commands (issue 16): /muistuta subscribes a chat to a municipality's deadlines
 * (optionally of some grant kinds only), /muistutukset lists the user's subscriptions numbered,
 * "/muistutukset peru 2" cancels one and "peru" alone all of them. Only where the channel can write
 * first (`delivers` in the vocabulary): a subscription elsewhere would never be delivered.
 */
import { t } from '../kernel/i18n/index.ts';
import { MunicipalityRegistry, type Municipality } from '../kernel/municipalities.ts';
import type {
  CalendarStore,
  ReminderStore,
  ReminderSubscription,
  SessionScope,
  SessionState,
} from '../kernel/ports.ts';
import type { Channel, Choice, Command, Language, Turn } from '../kernel/types.ts';
import { matchesKinds } from './reminders.ts';
import { displayName, storedMunicipality } from './replies.ts';
import { CANCEL_WORDS, delivers, entryOf, usage, type Form } from './vocabulary.ts';

export type ReminderCommand = Extract<Command, { kind: 'remind' | 'list-reminders' | 'cancel-reminders' }>;

export interface ReminderCommandDeps {
  reminders: ReminderStore;
  calendar: CalendarStore;
  /** Lead days (KUMPPANI_REMINDER_DAYS), as the replies name them. */
  days: readonly number[];
  now: () => Date;
}

export interface ReminderContext {
  turn: Turn;
  scope: SessionScope;
  session: SessionState;
  registry: MunicipalityRegistry;
  language: Language;
}

/** What the command answers: a notice's text, and buttons (the list's cancel buttons). */
export interface ReminderAnswer {
  text: string;
  choices?: Choice[];
}

/** The form a channel delivers a reminder command in (Telegram: slash), if it delivers it at all. */
function reminderForm(channel: Channel): Form | undefined {
  const forms: Form[] = ['slash', 'kumppani', 'word', 'button'];
  return forms.find((f) => delivers(entryOf('remind'), channel, f));
}

/** "Routasalmi", "Routasalmi, vain kohdeavustus", "kaikki kunnat". */
function scopeText(
  reg: MunicipalityRegistry,
  sub: Pick<ReminderSubscription, 'municipality' | 'grantKinds'>,
  language: Language,
): string {
  const m = storedMunicipality(reg, sub.municipality);
  const municipality = m ? displayName(m, language) : t(language, 'dialogue.remind.all');
  return sub.grantKinds.length
    ? t(language, 'dialogue.remind.only', { municipality, kinds: sub.grantKinds.join(', ') })
    : municipality;
}

/**
 * The button under a "what's coming up?" answer that subscribes to those deadlines, where the
 * channel delivers the command as a button (Teams cards).
 */
export function subscribeChoices(
  channel: Channel,
  municipality: Municipality | null,
  language: Language,
): Choice[] {
  if (!delivers(entryOf('remind'), channel, 'button')) return [];
  return [
    {
      label: t(language, 'dialogue.remind.button'),
      command: {
        kind: 'remind',
        municipality: municipality ? MunicipalityRegistry.searchName(municipality) : null,
      },
    },
  ];
}

export async function reminderCommand(
  deps: ReminderCommandDeps,
  ctx: ReminderContext,
  command: ReminderCommand,
): Promise<ReminderAnswer> {
  const { turn, scope, session, registry: reg, language } = ctx;
  const form = reminderForm(turn.channel);
  if (!form) return { text: t(language, 'dialogue.remind.unavailable') };
  const days = deps.days.join(', ');
  const shown = (kind: 'remind' | 'reminders', arg = '') =>
    usage(entryOf(kind), language, turn.channel, form, arg);

  if (command.kind === 'remind') {
    let municipality: Municipality | null;
    if (command.municipality === undefined) municipality = storedMunicipality(reg, session.municipality);
    else if (command.municipality === null) municipality = null;
    else {
      municipality = reg.resolve(command.municipality) ?? null;
      if (!municipality)
        return {
          text: t(language, 'dialogue.remind.unknown', {
            name: command.municipality.slice(0, 60),
            example: shown('remind', t(language, 'dialogue.command.example.municipality')),
          }),
        };
    }
    const sub = await deps.reminders.subscribe({
      userKey: scope.userKey,
      channel: turn.channel,
      // The chat the bot writes to: kept in the clear (a pseudonym cannot be delivered to).
      address: turn.deliveryAddress ?? turn.conversationId,
      municipality: municipality ? MunicipalityRegistry.searchName(municipality) : null,
      grantKinds: command.grantKinds ?? [],
      language,
    });
    const lines = [
      t(language, 'dialogue.remind.done', {
        municipality: scopeText(reg, sub, language),
        days,
        list: shown('reminders'),
      }),
    ];
    // A kind no document names a coming deadline for is kept (a document may come), but said.
    const asked = command.grantKinds ?? [];
    if (asked.length && sub.grantKinds.length) {
      const events = await deps.calendar.upcoming(deps.now(), {
        ...(sub.municipality ? { municipality: sub.municipality } : {}),
        audience: 'public',
        kinds: ['application', 'report'],
      });
      const unseen = asked.filter((k) => !events.some((e) => matchesKinds({ grantKinds: [k] }, e)));
      if (unseen.length)
        lines.push(
          t(language, 'dialogue.remind.kindsUnseen', {
            kinds: unseen.join(', '),
            municipality: scopeText(reg, { municipality: sub.municipality, grantKinds: [] }, language),
            example: t(language, 'dialogue.command.example.grantKind'),
          }),
        );
    }
    return { text: lines.join('\n') };
  }

  const mine = await deps.reminders.list(scope.userKey);
  // The list shows this channel's subscriptions; "peru 2" counts in the same list.
  const subs = mine.filter((s) => s.channel === turn.channel);
  if (command.kind === 'cancel-reminders') {
    if (command.id !== undefined || command.number !== undefined) {
      const id = command.id ?? subs[command.number! - 1]?.id;
      const gone = id === undefined ? undefined : await deps.reminders.deleteOne(scope.userKey, id);
      // A button of an older list, pressed again (or forged with another user's id).
      if (!gone && command.id !== undefined)
        return { text: t(language, 'dialogue.reminders.gone', { list: shown('reminders') }) };
      if (!gone)
        return {
          text: t(language, 'dialogue.reminders.noSuch', {
            number: String(command.number),
            list: shown('reminders'),
          }),
        };
      return {
        text: t(language, 'dialogue.reminders.cancelledOne', {
          municipality: scopeText(reg, gone, language),
        }),
      };
    }
    await deps.reminders.deleteUser(scope.userKey);
    return { text: t(language, 'dialogue.reminders.cancelled', { count: mine.length }) };
  }

  if (subs.length === 0) return { text: t(language, 'dialogue.reminders.none', { remind: shown('remind') }) };
  const cancel = CANCEL_WORDS[language][0]!;
  const lines = [
    t(language, 'dialogue.reminders.list', { days }),
    ...subs.map((s, i) =>
      t(language, 'dialogue.reminders.line', { n: i + 1, municipality: scopeText(reg, s, language) }),
    ),
    t(language, 'dialogue.reminders.cancelHint', {
      cancel: shown('reminders', cancel),
      cancelOne: shown('reminders', `${cancel} 1`),
    }),
  ];
  // One cancel button per subscription, by its id: a press must not depend on the list's order.
  const choices: Choice[] = delivers(entryOf('reminders'), turn.channel, 'button')
    ? subs.map((s, i) => ({
        label: t(language, 'dialogue.reminders.cancelButton', {
          n: i + 1,
          municipality: scopeText(reg, s, language),
        }),
        command: { kind: 'cancel-reminders', id: s.id },
      }))
    : [];
  return { text: lines.join('\n'), ...(choices.length ? { choices } : {}) };
}
