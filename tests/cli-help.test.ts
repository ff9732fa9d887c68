/**
 * `kumppani --help` is drawn from the static table in src/cli/main.ts so that it loads no command
 * module; it must read exactly as the help built from the modules themselves.
 */
import { describe, expect, it } from 'vitest';
import { createProgram, modules, registerCommands, summaries } from '../src/cli/main.ts';

describe('kumppani --help', { timeout: 60_000 }, () => {
  it('has a summary for every command module', () => {
    expect(Object.keys(summaries).sort()).toEqual(Object.keys(modules).sort());
  });

  it('lists the commands as the modules describe them, without loading them', async () => {
    const overview = createProgram();
    expect(await registerCommands(overview, ['--help'])).toBe('overview');

    const full = createProgram();
    for (const load of Object.values(modules)) (await load()).register(full);

    expect(overview.helpInformation()).toBe(full.helpInformation());
  });

  it('loads the one command that runs, or that help is asked about', async () => {
    for (const argv of [
      ['ask', 'kysymys'],
      ['help', 'ask'],
    ]) {
      const program = createProgram();
      expect(await registerCommands(program, argv)).toBe('command');
      expect(program.commands.map((c) => c.name())).toEqual(['ask']);
      expect(program.commands[0]!.registeredArguments.map((a) => a.name())).toEqual(['question']);
    }
  });
});
