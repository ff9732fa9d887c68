/**
 * The domain thesaurus (knowledge/thesaurus.yml): concepts with fi/sv/en terms, spoken forms,
 * stopwords and Finnish compound parts, plus one concept per region and wellbeing services county
 * (`src/kernel/regions.ts`), so that "North Ostrobothnia" meets "Pohjois-Pohjanmaalla". Loaded once and
 * shared.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type YAMLModule from 'yaml';
import { z } from 'zod';
import type { Language } from '../kernel/types.ts';
import { REGIONS, regionConceptId, type Region } from '../kernel/regions.ts';
import { fromRoot } from '../kernel/paths.ts';

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
  concepts: Map<string, Concept>;
  spoken: Map<string, string>;
  stopwords: Record<Language, Set<string>>;
  compoundParts: string[];
}

export const DEFAULT_THESAURUS_PATH = fromRoot('knowledge/thesaurus.yml');

type Concept = { broader?: string; terms: Record<Language, string[]> };

/**
 * A region's concept: its names in each language. Names are written in other languages' text too
 * ("Vem finansierar projektet Pohjois-Pohjanmaan…", "grants in Pirkanmaa"), so every language
 * also lists the Finnish names and the brands.
 */
export function regionConcept(r: Region): Concept {
  const shared = [...r.fi, ...(r.aliases ?? [])];
  const uniq = (xs: string[]) => [...new Set(xs)];
  return {
    broader: r.within ? `region_${r.within}` : undefined,
    terms: {
      fi: uniq([...(r.fiTerms ?? r.fi), ...(r.aliases ?? []), ...(r.fiForms ?? [])]),
      sv: uniq([...r.sv, ...shared]),
      en: uniq([...r.en, ...shared]),
    },
  };
}

/** The YAML parser, loaded when a thesaurus is parsed, not when a cached one is read. */
const yaml = (): typeof YAMLModule => createRequire(import.meta.url)('yaml') as typeof YAMLModule;

function validate(yamlText: string, origin: string): ThesaurusData {
  const parsed = schema.safeParse(yaml().parse(yamlText));
  if (!parsed.success) {
    throw new Error(
      `${origin} is not a valid thesaurus: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
  return parsed.data;
}

export function parseThesaurus(
  yamlText: string,
  origin = 'thesaurus',
  regions: readonly Region[] = REGIONS,
  data: ThesaurusData = validate(yamlText, origin),
): Thesaurus {
  const d = data;
  const concepts = new Map<string, Concept>();
  for (const [id, c] of Object.entries(d.concepts))
    concepts.set(id, { broader: c.broader, terms: { fi: c.fi, sv: c.sv, en: c.en } });
  for (const r of regions) {
    const id = regionConceptId(r);
    if (concepts.has(id)) throw new Error(`${origin}: concept ${id} is also a region's; rename it`);
    concepts.set(id, regionConcept(r));
  }
  for (const [id, c] of concepts)
    if (c.broader && !concepts.has(c.broader))
      throw new Error(`${origin}: concept ${id} has unknown broader ${c.broader}`);
  return {
    // The regions shape the analysis as much as the file does.
    hash: createHash('sha256').update(yamlText).update(JSON.stringify(regions)).digest('hex').slice(0, 16),
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

/**
 * Validated thesaurus data by the sha256 of its text. Parsing the YAML took a quarter of a second
 * or more of every CLI start (the yaml library loading and warming up, for a 25 kB file); the same
 * data as JSON reads in milliseconds. Kept in dist/ (the build writes the shipped thesaurus's), and
 * an edited thesaurus is added on its first load; where the folder is not writable the YAML is
 * parsed each time, as before. Keyed by content, so an edit can never be answered from old data.
 */
export const THESAURUS_CACHE_DIR = fromRoot('dist/cache');

function cachedData(text: string, origin: string): ThesaurusData {
  const file = path.join(
    THESAURUS_CACHE_DIR,
    `thesaurus-${createHash('sha256').update(text).digest('hex').slice(0, 32)}.json`,
  );
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as ThesaurusData;
  } catch {
    // Not cached yet (or unreadable): parse, and keep the result if we may.
  }
  const data = validate(text, origin);
  try {
    fs.mkdirSync(THESAURUS_CACHE_DIR, { recursive: true });
    // Through a temporary name, so a concurrent start never reads half a file.
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(data));
    fs.renameSync(tmp, file);
  } catch {
    // A read-only installation: the YAML is parsed at every start instead.
  }
  return data;
}

export function loadThesaurus(file = DEFAULT_THESAURUS_PATH): Thesaurus {
  let t = cache.get(file);
  if (!t) {
    const text = fs.readFileSync(file, 'utf8');
    t = parseThesaurus(text, file, REGIONS, cachedData(text, file));
    cache.set(file, t);
  }
  return t;
}
