/** A temp folder and an in-memory index (one PGlite per test file: it takes seconds to start). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { createServices, type Services } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { silentLogger } from '../../src/kernel/log.ts';

export function useTempIndex(prefix: string): { root: () => string; services: () => Services } {
  let root: string | undefined;
  let services: Services | undefined;
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), prefix));
    services = await createServices(
      loadConfig({ KUMPPANI_DATA_DIR: 'memory', KUMPPANI_AUTO_INGEST: 'true' }),
      {
        logger: silentLogger,
      },
    );
  });
  afterAll(async () => {
    await services?.close();
    if (root) rmSync(root, { recursive: true, force: true });
  });
  return {
    root: () => root ?? '',
    services: () => {
      if (!services) throw new Error('useTempIndex: the index is made in beforeAll; use it inside a test');
      return services;
    },
  };
}
