/**
 * Which loader reads which file: by extension.
 */
import { extname } from 'node:path';
import type { SourceFormat } from '../types.ts';
import { loadDocx } from './docx.ts';
import { loadHtml } from './html.ts';
import { loadMarkdown } from './markdown.ts';
import { loadPdf } from './pdf.ts';
import { decodeText, loadText } from './text.ts';
import type { LoaderContext, LoaderResult } from './types.ts';

export type { LoaderContext, LoaderLog, LoaderResult } from './types.ts';
export { UnreadableFileError } from './types.ts';

const FORMATS: Record<string, SourceFormat> = {
  '.md': 'md',
  '.markdown': 'md',
  '.txt': 'txt',
  '.html': 'html',
  '.htm': 'html',
  '.pdf': 'pdf',
  '.docx': 'docx',
};

/** File extensions `kumppani ingest` reads. */
export const SUPPORTED_EXTENSIONS = Object.keys(FORMATS);

/** The format a file name stands for, or undefined when it is not supported. */
export function formatOf(file: string): SourceFormat | undefined {
  return FORMATS[extname(file).toLowerCase()];
}

/** Reads a file's bytes as its format. Throws `UnreadableFileError` with a reason an operator understands. */
export async function loadFile(
  format: SourceFormat,
  bytes: Uint8Array,
  ctx: LoaderContext,
): Promise<LoaderResult> {
  switch (format) {
    case 'md':
      return loadMarkdown(decodeText(bytes), ctx);
    case 'txt':
      return loadText(decodeText(bytes), ctx);
    case 'html':
      return loadHtml(bytes, ctx);
    case 'pdf':
      return loadPdf(bytes, ctx);
    case 'docx':
      return loadDocx(bytes, ctx);
  }
}
