/**
 * `.env` in the working directory is read at start, as `.env.example` tells a newcomer to do:
 * its values count, a real environment variable beats the file, and a malformed file stops the
 * start with a message naming the line.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, loadEnvFile } from '../src/config.ts';

const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../bin/kumppani.js');
let dir: string;

function writeEnv(text: string): string {
  const file = path.join(dir, '.env');
  fs.writeFileSync(file, text);
  return file;
}

/** Runs the CLI in `dir` with only the given environment besides PATH and HOME. */
function cli(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: dir,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, stderr: result.stderr, stdout: result.stdout };
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kumppani-dotenv-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('loadEnvFile', () => {
  it('sets what the file says, and leaves variables that are already set alone', () => {
    const file = writeEnv(
      '# a comment\nLOG_LEVEL=debug\nexport PORT=4000\nKUMPPANI_ACCESSIBILITY_PROVIDER="Routasalmen kaupunki"\n',
    );
    const env: NodeJS.ProcessEnv = { PORT: '5000' };
    expect(loadEnvFile(file, env).sort()).toEqual(['KUMPPANI_ACCESSIBILITY_PROVIDER', 'LOG_LEVEL']);
    const config = loadConfig(env);
    expect(config.logLevel).toBe('debug');
    expect(config.port).toBe(5000);
    expect(config.accessibility.provider).toBe('Routasalmen kaupunki');
  });

  it('keeps a quoted value over several lines', () => {
    const file = writeEnv('KUMPPANI_ACCESSIBILITY_ISSUES="Yksi asia.\nToinen asia."\nLOG_LEVEL=warn\n');
    const env: NodeJS.ProcessEnv = {};
    loadEnvFile(file, env);
    expect(env.KUMPPANI_ACCESSIBILITY_ISSUES).toBe('Yksi asia.\nToinen asia.');
    expect(env.LOG_LEVEL).toBe('warn');
  });

  it('is nothing when there is no file', () => {
    expect(loadEnvFile(path.join(dir, 'missing.env'), {})).toEqual([]);
  });

  it('names the line of a malformed file', () => {
    const file = writeEnv('LOG_LEVEL=info\nthis is not a setting\n');
    expect(() => loadEnvFile(file, {})).toThrow(ConfigError);
    expect(() => loadEnvFile(file, {})).toThrow(/\.env line 2: not NAME=value/);
  });
});

describe('the kumppani command', { timeout: 90_000 }, () => {
  it("reads .env from the directory it runs in, and the environment's value wins", () => {
    writeEnv('LOG_LEVEL=loud\n');
    const fromFile = cli(['municipalities']);
    expect(fromFile.status).toBe(78);
    expect(fromFile.stderr).toMatch(/LOG_LEVEL: .*"loud"/);

    writeEnv('LOG_LEVEL=silent\nPORT=not-a-port\n');
    const overridden = cli(['municipalities'], { PORT: 'also-not-a-port' });
    expect(overridden.status).toBe(78);
    expect(overridden.stderr).toContain('(got "also-not-a-port")');
    expect(overridden.stderr).not.toContain('(got "not-a-port")');
  });

  it('stops on a malformed .env and says which line to fix', () => {
    writeEnv('LOG_LEVEL=info\n\nPORT 3978\n');
    const result = cli(['municipalities']);
    expect(result.status).toBe(78);
    expect(result.stderr).toContain('.env line 3: not NAME=value');
  });
});
