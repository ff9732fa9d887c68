/**
 * The domain thesaurus (knowledge/thesaurus.yml): concepts with fi/sv/en terms, spoken forms,
 * stopwords and Finnish compound parts. Loaded once and shared.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import { z } from 'zod';
import type { Language } from '../core/types.ts';

const termList = z.array(z.string()).default([]);
const schema = z.object({
  concepts: z.record(
    z.string().regex(/^[a-z_]+$/),
    z.object({ broader: z.string().optional(), fi: termList, sv: termList, en: termList }),
  ),
  spoken: z.record(z.string(), z.string()).default({}),
  stopwords: z.object({ fi: termList, sv: termList, en: termList }),
  compound_parts: termList,
});

export type ThesaurusData = z.output<typeof schema>;

export interface Thesaurus {
  /** sha256 of the thesaurus text: what the index was analysed with. */
  hash: string;
  concepts: Map<string, { broader?: string; terms: Record<Language, string[]> }>;
  spoken: Map<string, string>;
  stopwords: Record<Language, Set<string>>;
  compoundParts: string[];
}

export const DEFAULT_THESAURUS_PATH = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../knowledge/thesaurus.yml',
);

export function parseThesaurus(yamlText: string, origin = 'thesaurus'): Thesaurus {
  const parsed = schema.safeParse(YAML.parse(yamlText));
  if (!parsed.success) {
    throw new Error(
      `${origin} is not a valid thesaurus: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
  const d = parsed.data;
  const concepts = new Map<string, { broader?: string; terms: Record<Language, string[]> }>();
  for (const [id, c] of Object.entries(d.concepts)) {
    if (c.broader && !(c.broader in d.concepts))
      throw new Error(`${origin}: concept ${id} has unknown broader ${c.broader}`);
    concepts.set(id, { broader: c.broader, terms: { fi: c.fi, sv: c.sv, en: c.en } });
  }
  return {
    hash: createHash('sha256').update(yamlText).digest('hex').slice(0, 16),
    concepts,
    spoken: new Map(Object.entries(d.spoken).map(([k, v]) => [k.toLowerCase(), v.toLowerCase()])),
    stopwords: {
      fi: new Set(d.stopwords.fi.map((w) => w.toLowerCase())),
      sv: new Set(d.stopwords.sv.map((w) => w.toLowerCase())),
      en: new Set(d.stopwords.en.map((w) => w.toLowerCase())),
    },
    compoundParts: d.compound_parts.map((w) => w.toLowerCase()),
  };
}

const cache = new Map<string, Thesaurus>();

export function loadThesaurus(file = DEFAULT_THESAURUS_PATH): Thesaurus {
  let t = cache.get(file);
  if (!t) {
    t = parseThesaurus(fs.readFileSync(file, 'utf8'), file);
    cache.set(file, t);
  }
  return t;
}
