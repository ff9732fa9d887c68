/**
 * Where the project's files are, for code that runs both from its TypeScript sources (tsx, vitest)
 * and from the compiled build in `dist/` (bin/kumppani.js prefers the build: it starts faster).
 * A path computed relative to a module would point into `dist/` there, where tsc emits no
 * migrations, prompts, thesaurus or web assets; so files that are not code are found from the
 * project root, which is the same for both.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

/** The folder holding Kumppani's package.json: the first one up from this module that is ours. */
export function projectRoot(): string {
  if (root) return root;
  const here = path.dirname(fileURLToPath(import.meta.url));
  for (let dir = here; ; dir = path.dirname(dir)) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string };
      if (pkg.name === 'kumppani') return (root = dir);
    } catch {
      // No package.json here (or not JSON): look further up.
    }
    if (path.dirname(dir) === dir)
      throw new Error(
        `no package.json named "kumppani" in ${here} or any folder above it: run Kumppani from its installed folder (bin/kumppani.js)`,
      );
  }
}

/** A path under the project root (`fromRoot('prompts')`, `fromRoot('src/store/migrations')`). */
export function fromRoot(...parts: string[]): string {
  return path.join(projectRoot(), ...parts);
}

/**
 * A sibling code module of `moduleUrl` (a worker's entry), named as in the sources: from the
 * build it is the emitted `.js`, since tsc rewrites import specifiers but not URLs built at run time.
 */
export function siblingModule(name: string, moduleUrl: string): URL {
  const ext = moduleUrl.endsWith('.js') ? '.js' : '.ts';
  return new URL(name.replace(/\.ts$/, ext), moduleUrl);
}
