/**
 * Word documents: mammoth turns the paragraph styles into HTML (Heading 1/2/3 -> h1/h2/h3) and the
 * HTML structure logic builds the sections, lists and tables from there.
 */
import JSZip from 'jszip';
import mammoth from 'mammoth';
import { DEFAULT_INGEST_LIMITS, formatMb } from '../limits.ts';
import { loadHtmlFragment } from './html.ts';
import { UnreadableFileError, type LoaderContext, type LoaderResult } from './types.ts';

/** A Word document has a few dozen parts; tens of thousands is an archive made to exhaust a reader. */
const MAX_ZIP_ENTRIES = 10_000;

/** The unpacked size the zip's central directory declares for an entry (jszip keeps it, unpublished). */
function declaredSize(entry: JSZip.JSZipObject): number | undefined {
  const size = (entry as unknown as { _data?: { uncompressedSize?: unknown } })._data?.uncompressedSize;
  return typeof size === 'number' ? size : undefined;
}

/**
 * Refuses a zip bomb before mammoth inflates it: reading the central directory costs nothing,
 * inflating a 1 MB file that unpacks to hundreds of MB took 4.9 GB and the process. Sizes a zip
 * lies about are caught by the parsing thread's memory and time limits instead.
 */
async function checkUnpackedSize(bytes: Uint8Array, maxBytes: number): Promise<void> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch {
    return; // mammoth reports an unreadable archive in its own words below
  }
  const entries = Object.values(zip.files);
  if (entries.length > MAX_ZIP_ENTRIES)
    throw new UnreadableFileError(
      `the .docx holds ${entries.length} parts (a Word document has a few dozen; limit ${MAX_ZIP_ENTRIES}): not read. Open it in Word and save it again`,
    );
  let total = 0;
  for (const entry of entries) total += declaredSize(entry) ?? 0;
  if (total > maxBytes)
    throw new UnreadableFileError(
      `the .docx would unpack to ${formatMb(total)} (limit ${formatMb(maxBytes)}, KUMPPANI_INGEST_MAX_INFLATED_MB): not read. ` +
        'If it is a real document, split it or raise the limit',
    );
}

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
  await checkUnpackedSize(bytes, ctx.limits?.maxInflatedBytes ?? DEFAULT_INGEST_LIMITS.maxInflatedBytes);
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
