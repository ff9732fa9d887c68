/**
 * The stopwords-iso lists. The package's entry is a JSON file, which Node's own ESM loader (the
 * compiled build in dist/) refuses to import without an import attribute, while tsx and vitest
 * take it either way; `require` reads it the same everywhere.
 */
import { createRequire } from 'node:module';
import type lists from 'stopwords-iso';

export const stopwordsIso = createRequire(import.meta.url)('stopwords-iso') as typeof lists;
