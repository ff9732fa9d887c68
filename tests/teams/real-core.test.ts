/**
 * Teams over the real core: the composition root's assistant (dialogue, sessions in PostgreSQL)
 * behind the real server and botbuilder CloudAdapter, replying to the Bot Connector stub. Teams
 * delivers typed text (and the manifest's command menu, which types the word): the help a Teams
 * user gets names only such words, and each of them does what the help says.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { helpSections, type VocabularyCommand } from '../../src/dialogue/vocabulary.ts';
import { t } from '../../src/kernel/i18n/index.ts';
import type { Language } from '../../src/kernel/types.ts';
import { promises } from '../dialogue/help-promises.ts';
import { corpus } from '../retrieval/fixtures.ts';
import type { ConnectorStub } from './connector-stub.ts';
import { cardText, personalMessage, startTeams } from './chat.ts';

/** A municipality with a public document, so that "kunta Routasalmi" chooses one with documents. */
const routasalmi = {
  doc: {
    source: 'test/routasalmi/ohje.md',
    format: 'md' as const,
    meta: {
      title: 'Routasalmen yhdistysohje',
      municipality: 'Routasalmi',
      audience: 'public' as const,
      language: 'fi' as const,
      topics: [],
    },
    blocks: [{ headings: ['Ohje'], text: 'Routasalmen avustukset haetaan maaliskuussa.' }],
    contentHash: 'test/routasalmi/ohje.md:1',
  },
  chunks: [{ ord: 0, section: 'Ohje', text: 'Routasalmen avustukset haetaan maaliskuussa.' }],
};

let stub: ConnectorStub;
let base: string;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ stub, base, close } = await startTeams(async (s) => {
    for (const f of [...corpus, routasalmi]) await s.writer.put(f.doc, f.chunks);
  }));
});

afterAll(async () => {
  await close?.();
});

/** Sends a personal-chat message as Teams does and returns the text of the card the bot posts. */
async function say(text: string, conversation: string, locale: string): Promise<string> {
  const reply = await personalMessage(base, stub, conversation, locale, { text });
  return cardText(reply.attachments?.[0]?.content);
}

/** The text the dialogue answers a command with, in the language the conversation has then. */
function confirmation(command: VocabularyCommand, language: Language): string {
  switch (command.kind) {
    case 'set-municipality':
      return command.municipality
        ? t(language, 'dialogue.municipality.set', { municipality: command.municipality })
        : t(language, 'dialogue.municipality.cleared');
    case 'show-municipality':
      return t(language, 'dialogue.municipality.none');
    case 'set-language':
      return t(command.language, 'dialogue.language.set');
    case 'about':
      return t(language, 'dialogue.about.header', { count: '' }).split('(')[0]!.trim();
    case 'new-conversation':
      return t(language, 'dialogue.new.done');
    case 'forget-me':
      return t(language, 'dialogue.forget.done', { count: '' })
        .split(/\s\(|\d/)[0]!
        .trim();
    case 'help':
      return t(language, 'dialogue.help.intro');
    // Deadline reminders (issue 16): each answer's fixed words before the first parameter.
    case 'remind':
      return t(language, 'dialogue.remind.done').split('(')[0]!.trim();
    case 'list-reminders':
      return t(language, 'dialogue.reminders.list').split('{')[0]!.trim();
    case 'cancel-reminders':
      // After "peru" cancelled them all, "peru 2" finds no second one.
      return command.number
        ? t(language, 'dialogue.reminders.noSuch').split('{')[0]!.trim()
        : t(language, 'dialogue.reminders.cancelled').split('(')[0]!.trim();
    case 'quicktest':
      return t(language, 'quicktest.progress', { n: 1, total: 13, theme: '' }).split('·')[0]!.trim();
    default:
      throw new Error(`the Teams help promises ${command.kind}`);
  }
}

describe('Teams help over the real core', () => {
  it.each([
    ['fi', 'apua', 'fi-FI'],
    ['sv', 'hjälp', 'sv-FI'],
    ['en', 'help', 'en-US'],
  ] as Array<[Language, string, string]>)(
    'in %s names only words Teams delivers as text, and each does what the help says',
    async (lang, word, locale) => {
      const conversation = `help-${lang}`;
      const help = await say(word, conversation, locale);
      // No slash commands: Teams has no such menu unless the manifest declares them as words.
      expect(help).not.toMatch(/(^|\s)\/\p{L}/u);
      const lines = helpSections(lang, 'teams').flatMap((s) => s.lines);
      expect(lines.map((l) => l.usage.split(' ')[0])).toEqual(
        {
          fi: [
            'kunta',
            'kieli',
            'tietoja',
            'uusi',
            'muistuta',
            'muistutukset',
            'pikatesti',
            'unohda',
            'apua',
          ],
          sv: ['kommun', 'språk', 'om', 'ny', 'påminn', 'påminnelser', 'snabbtest', 'glöm', 'hjälp'],
          en: [
            'municipality',
            'language',
            'about',
            'new',
            'remind',
            'reminders',
            'quicktest',
            'forget',
            'help',
          ],
        }[lang],
      );
      for (const line of lines) expect(help).toContain(line.usage);

      let current = lang;
      for (const [text, command] of lines.flatMap((l) => promises(l, lang))) {
        const reply = await say(text, conversation, locale);
        expect(reply, text).toContain(confirmation(command, current));
        if (command.kind === 'set-language') current = command.language;
        // Forgetting drops the chosen language too: the word's language answers again.
        if (command.kind === 'forget-me') current = lang;
      }
    },
  );

  it('reads "kunta Routasalmi" as the choice and leaves a question that starts with "kunta" a question', async () => {
    const chosen = await say('kunta Routasalmi', 'typed', 'fi-FI');
    expect(chosen).toContain(t('fi', 'dialogue.municipality.set', { municipality: 'Routasalmi' }));
    const question = await say('kunta myöntää avustuksia?', 'typed', 'fi-FI');
    expect(question).not.toContain(t('fi', 'dialogue.municipality.unknown', { name: 'myöntää avustuksia?' }));
  });
});
