/**
 * The bot's slash commands, their Swedish and English aliases (Telegram allows only a-z, 0-9 and _
 * in command names, hence /sprak, /hjalp, /glom), and the command menu shown per user language.
 * The help the core sends to Telegram (`dialogue.help.telegram`) lists exactly these names.
 */
import type { Api } from 'grammy';
import type { BotCommand, LanguageCode } from 'grammy/types';
import { t } from './strings.ts';
import type { Language } from '../../src/kernel/types.ts';
import { LANGUAGES } from '../../src/kernel/types.ts';
import type { Logger } from '../../src/kernel/log.ts';

/** Every command name the bot answers to, in fi, sv, en order. */
export const COMMAND_NAMES = {
  start: ['start'],
  municipality: ['kunta', 'kommun', 'municipality'],
  language: ['kieli', 'sprak', 'language'],
  help: ['apua', 'hjalp', 'help'],
  forget: ['unohda', 'glom', 'forget'],
  about: ['tietoja', 'om', 'about'],
  new: ['uusi', 'ny', 'new'],
} as const;

type MenuEntry = keyof typeof COMMAND_NAMES;
const MENU: MenuEntry[] = ['municipality', 'language', 'about', 'new', 'help', 'forget'];
const INDEX: Record<Language, number> = { fi: 0, sv: 1, en: 2 };

/** The command menu in one language: that language's command names with its descriptions. */
export function commandMenu(language: Language): BotCommand[] {
  return MENU.map((entry) => {
    const names: readonly string[] = COMMAND_NAMES[entry];
    return {
      command: names[INDEX[language]] ?? names[0]!,
      description: t(language, `telegram.cmd.${entry}`),
    };
  });
}

/** Words accepted after /kieli (/sprak, /language) to pick a language without the buttons. */
const LANGUAGE_WORDS: Record<Language, string[]> = {
  fi: ['fi', 'suomi', 'suomeksi', 'finska', 'finnish'],
  sv: ['sv', 'svenska', 'ruotsi', 'ruotsiksi', 'swedish', 'på svenska'],
  en: ['en', 'english', 'englanti', 'englanniksi', 'engelska', 'in english'],
};

export function parseLanguageArg(arg: string): Language | undefined {
  const a = arg.trim().toLowerCase();
  return LANGUAGES.find((l) => LANGUAGE_WORDS[l].includes(a));
}

/**
 * Registers the command menu for fi, sv and en users, and Finnish for everyone else (users write
 * Finnish first). A failure only costs the menu, so it is logged, not thrown.
 */
export async function registerCommandMenu(api: Api, logger: Logger): Promise<void> {
  const calls: Array<[Language, LanguageCode | undefined]> = [
    ['fi', undefined],
    ...LANGUAGES.map((l): [Language, LanguageCode] => [l, l]),
  ];
  for (const [language, code] of calls) {
    try {
      await api.setMyCommands(commandMenu(language), code ? { language_code: code } : {});
    } catch (err) {
      logger.warn(
        { languageCode: code ?? 'default', err: err instanceof Error ? err.message : String(err) },
        'telegram: could not register the command menu; commands still work when typed',
      );
    }
  }
}
