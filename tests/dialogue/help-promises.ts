/**
 * What a line of a channel's help promises, read from the line's own text: each complete command
 * it names ("/kunta Routasalmi", "/kunta kaikki", "/kieli sv") and the command that must reach the
 * dialogue for it. Shared by the vocabulary's test and the channels' tests, which send the same
 * texts through the real bots.
 */
import { expect } from 'vitest';
import type { CommandKind, HelpLine, VocabularyCommand } from '../../src/dialogue/vocabulary.ts';
import { t } from '../../src/kernel/i18n/index.ts';
import type { Command, Language } from '../../src/kernel/types.ts';
import { LANGUAGES } from '../../src/kernel/types.ts';

/** What a help line promises: each complete example and the command it must give. */
export function promises(line: HelpLine, language: Language): Array<[string, VocabularyCommand]> {
  const name = t(language, 'dialogue.command.arg.municipality');
  const simple: Record<
    Exclude<CommandKind, 'municipality' | 'language' | 'remind' | 'reminders'>,
    Command
  > = {
    help: { kind: 'help' },
    start: { kind: 'start' },
    about: { kind: 'about' },
    new: { kind: 'new-conversation' },
    forget: { kind: 'forget-me' },
    quicktest: { kind: 'quicktest', action: 'start' },
  };
  switch (line.entry.kind) {
    case 'municipality': {
      // "(/kunta kaikki poistaa valinnan, pelkkä /kunta näyttää kuntalistan)"
      const [all, alone] = line.examples;
      const lists = { fi: /näyttää kuntalistan/, sv: /visar kommunlistan/, en: /shows the list/ }[
        language
      ].test(line.text);
      expect(line.text).toContain(all!);
      expect(line.text).toContain(alone!);
      return [
        [line.usage.replace(name, 'Routasalmi'), { kind: 'set-municipality', municipality: 'Routasalmi' }],
        [all!, { kind: 'set-municipality', municipality: null }],
        [alone!, lists ? { kind: 'choose-municipality', page: 0 } : { kind: 'show-municipality' }],
      ];
    }
    case 'remind': {
      // "/muistuta NIMI – … (/muistuta kaikki kaikista kunnista, pelkkä /muistuta valitusta kunnasta,
      // /muistuta Routasalmi kohdeavustus vain sen avustuslajin)"
      const [all, alone, kinds] = line.examples;
      for (const e of [all, alone, kinds]) expect(line.text).toContain(e!);
      const municipality = t(language, 'dialogue.command.example.municipality');
      const kind = t(language, 'dialogue.command.example.grantKind');
      return [
        [line.usage.replace(name, 'Routasalmi'), { kind: 'remind', municipality: 'Routasalmi' }],
        [all!, { kind: 'remind', municipality: null }],
        [alone!, { kind: 'remind' }],
        // The example's municipality may be one a test index lacks: sent with Routasalmi's name.
        [
          kinds!.replace(municipality, 'Routasalmi'),
          { kind: 'remind', municipality: 'Routasalmi', grantKinds: [kind] },
        ],
      ];
    }
    case 'reminders': {
      const [alone, cancel, cancelOne] = line.examples;
      expect(line.text).toContain(cancel!);
      expect(line.text).toContain(cancelOne!);
      return [
        [alone!, { kind: 'list-reminders' }],
        [cancel!, { kind: 'cancel-reminders' }],
        [cancelOne!, { kind: 'cancel-reminders', number: 2 }],
      ];
    }
    case 'language':
      return LANGUAGES.map((l) => [line.usage.replace('fi|sv|en', l), { kind: 'set-language', language: l }]);
    default:
      return [[line.usage, simple[line.entry.kind]]];
  }
}
