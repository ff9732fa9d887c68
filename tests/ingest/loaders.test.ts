import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { chunkBlocks } from '../../src/ingest/chunker.ts';
import { loadDocx } from '../../src/ingest/loaders/docx.ts';
import { loadHtml } from '../../src/ingest/loaders/html.ts';
import { loadMarkdown } from '../../src/ingest/loaders/markdown.ts';
import { loadPdf } from '../../src/ingest/loaders/pdf.ts';
import { loadText } from '../../src/ingest/loaders/text.ts';
import type { Block } from '../../src/ingest/types.ts';
import { makeDocx, makeEncryptedPdf, makePdf } from './make-fixtures.ts';

const fixture = (name: string): Buffer => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
const ctx = { source: 'test' };
const allText = (blocks: Block[]): string => blocks.map((b) => b.text).join('\n');
const sectionOf = (blocks: Block[], needle: string): string[] | undefined =>
  blocks.find((b) => b.text.includes(needle))?.headings;

/** A three-page grant rule: title, numbered headings by font size, running header and footer, a paragraph over a page break. */
const grantRulePdf = (): Promise<Buffer> =>
  makePdf([
    { kind: 'title', text: 'Esimerkkilän avustusohje 2026' },
    { kind: 'p', lines: ['Tässä ohjeessa kerrotaan Esimerkkilän kunnan avustuksista yhdistyksille.'] },
    { kind: 'h1', text: '1. Toiminta-avustus' },
    {
      kind: 'p',
      lines: [
        'Toiminta-avustusta voi hakea rekisteröity yhdistys. Hakemukseen liitetään edellisen vuoden avustus-',
        'hakemuksen käyttöselvitys sekä toiminta-',
        'avustuksen tilinpäätös. Avustusta myönnetään esim. kirjasto- ja',
        'kulttuuritoimintaan.',
      ],
    },
    { kind: 'page' },
    { kind: 'h1', text: '2. Kohdeavustus' },
    { kind: 'h2', text: '2.1 Hakuaika' },
    { kind: 'p', lines: ['Kohdeavustuksen hakuaika päättyy 31.3.2026 klo 16.00.'] },
    {
      kind: 'p',
      lines: ['Hakemus jätetään sähköisesti ja siihen liitetään talousarvio, toimintasuunnitelma ja'],
    },
    { kind: 'page' },
    { kind: 'p', lines: ['yhdistyksen viimeisin vuosikertomus.'] },
    { kind: 'h1', text: '3. Yhteystiedot' },
    { kind: 'p', lines: ['Lisätietoja antaa vapaa-aikasihteeri Maija Mallikas, puh. 040 123 4567.'] },
  ]);

describe('PDF loader', () => {
  it('keeps page numbers, builds sections from font sizes and drops running headers and footers', async () => {
    const { blocks, title } = await loadPdf(await grantRulePdf(), ctx);
    expect(title).toBe('Esimerkkilän avustusohje 2026');
    const text = allText(blocks);
    expect(text).not.toContain('Avustusohje 2026'); // the running header "Esimerkkilän kunta · Avustusohje 2026"
    expect(text).not.toMatch(/Sivu \d/);
    expect(text).not.toContain('www.esimerkkila.fi/avustukset');

    expect(sectionOf(blocks, 'Toiminta-avustusta voi hakea')).toEqual([
      'Esimerkkilän avustusohje 2026',
      '1. Toiminta-avustus',
    ]);
    expect(sectionOf(blocks, 'hakuaika päättyy')).toEqual([
      'Esimerkkilän avustusohje 2026',
      '2. Kohdeavustus',
      '2.1 Hakuaika',
    ]);
    const contact = blocks.find((b) => b.text.includes('Maija Mallikas'))!;
    expect(contact.page).toBe(3);
    expect(contact.headings.at(-1)).toBe('3. Yhteystiedot');
    expect(blocks.find((b) => b.text.includes('hakuaika päättyy'))!.page).toBe(2);
  });

  it('joins words hyphenated at a line end but keeps real hyphens', async () => {
    const { blocks } = await loadPdf(await grantRulePdf(), ctx);
    const text = allText(blocks);
    expect(text).toContain('edellisen vuoden avustushakemuksen käyttöselvitys');
    expect(text).toContain('toiminta-avustuksen tilinpäätös');
    expect(text).toContain('esim. kirjasto- ja kulttuuritoimintaan.');
    // The paragraph cut by the page break is one paragraph, cited from the page it starts on.
    const joined = blocks.find((b) => b.text.includes('viimeisin vuosikertomus'))!;
    expect(joined.text).toBe(
      'Hakemus jätetään sähköisesti ja siihen liitetään talousarvio, toimintasuunnitelma ja yhdistyksen viimeisin vuosikertomus.',
    );
    expect(joined.page).toBe(2);
  });

  it('rejects a damaged, a fake and a password-protected PDF with a clear reason', async () => {
    const good = await grantRulePdf();
    const truncated = good.subarray(0, 400);
    await expect(loadPdf(truncated, ctx)).rejects.toThrow(/^not a readable PDF: /);
    await expect(loadPdf(Buffer.from('hello, I am not a pdf'), ctx)).rejects.toThrow(
      /not a readable PDF: .*%PDF/,
    );
    await expect(loadPdf(await makeEncryptedPdf(), ctx)).rejects.toThrow(
      /not a readable PDF: it is password-protected/,
    );
  });
});

describe('DOCX loader', () => {
  it('turns Word headings into the section path and keeps lists and tables readable', async () => {
    const { blocks, title } = await loadDocx(await makeDocx(), ctx);
    expect(title).toBe('Tilojen käytön periaatteet');
    expect(sectionOf(blocks, 'liikuntasalit ovat maksuttomia')).toEqual(['Maksuttomat tilat']);
    expect(sectionOf(blocks, 'Salivuorot haetaan')).toEqual(['Maksuttomat tilat', 'Koulujen salit']);
    expect(sectionOf(blocks, 'Timmi-järjestelmästä')).toEqual(['Maksulliset tilat', 'Varaaminen']);
    expect(allText(blocks)).toContain(
      '- Kokoustila Kamari on varattavissa arkisin klo 8–21.\n- Nuorisotila Pesä',
    );
    expect(allText(blocks)).toContain('Tila | Hinta\nJuhlasali | 25 € / tunti');
  });

  it('rejects a file that is not a Word document', async () => {
    await expect(loadDocx(Buffer.from('PK\u0003\u0004 this is not a zip'), ctx)).rejects.toThrow(
      /^not a readable DOCX: /,
    );
  });
});

describe('HTML loader', () => {
  it('removes navigation, sidebars, cookie notices, share buttons, feedback and comment forms', () => {
    const { blocks, title } = loadHtml(fixture('avustukset.html'), ctx);
    expect(title).toBe('Yhdistysavustukset');
    const text = allText(blocks);
    for (const furniture of [
      'Siirry sisältöön',
      'evästeitä',
      'Etusivu',
      'Asuminen ja ympäristö',
      'Tällä sivulla',
      'Liikunta-avustukset',
      'Jaa Facebookissa',
      'Oliko tästä sivusta apua',
      'Kommentit',
      'Matti kirjoitti',
      'Kirjoita kommentti',
      'Saavutettavuusseloste',
      'SCRIPTTEXT',
      'Piilotettu teksti',
      'Kaupungintie 1',
    ]) {
      expect(text).not.toContain(furniture);
    }
    expect(text).toContain('Testilän kaupunki tukee yhdistyksiä');
  });

  it('builds sections from h1-h6 and keeps line breaks, lists and tables as lines', () => {
    const { blocks } = loadHtml(fixture('avustukset.html'), ctx);
    expect(sectionOf(blocks, 'Hakuaika päättyy')).toEqual([
      'Yhdistysavustukset',
      'Toiminta-avustus',
      'Hakuaika',
    ]);
    expect(blocks.find((b) => b.text.includes('Hakuaika päättyy'))!.text).toBe(
      'Hakuaika päättyy 31.3.2026 klo 16.00.\nMyöhästyneitä hakemuksia ei käsitellä.',
    );
    expect(blocks.find((b) => b.text.includes('toimintasuunnitelma'))!.text).toBe(
      '- toimintasuunnitelma\n- talousarvio\n  - kuluarvio eriteltynä',
    );
    expect(blocks.find((b) => b.text.includes('5 000'))!.text).toBe(
      'Avustus | Enintään\nToiminta-avustus | 2 000 €\nKohdeavustus | 5 000 €',
    );
  });

  it('prefers <main> and reads the charset the page declares', () => {
    const page =
      '<html><head><meta charset="iso-8859-1"><title>Tilat</title></head><body><nav>Valikko</nav>' +
      '<div class="intro">Sivun ulkopuolinen teksti</div><main><h1>Tilat</h1><p>Sali on maksuton yhdistyksille.</p></main></body></html>';
    const { blocks, title } = loadHtml(Buffer.from(page, 'latin1'), ctx);
    expect(title).toBe('Tilat');
    expect(blocks).toEqual([{ headings: ['Tilat'], text: 'Sali on maksuton yhdistyksille.' }]);
  });
});

describe('Markdown loader', () => {
  it('reads front matter and builds sections from # headings, tables and lists as lines', () => {
    const { blocks, title, frontMatter } = loadMarkdown(fixture('ohje.md').toString('utf8'), ctx);
    expect(title).toBe('Järjestöyhteistyön ohje');
    expect(frontMatter).toMatchObject({
      title: 'Testilän järjestöyhteistyön ohje',
      municipality: 'Testilä',
      date: '1.3.2026',
    });
    expect(sectionOf(blocks, 'Maija Mallikas')).toEqual(['Järjestöyhteistyön ohje', 'Yhteyshenkilö']);
    const text = allText(blocks);
    expect(text).toContain('Tila | Hinta\nKokoushuone | maksuton\nJuhlasali | 25 €/h');
    expect(text).toContain('Tilat varataan Timmi-järjestelmästä verkossa.');
    expect(text).toContain('- Avaimet noudetaan infosta.\n- Siivous sisältyy hintaan.');
    expect(text).not.toContain('**');
    expect(text).not.toContain('municipality');
  });

  it('reports broken front matter', () => {
    expect(() => loadMarkdown('---\ntitle: [rikki\n---\n# Otsikko\n', { source: 'x.md' })).toThrow(
      /front matter in x\.md/,
    );
  });
});

describe('text loader', () => {
  it('finds numbered, capitalised and short standalone headings', () => {
    const { blocks, title } = loadText(fixture('muistio.txt').toString('utf8'), ctx);
    expect(title).toBe('YHDISTYSILTA 12.10.2026');
    expect(sectionOf(blocks, 'Avustushaku on auki')).toEqual(['1. Avustukset']);
    // A numbered title right above its text, with no blank line between.
    expect(sectionOf(blocks, 'Koulujen salit')).toEqual(['2. Tilat']);
    expect(sectionOf(blocks, 'Pekka Puuhaaja')?.at(-1)).toBe('Yhteystiedot');
    // Hard-wrapped prose is one paragraph; labelled lines stay lines.
    expect(allText(blocks)).toContain('Hakemukseen liitetään toimintasuunnitelma ja talousarvio.');
    expect(blocks[0]!.text).toBe('Aika: ti 12.10.2026 klo 18.00\nPaikka: Kunnantalo, valtuustosali');
  });

  it('keeps a signature of short lines as text instead of letting them replace each other as headings', () => {
    const page = [
      'Yhteistyö on osa hyvinvointisopimusta',
      '',
      'Kunnat sitoutuivat hyvinvointisopimukseen vuonna 2019, ja järjestöt ovat siinä mukana.',
      '',
      'Projektipäällikkö Helena Liimatainen',
      '',
      'Järjestörakenne-hanke',
      '',
      'Sosiaali- ja terveysturvayhdistys ry',
      '',
      'ihimiset.fi/hanke',
    ].join('\n');
    const { blocks, title } = loadText(page, ctx);
    expect(title).toBe('Yhteistyö on osa hyvinvointisopimusta');
    expect(allText(blocks)).toContain('Projektipäällikkö Helena Liimatainen');
    expect(allText(blocks)).toContain('Järjestörakenne-hanke');
    // The last of the run still heads the line below it.
    expect(sectionOf(blocks, 'ihimiset.fi/hanke')).toEqual(['Sosiaali- ja terveysturvayhdistys ry']);
  });

  it("drops a saved page's chrome: breadcrumb, language links and share buttons", () => {
    const page = [
      'fi | sv | eng',
      '',
      'Etusivu / Vapaa-aika / Tilat ja vuokraus',
      '',
      'Tilavaraukset',
      '',
      'Tilavaraukset: liikuntasihteeri Mikko Rantanen, puh. 040 133 5566',
      '',
      'Jaa sivu',
      'Facebook Twitter LinkedIn',
      '',
      'Sivu päivitetty 12.1.2027',
    ].join('\n');
    const text = allText(loadText(page, ctx).blocks);
    expect(text).toContain('Mikko Rantanen');
    expect(text).toContain('Sivu päivitetty 12.1.2027');
    for (const chrome of ['fi | sv', 'Etusivu', 'Jaa sivu', 'Facebook']) expect(text).not.toContain(chrome);
  });

  it('reads old Windows-1252 text files', async () => {
    const { decodeText } = await import('../../src/ingest/loaders/text.ts');
    expect(decodeText(Buffer.from('Hyvinvointikertomus ja yhdistysten tilat', 'latin1'))).toContain(
      'yhdistysten',
    );
    expect(decodeText(Buffer.from([0x4b, 0xe4, 0x79, 0x74, 0xf6]))).toBe('Käytö');
  });
});

describe('loaders and chunker together', () => {
  it('produce chunks that end at a sentence end or the end of a block', async () => {
    const sources: Block[][] = [
      (await loadPdf(await grantRulePdf(), ctx)).blocks,
      (await loadDocx(await makeDocx(), ctx)).blocks,
      loadHtml(fixture('avustukset.html'), ctx).blocks,
      loadMarkdown(fixture('ohje.md').toString('utf8'), ctx).blocks,
      loadText(fixture('muistio.txt').toString('utf8'), ctx).blocks,
    ];
    for (const blocks of sources) {
      const blockEnds = new Set(blocks.map((b) => b.text.split('\n').at(-1)!.trim()));
      for (const chunk of chunkBlocks(blocks, { maxChars: 120, minChars: 60 })) {
        const lastLine = chunk.text.split('\n').at(-1)!;
        const endsBlock = [...blockEnds].some((end) => end.endsWith(lastLine) || lastLine.endsWith(end));
        expect(/[.!?:)]$/.test(chunk.text) || endsBlock, chunk.text).toBe(true);
      }
    }
  });
});
