/**
 * Bounds on what one file may cost to ingest. A hostile or broken file (a zip bomb, a page nested
 * 200 000 levels deep, a 50 MB text file) must give one `failed:` line and let the others go on,
 * never take the process' memory or stall a start.
 */
import type { SourceFormat } from './types.ts';

export interface IngestLimits {
  /** Largest .pdf or .docx on disk, in bytes (KUMPPANI_INGEST_MAX_FILE_MB). */
  maxFileBytes: number;
  /** Largest .md, .txt or .html on disk, in bytes: text is all content (KUMPPANI_INGEST_MAX_TEXT_MB). */
  maxTextFileBytes: number;
  /** Largest total a .docx may unpack to, by the sizes its zip declares (KUMPPANI_INGEST_MAX_INFLATED_MB). */
  maxInflatedBytes: number;
  /** Reading one file (parse, metadata, chunks) longer than this is abandoned (KUMPPANI_INGEST_TIMEOUT_MS). */
  timeoutMs: number;
  /** Heap of the thread that reads a file, in MB; a file that needs more fails (KUMPPANI_INGEST_MEMORY_MB). */
  memoryMb: number;
}

const MB = 1024 * 1024;

/**
 * 50 MB holds a few hundred pages of PDF or Word with pictures; 10 MB of text or HTML is several
 * thousand pages. A .docx's text lives in XML that deflates about tenfold, so 200 MB unpacked is
 * a very long document, while a zip bomb declares gigabytes. 120 s reads the largest PDF a
 * municipality publishes on a slow machine.
 */
export const DEFAULT_INGEST_LIMITS: IngestLimits = {
  maxFileBytes: 50 * MB,
  maxTextFileBytes: 10 * MB,
  maxInflatedBytes: 200 * MB,
  timeoutMs: 120_000,
  memoryMb: 1024,
};

/** Limits that only the loaders need, passed to the parsing thread. */
export interface LoaderLimits {
  maxInflatedBytes: number;
}

const TEXT_FORMATS: ReadonlySet<SourceFormat> = new Set(['md', 'txt', 'html']);

export function maxBytesFor(format: SourceFormat, limits: IngestLimits): number {
  return TEXT_FORMATS.has(format) ? limits.maxTextFileBytes : limits.maxFileBytes;
}

export const formatMb = (bytes: number): string => {
  const mb = bytes / MB;
  return `${mb >= 10 ? Math.round(mb) : Math.round(mb * 10) / 10} MB`;
};
