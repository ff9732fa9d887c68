import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERRORS, KumppaniError, shownValue } from '../../src/kernel/errors.ts';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { DataDirLockedError } from '../../src/store/lock.ts';
import { SlackTokenError } from '../../adapters/slack/index.ts';

function sources(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) sources(p, out);
    else if (e.name.endsWith('.ts')) out.push(p);
  }
  return out;
}

describe('the error table', () => {
  const code = [...sources('src'), ...sources('adapters')].map((f) => readFileSync(f, 'utf8')).join('\n');

  it('has a row for every error class the code throws, and no row nobody uses', () => {
    const classes = [...code.matchAll(/class (\w+) extends (\w+)/g)].filter(([, , base]) => base === 'Error');
    // Only private helpers that never leave their module may extend Error directly.
    expect(classes.map(([, name]) => name)).toEqual(['KumppaniError', 'HealthTimeoutError']);
    const used = new Set([...code.matchAll(/super\(\s*'(KUMPPANI_\w+)'/g)].map((m) => m[1]));
    expect([...used].sort()).toEqual(Object.keys(ERRORS).sort());
  });

  it('gives each error its code, what to do, and the platform code apart from the prose', () => {
    const e = new SlackTokenError('SLACK_BOT_TOKEN', 'invalid_auth');
    expect(e).toBeInstanceOf(KumppaniError);
    expect(e.code).toBe('KUMPPANI_SLACK_TOKEN');
    expect(e.platformCode).toBe('invalid_auth');
    expect(e.name).toBe('SlackTokenError');
    expect(e.todo).toMatch(/api\.slack\.com/);
    const locked = new DataDirLockedError(
      '/srv/data',
      { pid: 1, host: 'h', startedAt: '', nonce: 'n' } as never,
      '/srv/data/.lock',
    );
    expect(locked.code).toBe('KUMPPANI_DATA_DIR_LOCKED');
  });

  it('never shows a secret variable’s value in a configuration error', () => {
    expect(shownValue('TELEGRAM_BOT_TOKEN', '123:abc')).toBe('(set, not shown)');
    expect(shownValue('DATABASE_URL', 'postgres://u:pw@h/db')).toBe('(set, not shown)');
    expect(shownValue('KUMPPANI_PORT', 'x')).toBe('"x"');
    try {
      loadConfig({ PORT: 'eighty', SLACK_SIGNING_SECRET: 's3cr3t-value' });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as ConfigError).message).toMatch(/PORT/);
      expect((err as ConfigError).message).not.toMatch(/s3cr3t-value/);
    }
  });
});
