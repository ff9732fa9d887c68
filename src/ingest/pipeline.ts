/**
 * `ingestPaths`: files and folders -> documents -> chunks -> the index. Unchanged files are
 * skipped by their content hash before they are even parsed; a file that fails gives one line
 * (file, reason) and the others go on. Files are read two at a time in parsing threads bounded
 * in size, memory and time (`limits.ts`, `parse-pool.ts`), and written one at a time.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, extname, join, relative, resolve, sep } from 'node:path';
import type { Logger } from '../kernel/log.ts';
import { BATCH_MIN_DOCUMENTS, BatchedWrites } from './batched-writes.ts';
import { chunkBlocks, type ChunkOptions } from './chunker.ts';
import { DEFAULT_INGEST_LIMITS, formatMb, maxBytesFor, type IngestLimits } from './limits.ts';
import { formatOf, SUPPORTED_EXTENSIONS } from './loaders/index.ts';
import { MetaReader, mergeLayers, resolveMeta, validateMeta } from './metadata.ts';
import { errorReason, withoutTitleHeading } from './parse.ts';
import { sharedParsePool } from './parse-pool.ts';
import type { ChunkDraft, DocumentOrigin, IndexWriter, LoadedDocument, SourceFormat } from './types.ts';

export { withoutTitleHeading } from './parse.ts';

/**
 * Bumped when loaders or the chunker change what they produce, so that the next run re-indexes
 * every file instead of keeping chunks made by the old code.
 */
export const INGEST_VERSION = 1;

/** Files read and hashed ahead of the one being written. */
const PARSE_CONCURRENCY = 2;
/**
 * One parsing thread: starting one (tsx, pdf.js, mammoth, cheerio) costs most of a second of CPU,
 * and the main thread's analysis and writing already run beside it. The demo pack's first ingest
 * (2-core machine under load, 4 runs each) took 2.6-3.1 s of CPU and 2.1-3.4 s wall in one
 * thread, 3.3-3.8 s and 2.7-5.4 s with the parsing thread; a second thread cost another second
 * of CPU for no gain.
 */
const PARSE_THREADS = 1;

/** One file that could not be ingested. */
export interface IngestFailure {
  /** The file as the operator named it or as the folder walk met it (POSIX separators). */
  file: string;
  reason: string;
}

/** What one `ingestPaths` run did. */
export interface IngestSummary {
  /** Documents (supported files) looked at. */
  files: number;
  added: number;
  updated: number;
  unchanged: number;
  /** Files met in a folder walk that are not a supported format (not failures). */
  skipped: string[];
  failed: IngestFailure[];
  /** Sources removed from the index by `prune`. */
  removed: string[];
  /** Chunks written in this run. */
  chunks: number;
}

export interface IngestOptions {
  /**
   * Afterwards the index holds exactly the documents found under the given paths: every other
   * document is removed (files that are gone, and documents ingested from elsewhere, such as the
   * demo pack). Nothing is removed when a given path does not exist (a typo must not empty the
   * index); a file that exists but fails to read keeps its indexed version.
   */
  prune?: boolean;
  /** Recorded with each written document; `cli` when absent (see `DocumentOrigin`). */
  origin?: DocumentOrigin;
  /** Bounds per file; each one absent is its default (`DEFAULT_INGEST_LIMITS`). */
  limits?: Partial<IngestLimits>;
  /** Called with every document the walk found, before any is read. */
  onCollected?: (sources: readonly string[]) => void;
  /** Called once the documents to look at are known. */
  onStart?: (total: number) => void;
  /** Called after each document (written, unchanged or failed). */
  onProgress?: (done: number, total: number, file: string) => void;
  /** Called as soon as a file fails, before the summary. */
  onFailure?: (failure: IngestFailure) => void;
  logger?: Logger;
  /** Sources are paths relative to this folder (default: the current directory). */
  cwd?: string;
  chunking?: ChunkOptions;
}

interface Candidate {
  absolute: string;
  source: string;
  format: SourceFormat;
  /** The highest folder whose `_meta.yml` applies. */
  metaRoot: string;
}

type Prepared =
  | { kind: 'unchanged' }
  | { kind: 'ready'; doc: LoadedDocument; chunks: ChunkDraft[] }
  | { kind: 'failed'; reason: string };

const toPosix = (p: string): string => p.split(sep).join('/');

function isInside(child: string, parent: string): boolean {
  const rel = relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !rel.startsWith(sep) && !/^[a-zA-Z]:/.test(rel));
}

/** Folder-walk rule shared with the rest of the project: these names are not documents. */
export function isIgnoredName(name: string): boolean {
  return (
    name.startsWith('.') || name.startsWith('_') || /^readme(\.|$)/i.test(name) || /\.ya?ml$/i.test(name)
  );
}

/** Runs at most `n` of the given tasks at a time. */
function limiter(n: number): <T>(task: () => Promise<T>) => Promise<T> {
  let active = 0;
  const queue: Array<() => void> = [];
  const next = (): void => {
    active--;
    queue.shift()?.();
  };
  return (task) =>
    new Promise((resolvePromise, reject) => {
      const run = (): void => {
        active++;
        task().then(resolvePromise, reject).finally(next);
      };
      if (active < n) run();
      else queue.push(run);
    });
}

/** The documents named by `paths`, walked in a stable order. */
async function collect(
  paths: string[],
  cwd: string,
  summary: IngestSummary,
  prune: boolean,
): Promise<{ candidates: Candidate[]; missing: boolean }> {
  const found = new Map<string, Candidate>();
  const sourceOf = (abs: string): string => toPosix(relative(cwd, abs)) || '.';
  const add = (abs: string, metaRoot: string): boolean => {
    const format = formatOf(abs);
    if (!format) return false;
    const source = sourceOf(abs);
    if (!found.has(source)) found.set(source, { absolute: abs, source, format, metaRoot });
    return true;
  };
  const walk = async (dir: string, metaRoot: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (isIgnoredName(entry.name)) continue;
      const abs = join(dir, entry.name);
      // A link to a file counts as the file; links to folders are not followed (they can loop).
      const isFile =
        entry.isFile() || (entry.isSymbolicLink() && (await stat(abs).catch(() => undefined))?.isFile());
      if (entry.isDirectory()) await walk(abs, metaRoot);
      else if (isFile && !add(abs, metaRoot)) summary.skipped.push(sourceOf(abs));
    }
  };
  let missing = false;
  for (const given of paths) {
    const abs = resolve(cwd, given);
    const shown = sourceOf(abs);
    let info;
    try {
      info = await stat(abs);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
        summary.failed.push({
          file: shown,
          reason: prune
            ? 'no such file or folder, so nothing was pruned: check the path'
            : 'no such file or folder',
        });
        missing = true;
      } else summary.failed.push({ file: shown, reason: errorReason(err) });
      continue;
    }
    if (info.isDirectory()) {
      await walk(abs, isInside(abs, cwd) ? cwd : abs);
    } else if (!add(abs, isInside(abs, cwd) ? cwd : resolve(abs, '..'))) {
      const ext = basename(abs).includes('.') ? `.${basename(abs).split('.').pop()}` : 'without an extension';
      summary.failed.push({
        file: shown,
        reason: `unsupported file type ${ext} (supported: ${SUPPORTED_EXTENSIONS.join(', ')})`,
      });
    }
  }
  // A file both met in a walk and named on its own is reported once, as the failure.
  const failed = new Set(summary.failed.map((f) => f.file));
  summary.skipped = summary.skipped.filter((s) => !failed.has(s));
  return { candidates: [...found.values()], missing };
}

/** Indexes the files and folders in `paths`; see `IngestSummary` for what it reports. */
export async function ingestPaths(
  paths: string[],
  writer: IndexWriter,
  opts: IngestOptions = {},
): Promise<IngestSummary> {
  const cwd = resolve(opts.cwd ?? process.cwd());
  const logger = opts.logger;
  const summary: IngestSummary = {
    files: 0,
    added: 0,
    updated: 0,
    unchanged: 0,
    skipped: [],
    failed: [],
    removed: [],
    chunks: 0,
  };
  const limits: IngestLimits = { ...DEFAULT_INGEST_LIMITS, ...definedOnly(opts.limits) };
  const prune = opts.prune ?? false;

  const { candidates, missing } = await collect(paths, cwd, summary, prune);
  for (const f of summary.failed) opts.onFailure?.(f);
  summary.files = candidates.length;
  opts.onCollected?.(candidates.map((c) => c.source));
  opts.onStart?.(candidates.length);
  const metaReader = new MetaReader((abs) => toPosix(relative(cwd, abs)));
  const chunkOptions = opts.chunking ?? {};
  const pool = sharedParsePool(limits, PARSE_THREADS);

  const prepare = async (c: Candidate): Promise<Prepared> => {
    try {
      // Checked before reading: a 5 GB file must not be read into memory to be refused.
      const size = (await stat(c.absolute)).size;
      const max = maxBytesFor(c.format, limits);
      if (size > max)
        return {
          kind: 'failed',
          reason:
            `the file is ${formatMb(size)}, over the ${formatMb(max)} limit for ${extname(c.absolute).toLowerCase()} files ` +
            `(${c.format === 'pdf' || c.format === 'docx' ? 'KUMPPANI_INGEST_MAX_FILE_MB' : 'KUMPPANI_INGEST_MAX_TEXT_MB'}): not read. Split it, or raise the limit`,
        };
      const bytes = await readFile(c.absolute);
      const layers = await metaReader.layersFor(c.absolute, c.metaRoot);
      // The hash covers everything the index entry is made from, so a changed _meta.yml re-indexes too.
      const contentHash = createHash('sha256')
        .update(
          `kumppani-ingest-v${INGEST_VERSION}\n${JSON.stringify(mergeLayers(layers))}\n${JSON.stringify(chunkOptions)}\n`,
        )
        .update(bytes)
        .digest('hex');
      if ((await writer.storedHash(c.source)) === contentHash) return { kind: 'unchanged' };

      const parsed = await pool.run({
        format: c.format,
        bytes,
        source: c.source,
        limits: { maxInflatedBytes: limits.maxInflatedBytes },
      });
      for (const note of parsed.notes) logger?.[note.level](note.obj, note.msg);
      if (!parsed.ok) return { kind: 'failed', reason: parsed.reason };
      const loaded = parsed.loaded;
      if (loaded.frontMatter) layers.push(validateMeta(loaded.frontMatter, c.source));
      for (const layer of layers) {
        if (layer.unknown.length)
          logger?.warn({ file: layer.origin, fields: layer.unknown }, 'unknown metadata fields ignored');
      }
      const blocks = withoutTitleHeading(loaded.blocks, loaded.title).map((b) => ({
        ...b,
        text: cutOverlongRuns(b.text),
      }));
      if (blocks.length === 0)
        return { kind: 'failed', reason: 'no text to index (the file is empty or holds only images)' };
      const meta = resolveMeta(mergeLayers(layers), {
        documentTitle: loaded.title,
        fileName: c.absolute,
        body: blocks.map((b) => b.text).join('\n'),
      });
      const chunks = chunkBlocks(blocks, { ...chunkOptions, language: meta.language });
      return {
        kind: 'ready',
        doc: {
          source: c.source,
          format: c.format,
          meta,
          blocks,
          contentHash,
          origin: opts.origin ?? 'cli',
          path: c.absolute,
        },
        chunks,
      };
    } catch (err) {
      return { kind: 'failed', reason: errorReason(err) };
    }
  };

  const limit = limiter(PARSE_CONCURRENCY);
  const pending: Array<Promise<Prepared> | undefined> = [];
  const start = (i: number): void => {
    const c = candidates[i];
    if (c && pending[i] === undefined) pending[i] = limit(() => prepare(c));
  };
  let done = 0;
  const progress = (source: string): void => opts.onProgress?.(++done, candidates.length, source);
  const writes = new BatchedWrites(writer, (doc, chunks, result) => {
    if (result.ok) {
      summary[result.outcome]++;
      summary.chunks += chunks;
      logger?.info({ source: doc.source, outcome: result.outcome, chunks }, 'document indexed');
    } else {
      const failure = {
        file: doc.source,
        reason: `could not write to the index: ${errorReason(result.error)}`,
      };
      summary.failed.push(failure);
      opts.onFailure?.(failure);
      logger?.error(failure, 'index write failed');
    }
    progress(doc.source);
  });
  let bulk: boolean | undefined;
  try {
    for (let i = 0; i < candidates.length; i++) {
      for (let k = i; k < i + PARSE_CONCURRENCY + 1; k++) start(k);
      const c = candidates[i]!;
      const prepared = await pending[i]!;
      pending[i] = undefined;
      if (prepared.kind === 'ready') {
        // Decided at the first write, not before: a run over unchanged files must not touch the index.
        if (bulk === undefined) {
          const remaining = candidates.length - i;
          writes.batching = remaining >= BATCH_MIN_DOCUMENTS;
          bulk =
            (await writer.beginBulk?.(remaining).catch((err: unknown) => {
              logger?.warn(
                { err: errorReason(err) },
                'bulk load not prepared: writing with the index in place',
              );
              return false;
            })) ?? false;
        }
        await writes.add(prepared.doc, prepared.chunks);
        continue;
      }
      if (prepared.kind === 'unchanged') {
        summary.unchanged++;
        logger?.debug({ source: c.source }, 'unchanged');
      } else {
        const failure = { file: c.source, reason: prepared.reason };
        summary.failed.push(failure);
        opts.onFailure?.(failure);
        logger?.warn(failure, 'file not ingested');
      }
      progress(c.source);
    }
    await writes.drain();
  } finally {
    await writes.settle();
    if (bulk) await writer.endBulk?.();
  }

  if (prune && missing) {
    logger?.warn({ paths }, 'nothing pruned: a given path does not exist');
  } else if (prune) {
    const present = new Set(candidates.map((c) => c.source));
    // Read the list afresh: this run's writes are in it now.
    const gone = (await writer.sources()).filter((s) => !present.has(s));
    if (gone.length) {
      await writer.remove(gone);
      summary.removed.push(...gone);
      logger?.info({ removed: gone }, 'pruned documents that are not under the given paths');
    }
  }
  if (summary.added || summary.updated || summary.removed.length) await writer.finish?.();
  return summary;
}

/**
 * A run of more than 500 characters without a space is no word (a base64 blob, a hostile file's
 * 40 KB "word"), and one full-text word over 2046 bytes fails the whole document's write
 * ("word is too long"): such runs are cut to 500 characters (at most 2000 bytes). The lookbehind
 * starts a match only at a run's start, which keeps the scan linear.
 */
const OVERLONG_RUN = /(?<!\S)(\S{500})\S+/gu;
export const cutOverlongRuns = (text: string): string => text.replace(OVERLONG_RUN, '$1…');

/** `{ a: undefined }` must not override a default when spread. */
function definedOnly<T extends object>(o: T | undefined): Partial<T> {
  return Object.fromEntries(Object.entries(o ?? {}).filter(([, v]) => v !== undefined)) as Partial<T>;
}
