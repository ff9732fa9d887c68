#!/usr/bin/env node
/**
 * `npm run build` (also run by `npm install` and `npm ci` as `prepare`): compiles the sources to
 * dist/ so that bin/kumppani.js starts without tsx, whose hooks cost one to three seconds a start.
 * Type errors are the type-check's business (`npm run typecheck`), so this only emits (--noCheck):
 * a few seconds instead of half a minute.
 *
 * Without TypeScript (`npm ci --omit=dev`) there is nothing to build with: the CLI runs the sources
 * through tsx as before, and this says so instead of failing the install.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { scanSources, STAMP } from './build-state.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
let tsc;
try {
  tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
} catch {
  process.stderr.write(
    'kumppani build: TypeScript is not installed (npm ci --omit=dev?), so there is no dist/; the CLI runs the sources through tsx, which starts slower. To build: npm ci, then npm prune --omit=dev.\n',
  );
  process.exit(0);
}

// Taken before compiling: a file saved while tsc runs is newer than the build and makes it stale.
const { files } = scanSources(root);
const startedMs = Date.now();
// The stamp goes first: a build that fails half way must not leave a stamp saying it is fresh.
fs.rmSync(path.join(root, STAMP), { force: true });
// A file deleted from the sources must not live on in dist/.
fs.rmSync(path.join(root, 'dist'), { recursive: true, force: true });
const result = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--noCheck'], {
  cwd: root,
  stdio: 'inherit',
});
if (result.status !== 0) {
  process.stderr.write(
    `kumppani build: tsc failed (exit ${result.status ?? result.signal}); dist/ is not used until a build succeeds (the CLI runs the sources meanwhile)\n`,
  );
  process.exit(1);
}
fs.writeFileSync(path.join(root, STAMP), `${JSON.stringify({ startedMs, files })}\n`);
// The shipped thesaurus as JSON (src/retrieval/thesaurus.ts): the first start need not parse the
// YAML, also where the installation is read-only to the user who runs it.
try {
  const { loadThesaurus } = await import(
    pathToFileURL(path.join(root, 'dist/src/retrieval/thesaurus.js')).href
  );
  loadThesaurus();
} catch (err) {
  // The build is good without it; a broken thesaurus is reported where it is used, at start.
  process.stderr.write(`kumppani build: the thesaurus was not cached: ${err.message}\n`);
}
