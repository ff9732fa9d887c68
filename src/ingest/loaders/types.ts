/**
 * What every loader returns: the document's text as blocks under their heading paths, plus what
 * the file itself says about its title and metadata.
 */
import type { LoaderLimits } from '../limits.ts';
import type { Block } from '../types.ts';
import { KumppaniError } from '../../kernel/errors.ts';

/**
 * What loaders log through: a pino logger in the main thread, a collector in the parsing thread
 * (whose notes are logged by the pipeline).
 */
export interface LoaderLog {
  debug(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export interface LoaderContext {
  /** The file's path as ingested, for messages. */
  source: string;
  logger?: LoaderLog;
  /** Bounds on what a file may unpack to; the defaults when absent. */
  limits?: LoaderLimits;
}

export interface LoaderResult {
  blocks: Block[];
  /** The title the document gives itself (first top-level heading, HTML <title>, …). */
  title?: string;
  /** YAML front matter of a Markdown file, unvalidated. */
  frontMatter?: Record<string, unknown>;
}

/** Thrown when a file cannot be read as the format its name says; the message is shown to the operator. */
export class UnreadableFileError extends KumppaniError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('KUMPPANI_UNREADABLE_FILE', message, options);
  }
}
