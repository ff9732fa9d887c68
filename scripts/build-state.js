/**
 * Whether dist/ (the compiled build, `npm run build`) still matches the TypeScript sources.
 * bin/kumppani.js asks this at every start, so it must stay cheap: a walk of the source folders
 * and one stat per file, a few milliseconds; no hashing.
 *
 * The build records when it started and which .ts files it compiled. The build is stale when any
 * source file is newer than that (an edit, a `git pull`, a branch switch: git writes files with the
 * current time), or when the set of files differs (a file added, deleted or renamed; a rename keeps
 * the file's mtime). A stale build is not used: a developer who edits a file and runs the command
 * again gets the new code, only slower, until the next `npm run build`.
 */
import fs from 'node:fs';
import path from 'node:path';

/** The folders tsconfig.build.json compiles. */
export const SOURCE_DIRS = ['src', 'adapters', 'bench'];
export const STAMP = 'dist/build-stamp.json';

/** The .ts files under the source folders (relative, sorted) and the newest one's mtime. */
export function scanSources(root) {
  const files = [];
  let newestMs = 0;
  const walk = (rel) => {
    let entries;
    try {
      entries = fs.readdirSync(path.join(root, rel), { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const child = `${rel}/${e.name}`;
      if (e.isDirectory()) walk(child);
      else if (e.name.endsWith('.ts')) {
        files.push(child);
        newestMs = Math.max(newestMs, fs.statSync(path.join(root, child)).mtimeMs);
      }
    }
  };
  for (const dir of SOURCE_DIRS) walk(dir);
  return { files: files.sort(), newestMs };
}

/**
 * `{ fresh: true }` when dist/ can be run in place of the sources, else why not (for the message
 * of `KUMPPANI_LAUNCH=build`).
 */
export function buildState(root) {
  let stamp;
  try {
    stamp = JSON.parse(fs.readFileSync(path.join(root, STAMP), 'utf8'));
  } catch {
    return { fresh: false, reason: 'there is no build (dist/build-stamp.json is missing)' };
  }
  const { files, newestMs } = scanSources(root);
  if (newestMs >= stamp.startedMs) return { fresh: false, reason: 'a source file changed after the build' };
  if (files.join('\n') !== (stamp.files ?? []).join('\n'))
    return { fresh: false, reason: 'source files were added, removed or renamed since the build' };
  return { fresh: true };
}
