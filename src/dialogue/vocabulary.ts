/**
 * The command vocabulary: every command the dialogue knows, its words in fi/sv/en, its argument,
 * and how each channel delivers it. Every parser of command words reads this table (typed text in
 * `commands.ts`, Slack's `/kumppani` text, Telegram's bot commands, the Teams command menu), and
 * the help of each channel is generated from it, so the help lists exactly what that channel
 * delivers and nothing a channel parses can disagree with another.
 *
 * Strings shown to users stay in the i18n tables (`dialogue.help.*`, `dialogue.command.*`); only
 * the command words, which are what users type, live here.
 */
import { t } from '../kernel/i18n/index.ts';
import type { Channel, Command, Language, QuicktestAction } from '../kernel/types.ts';
import { LANGUAGES } from '../kernel/types.ts';
import { splitGrantKinds } from '../kernel/grant-kinds.ts';

export type CommandKind =
  | 'help'
  | 'start'
  | 'municipality'
  | 'language'
  | 'forget'
  | 'about'
  | 'new'
  | 'remind'
  | 'reminders'
  | 'quicktest';

/** What may follow the command word. */
export type ArgumentKind = 'none' | 'municipality' | 'language' | 'cancel' | 'quicktest';

/**
 * How a channel delivers a command:
 * - `slash`: "/kunta Iisalmi" typed as text (web chat, CLI), or a Telegram bot command, whose
 *   names allow only a-z, 0-9 and _ (so Telegram uses the ASCII-folded words: /sprak, /hjalp, /glom);
 * - `kumppani`: the word after Slack's own slash command, "/kumppani kunta Iisalmi";
 * - `word`: the word typed as the whole message, alone or with its argument ("kunta Iisalmi"), as
 *   the Teams command menu (the app manifest's `commandLists`) inserts it;
 * - `phrase`: a whole sentence ("vaihda kieli sv", "unohda minut"), in a DM or a mention;
 * - `button`: a button that sends the command itself (Teams cards, the web chat), not a word.
 */
export type Form = 'slash' | 'kumppani' | 'word' | 'phrase' | 'button';

/** The commands the vocabulary yields: the shared `Command`s and the language menu. */
export type VocabularyCommand = Command | { kind: 'choose-language' };

export interface ParsedWords {
  command: VocabularyCommand;
  /** The language of the command word, when it has one ("/kunta" fi, "/kommun" sv). */
  language?: Language;
  /**
   * A weaker hint for words every platform uses whatever the user's language ("/help", "/start"):
   * it counts only when neither the conversation nor the platform locale says otherwise.
   */
  weakLanguage?: Language;
  /** What the user wrote after the word (a municipality to resolve, an unknown language name). */
  argument?: string;
}

export interface CommandEntry {
  kind: CommandKind;
  argument: ArgumentKind;
  /** The words per language; the first is the one help and menus show. */
  words: Record<Language, readonly string[]>;
  /** Words every platform uses whatever the user's language: only a weak language hint. */
  weak?: readonly string[];
  /** Words of no language ("?"), for the `kumppani` and `word` forms. */
  neutral?: readonly string[];
  /** Whole messages that are this command; the last capture group, if any, is the argument. */
  phrases: Record<Language, readonly RegExp[]>;
  /** The phrase help shows where a channel delivers phrases (before the argument, if any). */
  example?: Record<Language, string>;
  /** The forms each channel delivers this command in; the first is the one its help shows. */
  delivery: Partial<Record<Channel, readonly Form[]>>;
  /** False for commands a channel uses by itself (/start) that help and menus do not offer. */
  offered?: boolean;
  /**
   * Where the command without an argument opens the list to choose from instead of showing the
   * current choice (municipality: "vaihda kunta", Telegram's /kunta).
   */
  listAlone?: { forms: readonly Form[]; channels: readonly Channel[] };
}

/** Slack's own slash command (slack-app-manifest.yml); the `kumppani` form's prefix. */
export const SLACK_SLASH_COMMAND = '/kumppani';

/**
 * The table, in the order help and menus list the commands. Web chat and CLI users type text, so
 * they get slash words and phrases; Slack delivers only `/kumppani WORD` and the text of DMs and
 * mentions (a "/kunta" there is Slack's own unknown command); Teams delivers typed text, the
 * manifest's command menu and card buttons; Telegram its bot commands.
 */
export const VOCABULARY: readonly CommandEntry[] = [
  {
    kind: 'municipality',
    argument: 'municipality',
    words: {
      fi: ['kunta', 'kunnat'],
      sv: ['kommun', 'kommuner'],
      en: ['municipality', 'municipalities'],
    },
    phrases: {
      fi: [/^(vaihda|valitse|muuta) (kunta|kuntaa|kunnaksi)(?: (.+))?$/],
      sv: [/^(byt|välj|ändra) (kommun)(?: till)?(?: (.+))?$/],
      en: [/^(change|choose|select|set) (the )?(municipality)(?: to)?(?: (.+))?$/],
    },
    example: { fi: 'vaihda kunta', sv: 'byt kommun till', en: 'change municipality to' },
    delivery: {
      web: ['slash', 'phrase', 'button'],
      cli: ['slash', 'phrase'],
      telegram: ['slash', 'button'],
      slack: ['kumppani', 'phrase', 'button'],
      teams: ['word', 'phrase', 'button'],
    },
    listAlone: { forms: ['phrase'], channels: ['telegram'] },
  },
  {
    kind: 'language',
    argument: 'language',
    words: { fi: ['kieli'], sv: ['språk'], en: ['language'] },
    phrases: {
      fi: [/^(vaihda|valitse) (kieli|kieltä)(?: (.+))?$/],
      sv: [/^(byt|välj|ändra) (språk)(?: till)?(?: (.+))?$/],
      en: [/^(change|choose|set) (the )?(language)(?: to)?(?: (.+))?$/],
    },
    example: { fi: 'vaihda kieli', sv: 'byt språk till', en: 'change language to' },
    delivery: {
      web: ['slash', 'phrase', 'button'],
      cli: ['slash', 'phrase'],
      telegram: ['slash', 'button'],
      slack: ['phrase'],
      teams: ['word', 'phrase', 'button'],
    },
  },
  {
    kind: 'about',
    argument: 'none',
    words: { fi: ['tietoja', 'lähteet'], sv: ['om', 'källor'], en: ['about', 'sources'] },
    phrases: { fi: [], sv: [], en: [] },
    delivery: {
      web: ['slash'],
      cli: ['slash'],
      telegram: ['slash'],
      teams: ['word'],
    },
  },
  {
    kind: 'new',
    argument: 'none',
    words: { fi: ['uusi'], sv: ['ny'], en: ['new'] },
    phrases: {
      fi: [/^(uusi keskustelu|aloita alusta)$/],
      sv: [/^(nytt samtal|börja om)$/],
      en: [/^(new conversation|start over)$/],
    },
    example: { fi: 'uusi keskustelu', sv: 'nytt samtal', en: 'new conversation' },
    delivery: {
      web: ['slash', 'phrase', 'button'],
      cli: ['slash', 'phrase'],
      telegram: ['slash'],
      slack: ['phrase'],
      teams: ['word', 'phrase'],
    },
  },
  {
    // Deadline reminders (issue 16), delivered where a channel can send them by itself: Telegram
    // (bot commands), Slack ("/kumppani muistuta", or the word in a DM; a reminder goes to where
    // it was typed) and Teams (the word, a card button; sent through the conversation reference).
    kind: 'remind',
    argument: 'municipality',
    words: { fi: ['muistuta'], sv: ['påminn'], en: ['remind'] },
    phrases: { fi: [], sv: [], en: [] },
    delivery: { telegram: ['slash'], slack: ['kumppani', 'word'], teams: ['word', 'button'] },
  },
  {
    kind: 'reminders',
    argument: 'cancel',
    words: { fi: ['muistutukset'], sv: ['påminnelser'], en: ['reminders'] },
    phrases: { fi: [], sv: [], en: [] },
    // `button`: the list's cancel button per subscription.
    delivery: { telegram: ['slash', 'button'], slack: ['kumppani', 'word'], teams: ['word', 'button'] },
  },
  {
    // The self-assessment (issue 17); "/pikatesti lopeta", "/snabbtest börja om", "/quicktest markdown".
    kind: 'quicktest',
    argument: 'quicktest',
    words: { fi: ['pikatesti'], sv: ['snabbtest'], en: ['quicktest'] },
    phrases: { fi: [], sv: [], en: [] },
    delivery: {
      web: ['slash', 'button'],
      cli: ['slash'],
      telegram: ['slash', 'button'],
      // "/kumppani pikatesti", or "pikatesti" alone in a DM or a mention (Slack has no other word form).
      slack: ['kumppani', 'word', 'button'],
      teams: ['word', 'button'],
    },
  },
  {
    kind: 'forget',
    argument: 'none',
    words: { fi: ['unohda'], sv: ['glöm'], en: ['forget'] },
    phrases: {
      fi: [/^(unohda minut|unohda tietoni|poista tietoni)$/],
      sv: [/^(glöm mig|radera mina uppgifter)$/],
      en: [/^(forget me|delete my data)$/],
    },
    example: { fi: 'unohda minut', sv: 'glöm mig', en: 'forget me' },
    delivery: {
      web: ['slash', 'phrase'],
      cli: ['slash', 'phrase'],
      telegram: ['slash'],
      slack: ['phrase'],
      teams: ['word', 'phrase', 'button'],
    },
  },
  {
    kind: 'help',
    argument: 'none',
    words: { fi: ['apua', 'ohje', 'ohjeet'], sv: ['hjälp'], en: ['help'] },
    weak: ['help'],
    neutral: ['?'],
    phrases: { fi: [/^(apua|ohje|ohjeet)$/], sv: [/^(hjälp)$/], en: [/^(help)$/] },
    example: { fi: 'apua', sv: 'hjälp', en: 'help' },
    delivery: {
      web: ['slash', 'phrase'],
      cli: ['slash', 'phrase'],
      telegram: ['slash'],
      slack: ['kumppani', 'phrase'],
      teams: ['word', 'phrase', 'button'],
    },
  },
  {
    kind: 'start',
    argument: 'none',
    words: { fi: ['aloita'], sv: ['börja'], en: ['start'] },
    weak: ['start'],
    phrases: { fi: [], sv: [], en: [] },
    delivery: { web: ['slash'], cli: ['slash'], telegram: ['slash'] },
    offered: false,
  },
];

/** Words that mean "no municipality: search them all", per language; the first is shown in help. */
export const ALL_MUNICIPALITIES: Record<Language, readonly string[]> & { neutral: readonly string[] } = {
  fi: ['kaikki', 'kaikki kunnat', 'ei', 'ei mitään', 'ei mikään', 'tyhjennä', 'pois'],
  sv: ['alla', 'alla kommuner', 'ingen'],
  en: ['all', 'all municipalities', 'none', 'any', 'clear'],
  neutral: ['-'],
};

/** The argument of the reminders command that cancels them ("/muistutukset peru"); the first is shown. */
export const CANCEL_WORDS: Record<Language, readonly string[]> = {
  fi: ['peru', 'peruuta', 'lopeta'],
  sv: ['avbryt', 'sluta'],
  en: ['cancel', 'stop'],
};

/**
 * What a reminders argument cancels: "peru" all of them, "peru 2" the second one listed;
 * undefined when it is no cancel.
 */
export function cancelArgument(arg: string): { number?: number } | undefined {
  const m = /^(\S+)(?:\s+(\d{1,3}))?$/.exec(arg.trim().toLowerCase());
  if (!m || !LANGUAGES.some((l) => CANCEL_WORDS[l].includes(m[1]!))) return undefined;
  return m[2] ? { number: Number(m[2]) } : {};
}

export function isCancel(arg: string): boolean {
  return cancelArgument(arg) !== undefined;
}

/** Words naming a language, by the language they name. */
export const LANGUAGE_NAMES: Record<Language, readonly string[]> = {
  fi: ['fi', 'suomi', 'suomeksi', 'finska', 'på finska', 'finnish', 'in finnish'],
  sv: ['sv', 'ruotsi', 'ruotsiksi', 'svenska', 'på svenska', 'swedish', 'in swedish'],
  en: ['en', 'englanti', 'englanniksi', 'engelska', 'på engelska', 'english', 'in english'],
};

/**
 * What may follow the self-assessment's word: abandon, start over, the result as Markdown, share
 * it with the regional organisers, the shared results' summary (Slack).
 */
export const QUICKTEST_ACTIONS: Record<Exclude<QuicktestAction, 'start'>, readonly string[]> = {
  stop: ['lopeta', 'keskeytä', 'avsluta', 'stopp', 'stop', 'quit'],
  restart: ['alusta', 'alusta uudelleen', 'börja om', 'restart', 'start over'],
  markdown: ['markdown', 'md'],
  share: ['jaa', 'dela', 'share'],
  summary: ['yhteenveto', 'sammanfattning', 'summary'],
};

/** The action an argument names ('start' for none), or undefined for an unknown word. */
export function quicktestAction(arg: string): QuicktestAction | undefined {
  const a = arg.trim().toLowerCase().replace(/\s+/g, ' ');
  if (!a) return 'start';
  return (Object.keys(QUICKTEST_ACTIONS) as Array<keyof typeof QUICKTEST_ACTIONS>).find((k) =>
    QUICKTEST_ACTIONS[k].includes(a),
  );
}

/** "språk" -> "sprak": the word in a-z only, as Telegram's command names need it. */
export function fold(word: string): string {
  return word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

export function entryOf(kind: CommandKind): CommandEntry {
  return VOCABULARY.find((e) => e.kind === kind)!;
}

export function delivers(entry: CommandEntry, channel: Channel, form: Form): boolean {
  return entry.delivery[channel]?.includes(form) ?? false;
}

/** Whether the argument of a municipality command means "all municipalities" (clear the choice). */
export function isAllMunicipalities(arg: string): boolean {
  const a = arg.trim().toLowerCase().replace(/\s+/g, ' ');
  return [...LANGUAGES, 'neutral' as const].some((l) => ALL_MUNICIPALITIES[l].includes(a));
}

/** The language named by a word ("sv", "svenska", "englanniksi"), if any. */
export function parseLanguageName(word: string): Language | undefined {
  const w = word.trim().toLowerCase().replace(/\s+/g, ' ');
  return LANGUAGES.find((l) => LANGUAGE_NAMES[l].includes(w));
}

interface WordSpec {
  entry: CommandEntry;
  language?: Language;
  weak?: Language;
}

/** Every word (and its folded form) -> its command and language. */
const WORDS = new Map<string, WordSpec>();
for (const entry of VOCABULARY) {
  for (const language of LANGUAGES)
    for (const w of entry.words[language]) {
      const spec: WordSpec = entry.weak?.includes(w) ? { entry, weak: language } : { entry, language };
      WORDS.set(w, spec);
      if (!WORDS.has(fold(w))) WORDS.set(fold(w), spec);
    }
  for (const w of entry.neutral ?? []) WORDS.set(w, { entry });
}

/** The command a word names, if any ("kunta", "sprak", "Help"). */
export function lookupWord(word: string): WordSpec | undefined {
  return WORDS.get(word.toLowerCase());
}

/**
 * The command an entry means with this argument (already trimmed; '' for none), as typed in a
 * form on a channel: "kunta kaikki" clears, "kieli sv" switches, "kieli" alone opens the menu.
 */
export function commandWith(
  entry: CommandEntry,
  arg: string,
  where: { channel?: Channel; form: Form },
): ParsedWords {
  switch (entry.kind) {
    case 'help':
      return { command: { kind: 'help' } };
    case 'start':
      return { command: { kind: 'start' } };
    case 'about':
      return { command: { kind: 'about' } };
    case 'forget':
      return { command: { kind: 'forget-me' } };
    case 'new':
      return { command: { kind: 'new-conversation' } };
    case 'remind': {
      // "Routasalmi kohdeavustus": the kinds named, read as the documents' events are.
      const { rest, kinds } = splitGrantKinds(arg);
      const only = kinds.length ? { grantKinds: kinds } : {};
      if (!rest) return { command: { kind: 'remind', ...only } };
      if (isAllMunicipalities(rest)) return { command: { kind: 'remind', municipality: null, ...only } };
      return { command: { kind: 'remind', municipality: rest, ...only }, argument: rest };
    }
    case 'reminders': {
      const cancel = cancelArgument(arg);
      return { command: cancel ? { kind: 'cancel-reminders', ...cancel } : { kind: 'list-reminders' } };
    }
    case 'quicktest':
      return { command: { kind: 'quicktest', action: quicktestAction(arg) ?? 'start' } };
    case 'language': {
      if (!arg) return { command: { kind: 'choose-language' } };
      const language = parseLanguageName(arg);
      // An unknown language name is still a language command: the dialogue explains the options.
      return language
        ? { command: { kind: 'set-language', language } }
        : { command: { kind: 'choose-language' }, argument: arg };
    }
    case 'municipality': {
      if (!arg) {
        const list =
          entry.listAlone?.forms.includes(where.form) ||
          (where.channel !== undefined && entry.listAlone?.channels.includes(where.channel));
        return { command: list ? { kind: 'choose-municipality', page: 0 } : { kind: 'show-municipality' } };
      }
      if (isAllMunicipalities(arg)) return { command: { kind: 'set-municipality', municipality: null } };
      return { command: { kind: 'set-municipality', municipality: arg }, argument: arg };
    }
  }
}

function withLanguage(parsed: ParsedWords, spec: WordSpec): ParsedWords {
  return {
    ...parsed,
    ...(spec.language ? { language: spec.language } : {}),
    ...(spec.weak ? { weakLanguage: spec.weak } : {}),
  };
}

/** "/kunta Iisalmi", "/help@KumppaniBot": a slash word of any command, with its argument. */
export function parseSlash(text: string, channel?: Channel): ParsedWords | undefined {
  const m = /^\/([\p{L}]+)(?:@\S+)?(?:\s+([\s\S]*))?$/u.exec(text.trim());
  if (!m) return undefined;
  const spec = lookupWord(m[1]!);
  if (!spec) return undefined;
  return withLanguage(commandWith(spec.entry, m[2]?.trim() ?? '', { channel, form: 'slash' }), spec);
}

/** A municipality name is a few words and no question ("kunta maksaa avustuksia?" is a question). */
const NAME_LIKE = /^[^?]{1,60}$/;

/**
 * A message that starts with a command word of the `kumppani` or `word` form the channel delivers:
 * "kunta Iisalmi", "kommun alla", "kieli sv", "apua". Commands without an argument must stand
 * alone, a language must be a language's name, and a municipality at most three words, so that a
 * question that starts with one of the words ("kunta myöntää avustuksia?") stays a question.
 */
export function parseWords(
  text: string,
  channel: Channel,
  form: 'kumppani' | 'word',
): ParsedWords | undefined {
  const trimmed = text.trim().replace(/[.!]+$/, '');
  const m = /^(\S+)(?:\s+([\s\S]*))?$/u.exec(trimmed);
  if (!m) return undefined;
  const spec = lookupWord(m[1]!);
  if (!spec || !delivers(spec.entry, channel, form)) return undefined;
  const arg = (m[2] ?? '').trim().replace(/\s+/g, ' ');
  const { entry } = spec;
  if (entry.argument === 'none' && arg) return undefined;
  if (entry.argument === 'quicktest' && !quicktestAction(arg)) return undefined;
  if (entry.argument === 'language' && arg && !parseLanguageName(arg)) return undefined;
  if (entry.argument === 'cancel' && arg && !isCancel(arg)) return undefined;
  // A reminder's municipality may be followed by grant kinds ("Routasalmi yleis- ja kylätaloavustus").
  const words = entry.kind === 'remind' ? 8 : 3;
  if (entry.argument === 'municipality' && arg && !(NAME_LIKE.test(arg) && arg.split(' ').length <= words))
    return undefined;
  return withLanguage(commandWith(entry, arg, { channel, form }), spec);
}

/** Whole-message phrases of every command ("vaihda kunta Iisalmi", "forget me"). */
export function parsePhrase(text: string, channel?: Channel): ParsedWords | undefined {
  const trimmed = text.trim().replace(/[.!?]+$/, '');
  const plain = trimmed.toLowerCase().replace(/\s+/g, ' ');
  for (const entry of VOCABULARY)
    for (const language of LANGUAGES)
      for (const re of entry.phrases[language]) {
        const m = re.exec(plain);
        if (!m) continue;
        const lower = m.length > 1 && entry.argument !== 'none' ? m.at(-1) : undefined;
        const arg = lower ? cleanArgument(trimmed, lower) : '';
        return { ...commandWith(entry, arg, { channel, form: 'phrase' }), language };
      }
  return undefined;
}

/** Recovers the argument in the user's casing from the lower-cased match. */
function cleanArgument(raw: string, lower: string): string {
  const i = raw.toLowerCase().replace(/\s+/g, ' ').lastIndexOf(lower);
  const flat = raw.replace(/\s+/g, ' ');
  return (i >= 0 ? flat.slice(i, i + lower.length) : lower).trim();
}

// --- how a channel shows a command ------------------------------------------------------------------

/** The word of an entry in a language, as the form needs it (Telegram: folded). */
function shownWord(entry: CommandEntry, language: Language, channel: Channel, form: Form): string {
  const word = entry.words[language][0]!;
  if (form === 'slash') return `/${channel === 'telegram' ? fold(word) : word}`;
  if (form === 'kumppani') return `${SLACK_SLASH_COMMAND} ${word}`;
  if (form === 'phrase') return entry.example?.[language] ?? word;
  return word;
}

/** The command as a user types it on the channel, with `arg` after it ("/kunta kaikki"). */
export function usage(
  entry: CommandEntry,
  language: Language,
  channel: Channel,
  form: Form,
  arg = '',
): string {
  return [shownWord(entry, language, channel, form), arg].filter(Boolean).join(' ');
}

/** The placeholder help shows for an entry's argument ("NIMI", "fi|sv|en"). */
function argumentPlaceholder(entry: CommandEntry, language: Language): string {
  if (entry.argument === 'municipality') return t(language, 'dialogue.command.arg.municipality');
  if (entry.argument === 'language') return LANGUAGES.join('|');
  return '';
}

/** Plain words inside a sentence are quoted ("kunta kaikki"); slash commands stand out by themselves. */
function quoted(text: string, form: Form): string {
  return form === 'word' || form === 'phrase' ? `"${text}"` : text;
}

/** The first string of `keys` the tables have. */
function firstString(language: Language, keys: string[], params: Record<string, string>): string {
  for (const key of keys) {
    const s = t(language, key, params);
    if (s !== key) return s;
  }
  return keys.at(-1)!;
}

export interface HelpLine {
  entry: CommandEntry;
  form: Form;
  /** What to type, with the argument's placeholder ("/kunta NIMI"). */
  usage: string;
  /** Complete examples the line names, each of which the channel parses ("/kunta kaikki"). */
  examples: string[];
  text: string;
}

interface HelpLayout {
  intro: string;
  sections: Array<{ form: Form; heading: string }>;
  outro?: string;
}

/** Which forms each channel's help lists, under which heading. Buttons explain themselves. */
const HELP_LAYOUT: Record<Channel, HelpLayout> = {
  web: { intro: 'dialogue.help.intro', sections: [{ form: 'slash', heading: 'dialogue.help.commands' }] },
  cli: { intro: 'dialogue.help.intro', sections: [{ form: 'slash', heading: 'dialogue.help.commands' }] },
  telegram: {
    intro: 'dialogue.help.intro',
    sections: [{ form: 'slash', heading: 'dialogue.help.commands' }],
    outro: 'dialogue.help.group.telegram',
  },
  slack: {
    intro: 'dialogue.help.intro.slack',
    sections: [
      { form: 'kumppani', heading: 'dialogue.help.commands' },
      { form: 'phrase', heading: 'dialogue.help.phrases.slack' },
    ],
  },
  teams: {
    intro: 'dialogue.help.intro',
    sections: [{ form: 'word', heading: 'dialogue.help.commands.teams' }],
    outro: 'dialogue.help.group.teams',
  },
};

/** The help's command lines for a channel: each offered command once, in the first form listed. */
export function helpSections(
  language: Language,
  channel: Channel,
): Array<{ heading: string; lines: HelpLine[] }> {
  const layout = HELP_LAYOUT[channel];
  const listed = new Set<CommandKind>();
  return layout.sections.map(({ form, heading }) => {
    const lines: HelpLine[] = [];
    for (const entry of VOCABULARY) {
      if (entry.offered === false || listed.has(entry.kind) || !delivers(entry, channel, form)) continue;
      listed.add(entry.kind);
      const examples: string[] = [];
      const params: Record<string, string> = {};
      if (entry.argument === 'municipality') {
        examples.push(usage(entry, language, channel, form, ALL_MUNICIPALITIES[language][0]));
        examples.push(usage(entry, language, channel, form));
        params.all = quoted(examples[0]!, form);
        params.alone = quoted(examples[1]!, form);
      }
      if (entry.argument === 'language')
        examples.push(...LANGUAGES.map((l) => usage(entry, language, channel, form, l)));
      if (entry.argument === 'none' || entry.argument === 'quicktest')
        examples.push(usage(entry, language, channel, form));
      if (entry.kind === 'remind') {
        const kind = t(language, 'dialogue.command.example.grantKind');
        const municipality = t(language, 'dialogue.command.example.municipality');
        examples.push(usage(entry, language, channel, form, `${municipality} ${kind}`));
        params.kinds = quoted(examples[2]!, form);
      }
      if (entry.argument === 'cancel') {
        examples.push(usage(entry, language, channel, form));
        examples.push(usage(entry, language, channel, form, CANCEL_WORDS[language][0]));
        examples.push(usage(entry, language, channel, form, `${CANCEL_WORDS[language][0]} 2`));
        params.cancel = quoted(examples[1]!, form);
        params.cancelOne = quoted(examples[2]!, form);
      }
      const alone = commandWith(entry, '', { channel, form }).command.kind;
      const description = firstString(
        language,
        [
          `dialogue.command.${entry.kind}.${channel}`,
          ...(alone === 'choose-municipality' ? [`dialogue.command.${entry.kind}.list`] : []),
          `dialogue.command.${entry.kind}`,
        ],
        params,
      );
      const shown = usage(entry, language, channel, form, argumentPlaceholder(entry, language));
      lines.push({ entry, form, usage: shown, examples, text: `${shown} – ${description}` });
    }
    return { heading: t(language, heading), lines };
  });
}

/** The help of a channel, in a language: what to ask, and the commands the channel delivers. */
export function helpText(language: Language, channel: Channel): string {
  const layout = HELP_LAYOUT[channel];
  const parts = [t(language, layout.intro)];
  for (const section of helpSections(language, channel))
    if (section.lines.length) parts.push(section.heading, ...section.lines.map((l) => l.text));
  if (layout.outro) parts.push(t(language, layout.outro));
  return parts.join('\n');
}

/** How to choose a municipality, and where all commands are, as the channel delivers them. */
export function municipalityHint(language: Language, channel: Channel): string {
  const form = HELP_LAYOUT[channel].sections[0]!.form;
  const municipality = entryOf('municipality');
  const example = t(language, 'dialogue.command.example.municipality');
  return firstString(
    language,
    [`dialogue.smalltalk.municipality.${channel}`, 'dialogue.smalltalk.municipality'],
    {
      usage: quoted(
        usage(municipality, language, channel, form, argumentPlaceholder(municipality, language)),
        form,
      ),
      example: quoted(usage(municipality, language, channel, form, example), form),
      help: quoted(usage(entryOf('help'), language, channel, form), form),
    },
  );
}

/**
 * The command menu a channel registers (Telegram's setMyCommands, the Teams manifest's
 * commandLists): the offered commands it delivers in `form`, with their word in `language`.
 */
export function commandMenu(
  channel: Channel,
  form: Form,
  language: Language,
): Array<{ kind: CommandKind; word: string }> {
  return VOCABULARY.filter((e) => e.offered !== false && delivers(e, channel, form)).map((e) => ({
    kind: e.kind,
    word: shownWord(e, language, channel, form).replace(/^\//, ''),
  }));
}

/**
 * Every name a Telegram bot command of this entry answers to: the folded words, fi, sv and en
 * first (as the menus show them), then the other words.
 */
export function telegramNames(entry: CommandEntry): string[] {
  const words = [
    ...LANGUAGES.map((l) => entry.words[l][0]!),
    ...LANGUAGES.flatMap((l) => entry.words[l].slice(1)),
  ];
  return [...new Set(words.map(fold))].filter((w) => /^[a-z0-9_]{1,32}$/.test(w));
}
