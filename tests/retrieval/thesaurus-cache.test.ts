/**
 * loadThesaurus keeps the parsed thesaurus as JSON by the text's hash (a CLI start then skips the
 * YAML parser): what it loads must be what parsing gives, and an edited file must never be
 * answered from the cached data of its old text.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_THESAURUS_PATH, loadThesaurus, parseThesaurus } from '../../src/retrieval/thesaurus.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kumppani-thesaurus-'));
const BASE = fs.readFileSync(DEFAULT_THESAURUS_PATH, 'utf8');
const write = (name: string, text: string): string => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
};

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('loadThesaurus', () => {
  it('loads the same thesaurus from the cache as from the YAML', () => {
    loadThesaurus(write('first.yml', BASE));
    // Another path with the same text: the module's own memo misses, the cache by content hits.
    const cached = loadThesaurus(write('second.yml', BASE));
    expect(cached).toEqual(parseThesaurus(BASE));
  });

  it('reads an edited thesaurus afresh', () => {
    const edited = BASE.replace(
      'concepts:\n',
      'concepts:\n  sports_hall:\n    fi: [liikuntasali]\n    sv: [idrottshall]\n    en: [sports hall]\n',
    );
    const t = loadThesaurus(write('edited.yml', edited));
    expect(t.concepts.get('sports_hall')?.terms.sv).toEqual(['idrottshall']);
    expect(t.hash).not.toBe(parseThesaurus(BASE).hash);
  });
});
