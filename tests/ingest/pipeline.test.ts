import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ingestPaths } from '../../src/ingest/pipeline.ts';
import { FakeWriter } from './fake-writer.ts';
import { makeDocx, makePdf } from './make-fixtures.ts';

let root: string;
const write = (path: string, content: string | Buffer): void => {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), content);
};
const fixture = (name: string): string => new URL(`./fixtures/${name}`, import.meta.url).pathname;

/** A knowledge folder with every format, metadata files and things that are not documents. */
async function knowledgeFolder(): Promise<void> {
  write('kb/testila/_meta.yml', 'municipality: Testilä\n');
  copyFileSync(fixture('ohje.md'), join(root, 'kb/testila/ohje.md'));
  copyFileSync(fixture('avustukset.html'), join(root, 'kb/testila/avustukset.html'));
  copyFileSync(fixture('muistio.txt'), join(root, 'kb/testila/muistio.txt'));
  write(
    'kb/testila/avustusohje.pdf',
    await makePdf([
      { kind: 'title', text: 'Avustusohje' },
      { kind: 'h1', text: '1. Hakuaika' },
      { kind: 'p', lines: ['Avustuksia haetaan maaliskuussa.'] },
    ]),
  );
  write('kb/mallila/tilat.docx', await makeDocx());
  write('kb/mallila/rikki.pdf', Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(300, 7)]));
  write('kb/mallila/taulukko.xlsx', 'not supported');
  write('kb/mallila/_luonnos.md', '# Luonnos\n\nEi julkaistu.\n');
  write('kb/.git/HEAD.md', '# ei dokumentti\n');
  write('kb/README.md', '# Kansion ohje\n\nTämä ei ole dokumentti.\n');
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'kumppani-ingest-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('ingestPaths', () => {
  it('indexes every format in a folder, skips what is not a document and reports a corrupt file without stopping', async () => {
    await knowledgeFolder();
    const writer = new FakeWriter();
    const progress: Array<[number, number, string]> = [];
    const summary = await ingestPaths(['kb'], writer, {
      cwd: root,
      onProgress: (d, t, f) => progress.push([d, t, f]),
    });

    expect([...writer.docs.keys()].sort()).toEqual([
      'kb/mallila/tilat.docx',
      'kb/testila/avustukset.html',
      'kb/testila/avustusohje.pdf',
      'kb/testila/muistio.txt',
      'kb/testila/ohje.md',
    ]);
    expect(summary).toMatchObject({
      files: 6,
      added: 5,
      updated: 0,
      unchanged: 0,
      removed: [],
      skipped: ['kb/mallila/taulukko.xlsx'],
    });
    expect(summary.failed).toEqual([
      { file: 'kb/mallila/rikki.pdf', reason: expect.stringMatching(/^not a readable PDF: /) },
    ]);
    expect(summary.chunks).toBe([...writer.docs.values()].reduce((n, d) => n + d.chunks.length, 0));
    expect(progress.map(([d, t]) => `${d}/${t}`)).toEqual(['1/6', '2/6', '3/6', '4/6', '5/6', '6/6']);

    const pdf = writer.docs.get('kb/testila/avustusohje.pdf')!;
    expect(pdf.doc.format).toBe('pdf');
    expect(pdf.doc.meta).toMatchObject({ title: 'Avustusohje', municipality: 'Testilä', language: 'fi' });
    expect(pdf.chunks).toEqual([
      { ord: 0, section: '1. Hakuaika', page: 1, text: 'Avustuksia haetaan maaliskuussa.' },
    ]);
  });

  it('gives one failure line for an unsupported or missing file named on the command line', async () => {
    await knowledgeFolder();
    write('notes.xyz', 'what is this');
    const writer = new FakeWriter();
    const failures: string[] = [];
    const summary = await ingestPaths(['notes.xyz', 'kb/testila/ohje.md', 'puuttuu.md'], writer, {
      cwd: root,
      onFailure: (f) => failures.push(f.file),
    });
    expect(summary.failed).toEqual([
      {
        file: 'notes.xyz',
        reason: expect.stringMatching(/^unsupported file type \.xyz \(supported: \.md, .*\.docx\)$/),
      },
      { file: 'puuttuu.md', reason: 'no such file or folder' },
    ]);
    expect(failures).toEqual(['notes.xyz', 'puuttuu.md']);
    expect(summary.added).toBe(1);
  });

  it('skips unchanged files, re-indexes a changed file or changed metadata, and prunes files that are gone', async () => {
    await knowledgeFolder();
    const writer = new FakeWriter();
    const first = await ingestPaths(['kb'], writer, { cwd: root });
    expect(first.added).toBe(5);

    writer.puts.length = 0;
    const second = await ingestPaths(['kb'], writer, { cwd: root });
    expect(second).toMatchObject({ added: 0, updated: 0, unchanged: 5, chunks: 0 });
    expect(writer.puts).toEqual([]);

    write(
      'kb/testila/muistio.txt',
      `${readFileSync(join(root, 'kb/testila/muistio.txt'), 'utf8')}\nLisäys: kahvitarjoilu.\n`,
    );
    const third = await ingestPaths(['kb'], writer, { cwd: root });
    expect(third).toMatchObject({ added: 0, updated: 1, unchanged: 4 });
    expect(writer.puts).toEqual(['kb/testila/muistio.txt']);
    expect(
      writer.docs.get('kb/testila/muistio.txt')!.chunks.some((c) => c.text.includes('kahvitarjoilu')),
    ).toBe(true);

    // A metadata change re-indexes the documents it applies to, and only those.
    writer.puts.length = 0;
    write('kb/mallila/_meta.yml', 'municipality: Mallila\n');
    const fourth = await ingestPaths(['kb'], writer, { cwd: root });
    expect(fourth.updated).toBe(1);
    expect(writer.puts).toEqual(['kb/mallila/tilat.docx']);
    expect(writer.meta('kb/mallila/tilat.docx').municipality).toBe('Mallila');

    // Without --prune a deleted file stays indexed. With it, the index holds exactly what is under
    // the given paths: the deleted file goes, and so do documents ingested from elsewhere.
    unlinkSync(join(root, 'kb/testila/ohje.md'));
    write('other/x.md', '# X\n\nMuualla oleva tiedosto.\n');
    await ingestPaths(['other'], writer, { cwd: root });
    const kept = await ingestPaths(['kb'], writer, { cwd: root });
    expect(kept.removed).toEqual([]);
    expect(writer.docs.has('kb/testila/ohje.md')).toBe(true);

    // A path that does not exist prunes nothing: a typo must not empty the index.
    const typo = await ingestPaths(['kb', 'kbb'], writer, { cwd: root, prune: true });
    expect(typo.failed).toContainEqual({
      file: 'kbb',
      reason: 'no such file or folder, so nothing was pruned: check the path',
    });
    expect(typo.removed).toEqual([]);

    const pruned = await ingestPaths(['kb'], writer, { cwd: root, prune: true });
    expect(pruned.removed.sort()).toEqual(['kb/testila/ohje.md', 'other/x.md']);
    expect([...writer.docs.keys()].sort()).toEqual([
      'kb/mallila/tilat.docx',
      'kb/testila/avustukset.html',
      'kb/testila/avustusohje.pdf',
      'kb/testila/muistio.txt',
    ]);
  });

  it('keeps going when writing one document fails', async () => {
    await knowledgeFolder();
    const writer = new FakeWriter();
    writer.failOn.add('kb/testila/muistio.txt');
    const summary = await ingestPaths(['kb/testila'], writer, { cwd: root });
    expect(summary.failed).toEqual([
      {
        file: 'kb/testila/muistio.txt',
        reason: 'could not write to the index: connection terminated unexpectedly',
      },
    ]);
    expect(summary.added).toBe(3);
  });

  it('reports a file without text', async () => {
    write('tyhja.md', '---\ntitle: Tyhjä\n---\n');
    write('tyhja.txt', '\n\n');
    const summary = await ingestPaths(['.'], new FakeWriter(), { cwd: root });
    expect(summary.failed.map((f) => f.file).sort()).toEqual(['tyhja.md', 'tyhja.txt']);
    expect(summary.failed[0]!.reason).toMatch(/^no text to index/);
  });

  it('names sources relative to the working directory with forward slashes', async () => {
    write('a/b/c.md', '# C\n\nTeksti.\n');
    const writer = new FakeWriter();
    await ingestPaths([join(root, 'a', 'b', '..', 'b')], writer, { cwd: root });
    expect([...writer.docs.keys()]).toEqual(['a/b/c.md']);
  });
});
