/**
 * Region-wide articles as an NGO support project publishes them, saved as text: the region is named
 * in one passage, while the fact asked for sits in another that never repeats it. Fictional text.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../src/app.ts';
import { ingestPaths } from '../../src/ingest/pipeline.ts';
import { silentLogger } from '../../src/kernel/log.ts';
import { testConfig } from '../dialogue/helpers.ts';

const ARTICLE = `Järjestöt ja kunnat yhteistyössä

Ihmisten hyvinvointi syntyy arjessa ja lähiyhteisöissä. Yhdistykset tarjoavat kunnissa avointa kerhotoimintaa ja vertaistukea, joka tuottaa kustannussäästöjä.

Tavoitteet Satakunnan kunnissa

Satakunnan Järjestöverkko-hankkeen tavoitteena on saada aikaan pysyvät yhteistyörakenteet kunnan ja yhdistysten välille.
`;

/** Another region's article with the same words, so that the region decides. */
const OTHER_REGION = `Yhdistykset Kainuussa

Kainuun järjestökyselyn mukaan yhdistykset tarjoavat kunnissa ennen kaikkea liikuntaa ja retkiä.
`;

let services: Services;
let dir: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kumppani-regions-'));
  fs.writeFileSync(path.join(dir, 'satakunta-jarjestot-ja-kunnat.txt'), ARTICLE);
  fs.writeFileSync(path.join(dir, 'kainuu-yhdistykset.txt'), OTHER_REGION);
  services = await createServices(testConfig({ KUMPPANI_AUTO_INGEST: 'false' }), { logger: silentLogger });
  const summary = await ingestPaths([dir], services.writer, { cwd: dir });
  expect(summary.failed).toEqual([]);
});
afterAll(async () => {
  await services.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const ask = (text: string) => services.answerer.ask(text, { audience: 'public' });

describe('a region-wide article that names its region in one passage', () => {
  it('answers about that region from a passage that does not repeat its name', async () => {
    const r = await ask('Millaista toimintaa yhdistykset tarjoavat Satakunnassa?');
    expect(r.answered).toBe(true);
    expect(r.text).toContain('avointa kerhotoimintaa ja vertaistukea');
    expect(r.text).not.toContain('liikuntaa ja retkiä');
  });

  it('still answers about the other region from its own article', async () => {
    const r = await ask('Millaista toimintaa yhdistykset tarjoavat Kainuussa?');
    expect(r.text).toContain('liikuntaa ja retkiä');
    expect(r.text).not.toContain('kerhotoimintaa');
  });
});
