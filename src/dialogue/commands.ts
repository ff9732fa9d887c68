/**
 * Commands typed as text, in fi/sv/en: slash commands ("/kunta Iisalmi", "/språk sv",
 * "/help@KumppaniBot") and a few plain phrases ("apua", "vaihda kunta", "glöm mig"). The command
 * word also tells which language the user speaks, so "/hjälp" is answered in Swedish.
 */
import type { Channel, Command, Language } from '../kernel/types.ts';

/**
 * Small talk: a whole short message that greets, thanks, or asks what the bot is for. It gets a
 * short answer from the i18n tables, not a search (which found nothing and refused).
 */
export type SmallTalk = 'greeting' | 'thanks' | 'capabilities';

/** What the dialogue handles beyond the shared `Command`s: the language menu and small talk. */
export type DialogueCommand =
  Command | { kind: 'choose-language' } | { kind: 'small-talk'; topic: SmallTalk };

export interface ParsedCommand {
  command: DialogueCommand;
  /** The language of the command word, when it has one ("/kunta" fi, "/kommun" sv). */
  language?: Language;
  /**
   * A weaker hint for words every platform uses whatever the user's language ("/help", "/start"):
   * it counts only when neither the conversation nor the platform locale says otherwise.
   */
  weakLanguage?: Language;
  /** For `set-municipality` typed as text: what the user wrote, still to be resolved. */
  argument?: string;
}

type Kind = 'help' | 'start' | 'municipality' | 'language' | 'forget' | 'about' | 'new';

const SLASH: Record<string, { kind: Kind; language?: Language; weak?: Language }> = {
  apua: { kind: 'help', language: 'fi' },
  ohje: { kind: 'help', language: 'fi' },
  hjälp: { kind: 'help', language: 'sv' },
  help: { kind: 'help', weak: 'en' },
  start: { kind: 'start', weak: 'en' },
  aloita: { kind: 'start', language: 'fi' },
  börja: { kind: 'start', language: 'sv' },
  kunta: { kind: 'municipality', language: 'fi' },
  kunnat: { kind: 'municipality', language: 'fi' },
  kommun: { kind: 'municipality', language: 'sv' },
  kommuner: { kind: 'municipality', language: 'sv' },
  municipality: { kind: 'municipality', language: 'en' },
  municipalities: { kind: 'municipality', language: 'en' },
  kieli: { kind: 'language', language: 'fi' },
  språk: { kind: 'language', language: 'sv' },
  language: { kind: 'language', language: 'en' },
  unohda: { kind: 'forget', language: 'fi' },
  glöm: { kind: 'forget', language: 'sv' },
  forget: { kind: 'forget', language: 'en' },
  tietoja: { kind: 'about', language: 'fi' },
  lähteet: { kind: 'about', language: 'fi' },
  om: { kind: 'about', language: 'sv' },
  källor: { kind: 'about', language: 'sv' },
  about: { kind: 'about', language: 'en' },
  sources: { kind: 'about', language: 'en' },
  uusi: { kind: 'new', language: 'fi' },
  ny: { kind: 'new', language: 'sv' },
  new: { kind: 'new', language: 'en' },
};

/** Whole messages that are commands without a slash. */
const PHRASES: Array<{ re: RegExp; kind: Kind; language: Language }> = [
  { re: /^(apua|ohje|ohjeet)$/, kind: 'help', language: 'fi' },
  { re: /^(hjälp)$/, kind: 'help', language: 'sv' },
  { re: /^(help)$/, kind: 'help', language: 'en' },
  { re: /^(vaihda|valitse|muuta) (kunta|kuntaa|kunnaksi)(?: (.+))?$/, kind: 'municipality', language: 'fi' },
  { re: /^(byt|välj|ändra) (kommun)(?: till)?(?: (.+))?$/, kind: 'municipality', language: 'sv' },
  {
    re: /^(change|choose|select|set) (the )?(municipality)(?: to)?(?: (.+))?$/,
    kind: 'municipality',
    language: 'en',
  },
  { re: /^(vaihda|valitse) (kieli|kieltä)(?: (.+))?$/, kind: 'language', language: 'fi' },
  { re: /^(byt|välj|ändra) (språk)(?: till)?(?: (.+))?$/, kind: 'language', language: 'sv' },
  { re: /^(change|choose|set) (the )?(language)(?: to)?(?: (.+))?$/, kind: 'language', language: 'en' },
  { re: /^(unohda minut|unohda tietoni|poista tietoni)$/, kind: 'forget', language: 'fi' },
  { re: /^(glöm mig|radera mina uppgifter)$/, kind: 'forget', language: 'sv' },
  { re: /^(forget me|delete my data)$/, kind: 'forget', language: 'en' },
  { re: /^(uusi keskustelu|aloita alusta)$/, kind: 'new', language: 'fi' },
  { re: /^(nytt samtal|börja om)$/, kind: 'new', language: 'sv' },
  { re: /^(new conversation|start over)$/, kind: 'new', language: 'en' },
];

/**
 * Whole messages of small talk, after lower-casing, dropping punctuation and emoji and an address
 * to the bot ("hei Kumppani"). Only the whole message counts: "hei, milloin haku päättyy?" is a
 * question.
 */
const SMALL_TALK: Record<Language, Record<SmallTalk, string[]>> = {
  fi: {
    greeting: [
      'hei',
      'heippa',
      'moi',
      'moikka',
      'moro',
      'terve',
      'tervehdys',
      'huomenta',
      'hyvää huomenta',
      'päivää',
      'hyvää päivää',
      'iltaa',
      'hyvää iltaa',
    ],
    thanks: [
      'kiitos',
      'kiitti',
      'kiitoksia',
      'kiitos paljon',
      'paljon kiitoksia',
      'kiitos avusta',
      'kiitos vastauksesta',
      'kiitos tiedosta',
      'kiitos tästä',
    ],
    capabilities: [
      'mitä osaat',
      'mitä sinä osaat',
      'mitä osaat tehdä',
      'mitä voit tehdä',
      'mitä sinulta voi kysyä',
      'mitä sinulta voin kysyä',
      'mihin pystyt',
      'kuka olet',
      'kuka sinä olet',
      'mikä olet',
      'mikä sinä olet',
      'mikä kumppani on',
    ],
  },
  sv: {
    greeting: ['hej', 'hejsan', 'hallå', 'tjena', 'god morgon', 'god dag', 'god kväll', 'goddag'],
    thanks: [
      'tack',
      'tackar',
      'tack så mycket',
      'tusen tack',
      'stort tack',
      'tack för hjälpen',
      'tack för svaret',
    ],
    capabilities: [
      'vad kan du',
      'vad kan du göra',
      'vad kan jag fråga',
      'vad kan jag fråga dig',
      'vem är du',
      'vad är du',
      'vad är kumppani',
    ],
  },
  en: {
    greeting: [
      'hi',
      'hello',
      'hey',
      'hi there',
      'hello there',
      'good morning',
      'good afternoon',
      'good evening',
    ],
    thanks: [
      'thanks',
      'thank you',
      'thanks a lot',
      'thank you very much',
      'many thanks',
      'thx',
      'thanks for the help',
      'thank you for the help',
    ],
    capabilities: [
      'what can you do',
      'what do you do',
      'what can i ask',
      'what can i ask you',
      'who are you',
      'what are you',
      'what is kumppani',
    ],
  },
};

const SMALL_TALK_INDEX = new Map<string, { topic: SmallTalk; language: Language }>();
for (const language of ['fi', 'sv', 'en'] as const)
  for (const topic of ['greeting', 'thanks', 'capabilities'] as const)
    for (const phrase of SMALL_TALK[language][topic]) SMALL_TALK_INDEX.set(phrase, { topic, language });

/** Small talk in a whole message ("hei!", "Tack så mycket 🙏", "What can you do?"), if it is that. */
export function parseSmallTalk(text: string): { topic: SmallTalk; language: Language } | undefined {
  if (text.length > 60) return undefined;
  const plain = text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  // "hei Kumppani", "kiitos kumppani": the bot's own name around the words changes nothing.
  return SMALL_TALK_INDEX.get(plain) ?? SMALL_TALK_INDEX.get(plain.replace(/^kumppani | kumppani$/g, ''));
}

/**
 * The help as a channel can deliver it: Telegram's command names allow only a-z, 0-9 and _, and
 * Slack delivers only the app's own slash command (/kumppani) and plain words in DMs and mentions.
 */
export function helpKey(channel: Channel): string {
  if (channel === 'telegram') return 'dialogue.help.telegram';
  if (channel === 'slack') return 'dialogue.help.slack';
  return 'dialogue.help';
}

/** How to choose a municipality, as the channel delivers it (see `helpKey`). */
export function municipalityHintKey(channel: Channel): string {
  if (channel === 'telegram') return 'dialogue.smalltalk.municipality.telegram';
  if (channel === 'slack') return 'dialogue.smalltalk.municipality.slack';
  return 'dialogue.smalltalk.municipality';
}

/** Words that mean "no municipality: search them all". */
const ALL_WORDS = new Set([
  'kaikki',
  'ei',
  'ei mitään',
  'tyhjennä',
  'alla',
  'ingen',
  'all',
  'none',
  'any',
  'clear',
  '-',
]);

/** Whether the argument of a municipality command means "all municipalities" (clear the choice). */
export function isAllMunicipalities(arg: string): boolean {
  return ALL_WORDS.has(arg.trim().toLowerCase());
}

const LANGUAGE_WORDS: Record<string, Language> = {
  fi: 'fi',
  suomi: 'fi',
  suomeksi: 'fi',
  finska: 'fi',
  'på finska': 'fi',
  finnish: 'fi',
  'in finnish': 'fi',
  sv: 'sv',
  ruotsi: 'sv',
  ruotsiksi: 'sv',
  svenska: 'sv',
  'på svenska': 'sv',
  swedish: 'sv',
  'in swedish': 'sv',
  en: 'en',
  englanti: 'en',
  englanniksi: 'en',
  engelska: 'en',
  'på engelska': 'en',
  english: 'en',
  'in english': 'en',
};

/** The language named by a word ("sv", "svenska", "englanniksi"), if any. */
export function parseLanguageName(word: string): Language | undefined {
  return LANGUAGE_WORDS[word.trim().toLowerCase()];
}

/** Parses a message that is a command; undefined for ordinary questions. */
export function parseCommand(text: string): ParsedCommand | undefined {
  const trimmed = text.trim();
  if (trimmed.startsWith('/')) {
    const m = /^\/([\p{L}]+)(?:@\S+)?(?:\s+([\s\S]*))?$/u.exec(trimmed);
    if (!m) return undefined;
    const spec = SLASH[m[1]!.toLowerCase()];
    if (!spec) return undefined;
    const parsed = build(spec.kind, m[2]?.trim() ?? '', spec.language);
    return spec.weak ? { ...parsed, weakLanguage: spec.weak } : parsed;
  }
  const plain = trimmed
    .toLowerCase()
    .replace(/[.!?]+$/, '')
    .replace(/\s+/g, ' ');
  for (const p of PHRASES) {
    const m = p.re.exec(plain);
    if (!m) continue;
    const lowerArg = m.at(-1);
    const arg = lowerArg ? cleanArgument(trimmed.replace(/[.!?]+$/, ''), lowerArg) : '';
    // "vaihda kunta" with no name opens the list; "/kunta" alone shows the current choice.
    if (p.kind === 'municipality' && !arg)
      return { command: { kind: 'choose-municipality' }, language: p.language };
    return build(p.kind, arg, p.language);
  }
  const small = parseSmallTalk(trimmed);
  if (small) return { command: { kind: 'small-talk', topic: small.topic }, language: small.language };
  return undefined;
}

/** Recovers the argument in the user's casing from the lower-cased match. */
function cleanArgument(raw: string, lower: string): string {
  const i = raw.toLowerCase().lastIndexOf(lower);
  return (i >= 0 ? raw.slice(i, i + lower.length) : lower).trim();
}

function build(kind: Kind, arg: string, language?: Language): ParsedCommand {
  switch (kind) {
    case 'help':
      return { command: { kind: 'help' }, language };
    case 'start':
      return { command: { kind: 'start' }, language };
    case 'about':
      return { command: { kind: 'about' }, language };
    case 'forget':
      return { command: { kind: 'forget-me' }, language };
    case 'new':
      return { command: { kind: 'new-conversation' }, language };
    case 'language': {
      if (!arg) return { command: { kind: 'choose-language' }, language };
      const lang = parseLanguageName(arg);
      // An unknown language name is still a language command: the dialogue explains the options.
      return lang
        ? { command: { kind: 'set-language', language: lang }, language }
        : { command: { kind: 'choose-language' }, language, argument: arg };
    }
    case 'municipality': {
      if (!arg) return { command: { kind: 'show-municipality' }, language };
      if (isAllMunicipalities(arg))
        return { command: { kind: 'set-municipality', municipality: null }, language };
      return { command: { kind: 'set-municipality', municipality: arg }, language, argument: arg };
    }
  }
}
