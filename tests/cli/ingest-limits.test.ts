/**
 * `kumppani ingest` applies the configured bounds (KUMPPANI_INGEST_*), not only the defaults.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { runKumppani } from '../helpers/serve-process.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kumppani-limits-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

it('refuses a file over KUMPPANI_INGEST_MAX_FILE_MB with a failure line', { timeout: 120_000 }, async () => {
  fs.writeFileSync(path.join(tmp, 'iso.pdf'), Buffer.alloc(2 * 1024 * 1024));
  const r = await runKumppani(
    ['ingest', 'iso.pdf'],
    { KUMPPANI_DATA_DIR: 'memory', KUMPPANI_INGEST_MAX_FILE_MB: '1' },
    tmp,
  );
  expect(r.stderr).toMatch(/^failed: iso\.pdf: the file is 2 MB, over the 1 MB limit/m);
  expect(r.code).toBe(1);
});
