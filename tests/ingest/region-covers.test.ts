/**
 * A region-wide document that names the municipalities it covers answers only for them: a real
 * municipality ingested beside the demo pack is not answered from the fictional region's survey.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingestPaths } from '../../src/ingest/pipeline.ts';
import { useTempIndex } from './temp-index.ts';

const index = useTempIndex('kumppani-covers-');

function write(rel: string, text: string): void {
  const path = join(index.root(), rel);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
}

describe('region-wide documents with `covers`', () => {
  it('are searched for the municipalities they cover, and for questions without one, not for others', async () => {
    write('alue/_meta.yml', 'covers: [Koivula, Pajuniemi]\n');
    write('alue/kysely.md', '# Seudun kuntakysely\n\nSeudun yhdistysilta pidetään lokakuussa kirjastossa.\n');
    write(
      'yleinen/suositus.md',
      '---\nmunicipality: null\n---\n# Valtakunnallinen suositus\n\nYhdistysilta kannattaa pitää kahdesti vuodessa.\n',
    );
    write('koivula/_meta.yml', 'municipality: Koivula\n');
    write('koivula/ohje.md', '# Koivulan ohje\n\nKoivulan avustukset haetaan maaliskuussa.\n');
    write('tuusula/_meta.yml', 'municipality: Tuusula\n');
    write('tuusula/ohje.md', '# Tuusulan ohje\n\nTuusulan avustukset haetaan huhtikuussa.\n');
    const s = index.services();
    const report = await ingestPaths([index.root()], s.writer, {});
    expect(report.failed).toHaveLength(0);
    const titles = async (municipality: string | null) =>
      new Set(
        (
          await s.searcher.search('milloin yhdistysilta pidetään', {
            municipality,
            audience: 'public',
            limit: 10,
          })
        ).map((h) => h.title),
      );
    // Covered: the region's survey is there beside the municipality's own pages.
    expect(await titles('Koivula')).toContain('Seudun kuntakysely');
    // Another region's municipality: not the survey, but still a document that covers everyone.
    const tuusula = await titles('Tuusula');
    expect(tuusula).not.toContain('Seudun kuntakysely');
    expect(tuusula).toContain('Valtakunnallinen suositus');
    // Without a municipality every document counts.
    expect(await titles(null)).toContain('Seudun kuntakysely');
  });
});
