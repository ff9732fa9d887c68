/**
 * The import graph is plain (issue 15): kernel at the bottom, store and retrieval above it, the
 * answer layer and ingestion above them, the dialogue above those, the channel kit and adapters
 * above the dialogue, and the composition root (app, server, CLI, evaluation) on top, imported
 * by nothing below it. ESLint keeps SDKs and drivers out of the lower layers; this keeps the
 * folders themselves in order.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

type Layer =
  | 'kernel'
  | 'config'
  | 'store'
  | 'retrieval'
  | 'answer'
  | 'ingest'
  | 'dialogue'
  | 'channels'
  | 'adapters'
  | 'root';

/** What each layer may import besides itself. The root may import anything. */
const ALLOWED: Record<Exclude<Layer, 'root'>, Layer[]> = {
  kernel: [],
  config: ['kernel'],
  store: ['kernel', 'config'],
  retrieval: ['kernel', 'config', 'store'],
  answer: ['kernel', 'config', 'store', 'retrieval'],
  ingest: ['kernel', 'config', 'store', 'retrieval'],
  // The dialogue reaches storage only through the kernel's ports, never src/store.
  dialogue: ['kernel', 'config', 'answer'],
  channels: ['kernel', 'config', 'dialogue'],
  adapters: ['kernel', 'config', 'dialogue', 'channels'],
};

function layerOf(file: string): Layer | undefined {
  const r = relative(ROOT, file);
  if (r.startsWith('adapters/')) return 'adapters';
  if (r === 'src/config.ts') return 'config';
  if (r === 'src/app.ts') return 'root';
  const folder = /^src\/([^/]+)\//.exec(r)?.[1];
  if (!folder) return undefined;
  if (['server', 'cli', 'eval'].includes(folder)) return 'root';
  return folder in ALLOWED ? (folder as Layer) : undefined;
}

function sources(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) sources(p, out);
    else if (e.name.endsWith('.ts') && !e.name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

/** Every relative import (static, dynamic, re-export) that crosses layers against the table. */
export function violations(files: Array<{ file: string; text: string }>): string[] {
  const found: string[] = [];
  for (const { file, text } of files) {
    const from = layerOf(file);
    if (!from) continue;
    for (const m of text.matchAll(/(?:from|import\()\s*'(\.{1,2}\/[^']+)'/g)) {
      const target = resolve(dirname(file), m[1]!);
      const to = layerOf(target);
      if (!to || to === from) continue;
      if (from === 'root') continue;
      if (!ALLOWED[from].includes(to))
        found.push(`${relative(ROOT, file)} (${from}) imports ${relative(ROOT, target)} (${to})`);
    }
  }
  return found;
}

describe('the import graph', () => {
  const files = [...sources(join(ROOT, 'src')), ...sources(join(ROOT, 'adapters'))].map((file) => ({
    file,
    text: readFileSync(file, 'utf8'),
  }));

  it('has every source file in a layer', () => {
    expect(files.filter((f) => !layerOf(f.file)).map((f) => relative(ROOT, f.file))).toEqual([]);
  });

  it('imports only downwards: kernel < store, retrieval < answer, ingest < dialogue < channels < adapters < root', () => {
    expect(violations(files)).toEqual([]);
  });

  it('gives channels typed options: no adapter or kit file reads environment variables', () => {
    const readers = files
      .filter((f) => /^(adapters|src\/channels)\//.test(relative(ROOT, f.file)))
      .filter((f) => /process\.env|config\.env\b|\benv\.[A-Z]/.test(f.text))
      .map((f) => relative(ROOT, f.file));
    expect(readers).toEqual([]);
  });

  it('reports an upward import, such as the dialogue reaching into src/store', () => {
    const file = join(ROOT, 'src/dialogue/example.ts');
    expect(violations([{ file, text: "import { loadSession } from '../store/sessions.ts';" }])).toEqual([
      'src/dialogue/example.ts (dialogue) imports src/store/sessions.ts (store)',
    ]);
    expect(
      violations([{ file: join(ROOT, 'src/kernel/x.ts'), text: "await import('../app.ts');" }]),
    ).toHaveLength(1);
  });
});
