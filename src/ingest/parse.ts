/**
 * One file's bytes -> what its loader reads from them, as plain data, so that it can run in a
 * parsing thread (`parse-pool.ts`) whose memory and time are bounded. Metadata, language and
 * chunks are worked out by the pipeline from the result, in linear time.
 */
import type { LoaderLimits } from './limits.ts';
import { loadFile, type LoaderLog, type LoaderResult } from './loaders/index.ts';
import type { Block, SourceFormat } from './types.ts';

export interface ParseJob {
  format: SourceFormat;
  bytes: Uint8Array;
  /** The file as shown in messages. */
  source: string;
  limits?: LoaderLimits;
}

/** Something a loader logged, for the pipeline to log in its own thread. */
export interface ParseNote {
  level: 'debug' | 'warn';
  obj: object;
  msg: string;
}

export type ParseOutcome =
  { ok: true; loaded: LoaderResult; notes: ParseNote[] } | { ok: false; reason: string; notes: ParseNote[] };

/**
 * What an operator reads for an error while reading a file. Our own errors are told by name, so
 * that the parsing thread need not load the metadata module (and its language detector, the
 * slowest part of a thread's start).
 */
export function errorReason(err: unknown): string {
  if (err instanceof Error && (err.name === 'UnreadableFileError' || err.name === 'MetadataError'))
    return err.message;
  const e = err as NodeJS.ErrnoException;
  if (e?.code === 'EACCES' || e?.code === 'EPERM') return 'permission denied: the file cannot be read';
  if (e?.code === 'EISDIR') return 'is a folder, not a file';
  if (err instanceof RangeError && /call stack/i.test(err.message))
    return 'the file nests too deeply to read (it exhausted the stack): simplify it, or save it as plain text';
  return e?.message ?? String(err);
}

/**
 * The document's own title is not a section: "Avustusohje › Hakuaika" says no more than
 * "Hakuaika", and the text right under the title is the introduction. When the title is the only
 * top-level heading it is dropped from every path; otherwise only from the introduction.
 */
export function withoutTitleHeading(blocks: Block[], title: string | undefined): Block[] {
  if (title === undefined) return blocks;
  const tops = new Set(blocks.map((b) => b.headings[0]).filter((h) => h !== undefined));
  const onlyTop = tops.size === 1 && tops.has(title);
  return blocks.map((b) =>
    b.headings[0] === title && (onlyTop || b.headings.length === 1)
      ? { ...b, headings: b.headings.slice(1) }
      : b,
  );
}

export async function parseFile(job: ParseJob): Promise<ParseOutcome> {
  const notes: ParseNote[] = [];
  const logger: LoaderLog = {
    debug: (obj, msg) => notes.push({ level: 'debug', obj, msg }),
    warn: (obj, msg) => notes.push({ level: 'warn', obj, msg }),
  };
  try {
    const loaded = await loadFile(job.format, job.bytes, {
      source: job.source,
      logger,
      ...(job.limits ? { limits: job.limits } : {}),
    });
    return { ok: true, loaded, notes };
  } catch (err) {
    return { ok: false, reason: errorReason(err), notes };
  }
}
