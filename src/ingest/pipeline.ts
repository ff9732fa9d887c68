/**
 * `ingestPaths`: files and folders -> documents -> chunks -> the index. Unchanged files are
 * skipped by their content hash before they are even parsed; a file that fails gives one line
 * (file, reason) and the others go on. Parsing runs two files at a time, writing one at a time.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join, relative, resolve, sep } from 'node:path';
import type { Logger } from '../log.ts';
import { chunkBlocks, type ChunkOptions } from './chunker.ts';
import { formatOf, loadFile, SUPPORTED_EXTENSIONS, UnreadableFileError } from './loaders/index.ts';
import { MetadataError, MetaReader, mergeLayers, resolveMeta, validateMeta } from './metadata.ts';
import type { Block, ChunkDraft, IndexWriter, LoadedDocument, SourceFormat } from './types.ts';

/**
 * Bumped when loaders or the chunker change what they produce, so that the next run re-indexes
 * every file instead of keeping chunks made by the old code.
 */
export const INGEST_VERSION = 1;

/** Parsing a file longer than this is given up (a pathological PDF must not stall the run). */
const PARSE_TIMEOUT_MS = 120_000;
const PARSE_CONCURRENCY = 2;

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
  /** Remove indexed documents under the given paths whose files are gone. */
  prune?: boolean;
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

function errorReason(err: unknown): string {
  if (err instanceof UnreadableFileError || err instanceof MetadataError) return err.message;
  const e = err as NodeJS.ErrnoException;
  if (e?.code === 'EACCES' || e?.code === 'EPERM') return 'permission denied: the file cannot be read';
  if (e?.code === 'EISDIR') return 'is a folder, not a file';
  return e?.message ?? String(err);
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${what} took longer than ${Math.round(ms / 1000)} s; giving up`)),
      ms,
    );
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
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

/** The documents named by `paths`, walked in a stable order. */
async function collect(
  paths: string[],
  cwd: string,
  summary: IngestSummary,
  indexed: () => Promise<string[]>,
  prune: boolean,
): Promise<Candidate[]> {
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
  for (const given of paths) {
    const abs = resolve(cwd, given);
    const shown = sourceOf(abs);
    let info;
    try {
      info = await stat(abs);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
        // With --prune a path that is gone is how one removes it; otherwise it is a typo.
        const gone =
          prune && (await indexed()).some((s) => s === shown || shown === '.' || s.startsWith(`${shown}/`));
        if (!gone) summary.failed.push({ file: shown, reason: 'no such file or folder' });
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
  return [...found.values()];
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
  let indexedSources: Promise<string[]> | undefined;
  const indexed = (): Promise<string[]> => (indexedSources ??= writer.sources());

  const candidates = await collect(paths, cwd, summary, indexed, opts.prune ?? false);
  for (const f of summary.failed) opts.onFailure?.(f);
  summary.files = candidates.length;
  opts.onStart?.(candidates.length);
  const metaReader = new MetaReader((abs) => toPosix(relative(cwd, abs)));
  const chunkOptions = opts.chunking ?? {};

  const prepare = async (c: Candidate): Promise<Prepared> => {
    try {
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

      const loaded = await withTimeout(
        loadFile(c.format, bytes, { source: c.source, logger }),
        PARSE_TIMEOUT_MS,
        `reading ${c.source}`,
      );
      if (loaded.frontMatter) layers.push(validateMeta(loaded.frontMatter, c.source));
      for (const layer of layers) {
        if (layer.unknown.length)
          logger?.warn({ file: layer.origin, fields: layer.unknown }, 'unknown metadata fields ignored');
      }
      const blocks = withoutTitleHeading(loaded.blocks, loaded.title);
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
        doc: { source: c.source, format: c.format, meta, blocks, contentHash },
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
  for (let i = 0; i < candidates.length; i++) {
    for (let k = i; k < i + PARSE_CONCURRENCY + 1; k++) start(k);
    const c = candidates[i]!;
    const prepared = await pending[i]!;
    pending[i] = undefined;
    if (prepared.kind === 'unchanged') {
      summary.unchanged++;
      logger?.debug({ source: c.source }, 'unchanged');
    } else if (prepared.kind === 'failed') {
      const failure = { file: c.source, reason: prepared.reason };
      summary.failed.push(failure);
      opts.onFailure?.(failure);
      logger?.warn(failure, 'file not ingested');
    } else {
      try {
        const outcome = await writer.put(prepared.doc, prepared.chunks);
        summary[outcome]++;
        summary.chunks += prepared.chunks.length;
        logger?.info({ source: c.source, outcome, chunks: prepared.chunks.length }, 'document indexed');
      } catch (err) {
        const failure = { file: c.source, reason: `could not write to the index: ${errorReason(err)}` };
        summary.failed.push(failure);
        opts.onFailure?.(failure);
        logger?.error(failure, 'index write failed');
      }
    }
    opts.onProgress?.(i + 1, candidates.length, c.source);
  }

  if (opts.prune) {
    const present = new Set(candidates.map((c) => c.source));
    const scopes = paths.map((p) => toPosix(relative(cwd, resolve(cwd, p))));
    const under = (s: string): boolean =>
      scopes.some((scope) => scope === '' || s === scope || s.startsWith(`${scope}/`));
    // Read the list afresh: this run's writes are in it now.
    const gone = (await writer.sources()).filter((s) => under(s) && !present.has(s));
    if (gone.length) {
      await writer.remove(gone);
      summary.removed.push(...gone);
      logger?.info({ removed: gone.length }, 'pruned documents whose files are gone');
    }
  }
  if (summary.added || summary.updated || summary.removed.length) await writer.finish?.();
  return summary;
}
