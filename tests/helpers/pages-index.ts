/**
 * An in-memory index of pages written to a temporary folder and ingested as `kumppani ingest`
 * would, for answer tests over documents of their own. Call `close` in afterAll.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { createServices, type Services } from '../../src/app.ts';
import { ingestPaths } from '../../src/ingest/pipeline.ts';
import { silentLogger } from '../../src/kernel/log.ts';
import { testConfig } from '../dialogue/helpers.ts';

export interface PagesIndex {
  services: Services;
  dir: string;
  close(): Promise<void>;
}

export async function indexPages(files: Record<string, string>): Promise<PagesIndex> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kumppani-pages-'));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  const services = await createServices(testConfig({ KUMPPANI_AUTO_INGEST: 'false' }), {
    logger: silentLogger,
  });
  const summary = await ingestPaths([dir], services.writer, { cwd: dir });
  expect(summary.failed).toEqual([]);
  return {
    services,
    dir,
    close: async () => {
      await services.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
