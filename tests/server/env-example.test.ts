/**
 * `.env.example` documents every variable `src/config.ts` reads, each with a comment, and its
 * values form a valid configuration as they stand.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const example = fs.readFileSync(path.join(ROOT, '.env.example'), 'utf8');
const configSource = fs.readFileSync(path.join(ROOT, 'src/config.ts'), 'utf8');

function schemaVariables(): string[] {
  const block = /const schema = z\.object\(\{([\s\S]*?)\n\}\);/.exec(configSource)?.[1] ?? '';
  return [...block.matchAll(/^\s{2}([A-Za-z_][A-Za-z0-9_]*):/gm)].map((m) => m[1]!);
}

function exampleEntries(): Array<{ name: string; value: string }> {
  return [...example.matchAll(/^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/gm)].map((m) => ({
    name: m[1]!,
    value: m[2]!,
  }));
}

describe('.env.example', () => {
  it('lists every variable of src/config.ts, and nothing else', () => {
    const variables = schemaVariables();
    expect(variables.length).toBeGreaterThan(40);
    expect(
      exampleEntries()
        .map((e) => e.name)
        .sort(),
    ).toEqual([...variables].sort());
  });

  it('explains each variable in a comment above it (or above its group)', () => {
    const lines = example.split('\n');
    for (const name of schemaVariables()) {
      const at = lines.findIndex((l) => l.startsWith(`${name}=`));
      // Walk up over sibling variables of the same group to the nearest comment.
      let i = at - 1;
      while (i >= 0 && /^[A-Za-z_]+=/.test(lines[i]!)) i--;
      expect(lines[i], `${name} needs a comment`).toMatch(/^# \S/);
    }
  });

  it('is a valid configuration as it stands', () => {
    const env = Object.fromEntries(exampleEntries().map((e) => [e.name, e.value]));
    expect(() => loadConfig(env)).not.toThrow();
    expect(loadConfig(env).port).toBe(3978);
  });
});
