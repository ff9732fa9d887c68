import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { normaliseDate } from '../../src/ingest/metadata.ts';
import { ingestPaths } from '../../src/ingest/pipeline.ts';
import { FakeWriter } from './fake-writer.ts';

let root: string;
const write = (path: string, content: string): void => {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), content);
};

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'kumppani-meta-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('document metadata', () => {
  it('takes front matter over the sidecar over the nearest folder _meta.yml over folders above', async () => {
    write(
      'docs/_meta.yml',
      'municipality: Alueen kunta\naudience: staff\ntopics: [alue]\nurl: https://alue.example.fi/\n',
    );
    write('docs/testila/_meta.yml', 'municipality: Testilä\naudience: public\n');
    write(
      'docs/testila/ohje.md',
      '---\nmunicipality: Etusivula\ntitle: Ohje etusivulta\n---\n# Ohje\n\nAvustuksia haetaan keväällä.\n',
    );
    write(
      'docs/testila/ohje.md.meta.yml',
      'municipality: Sivula\ndate: 2025-03-01\ntitle: Ohje sivutiedostosta\n',
    );
    write('docs/testila/tilat.txt', 'Tilat\n\nSali on maksuton yhdistyksille ja seuroille.\n');
    write(
      'docs/testila/tilat.meta.yml',
      'title: Tilojen käyttö\ndate: 1.3.2025\ntopics: tilat, maksuton käyttö\n',
    );
    write('docs/testila/seutu/_meta.yml', 'municipality: ""\n');
    write(
      'docs/testila/seutu/suositus.md',
      '# Suositus\n\nKunnat nimeävät yhdyshenkilön, ja se on hyvä asia.\n',
    );

    const writer = new FakeWriter();
    const summary = await ingestPaths(['docs'], writer, { cwd: root });
    expect(summary.failed).toEqual([]);

    expect(writer.meta('docs/testila/ohje.md')).toMatchObject({
      title: 'Ohje etusivulta', // front matter beats the sidecar
      municipality: 'Etusivula',
      date: '2025-03-01', // from the sidecar
      audience: 'public', // the nearest folder beats the one above
      topics: ['alue'], // inherited from the top folder
      url: 'https://alue.example.fi/',
    });
    expect(writer.meta('docs/testila/tilat.txt')).toMatchObject({
      title: 'Tilojen käyttö',
      municipality: 'Testilä',
      date: '2025-03-01', // Finnish 1.3.2025 normalised
      topics: ['tilat', 'maksuton käyttö'],
    });
    // An empty municipality below a municipality's folder marks a region-wide document.
    expect(writer.meta('docs/testila/seutu/suositus.md').municipality).toBeUndefined();
  });

  it("takes a bilingual municipality's Swedish name from the folder's _meta.yml", async () => {
    write('kaisla/_meta.yml', 'municipality: Kaislaniemi\nmunicipality_sv: Vassnäs\n');
    write('kaisla/ohje.md', '# Ohje\n\nYhdistys voi hakea avustusta kunnalta.\n');
    const writer = new FakeWriter();
    await ingestPaths(['.'], writer, { cwd: root });
    expect(writer.meta('kaisla/ohje.md')).toMatchObject({
      municipality: 'Kaislaniemi',
      municipalitySv: 'Vassnäs',
    });
  });

  it('detects the language when the metadata does not give it, and defaults audience to public', async () => {
    write(
      'sv/anvisning.md',
      '# Anvisningar\n\nFöreningen kan söka bidrag för verksamheten. Ansökan ska lämnas in senast i april och den ska innehålla en budget.\n',
    );
    write(
      'fi/ohje.txt',
      'Yhdistys voi hakea toiminta-avustusta. Hakemus jätetään huhtikuun loppuun mennessä ja siihen liitetään talousarvio.\n',
    );
    write(
      'en/guide.html',
      '<html><body><main><h1>Guide</h1><p>The association can apply for a grant. The application must be sent in April and it must include a budget.</p></main></body></html>',
    );
    write(
      'fi/ruotsiksi.md',
      '---\nlanguage: sv\n---\nTämä teksti on suomea, mutta metatieto sanoo toisin.\n',
    );
    const writer = new FakeWriter();
    await ingestPaths(['.'], writer, { cwd: root });
    expect(writer.meta('sv/anvisning.md').language).toBe('sv');
    expect(writer.meta('fi/ohje.txt').language).toBe('fi');
    expect(writer.meta('en/guide.html').language).toBe('en');
    expect(writer.meta('fi/ruotsiksi.md').language).toBe('sv');
    expect(writer.meta('fi/ohje.txt').audience).toBe('public');
  });

  it('falls back to the first top-level heading, then to the file name, for the title', async () => {
    write('a/avustukset.md', '# Avustusohje 2026\n\n## Hakuaika\n\nHakuaika päättyy maaliskuussa.\n');
    write('a/kylatalot_ja-tilat.txt', 'Kylätalot ovat yhdistysten käytössä iltaisin ja viikonloppuisin.\n');
    const writer = new FakeWriter();
    await ingestPaths(['a'], writer, { cwd: root });
    expect(writer.meta('a/avustukset.md').title).toBe('Avustusohje 2026');
    expect(writer.meta('a/kylatalot_ja-tilat.txt').title).toBe('Kylatalot ja tilat');
    // The title is not repeated as the first part of every section path.
    expect(writer.docs.get('a/avustukset.md')!.chunks[0]!.section).toBe('Hakuaika');
  });

  it('names the file and the field when a value is wrong, and the other files go on', async () => {
    write('b/ok.md', '# Hyvä\n\nTämä tiedosto on kunnossa.\n');
    write('b/paiva.txt', 'Teksti on kunnossa.\n');
    write('b/paiva.meta.yml', 'date: 31.13.2025\n');
    write('b/yleiso.md', '---\naudience: kaikki\n---\nTeksti on kunnossa.\n');
    write('b/kansio/_meta.yml', 'title: Kansion otsikko\n');
    write('b/kansio/x.md', 'Teksti on kunnossa.\n');
    write('b/rikki/_meta.yml', 'municipality: [Testilä\n');
    write('b/rikki/y.md', 'Teksti on kunnossa.\n');
    const writer = new FakeWriter();
    const summary = await ingestPaths(['b'], writer, { cwd: root });
    const reasons = Object.fromEntries(summary.failed.map((f) => [f.file, f.reason]));
    expect(reasons['b/paiva.txt']).toMatch(
      /^b\/paiva\.meta\.yml: field "date" must be a date like 2025-03-01 or 1\.3\.2025 \(got "31\.13\.2025"\)/,
    );
    expect(reasons['b/yleiso.md']).toMatch(/^b\/yleiso\.md: field "audience" must be public or staff/);
    expect(reasons['b/kansio/x.md']).toMatch(/^b\/kansio\/_meta\.yml: field "title" belongs to one document/);
    expect(reasons['b/rikki/y.md']).toMatch(/^b\/rikki\/_meta\.yml: invalid YAML/);
    expect(summary.added).toBe(1);
    expect([...writer.docs.keys()]).toEqual(['b/ok.md']);
  });
});

describe('normaliseDate', () => {
  it('accepts ISO and Finnish dates and rejects impossible ones', () => {
    expect(normaliseDate('2025-03-01')).toBe('2025-03-01');
    expect(normaliseDate('1.3.2025')).toBe('2025-03-01');
    expect(normaliseDate('01.03.2025')).toBe('2025-03-01');
    expect(normaliseDate('29.2.2025')).toBeUndefined();
    expect(normaliseDate('maaliskuu 2025')).toBeUndefined();
  });
});
