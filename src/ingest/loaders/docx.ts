/**
 * Word documents: mammoth turns the paragraph styles into HTML (Heading 1/2/3 -> h1/h2/h3) and the
 * HTML structure logic builds the sections, lists and tables from there.
 */
import mammoth from 'mammoth';
import { loadHtmlFragment } from './html.ts';
import { UnreadableFileError, type LoaderContext, type LoaderResult } from './types.ts';

/** Word's built-in styles under their Finnish and Swedish names too (documents made in LibreOffice keep them). */
const STYLE_MAP = [
  "p[style-name='Title'] => h1:fresh",
  "p[style-name='Otsikko'] => h1:fresh",
  "p[style-name='Rubrik'] => h1:fresh",
  "p[style-name='Subtitle'] => h2:fresh",
  ...[1, 2, 3, 4, 5, 6].flatMap((n) => [
    `p[style-name='Otsikko ${n}'] => h${n}:fresh`,
    `p[style-name='Rubrik ${n}'] => h${n}:fresh`,
  ]),
];

export async function loadDocx(bytes: Uint8Array, ctx: LoaderContext): Promise<LoaderResult> {
  let html: string;
  try {
    const result = await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
      {
        styleMap: STYLE_MAP,
        // Images carry no text; leave them out instead of inlining them as data URIs.
        convertImage: mammoth.images.imgElement(async () => ({ src: '' })),
        externalFileAccess: false,
      },
    );
    html = result.value;
    const warnings = result.messages.filter((m) => m.type === 'warning').length;
    if (warnings) ctx.logger?.debug({ source: ctx.source, warnings }, 'docx conversion warnings');
  } catch (err) {
    const reason = (err as Error).message?.split('\n')[0] ?? String(err);
    throw new UnreadableFileError(
      `not a readable DOCX: ${reason} (is it a Word .docx file, not .doc or damaged?)`,
      {
        cause: err,
      },
    );
  }
  return loadHtmlFragment(html);
}
