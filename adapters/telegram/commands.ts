/**
 * The bot's slash commands and the command menu shown per user language, both from the dialogue's
 * vocabulary (Telegram allows only a-z, 0-9 and _ in command names, hence /sprak, /hjalp, /glom).
 * The help the core sends to Telegram is generated from the same table.
 */
import type { Api } from 'grammy';
import type { BotCommand, LanguageCode } from 'grammy/types';
import { t } from './strings.ts';
import type { Language } from '../../src/kernel/types.ts';
import { LANGUAGES } from '../../src/kernel/types.ts';
import {
  commandMenu as vocabularyMenu,
  delivers,
  telegramNames,
  VOCABULARY,
  type CommandKind,
} from '../../src/dialogue/vocabulary.ts';
import type { Logger } from '../../src/kernel/log.ts';

/**
 * Every command name the bot answers to, per command: the vocabulary's words folded to a-z
 * (fi, sv, en first, as the menus show them, then the other words: /kunnat, /ohje…).
 */
export const COMMAND_NAMES = Object.fromEntries(
  VOCABULARY.map((e) => [e.kind, delivers(e, 'telegram', 'slash') ? telegramNames(e) : []]),
) as Record<CommandKind, string[]>;

/** The command menu in one language: that language's command names with their descriptions. */
export function commandMenu(language: Language): BotCommand[] {
  return vocabularyMenu('telegram', 'slash', language).map(({ kind, word }) => ({
    command: word,
    description: t(language, `telegram.cmd.${kind}`),
  }));
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
