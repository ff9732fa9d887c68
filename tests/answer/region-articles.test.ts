/**
 * Region-wide articles as an NGO support project publishes them, saved as text: the region is named
 * in one passage, while the fact asked for sits in another that never repeats it. Fictional text.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indexPages, type PagesIndex } from '../helpers/pages-index.ts';

const ARTICLE = `Järjestöt ja kunnat yhteistyössä

Ihmisten hyvinvointi syntyy arjessa ja lähiyhteisöissä. Yhdistykset tarjoavat kunnissa avointa kerhotoimintaa ja vertaistukea, joka tuottaa kustannussäästöjä.

Tavoitteet Satakunnan kunnissa

Satakunnan Järjestöverkko-hankkeen tavoitteena on saada aikaan pysyvät yhteistyörakenteet kunnan ja yhdistysten välille.
`;

/** Another region's article with the same words, so that the region decides. */
const OTHER_REGION = `Yhdistykset Kainuussa

Kainuun järjestökyselyn mukaan yhdistykset tarjoavat kunnissa ennen kaikkea liikuntaa ja retkiä.
`;

let pages: PagesIndex;

beforeAll(async () => {
  pages = await indexPages({
    'satakunta-jarjestot-ja-kunnat.txt': ARTICLE,
    'kainuu-yhdistykset.txt': OTHER_REGION,
  });
});
afterAll(() => pages.close());

const ask = (text: string) => pages.services.answerer.ask(text, { audience: 'public' });

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
