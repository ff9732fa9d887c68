/**
 * The command vocabulary (src/dialogue/vocabulary.ts): one table of command words, and the help of
 * each channel generated from it. Every command the help of a channel names must come back as the
 * intended command through that channel's own path; the adapters' tests (tests/telegram,
 * tests/slack, tests/teams) send the same help lines through the real bots.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseSlashText } from '../../adapters/slack/turn.ts';
import { SLASH_COMMAND } from '../../adapters/slack/listeners.ts';
import { COMMAND_NAMES } from '../../adapters/telegram/commands.ts';
import { parseCommand } from '../../src/dialogue/commands.ts';
import {
  ALL_MUNICIPALITIES,
  LANGUAGE_NAMES,
  SLACK_SLASH_COMMAND,
  VOCABULARY,
  fold,
  helpSections,
  helpText,
  type CommandKind,
} from '../../src/dialogue/vocabulary.ts';
import { t } from '../../src/kernel/i18n/index.ts';
import { promises } from './help-promises.ts';
import type { Channel } from '../../src/kernel/types.ts';
import { LANGUAGES } from '../../src/kernel/types.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

describe('the vocabulary table', () => {
  it('claims no command word for two commands or two languages, folded forms included', () => {
    const owner = new Map<string, string>();
    for (const entry of VOCABULARY)
      for (const language of LANGUAGES)
        for (const word of entry.words[language])
          for (const form of new Set([word, fold(word)])) {
            const claim = `${entry.kind}/${entry.weak?.includes(word) ? 'weak' : language}`;
            expect(owner.get(form) ?? claim, `"${form}"`).toBe(claim);
            owner.set(form, claim);
          }
    // The folded forms Telegram needs are among them.
    for (const w of ['sprak', 'hjalp', 'glom']) expect(owner.has(w)).toBe(true);
  });

  it('gives every command words in fi, sv and en, and every shown command a description', () => {
    for (const entry of VOCABULARY)
      for (const language of LANGUAGES) {
        expect(entry.words[language].length, `${entry.kind} ${language}`).toBeGreaterThan(0);
        if (entry.offered === false) continue;
        const key = `dialogue.command.${entry.kind}`;
        expect(t(language, key), `${key} ${language}`).not.toBe(key);
      }
  });

  it('names each language and the "all municipalities" words once', () => {
    const names = LANGUAGES.flatMap((l) => LANGUAGE_NAMES[l]);
    expect(new Set(names).size).toBe(names.length);
    const all = [...LANGUAGES.flatMap((l) => ALL_MUNICIPALITIES[l]), ...ALL_MUNICIPALITIES.neutral];
    expect(new Set(all).size).toBe(all.length);
    for (const l of LANGUAGES)
      expect(ALL_MUNICIPALITIES[l][0]).toBe({ fi: 'kaikki', sv: 'alla', en: 'all' }[l]);
  });

  it('is the only list of Telegram command names: folded words, valid for Telegram', () => {
    for (const entry of VOCABULARY) {
      const names = COMMAND_NAMES[entry.kind];
      expect(names.slice(0, 3)).toEqual(LANGUAGES.map((l) => fold(entry.words[l][0]!)));
      for (const n of names) expect(n).toMatch(/^[a-z0-9_]{1,32}$/);
    }
    expect(COMMAND_NAMES.language.slice(0, 3)).toEqual(['kieli', 'sprak', 'language']);
  });

  it('is the only list of command words: no adapter code names one (comments aside)', () => {
    const words = new Set<string>();
    const add = (w: string) => {
      for (const f of [w, fold(w)]) if (f.length >= 4 && !f.includes(' ')) words.add(f);
    };
    for (const entry of VOCABULARY) for (const l of ['fi', 'sv'] as const) entry.words[l].forEach(add);
    for (const l of ['fi', 'sv'] as const) ALL_MUNICIPALITIES[l].forEach(add);
    for (const l of LANGUAGES)
      LANGUAGE_NAMES[l].filter((w) => !/^[a-z ]+$/.test(w) || /i$|ska$/.test(w)).forEach(add);
    expect(words).toContain('hjalp');
    expect(words).toContain('suomi');
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const f of readdirSync(dir)) {
        const p = join(dir, f);
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.(ts|js)$/.test(p)) files.push(p);
      }
    };
    walk(join(ROOT, 'adapters'));
    expect(files.length).toBeGreaterThan(10);
    const found: string[] = [];
    for (const file of files) {
      const code = readFileSync(file, 'utf8')
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/(^|[^:])\/\/.*$/gm, '$1');
      for (const w of words)
        if (new RegExp(`(?<!\\p{L})${w}(?!\\p{L})`, 'iu').test(code))
          found.push(`${relative(ROOT, file)}: ${w}`);
    }
    expect(found).toEqual([]);
  });

  it("knows Slack's slash command as the app registers it", () => {
    expect(SLACK_SLASH_COMMAND).toBe(SLASH_COMMAND);
  });
});

/** What the dialogue makes of a typed text on a channel (web chat, CLI, Teams, Slack DMs). */
const typed = (channel: Channel) => (text: string) => parseCommand(text, channel)?.command;
/** What Slack's `/kumppani` gives the dialogue. */
const slackSlash = (text: string) => parseSlashText(text.slice(`${SLACK_SLASH_COMMAND} `.length)).command;

describe.each(LANGUAGES)('the help in %s', (language) => {
  const cases: Array<[Channel, 'slash' | 'kumppani' | 'word' | 'phrase', (text: string) => unknown]> = [
    ['web', 'slash', typed('web')],
    ['cli', 'slash', typed('cli')],
    ['teams', 'word', typed('teams')],
    ['slack', 'kumppani', slackSlash],
    ['slack', 'phrase', typed('slack')],
  ];

  it.each(cases)('of %s: every %s command it names gives the intended command', (channel, form, parse) => {
    const help = helpText(language, channel);
    const lines = helpSections(language, channel).flatMap((s) => s.lines.filter((l) => l.form === form));
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      expect(help).toContain(line.text);
      for (const [text, command] of promises(line, language)) expect(parse(text), text).toEqual(command);
    }
  });

  it('of each channel lists every offered command the channel delivers as typed text, once', () => {
    const expected: Record<Channel, CommandKind[]> = {
      web: ['municipality', 'language', 'about', 'new', 'quicktest', 'forget', 'help'],
      cli: ['municipality', 'language', 'about', 'new', 'quicktest', 'forget', 'help'],
      // Reminders only where the bot can write first: Telegram, Slack, Teams (issue 16).
      telegram: [
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
      teams: ['municipality', 'language', 'about', 'new', 'remind', 'reminders', 'quicktest', 'forget', 'help'],
      // Slack has no slash word for the rest: they are phrases in a DM or a mention; no "about".
      slack: ['municipality', 'remind', 'reminders', 'quicktest', 'help', 'language', 'new', 'forget'],
    };
    for (const channel of Object.keys(expected) as Channel[]) {
      const kinds = helpSections(language, channel).flatMap((s) => s.lines.map((l) => l.entry.kind));
      expect(kinds, channel).toEqual(expected[channel]);
    }
  });

  it('names in Slack no slash command but /kumppani, and in Teams none at all', () => {
    const slashes = (text: string) => [...text.matchAll(/(?:^|[\s("])(\/\p{L}+)/gu)].map((m) => m[1]);
    expect(new Set(slashes(helpText(language, 'slack')))).toEqual(new Set([SLACK_SLASH_COMMAND]));
    expect(slashes(helpText(language, 'teams'))).toEqual([]);
    // Telegram shows the folded names (/hjalp), never a name Telegram cannot register (/hjälp).
    for (const s of slashes(helpText(language, 'telegram'))) expect(s).toMatch(/^\/[a-z0-9_]+$/);
  });
});

describe('typed commands on Teams', () => {
  it('reads a bare command word and its argument, but leaves questions alone', () => {
    const teams = typed('teams');
    expect(teams('kunta Routasalmi')).toEqual({ kind: 'set-municipality', municipality: 'Routasalmi' });
    expect(teams('Kommun alla')).toEqual({ kind: 'set-municipality', municipality: null });
    expect(teams('apua')).toEqual({ kind: 'help' });
    expect(teams('kieli sv')).toEqual({ kind: 'set-language', language: 'sv' });
    expect(parseCommand('kommun Vassnäs', 'teams')?.language).toBe('sv');
    for (const question of [
      'kunta myöntää avustuksia?',
      'uusi avustushaku',
      'kunta maksaa tilavuokran kokonaan itse',
    ]) {
      expect(teams(question), question).toBeUndefined();
    }
    // Elsewhere a bare word is a question: only Teams' command menu inserts it.
    expect(typed('web')('kunta Routasalmi')).toBeUndefined();
  });
});
