/**
 * Real PDF and DOCX files for the ingestion tests, generated with pdfkit and docx so that the
 * loaders meet the same structures a municipality's own files have.
 */
import {
  AlignmentType,
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
} from 'docx';
import PDFDocument from 'pdfkit';
import { crc32, deflateRawSync } from 'node:zlib';

type PdfItem =
  | { kind: 'title' | 'h1' | 'h2'; text: string }
  /** A paragraph given as its printed lines, so that the test decides where lines break. */
  | { kind: 'p'; lines: string[] }
  | { kind: 'page' };

const SIZES = { title: 20, h1: 15, h2: 12.5, p: 10.5 };

/** A PDF with a running header and footer on every page, headings by font size and page breaks where asked. */
export async function makePdf(
  items: PdfItem[],
  opts: { header?: string; footer?: boolean } = {},
): Promise<Buffer> {
  const doc = new PDFDocument({
    autoFirstPage: false,
    bufferPages: true,
    size: 'A4',
    info: { Title: 'Microsoft Word - avustusohje.docx' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (b: Buffer) => chunks.push(b));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  const header = opts.header ?? 'Esimerkkilän kunta · Avustusohje 2026';
  let page = 0;
  let y = 0;
  const pages: number[] = [];
  const newPage = (): void => {
    doc.addPage();
    page++;
    pages.push(page);
    doc.font('Helvetica').fontSize(9).text(header, 72, 36, { lineBreak: false });
    y = 90;
  };
  newPage();
  for (const item of items) {
    if (item.kind === 'page') {
      newPage();
      continue;
    }
    if (item.kind === 'p') {
      doc.font('Helvetica').fontSize(SIZES.p);
      for (const line of item.lines) {
        doc.text(line, 72, y, { lineBreak: false });
        y += SIZES.p * 1.25;
      }
      y += SIZES.p * 0.9;
      continue;
    }
    y += 6;
    doc.font('Helvetica-Bold').fontSize(SIZES[item.kind]).text(item.text, 72, y, { lineBreak: false });
    y += SIZES[item.kind] * 1.6;
  }
  if (opts.footer !== false) {
    // Footers are written last, on every page, as a word processor does.
    const range = doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      doc.switchToPage(i);
      doc
        .font('Helvetica')
        .fontSize(8)
        .text(`Sivu ${i + 1} / ${range.count}`, 270, 790, { lineBreak: false });
      doc.text('www.esimerkkila.fi/avustukset', 72, 790, { lineBreak: false });
    }
  }
  doc.end();
  return done;
}

/** Creates a PDF protected by a password (pdf.js cannot open it without one). */
export async function makeEncryptedPdf(): Promise<Buffer> {
  const doc = new PDFDocument({ userPassword: 'salainen', ownerPassword: 'omistaja' });
  const chunks: Buffer[] = [];
  doc.on('data', (b: Buffer) => chunks.push(b));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.text('Salainen asiakirja.');
  doc.end();
  return done;
}

/** A Word file with Title, Heading 1 and Heading 2 paragraphs, a list and a table. */
export async function makeDocx(): Promise<Buffer> {
  const p = (text: string) => new Paragraph({ children: [new TextRun(text)] });
  const doc = new Document({
    sections: [
      {
        children: [
          new Paragraph({ text: 'Tilojen käytön periaatteet', heading: HeadingLevel.TITLE }),
          p('Tämä ohje kertoo, miten yhdistykset voivat käyttää Mallilan kunnan tiloja.'),
          new Paragraph({ text: 'Maksuttomat tilat', heading: HeadingLevel.HEADING_1 }),
          p('Koulujen liikuntasalit ovat maksuttomia avoimessa ja voittoa tavoittelemattomassa toiminnassa.'),
          new Paragraph({ text: 'Koulujen salit', heading: HeadingLevel.HEADING_2 }),
          p(
            'Salivuorot haetaan keväällä seuraavalle toimintakaudelle, esim. kirjasto tai nuorisotila käy myös.',
          ),
          new Paragraph({
            text: 'Kokoustila Kamari on varattavissa arkisin klo 8–21.',
            bullet: { level: 0 },
          }),
          new Paragraph({ text: 'Nuorisotila Pesä on varattavissa viikonloppuisin.', bullet: { level: 0 } }),
          new Paragraph({ text: 'Maksulliset tilat', heading: HeadingLevel.HEADING_1 }),
          new Table({
            rows: [
              new TableRow({
                children: [
                  new TableCell({ children: [p('Tila')] }),
                  new TableCell({ children: [p('Hinta')] }),
                ],
              }),
              new TableRow({
                children: [
                  new TableCell({ children: [p('Juhlasali')] }),
                  new TableCell({ children: [p('25 € / tunti')] }),
                ],
              }),
            ],
          }),
          new Paragraph({ text: 'Varaaminen', heading: HeadingLevel.HEADING_2 }),
          new Paragraph({
            alignment: AlignmentType.LEFT,
            children: [
              new TextRun(
                'Tilat varataan Timmi-järjestelmästä. Lisätietoja antaa tilasihteeri Pekka Puuhaaja, puh. 044 765 4321.',
              ),
            ],
          }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

/**
 * A .docx zip bomb: a valid Word package whose document.xml is `inflatedMb` MB of one repeated
 * letter, so that the file is a few hundred KB and declares (truthfully) hundreds of MB unpacked.
 * Written by hand with zlib because jszip would take seconds to deflate that much.
 */
export function makeDocxBomb(inflatedMb: number): Buffer {
  const w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
  const head = Buffer.from(`<?xml version="1.0"?><w:document ${w}><w:body><w:p><w:r><w:t>`);
  const tail = Buffer.from('</w:t></w:r></w:p></w:body></w:document>');
  const body = Buffer.concat([head, Buffer.alloc(inflatedMb * 1024 * 1024, 'a'), tail]);
  return zipOf([
    [
      '[Content_Types].xml',
      Buffer.from(
        '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
          '<Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
          '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
      ),
    ],
    [
      '_rels/.rels',
      Buffer.from(
        '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
          '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
      ),
    ],
    ['word/document.xml', body],
  ]);
}

/** A zip archive (deflated entries, no zip64) from name/content pairs. */
function zipOf(entries: Array<[string, Buffer]>): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, data] of entries) {
    const packed = deflateRawSync(data, { level: 1 });
    const crc = crc32(data);
    const fileName = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(fileName.length, 26);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(8, 10);
    dir.writeUInt32LE(crc, 16);
    dir.writeUInt32LE(packed.length, 20);
    dir.writeUInt32LE(data.length, 24);
    dir.writeUInt16LE(fileName.length, 28);
    dir.writeUInt32LE(offset, 42);
    locals.push(local, fileName, packed);
    central.push(dir, fileName);
    offset += local.length + fileName.length + packed.length;
  }
  const centralSize = central.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...central, end]);
}
