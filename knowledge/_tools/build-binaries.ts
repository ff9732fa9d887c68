/**
 * Builds the demo pack's binary documents (a PDF and a DOCX of grant rules) from the Markdown-like
 * sources in `knowledge/_sources/`. The outputs are committed, so the bot never needs this script;
 * run it only after editing a source:
 *
 *   npx tsx knowledge/_tools/build-binaries.ts
 *
 * Source format (one block per line group): `# title`, `## section`, `### subsection`,
 * `- bullet`, `1. numbered item`, anything else is a paragraph (consecutive lines are joined).
 * Esittelyaineisto / demo data: everything produced here is fictional.
 */
import { createWriteStream, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import PDFDocument from 'pdfkit';
import {
  AlignmentType,
  Document,
  Footer,
  Header,
  HeadingLevel,
  LevelFormat,
  Packer,
  PageNumber,
  Paragraph,
  TextRun,
} from 'docx';

/** One block of a source document. */
export type SourceBlock =
  | { kind: 'title' | 'h1' | 'h2' | 'para'; text: string }
  | { kind: 'bullet' | 'numbered'; text: string; number?: number };

const here = dirname(fileURLToPath(import.meta.url));
const knowledge = join(here, '..');

/** Parses the small Markdown subset the sources use; anything richer is a mistake in the source. */
export function parseSource(text: string): SourceBlock[] {
  const blocks: SourceBlock[] = [];
  let para: string[] = [];
  const flush = (): void => {
    if (para.length) blocks.push({ kind: 'para', text: para.join(' ') });
    para = [];
  };
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    let m: RegExpMatchArray | null;
    if (!line) flush();
    else if ((m = line.match(/^(#{1,3})\s+(.*)$/))) {
      flush();
      const level = m[1]!.length;
      blocks.push({ kind: level === 1 ? 'title' : level === 2 ? 'h1' : 'h2', text: m[2]! });
    } else if ((m = line.match(/^-\s+(.*)$/))) {
      flush();
      blocks.push({ kind: 'bullet', text: m[1]! });
    } else if ((m = line.match(/^(\d+)\.\s+(.*)$/))) {
      flush();
      blocks.push({ kind: 'numbered', text: m[2]!, number: Number(m[1]) });
    } else para.push(line);
  }
  flush();
  return blocks;
}

interface PdfSpec {
  source: string;
  output: string;
  header: string;
  footer: string;
  author: string;
  date: Date;
}

/** Embeds a real TrueType font when the machine has one; the PDF then carries its own glyphs. */
function pdfFonts(): { regular: string; bold: string } {
  const dirs = ['/usr/share/fonts/truetype/liberation', '/usr/share/fonts/truetype/dejavu'];
  const pairs: [string, string][] = [
    ['LiberationSans-Regular.ttf', 'LiberationSans-Bold.ttf'],
    ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'],
  ];
  for (const [i, dir] of dirs.entries()) {
    const [r, b] = pairs[i]!;
    if (existsSync(join(dir, r)) && existsSync(join(dir, b))) return { regular: join(dir, r), bold: join(dir, b) };
  }
  // Standard Helvetica still covers ä, ö, å, € and – (WinAnsi), only it is not embedded.
  return { regular: 'Helvetica', bold: 'Helvetica-Bold' };
}

async function buildPdf(spec: PdfSpec): Promise<void> {
  const blocks = parseSource(readFileSync(join(knowledge, spec.source), 'utf8'));
  const title = blocks.find((b) => b.kind === 'title')?.text ?? spec.header;
  const fonts = pdfFonts();
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 72, bottom: 72, left: 68, right: 68 },
    bufferPages: true,
    info: { Title: title, Author: spec.author, Subject: 'Esittelyaineisto / demo data: fictional', CreationDate: spec.date, ModDate: spec.date },
    lang: 'fi-FI',
  });
  doc.registerFont('body', fonts.regular);
  doc.registerFont('bold', fonts.bold);
  const done = new Promise<void>((resolve, reject) => {
    const out = createWriteStream(join(knowledge, spec.output));
    out.on('finish', () => resolve());
    out.on('error', reject);
    doc.pipe(out);
  });

  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  for (const block of blocks) {
    switch (block.kind) {
      case 'title':
        doc.font('bold').fontSize(18).text(block.text, { width });
        doc.moveDown(0.8);
        break;
      case 'h1':
        // Keep a heading with at least a few lines of its text on the same page.
        if (doc.y > doc.page.height - doc.page.margins.bottom - 90) doc.addPage();
        doc.moveDown(0.6).font('bold').fontSize(14).text(block.text, { width });
        doc.moveDown(0.3);
        break;
      case 'h2':
        if (doc.y > doc.page.height - doc.page.margins.bottom - 70) doc.addPage();
        doc.moveDown(0.4).font('bold').fontSize(12).text(block.text, { width });
        doc.moveDown(0.2);
        break;
      case 'para':
        doc.font('body').fontSize(11).text(block.text, { width, align: 'left', lineGap: 2 });
        doc.moveDown(0.5);
        break;
      case 'bullet':
      case 'numbered': {
        const mark = block.kind === 'bullet' ? '•' : `${block.number}.`;
        const y = doc.y;
        doc.font('body').fontSize(11).text(mark, doc.page.margins.left + 8, y, { width: 18, lineBreak: false });
        doc.text(block.text, doc.page.margins.left + 28, y, { width: width - 28, lineGap: 2 });
        doc.x = doc.page.margins.left;
        doc.moveDown(0.25);
        break;
      }
    }
  }

  // Page furniture goes on last, when the page count is known.
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0; // writing inside the margin must not open a new page
    doc.font('body').fontSize(8.5).fillColor('#555555');
    doc.text(spec.header, doc.page.margins.left, 36, { width, align: 'left', lineBreak: false });
    doc.moveTo(doc.page.margins.left, 50).lineTo(doc.page.width - doc.page.margins.right, 50).strokeColor('#999999').stroke();
    doc.text(`${spec.footer} | Sivu ${i + 1}/${range.count}`, doc.page.margins.left, doc.page.height - 46, {
      width,
      align: 'center',
      lineBreak: false,
    });
    doc.fillColor('#000000');
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  await done;
}

interface DocxSpec {
  source: string;
  output: string;
  header: string;
  footer: string;
  author: string;
}

async function buildDocx(spec: DocxSpec): Promise<void> {
  const blocks = parseSource(readFileSync(join(knowledge, spec.source), 'utf8'));
  const title = blocks.find((b) => b.kind === 'title')?.text ?? spec.header;
  let list = 0;
  let previous: SourceBlock['kind'] | undefined;
  const children = blocks.map((block) => {
    // Each run of numbered items restarts at 1, as in a Word document written by hand.
    if (block.kind === 'numbered' && previous !== 'numbered') list++;
    previous = block.kind;
    switch (block.kind) {
      case 'title':
        return new Paragraph({ text: block.text, heading: HeadingLevel.TITLE });
      case 'h1':
        return new Paragraph({ text: block.text, heading: HeadingLevel.HEADING_1 });
      case 'h2':
        return new Paragraph({ text: block.text, heading: HeadingLevel.HEADING_2 });
      case 'bullet':
        return new Paragraph({ text: block.text, bullet: { level: 0 } });
      case 'numbered':
        return new Paragraph({ text: block.text, numbering: { reference: 'numbered', level: 0, instance: list } });
      case 'para':
        return new Paragraph({ children: [new TextRun(block.text)], spacing: { after: 120 } });
    }
  });

  const doc = new Document({
    creator: spec.author,
    lastModifiedBy: spec.author,
    title,
    description: 'Esittelyaineisto / demo data: fictional',
    styles: { default: { document: { run: { font: 'Calibri', size: 22 } } } },
    numbering: {
      config: [
        {
          reference: 'numbered',
          levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.START }],
        },
      ],
    },
    sections: [
      {
        headers: {
          default: new Header({ children: [new Paragraph({ children: [new TextRun({ text: spec.header, size: 18 })] })] }),
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({ text: `${spec.footer} | Sivu `, size: 18 }),
                  new TextRun({ children: [PageNumber.CURRENT], size: 18 }),
                  new TextRun({ text: ' / ', size: 18 }),
                  new TextRun({ children: [PageNumber.TOTAL_PAGES], size: 18 }),
                ],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  const bytes = await Packer.toBuffer(doc);
  writeFileSync(join(knowledge, spec.output), bytes);
}

async function main(): Promise<void> {
  await buildPdf({
    source: '_sources/routasalmi-avustusohjeet-2027.md',
    output: 'demo/routasalmi/avustusohjeet-2027.pdf',
    header: 'Routasalmen kaupunki – Yhdistysavustusten ohjeet 2027',
    footer: 'Routasalmen kaupunki | Hyvinvointipalvelut | Esittelyaineisto / demo data',
    author: 'Routasalmen kaupunki, hyvinvointipalvelut',
    date: new Date('2026-10-20T09:00:00Z'),
  });
  await buildDocx({
    source: '_sources/sammalkoski-avustusohjeet-2027.md',
    output: 'demo/sammalkoski/avustusohjeet-2027.docx',
    header: 'Sammalkosken kunta – Avustusohjeet yhdistyksille 2027',
    footer: 'Sammalkosken kunta | Hyvinvointipalvelut | Esittelyaineisto / demo data',
    author: 'Sammalkosken kunta, hyvinvointipalvelut',
  });
  console.log('Built demo/routasalmi/avustusohjeet-2027.pdf and demo/sammalkoski/avustusohjeet-2027.docx');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((err: unknown) => {
    console.error(`build-binaries failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  });
}
