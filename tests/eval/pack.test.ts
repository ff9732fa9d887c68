/**
 * Validates the demo knowledge pack and the evaluation set over it, without a database: a broken
 * question (a source path that moved, an expected string that is not in the document any more)
 * would otherwise silently lower the eval metrics instead of failing loudly.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, extname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as cheerio from 'cheerio';
import matter from 'gray-matter';
import mammoth from 'mammoth';
import { extractText, getDocumentProxy } from 'unpdf';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const demoDir = join(root, 'knowledge', 'demo');
const sourcesDir = join(root, 'knowledge', '_sources');
const questionsFile = join(root, 'tests', 'eval', 'questions.jsonl');

const DOC_EXTENSIONS = new Set(['.md', '.txt', '.html', '.pdf', '.docx']);

/** One line of questions.jsonl; strict, so a misspelt field name fails instead of being ignored. */
const Question = z.strictObject({
  id: z.string().regex(/^[a-z]+-\d{3}$/),
  question: z.string().min(8),
  municipality: z.string().optional(),
  audience: z.enum(['public', 'staff']).optional(),
  expect_sources: z.array(z.string()).min(1).optional(),
  expect_any: z.array(z.string().min(2)).min(1).optional(),
  expect_unanswered: z.literal(true).optional(),
  lang: z.enum(['fi', 'sv', 'en']),
  /** `newer-version`: the answer is only in the newest version; `staff-only-fact`: must not leak to public. */
  tags: z.array(z.enum(['newer-version', 'staff-only-fact'])).optional(),
});
type Question = z.infer<typeof Question>;

const Meta = z.object({
  id: z.string().min(3),
  title: z.string().min(3),
  municipality: z.string().min(2).optional(),
  audience: z.enum(['public', 'staff']),
  language: z.enum(['fi', 'sv', 'en']),
  url: z.string().regex(/^https:\/\/[a-z0-9.-]+\.example\.fi\//),
  // gray-matter (js-yaml) turns an unquoted 2026-02-10 into a Date; ingestion must accept both.
  date: z.preprocess(
    (v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v),
    z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  ),
  topics: z.array(z.string()).min(1),
});
type Meta = z.infer<typeof Meta>;

interface PackDoc {
  /** Path relative to the repo root, POSIX separators (what the eval file uses). */
  path: string;
  format: string;
  meta: Meta;
  /** The document's readable text (HTML: only the <main> content, without site boilerplate). */
  text: string;
}

/** Lower-cased, NFC, whitespace collapsed: how eval strings are compared with documents. */
function norm(s: string): string {
  return s.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** Same folder-walk rule as ingestion: skip `.`/`_` entries, README* and *.yml. */
function walk(dir: string): string[] {
  return readdirSync(dir)
    .filter((n) => !n.startsWith('.') && !n.startsWith('_') && !/^readme/i.test(n) && !n.endsWith('.yml'))
    .sort()
    .flatMap((n) => {
      const p = join(dir, n);
      return statSync(p).isDirectory() ? walk(p) : [p];
    });
}

function readYaml(file: string): Record<string, unknown> {
  return (parseYaml(readFileSync(file, 'utf8')) ?? {}) as Record<string, unknown>;
}

/** Folder `_meta.yml` defaults from knowledge/demo down to the file's folder, nearest wins. */
function folderMeta(file: string): Record<string, unknown> {
  const parts = relative(demoDir, dirname(file)).split(sep).filter(Boolean);
  let merged: Record<string, unknown> = {};
  for (let i = 0; i <= parts.length; i++) {
    const f = join(demoDir, ...parts.slice(0, i), '_meta.yml');
    if (existsSync(f)) merged = { ...merged, ...readYaml(f) };
  }
  return merged;
}

async function docText(file: string): Promise<{ text: string; front: Record<string, unknown> }> {
  const ext = extname(file);
  if (ext === '.md') {
    const parsed = matter(readFileSync(file, 'utf8'));
    return { text: parsed.content, front: parsed.data as Record<string, unknown> };
  }
  if (ext === '.txt') return { text: readFileSync(file, 'utf8'), front: {} };
  if (ext === '.html') {
    const $ = cheerio.load(readFileSync(file, 'utf8'));
    return { text: $('main article').text(), front: {} };
  }
  if (ext === '.pdf') {
    const pdf = await getDocumentProxy(new Uint8Array(readFileSync(file)));
    const { text } = await extractText(pdf, { mergePages: true });
    return { text: String(text), front: {} };
  }
  if (ext === '.docx') return { text: (await mammoth.extractRawText({ path: file })).value, front: {} };
  throw new Error(`unexpected document type ${file}`);
}

const docs = new Map<string, PackDoc>();
const metaErrors: string[] = [];
let questions: Question[] = [];

beforeAll(async () => {
  for (const file of walk(demoDir)) {
    const ext = extname(file);
    const path = relative(root, file).split(sep).join('/');
    if (!DOC_EXTENSIONS.has(ext)) {
      metaErrors.push(`${path}: not a document format ingestion reads`);
      continue;
    }
    const { text, front } = await docText(file);
    const sidecar = join(dirname(file), `${basename(file, ext)}.meta.yml`);
    const raw = { ...folderMeta(file), ...(existsSync(sidecar) ? readYaml(sidecar) : {}), ...front };
    const meta = Meta.safeParse(raw);
    if (!meta.success) metaErrors.push(`${path}: ${meta.error.message}`);
    else docs.set(path, { path, format: ext.slice(1), meta: meta.data, text });
  }
  questions = readFileSync(questionsFile, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((line, i) => {
      const parsed = Question.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`questions.jsonl line ${i + 1}: ${parsed.error.message}`);
      return parsed.data;
    });
});

/** Documents that a newer version with the same id supersedes (they must never be expected). */
function superseded(): Set<string> {
  const out = new Set<string>();
  for (const a of docs.values())
    for (const b of docs.values()) if (a.meta.id === b.meta.id && a.meta.date < b.meta.date) out.add(a.path);
  return out;
}

const municipalities = (): Set<string> =>
  new Set([...docs.values()].flatMap((d) => (d.meta.municipality ? [d.meta.municipality] : [])));

describe('demo knowledge pack', () => {
  it('gives every document complete metadata (front matter, sidecar or folder _meta.yml)', () => {
    expect(metaErrors).toEqual([]);
    expect(docs.size).toBeGreaterThanOrEqual(12);
  });

  it('labels every document as fictional demo data', () => {
    const unlabelled = [...docs.values()].filter(
      (d) => !norm(d.text).includes('esittelyaineisto / demo data'),
    );
    expect(unlabelled.map((d) => d.path)).toEqual([]);
    expect(readFileSync(join(root, 'knowledge', '_README.md'), 'utf8')).toMatch(/fictional demo data/i);
  });

  it('uses only invented contact details (example.fi addresses)', () => {
    for (const d of docs.values()) {
      const raw = readFileSync(
        join(root, d.path),
        d.format === 'pdf' || d.format === 'docx' ? 'latin1' : 'utf8',
      );
      const emails =
        (d.format === 'pdf' || d.format === 'docx' ? d.text : raw).match(/[\w.-]+@[\w.-]+\.[a-z]+/gi) ?? [];
      for (const e of emails) expect(e, `${d.path}: ${e}`).toMatch(/\.example\.fi$/);
    }
  });

  it('has at least three municipalities, each with a complete cooperation document', () => {
    const names = municipalities();
    expect(names.size).toBeGreaterThanOrEqual(3);
    for (const m of names) {
      const coop = [...docs.values()].filter(
        (d) =>
          d.meta.municipality === m &&
          d.format === 'md' &&
          /yhteistyö/i.test(d.meta.title) &&
          !superseded().has(d.path),
      );
      expect(coop, `cooperation document of ${m}`).toHaveLength(1);
      const text = coop[0]!.text;
      for (const section of [
        /^#+ .*yhteyshenkilö/im,
        /^#+ .*avustu/im,
        /^#+ .*tilat/im,
        /^#+ .*vuosikello/im,
      ])
        expect(text, `${m}: section ${section}`).toMatch(section);
      expect(text, `${m}: forums`).toMatch(/yhdistysilta/i);
      expect(text, `${m}: contact e-mail`).toMatch(/@[a-z]+\.example\.fi/);
      expect(text, `${m}: contact phone`).toMatch(/\b0\d{2} \d{3} \d{4}\b/);
      expect(text, `${m}: a fee in euros`).toMatch(/\d+ €\/h/);
      expect(text, `${m}: a grant report deadline`).toMatch(/käyttöselvity/i);
    }
  });

  it('keeps the municipalities apart: deadlines, contacts and event-grant caps differ', () => {
    const coop = [...municipalities()].map(
      (m) =>
        [...docs.values()].find(
          (d) => d.meta.municipality === m && /yhteistyö/i.test(d.meta.title) && !superseded().has(d.path),
        )!.text,
    );
    const facts = [/Halme|Sjöberg|Kettunen/, /800 euroa|600 euroa|300 euroa/, /31\.3\.|1\.–30\.4\.|15\.2\./];
    for (const fact of facts) {
      const found = coop.map((t) => t.match(fact)?.[0]);
      expect(new Set(found).size, String(fact)).toBe(coop.length);
    }
  });

  it('covers every format, a Swedish document, a staff-only document, an older version and region-wide documents', () => {
    const all = [...docs.values()];
    for (const f of ['md', 'txt', 'html', 'pdf', 'docx'])
      expect(
        all.some((d) => d.format === f),
        f,
      ).toBe(true);
    expect(all.some((d) => d.meta.language === 'sv')).toBe(true);
    expect(all.some((d) => d.meta.audience === 'staff')).toBe(true);
    expect(superseded().size).toBeGreaterThanOrEqual(1);
    const region = all.filter((d) => d.path.startsWith('knowledge/demo/alue/'));
    expect(region.length).toBeGreaterThanOrEqual(1);
    for (const d of region) expect(d.meta.municipality, d.path).toBeUndefined();
  });

  it('has a paged PDF with the municipality in its running header and page numbers', async () => {
    const file = join(root, 'knowledge/demo/routasalmi/avustusohjeet-2027.pdf');
    const pdf = await getDocumentProxy(new Uint8Array(readFileSync(file)));
    const { totalPages, text } = await extractText(pdf, { mergePages: false });
    expect(totalPages).toBeGreaterThanOrEqual(2);
    (text as string[]).forEach((page, i) => {
      expect(page).toContain('Routasalmen kaupunki');
      expect(page).toContain(`Sivu ${i + 1}/${totalPages}`);
    });
    expect(text.join(' ')).toMatch(/ä.*ö/s);
  });

  it('has a DOCX with real Word headings (Heading 1 and Heading 2)', async () => {
    const file = join(root, 'knowledge/demo/sammalkoski/avustusohjeet-2027.docx');
    const { value } = await mammoth.convertToHtml({ path: file });
    expect(value).toMatch(/<h1>Avustuslajit<\/h1>/);
    expect(value).toMatch(/<h2>Kylätaloavustus<\/h2>/);
  });

  it('has binaries that match their committed sources (rebuild with knowledge/_tools/build-binaries.ts)', () => {
    const pairs: [string, string][] = [
      ['routasalmi-avustusohjeet-2027.md', 'knowledge/demo/routasalmi/avustusohjeet-2027.pdf'],
      ['sammalkoski-avustusohjeet-2027.md', 'knowledge/demo/sammalkoski/avustusohjeet-2027.docx'],
    ];
    for (const [source, binary] of pairs) {
      const text = norm(docs.get(binary)!.text);
      const lines = readFileSync(join(sourcesDir, source), 'utf8')
        .split('\n')
        .map((l) => l.replace(/^(#+|-|\d+\.)\s+/, '').trim())
        .filter(Boolean);
      for (const line of lines) expect(text, `${binary} lacks: ${line}`).toContain(norm(line));
    }
  });

  it('keeps site boilerplate outside <main> on the HTML page, so stripping it is testable', () => {
    const $ = cheerio.load(
      readFileSync(join(root, 'knowledge/demo/routasalmi/tilat-ja-tilavaraukset.html'), 'utf8'),
    );
    expect($('main article h1')).toHaveLength(1);
    expect($('main article h2').length).toBeGreaterThanOrEqual(3);
    expect($('main article h3').length).toBeGreaterThanOrEqual(3);
    for (const sel of ['header nav', 'nav.breadcrumb', 'aside', '#cookie-banner', 'footer']) {
      expect($(sel).length, sel).toBeGreaterThan(0);
      expect($(sel).closest('main').length, sel).toBe(0);
    }
    // The comment form sits inside <main>, as on many municipal sites: ingestion must drop it too.
    expect($('main form').closest('article').length).toBe(0);
    expect($('main .feedback').text()).toMatch(/Oliko tästä sivusta hyötyä/);
  });
});

describe('evaluation questions', () => {
  it('has unique ids and enough questions of every kind', () => {
    expect(new Set(questions.map((q) => q.id)).size).toBe(questions.length);
    expect(questions.length).toBeGreaterThanOrEqual(100);
    expect(questions.filter((q) => q.lang !== 'fi').length).toBeGreaterThanOrEqual(15);
    expect(questions.filter((q) => q.expect_unanswered).length).toBeGreaterThanOrEqual(15);
    expect(questions.filter((q) => q.audience === 'staff').length).toBeGreaterThanOrEqual(3);
    expect(questions.filter((q) => q.tags?.includes('newer-version')).length).toBeGreaterThanOrEqual(5);
  });

  it('gives each question either expectations or expect_unanswered, never both', () => {
    for (const q of questions) {
      if (q.expect_unanswered) expect(q.expect_sources ?? q.expect_any, q.id).toBeUndefined();
      else {
        expect(q.expect_sources, q.id).toBeDefined();
        expect(q.expect_any, q.id).toBeDefined();
      }
    }
  });

  it('names only municipalities that the pack has', () => {
    const names = municipalities();
    for (const q of questions) if (q.municipality) expect(names.has(q.municipality), q.id).toBe(true);
  });

  it('expects only existing, current documents the asker may see', () => {
    const old = superseded();
    for (const q of questions)
      for (const s of q.expect_sources ?? []) {
        const doc = docs.get(s);
        expect(doc, `${q.id}: ${s} is not a document of the pack`).toBeDefined();
        expect(old.has(s), `${q.id}: ${s} is superseded by a newer version`).toBe(false);
        if (doc!.meta.audience === 'staff') expect(q.audience, `${q.id}: staff-only source`).toBe('staff');
        if (q.municipality && doc!.meta.municipality)
          expect(doc!.meta.municipality, `${q.id}: ${s} belongs to another municipality`).toBe(
            q.municipality,
          );
      }
  });

  it('finds every expected answer string in at least one expected source', () => {
    const missing: string[] = [];
    for (const q of questions)
      for (const a of q.expect_any ?? []) {
        const found = (q.expect_sources ?? []).some((s) => norm(docs.get(s)?.text ?? '').includes(norm(a)));
        if (!found) missing.push(`${q.id}: "${a}"`);
      }
    expect(missing).toEqual([]);
  });

  it('tags newer-version questions only with answers that the older version does not contain', () => {
    const old = [...superseded()].map((p) => docs.get(p)!);
    for (const q of questions.filter((x) => x.tags?.includes('newer-version'))) {
      const ids = new Set((q.expect_sources ?? []).map((s) => docs.get(s)!.meta.id));
      const olderTexts = old.filter((d) => ids.has(d.meta.id)).map((d) => norm(d.text));
      expect(olderTexts.length, `${q.id}: no older version of its sources`).toBeGreaterThan(0);
      for (const a of q.expect_any ?? [])
        for (const t of olderTexts)
          expect(t.includes(norm(a)), `${q.id}: "${a}" is also in the old version`).toBe(false);
    }
  });

  it('keeps staff-only facts out of public answers', () => {
    const staffTexts = [...docs.values()].filter((d) => d.meta.audience === 'staff');
    const leaks = questions.filter((q) => q.tags?.includes('staff-only-fact'));
    expect(leaks.length).toBeGreaterThanOrEqual(1);
    for (const q of leaks) {
      expect(q.audience ?? 'public', q.id).toBe('public');
      expect(q.expect_unanswered, q.id).toBe(true);
    }
    expect(staffTexts.length).toBeGreaterThanOrEqual(1);
  });

  it('asks about every current document, and in every format and language', () => {
    const asked = new Set(questions.flatMap((q) => q.expect_sources ?? []));
    const old = superseded();
    const unasked = [...docs.keys()].filter((p) => !old.has(p) && !asked.has(p));
    expect(unasked).toEqual([]);
    for (const lang of ['fi', 'sv', 'en'])
      expect(
        questions.some((q) => q.lang === lang && !q.expect_unanswered),
        lang,
      ).toBe(true);
    const mentioned = questions.filter((q) => !q.municipality && !q.expect_unanswered);
    expect(mentioned.length, 'questions that name the municipality themselves').toBeGreaterThanOrEqual(5);
  });
});
