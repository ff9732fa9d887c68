/**
 * The knowledge folder is the source of truth: every start syncs it (an interrupted first ingest
 * resumes), a folder pointed elsewhere replaces what the sync put in, and what an operator added
 * with `kumppani ingest OTHERDIR` stays until its file is gone.
 */
import { mkdirSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Services } from '../../src/app.ts';
import { ingestKnowledgeIfEmpty, syncKnowledgeDir } from '../../src/ingest/bootstrap.ts';
import { ingestPaths } from '../../src/ingest/pipeline.ts';
import { listSources } from '../../src/store/documents.ts';
import { useTempIndex } from './temp-index.ts';

const temp = useTempIndex('kumppani-sync-');
const write = (path: string, content: string): void => {
  mkdirSync(dirname(join(temp.root(), path)), { recursive: true });
  writeFileSync(join(temp.root(), path), content);
};
const doc = (title: string): string =>
  `# ${title}\n\nAvustusta haetaan ${title.toLowerCase()}n ohjeen mukaan.\n`;
/** The services with the knowledge folder pointed at `dir`, as a restart with another setting. */
const withKnowledgeDir = (dir: string): Services => ({
  ...temp.services(),
  config: { ...temp.services().config, knowledgeDir: join(temp.root(), dir) },
});
const sources = (): Promise<string[]> => listSources(temp.services().db.pool);

describe('the start-up sync of the knowledge folder', () => {
  it('resumes a first start that was killed halfway (it used to say "index ready" and never index the rest)', async () => {
    for (const name of ['a', 'b', 'c', 'd', 'e']) write(`first/${name}.md`, doc(`Ohje ${name}`));
    const start = withKnowledgeDir('first');
    const killed = ingestKnowledgeIfEmpty(start, (done) => {
      if (done === 2) throw new Error('killed');
    });
    await expect(killed).rejects.toThrow('killed');
    expect(await sources()).toHaveLength(2);

    const restart = await ingestKnowledgeIfEmpty(start);
    expect(restart).toMatchObject({ added: 3, unchanged: 2, failed: [] });
    expect(await sources()).toHaveLength(5);
    // A start with nothing new changes nothing (and the old name reports nothing).
    expect(await ingestKnowledgeIfEmpty(start)).toBeUndefined();
  }, 60_000);

  it('replaces what it put in when the folder points elsewhere, keeps `kumppani ingest OTHERDIR` documents until their file is gone', async () => {
    await temp.services().writer.remove(await sources());
    write('demo/routasalmi.md', doc('Routasalmi'));
    write('demo/kaislaniemi.md', doc('Kaislaniemi'));
    write('oma/avustukset.md', doc('Avustus'));
    write('oma/tilat.md', doc('Tila'));
    write('lisat/kysely.md', doc('Kysely'));

    await syncKnowledgeDir(withKnowledgeDir('demo'), { cwd: temp.root() });
    await ingestPaths(['lisat'], temp.services().writer, { cwd: temp.root() });
    expect(await sources()).toEqual(['demo/kaislaniemi.md', 'demo/routasalmi.md', 'lisat/kysely.md']);

    const switched = await syncKnowledgeDir(withKnowledgeDir('oma'), { cwd: temp.root() });
    expect(switched).toMatchObject({ added: 2, removed: ['demo/kaislaniemi.md', 'demo/routasalmi.md'] });
    expect(await sources()).toEqual(['lisat/kysely.md', 'oma/avustukset.md', 'oma/tilat.md']);

    // A file deleted from the folder goes at the next sync, and so does the CLI document whose file is gone.
    unlinkSync(join(temp.root(), 'oma/tilat.md'));
    unlinkSync(join(temp.root(), 'lisat/kysely.md'));
    const later = await syncKnowledgeDir(withKnowledgeDir('oma'), { cwd: temp.root() });
    expect(later.removed.sort()).toEqual(['lisat/kysely.md', 'oma/tilat.md']);
    expect(await sources()).toEqual(['oma/avustukset.md']);

    // A folder that is missing (a typo, an unmounted share) removes nothing.
    const missing = await syncKnowledgeDir(withKnowledgeDir('omaa'), { cwd: temp.root() });
    expect(missing.failed).toEqual([{ file: 'omaa', reason: 'no such file or folder' }]);
    expect(await sources()).toEqual(['oma/avustukset.md']);

    // A file under the folder added another way (the live watcher, `kumppani ingest oma/x.md`) is
    // the folder's too: it goes when the folder is pointed elsewhere, though the file is there.
    write('oma/uusi.md', doc('Uusi'));
    write('toinen/ohje.md', doc('Ohje'));
    await ingestPaths(['oma/uusi.md'], temp.services().writer, { cwd: temp.root() });
    const moved = await syncKnowledgeDir(withKnowledgeDir('toinen'), { cwd: temp.root() });
    expect(moved.removed.sort()).toEqual(['oma/avustukset.md', 'oma/uusi.md']);
    expect(await sources()).toEqual(['toinen/ohje.md']);
  }, 60_000);
});
