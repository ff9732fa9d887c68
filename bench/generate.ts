/**
 * The benchmark corpus: realistic Finnish municipal documents, made deterministically from a seed,
 * until they hold a requested number of chunks. Municipality by municipality: the current
 * cooperation document, grant rules, premises page, association-evening memos and a staff memo,
 * then some years of history (older grant rules and cooperation documents that newer versions
 * replace, older memos), Swedish grant instructions for bilingual municipalities, and now and then
 * a region-wide recommendation. Chunks are counted with the real loader and chunker, so the count
 * is what ingestion will store.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { chunkBlocks } from '../src/ingest/chunker.ts';
import { loadMarkdown } from '../src/ingest/loaders/markdown.ts';
import { withoutTitleHeading } from '../src/ingest/pipeline.ts';
import {
  cooperationDocument,
  eveningMemo,
  grantRules,
  premisesPage,
  regionDocument,
  staffMemo,
  swedishGrantRules,
  type DocDraft,
} from './documents.ts';
import { Rng } from './rng.ts';
import { makeTown, type Town } from './towns.ts';

/** The year the "current" documents are for. */
export const CURRENT_YEAR = 2027;
/** A region-wide document after every this many municipalities. */
const REGION_EVERY = 25;

export interface GenerateOptions {
  seed: number;
  /** Generate documents until they hold at least this many chunks. */
  targetChunks: number;
}

export interface GeneratedDocument extends DocDraft {
  /** Chunks the real chunker makes of this document. */
  chunks: number;
}

export interface Corpus {
  seed: number;
  documents: GeneratedDocument[];
  towns: Town[];
  chunks: number;
  /** Chunks of documents that answer (not replaced by a newer version of the same id). */
  activeChunks: number;
}

/** Chunks the ingestion pipeline will make of a generated document. */
export function countChunks(d: DocDraft): number {
  const loaded = loadMarkdown(d.markdown, { source: d.path });
  const blocks = withoutTitleHeading(loaded.blocks, loaded.title);
  return chunkBlocks(blocks, { language: d.language }).length;
}

/** Every document of one municipality, newest first; older versions share their id with the newest. */
export function townDocuments(seed: number, town: Town): DocDraft[] {
  const rng = Rng.derive(seed, 'docs', town.index);
  const y = CURRENT_YEAR;
  const docs: DocDraft[] = [
    cooperationDocument(town, y - 1, rng, false),
    grantRules(town, y, rng),
    premisesPage(town, y - 1, rng),
    eveningMemo(town, y - 1, true, rng),
    eveningMemo(town, y - 1, false, rng),
    staffMemo(town, y - 1, rng),
  ];
  if (town.bilingual) docs.push(swedishGrantRules(town, y, rng));
  const history = rng.int(0, 5);
  for (let k = 1; k <= history; k++) {
    const year = y - k;
    docs.push(grantRules(town, year, rng));
    docs.push(eveningMemo(town, year - 1, true, rng), eveningMemo(town, year - 1, false, rng));
    if (rng.chance(0.5)) docs.push(staffMemo(town, year - 1, rng));
    if (k % 3 === 0) docs.push(cooperationDocument(town, y - 1 - k, rng, true));
  }
  return docs;
}

/** Makes documents until they hold `targetChunks` chunks (a little more: documents stay whole). */
export function generateCorpus(opts: GenerateOptions): Corpus {
  const documents: GeneratedDocument[] = [];
  const towns: Town[] = [];
  let chunks = 0;
  for (let i = 0; chunks < opts.targetChunks; i++) {
    const town = makeTown(opts.seed, i);
    towns.push(town);
    const drafts = townDocuments(opts.seed, town);
    if ((i + 1) % REGION_EVERY === 0) {
      const region = (i + 1) / REGION_EVERY;
      drafts.push(
        regionDocument(
          region,
          towns.slice(-REGION_EVERY),
          CURRENT_YEAR - 1,
          Rng.derive(opts.seed, 'region', region),
        ),
      );
    }
    for (const d of drafts) {
      if (chunks >= opts.targetChunks) break;
      const n = countChunks(d);
      documents.push({ ...d, chunks: n });
      chunks += n;
    }
  }
  return { seed: opts.seed, documents, towns, chunks, activeChunks: activeChunkCount(documents) };
}

/** Chunks of the newest version of every id (what searches see). */
export function activeChunkCount(documents: GeneratedDocument[]): number {
  const newest = new Map<string, GeneratedDocument>();
  for (const d of documents) {
    const cur = newest.get(d.id);
    if (!cur || d.date > cur.date) newest.set(d.id, d);
  }
  return [...newest.values()].reduce((n, d) => n + d.chunks, 0);
}

/** Writes the corpus as Markdown files under `dir` (what `kumppani ingest dir` reads). */
export async function writeCorpus(dir: string, corpus: Corpus): Promise<void> {
  const made = new Set<string>();
  for (const d of corpus.documents) {
    const file = join(dir, d.path);
    const parent = dirname(file);
    if (!made.has(parent)) {
      await mkdir(parent, { recursive: true });
      made.add(parent);
    }
    await writeFile(file, d.markdown, 'utf8');
  }
}
