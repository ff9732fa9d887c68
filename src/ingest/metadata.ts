/**
 * Document metadata. Sources, strongest first: the Markdown file's front matter, a sidecar
 * `NAME.meta.yml` next to the file (NAME with or without the file's extension), then the
 * `_meta.yml` of each folder above the file, the nearest folder first. Each source is validated on
 * its own, so an error names the file that holds the bad value and the field.
 */
import { readFile } from 'node:fs/promises';
import { basename, dirname, extname, join, relative, sep } from 'node:path';
import YAML from 'yaml';
import { z } from 'zod';
import { detectLanguage } from '../kernel/language.ts';
import { normaliseDate, pageDate } from './page-date.ts';
import { attributeDocument } from './attribution.ts';
import type { DocumentMeta } from './types.ts';
import { KumppaniError } from '../kernel/errors.ts';

/** Thrown for metadata that cannot be used; the message names the file and the field. */
export class MetadataError extends KumppaniError {
  constructor(message: string) {
    super('KUMPPANI_METADATA', message);
  }
}

export { normaliseDate };

const text = z.preprocess(
  (v) => (typeof v === 'number' ? String(v) : v),
  z.string({ error: 'must be text' }).trim().min(1, 'must not be empty'),
);

/** A YAML list, or one line of comma-separated items ("kysely, tilat"). */
const list = (error: string) =>
  z.preprocess(
    (v) =>
      typeof v === 'string'
        ? v
            .split(',')
            .map((t) => t.trim())
            .filter(Boolean)
        : v,
    z.array(text, { error }),
  );

/** One metadata source. `municipality: null` (or empty) marks a region-wide document below a municipality's folder. */
const fieldsSchema = z.object({
  id: text.optional(),
  title: text.optional(),
  municipality: z
    .preprocess((v) => (typeof v === 'string' && v.trim() === '' ? null : v), z.union([text, z.null()]))
    .optional(),
  /** The municipality's Swedish name, for a bilingual one ("Vassnäs" for Kaislaniemi). */
  municipality_sv: text.optional(),
  audience: z.enum(['public', 'staff'], { error: 'must be public or staff' }).optional(),
  language: z
    .preprocess(
      (v) => (typeof v === 'string' ? v.trim().toLowerCase().slice(0, 2) : v),
      z.enum(['fi', 'sv', 'en'], { error: 'must be fi, sv or en' }),
    )
    .optional(),
  url: z
    .string({ error: 'must be text' })
    .trim()
    .refine((u) => /^https?:\/\/\S+$/i.test(u) && URL.canParse(u), 'must be an http:// or https:// address')
    .optional(),
  date: z
    .unknown()
    .transform((v, ctx) => {
      const date = normaliseDate(v);
      if (date === undefined) {
        ctx.addIssue({ code: 'custom', message: 'must be a date like 2025-03-01 or 1.3.2025' });
        return z.NEVER;
      }
      return date;
    })
    .optional(),
  /**
   * For a region-wide document: the municipalities it speaks for (a region's survey is not an
   * answer in another region). Absent: every municipality.
   */
  covers: list('must be a list of municipality names').optional(),
  topics: list('must be a list of words').optional(),
});

export type MetaFields = z.output<typeof fieldsSchema>;
const KNOWN = new Set(Object.keys(fieldsSchema.shape));
/** Fields that describe one document and make no sense for a whole folder. */
const PER_DOCUMENT = ['id', 'title'] as const;

/** A validated metadata source and where it came from. */
export interface MetaLayer {
  /** The file that holds it, as shown in messages. */
  origin: string;
  fields: MetaFields;
  /** Keys that are not metadata fields (probably typos), for a warning. */
  unknown: string[];
}

/** Validates one source's raw key/value map. */
export function validateMeta(raw: unknown, origin: string, opts: { folder?: boolean } = {}): MetaLayer {
  if (raw === null || raw === undefined) return { origin, fields: {}, unknown: [] };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    throw new MetadataError(
      `${origin}: metadata must be a YAML mapping of fields (title: …, municipality: …)`,
    );
  }
  const record = raw as Record<string, unknown>;
  if (opts.folder) {
    for (const key of PER_DOCUMENT) {
      if (key in record) {
        throw new MetadataError(
          `${origin}: field "${key}" belongs to one document; set it in the file's front matter or NAME.meta.yml, not in _meta.yml`,
        );
      }
    }
  }
  const parsed = fieldsSchema.safeParse(record);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = String(issue.path[0] ?? '');
    throw new MetadataError(
      `${origin}: field "${field}" ${issue.message} (got ${JSON.stringify(record[field])})`,
    );
  }
  return { origin, fields: parsed.data, unknown: Object.keys(record).filter((k) => !KNOWN.has(k)) };
}

async function readYaml(path: string, origin: string): Promise<unknown | undefined> {
  let source: string;
  try {
    source = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT' || (err as NodeJS.ErrnoException).code === 'ENOTDIR')
      return undefined;
    throw new MetadataError(`${origin}: cannot read (${(err as Error).message})`);
  }
  try {
    return YAML.parse(source) as unknown;
  } catch (err) {
    throw new MetadataError(`${origin}: invalid YAML: ${(err as Error).message.split('\n')[0]}`);
  }
}

/**
 * Reads the metadata files that apply to one document: folder `_meta.yml` files from `root` down
 * to the file's folder, then the sidecar. Folder files are read once per reader.
 */
export class MetaReader {
  private readonly folders = new Map<string, Promise<MetaLayer | undefined>>();

  /** @param display turns an absolute path into the form shown in messages. */
  constructor(private readonly display: (absolutePath: string) => string = (p) => p) {}

  private folderMeta(dir: string): Promise<MetaLayer | undefined> {
    let layer = this.folders.get(dir);
    if (!layer) {
      const path = join(dir, '_meta.yml');
      const origin = this.display(path);
      layer = readYaml(path, origin).then((raw) =>
        raw === undefined ? undefined : validateMeta(raw, origin, { folder: true }),
      );
      this.folders.set(dir, layer);
    }
    return layer;
  }

  private async sidecar(file: string): Promise<MetaLayer | undefined> {
    const dir = dirname(file);
    const name = basename(file);
    const stem = basename(file, extname(file));
    for (const candidate of [
      `${name}.meta.yml`,
      `${name}.meta.yaml`,
      `${stem}.meta.yml`,
      `${stem}.meta.yaml`,
    ]) {
      const path = join(dir, candidate);
      const raw = await readYaml(path, this.display(path));
      if (raw !== undefined) return validateMeta(raw, this.display(path));
    }
    return undefined;
  }

  /** Layers that apply to `file` (absolute), weakest first: root folder … nearest folder, sidecar. */
  async layersFor(file: string, root: string): Promise<MetaLayer[]> {
    const dirs: string[] = [];
    let dir = dirname(file);
    const inside = (d: string): boolean => d === root || !relative(root, d).startsWith('..');
    while (inside(dir)) {
      dirs.unshift(dir);
      if (dir === root) break;
      const parent = dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
    const layers: MetaLayer[] = [];
    for (const d of dirs) {
      const layer = await this.folderMeta(d);
      if (layer) layers.push(layer);
    }
    const side = await this.sidecar(file);
    if (side) layers.push(side);
    return layers;
  }
}

/** Later layers win, field by field. */
export function mergeLayers(layers: MetaLayer[]): MetaFields {
  const merged: MetaFields = {};
  for (const { fields } of layers) {
    for (const [k, v] of Object.entries(fields))
      if (v !== undefined) (merged as Record<string, unknown>)[k] = v;
  }
  return merged;
}

/** A readable title from a file name: "avustusohje_2026.pdf" -> "Avustusohje 2026". */
export function titleFromFileName(file: string): string {
  const stem = basename(file.split(sep).join('/'), extname(file)).replace(/[-_]+/g, ' ').trim();
  return stem ? stem[0]!.toUpperCase() + stem.slice(1) : file;
}

/** The document's final metadata: explicit fields, then the title the file gives itself, the detected language, defaults. */
export function resolveMeta(
  fields: MetaFields,
  facts: { documentTitle?: string; fileName: string; body: string },
): DocumentMeta {
  const meta: DocumentMeta = {
    title: fields.title ?? facts.documentTitle ?? titleFromFileName(facts.fileName),
    audience: fields.audience ?? 'public',
    language: fields.language ?? detectLanguage(facts.body.slice(0, 6000)),
    topics: fields.topics ?? [],
  };
  if (fields.id !== undefined) meta.id = fields.id;
  if (fields.municipality) meta.municipality = fields.municipality;
  if (fields.municipality && fields.municipality_sv) meta.municipalitySv = fields.municipality_sv;
  if (fields.url !== undefined) meta.url = fields.url;
  // Without metadata the page may still say whose it is; `municipality: null` means region-wide.
  const found = attributeDocument({ title: meta.title, body: facts.body, url: meta.url });
  if (fields.municipality === undefined && found.municipality) {
    meta.municipality = found.municipality;
    if (found.municipalitySv) meta.municipalitySv = found.municipalitySv;
  }
  if (meta.url === undefined && found.url) meta.url = found.url;
  if (!meta.municipality && fields.covers?.length) meta.covers = fields.covers;
  if (fields.date !== undefined) meta.date = fields.date;
  else {
    // A saved web page dates itself ("Päivitetty 12.3.2025", a dateline under its title).
    const dated = pageDate(facts.body);
    if (dated) meta.date = dated;
  }
  return meta;
}
