/**
 * Commands typed as text, in fi/sv/en: slash commands ("/kunta Iisalmi", "/språk sv",
 * "/help@KumppaniBot"), a few plain phrases ("apua", "vaihda kunta", "glöm mig"), and small talk.
 * The words come from the vocabulary (`vocabulary.ts`); the command word also tells which language
 * the user speaks, so "/hjälp" is answered in Swedish.
 */
import type { Channel, Command, Language } from '../kernel/types.ts';
import { parsePhrase, parseSlash, parseWords, type ParsedWords } from './vocabulary.ts';

export { isAllMunicipalities, parseLanguageName } from './vocabulary.ts';

/**
 * Small talk: a whole short message that greets, thanks, or asks what the bot is for. It gets a
 * short answer from the i18n tables, not a search (which found nothing and refused).
 */
export type SmallTalk = 'greeting' | 'thanks' | 'capabilities';

/** What the dialogue handles beyond the shared `Command`s: the language menu and small talk. */
export type DialogueCommand =
  Command | { kind: 'choose-language' } | { kind: 'small-talk'; topic: SmallTalk };

export interface ParsedCommand extends Omit<ParsedWords, 'command'> {
  command: DialogueCommand;
}

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
 * Parses a message that is a command; undefined for ordinary questions. Slash words ("/kunta
 * Iisalmi") and phrases ("vaihda kunta Iisalmi") are understood on every channel; a bare word
 * ("kunta Iisalmi") only where the channel delivers it so (Teams, see `VOCABULARY`).
 */
export function parseCommand(text: string, channel?: Channel): ParsedCommand | undefined {
  const trimmed = text.trim();
  if (trimmed.startsWith('/')) return parseSlash(trimmed, channel);
  const words = channel ? parseWords(trimmed, channel, 'word') : undefined;
  if (words) return words;
  const phrase = parsePhrase(trimmed, channel);
  if (phrase) return phrase;
  const small = parseSmallTalk(trimmed);
  if (small) return { command: { kind: 'small-talk', topic: small.topic }, language: small.language };
  return undefined;
}
