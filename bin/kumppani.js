#!/usr/bin/env node
// Launcher. It runs the compiled build in dist/ (made by `npm install`/`npm ci` through `prepare`,
// or `npm run build`) when the build matches the sources, and otherwise the TypeScript sources
// through tsx. tsx's hooks cost one to three seconds a start, more than half of a `kumppani ask`;
// the sources stay the fallback so that a developer who edits a file and runs a command gets the
// edit, never an older build (scripts/build-state.js decides, in a few milliseconds).
//
// KUMPPANI_LAUNCH=sources always runs the sources (the tests do, so they test what is in the
// tree); KUMPPANI_LAUNCH=build insists on the build and fails if it is missing or stale.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildState } from '../scripts/build-state.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const launch = process.env.KUMPPANI_LAUNCH ?? '';
if (!['', 'sources', 'build'].includes(launch)) {
  process.stderr.write(
    `kumppani: KUMPPANI_LAUNCH is '${launch}'; use 'sources', 'build' or leave it unset\n`,
  );
  process.exit(78);
}
let entry;
if (launch !== 'sources') {
  const state = buildState(root);
  if (state.fresh) entry = path.join(root, 'dist/src/cli/main.js');
  else if (launch === 'build') {
    process.stderr.write(`kumppani: KUMPPANI_LAUNCH=build, but ${state.reason}: run npm run build\n`);
    process.exit(78);
  }
}
if (!entry) {
  const { register } = await import('tsx/esm/api');
  register();
  entry = path.join(root, 'src/cli/main.ts');
}
const { main } = await import(pathToFileURL(entry).href);
await main(process.argv.slice(2));
