/**
 * bin/kumppani.js runs the compiled build in dist/ when it matches the sources and the sources
 * through tsx otherwise: what a developer notices is that an edit is run at once, and what a user
 * notices is that the build answers as the sources do, only sooner.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildState } from '../../scripts/build-state.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

function run(
  launcher: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [launcher, ...args], { env, timeout: 120_000 }, (err, stdout, stderr) =>
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr }),
    );
  });
}

describe('the launcher chooses between build and sources', () => {
  // A project of its own: the real launcher and staleness check, a one-line main in the sources
  // and another in dist/, so that which one ran shows in the output.
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kumppani-launcher-'));
  const file = (rel: string, text: string): string => {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
    return path.join(root, rel);
  };
  const at = (p: string, ms: number) => fs.utimesSync(p, ms / 1000, ms / 1000);
  const env = { ...process.env, KUMPPANI_LAUNCH: '' };
  const launcher = path.join(root, 'bin/kumppani.js');
  const hourAgo = Date.now() - 3_600_000;
  let source: string;

  beforeAll(() => {
    fs.copyFileSync(path.join(ROOT, 'bin/kumppani.js'), file('bin/kumppani.js', ''));
    fs.copyFileSync(path.join(ROOT, 'scripts/build-state.js'), file('scripts/build-state.js', ''));
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(root, 'node_modules'));
    file('package.json', '{ "type": "module" }\n');
    source = file(
      'src/cli/main.ts',
      "export async function main(): Promise<void> { console.log('sources'); }\n",
    );
    file('dist/src/cli/main.js', "export async function main() { console.log('build'); }\n");
    // Built half an hour ago from the source written an hour ago.
    file(
      'dist/build-stamp.json',
      JSON.stringify({ startedMs: hourAgo + 1_800_000, files: ['src/cli/main.ts'] }),
    );
    at(source, hourAgo);
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('runs the build when no source changed since it was made', async () => {
    expect((await run(launcher, [], env)).stdout.trim()).toBe('build');
  });

  it('runs the sources once a source file is saved after the build', async () => {
    at(source, Date.now());
    try {
      expect((await run(launcher, [], env)).stdout.trim()).toBe('sources');
      const insisted = await run(launcher, [], { ...env, KUMPPANI_LAUNCH: 'build' });
      expect(insisted.code).toBe(78);
      expect(insisted.stderr).toMatch(/a source file changed after the build: run npm run build/);
    } finally {
      at(source, hourAgo);
    }
  });

  it('runs the sources when a file was added since the build, however old its time', async () => {
    const added = file('src/cli/added.ts', 'export {};\n');
    at(added, hourAgo);
    try {
      expect((await run(launcher, [], env)).stdout.trim()).toBe('sources');
    } finally {
      fs.rmSync(added);
    }
    expect((await run(launcher, [], env)).stdout.trim()).toBe('build');
  });

  it('runs the sources when told to, build or not', async () => {
    expect((await run(launcher, [], { ...env, KUMPPANI_LAUNCH: 'sources' })).stdout.trim()).toBe('sources');
    const wrong = await run(launcher, [], { ...env, KUMPPANI_LAUNCH: 'fast' });
    expect(wrong.code).toBe(78);
    expect(wrong.stderr).toMatch(/KUMPPANI_LAUNCH is 'fast'; use 'sources', 'build' or leave it unset/);
  });
});

describe('the built CLI', () => {
  const data = fs.mkdtempSync(path.join(os.tmpdir(), 'kumppani-launcher-data-'));
  const env: NodeJS.ProcessEnv = { ...process.env, KUMPPANI_DATA_DIR: data, LOG_LEVEL: 'silent' };
  delete env.DATABASE_URL;
  delete env.KUMPPANI_KNOWLEDGE_DIR;
  const launcher = path.join(ROOT, 'bin/kumppani.js');

  beforeAll(async () => {
    // `npm ci` has built it (prepare); after an edit in this tree it is rebuilt here, as a
    // developer's `npm run build` would.
    if (!buildState(ROOT).fresh) {
      const built = await run(path.join(ROOT, 'scripts/build.js'), [], env);
      expect(built.stderr).toBe('');
    }
    // One municipality's documents are enough to answer from, and index in a few seconds.
    const ingest = await run(launcher, ['ingest', path.join(ROOT, 'knowledge/demo/routasalmi')], env);
    expect(ingest.code, ingest.stderr).toBe(0);
  }, 240_000);
  afterAll(() => fs.rmSync(data, { recursive: true, force: true }));

  it('answers a question as the sources do', async () => {
    const question = ['ask', 'Saako yhdistys käyttää koulun salia maksutta?', '--municipality', 'Routasalmi'];
    const built = await run(launcher, question, { ...env, KUMPPANI_LAUNCH: 'build' });
    const sources = await run(launcher, question, { ...env, KUMPPANI_LAUNCH: 'sources' });
    expect(built.code, built.stderr).toBe(0);
    expect(sources.code, sources.stderr).toBe(0);
    expect(built.stdout).toContain('maksutonta');
    expect(built.stdout).toBe(sources.stdout);
  });
});
