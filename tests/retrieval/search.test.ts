import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/store/db.ts';
import { Analyzer } from '../../src/retrieval/analyzer.ts';
import { loadThesaurus } from '../../src/retrieval/thesaurus.ts';
import { OfflineEmbedder } from '../../src/retrieval/embedder.ts';
import { HybridSearcher } from '../../src/retrieval/searcher.ts';
import { StoreIndexWriter, syncIndex } from '../../src/ingest/indexer.ts';
import { ExtractiveAnswerer } from '../../src/answer/extractive.ts';
import { answerability } from '../../src/answer/answerability.ts';
import { ANSWERABILITY } from '../../src/kernel/tuning.ts';
import { KumppaniRetriever } from '../../src/retrieval/langchain.ts';
import { listMunicipalities } from '../../src/store/documents.ts';
import { corpus } from './fixtures.ts';

let db: Database;
let searcher: HybridSearcher;
let answerer: ExtractiveAnswerer;
let writer: StoreIndexWriter;
let analyzerKey: (w: string) => string;

beforeAll(async () => {
  db = await openDatabase({ dataDir: 'memory' });
  const analyzer = new Analyzer(loadThesaurus());
  analyzerKey = (w) => analyzer.key(w, 'fi');
  const embedder = new OfflineEmbedder(analyzer, 256);
  await syncIndex(db.pool, embedder, analyzer);
  writer = new StoreIndexWriter(db.pool, embedder, analyzer);
  for (const f of corpus) await writer.put(f.doc, f.chunks);
  searcher = new HybridSearcher(db.pool, embedder, analyzer, { statsTtlMs: 0 });
  answerer = new ExtractiveAnswerer(db.pool, searcher, analyzer);
});
afterAll(async () => {
  await db.close();
});

describe('hybrid search', () => {
  it('finds a compound-word question in an inflected text ("järjestöavustusten" meets "toiminta-avustusta")', async () => {
    const hits = await searcher.search('Milloin järjestöavustusten hakuaika päättyy?', {
      municipality: 'Lahdenkylä',
      audience: 'public',
    });
    expect(hits[0]!.section).toBe('Avustukset › Toiminta-avustus');
    expect(hits[0]!.source).toBe('test/lahdenkylä/yhteistyo.md');
  });

  it('keeps to the chosen municipality plus region-wide documents', async () => {
    const hits = await searcher.search('toiminta-avustus hakuaika', {
      municipality: 'Myllymäki',
      audience: 'public',
      limit: 20,
    });
    expect(hits.length).toBeGreaterThan(0);
    for (const h of hits) expect([undefined, 'Myllymäki']).toContain(h.municipality);
  });

  it('answers only from the newest version of a document', async () => {
    const hits = await searcher.search('toiminta-avustus hakuaika', {
      municipality: 'Lahdenkylä',
      audience: 'public',
      limit: 20,
    });
    expect(hits.some((h) => h.source.includes('arkisto'))).toBe(false);
  });

  it('hides staff documents from the public', async () => {
    const pub = await searcher.search('tilamaksuista luovutaan', {
      municipality: 'Myllymäki',
      audience: 'public',
      limit: 20,
    });
    expect(pub.some((h) => h.source.endsWith('muistio.md'))).toBe(false);
    const staff = await searcher.search('tilamaksuista luovutaan', {
      municipality: 'Myllymäki',
      audience: 'staff',
      limit: 20,
    });
    expect(staff[0]!.source).toBe('test/myllymäki/muistio.md');
  });

  it('lets a Swedish question find a Finnish document through the thesaurus', async () => {
    const hits = await searcher.search('Hur mycket kostar det att hyra en lokal?', {
      municipality: 'Myllymäki',
      audience: 'public',
    });
    expect(hits[0]!.section).toBe('Tilat');
  });
});

describe('extractive answers', () => {
  it('puts the date first and cites the document', async () => {
    const a = await answerer.ask('mihin mennessä pitää hakea toiminta-avustusta?', {
      municipality: 'Lahdenkylä',
      audience: 'public',
    });
    expect(a.answered).toBe(true);
    expect(a.text).toContain('31.3.2026');
    expect(a.text).not.toContain('15.4.2025');
    expect(a.citations[0]).toMatchObject({
      source: 'test/lahdenkylä/yhteistyo.md',
      section: 'Avustukset › Toiminta-avustus',
      date: '2026-01-15',
      url: 'https://lahdenkyla.example.fi/ohje',
    });
  });

  it('answers colloquial Finnish about free use of a school gym', async () => {
    const a = await answerer.ask('saako meidän seura käyttää koulun salia ilmaseks?', {
      municipality: 'Lahdenkylä',
      audience: 'public',
    });
    expect(a.answered).toBe(true);
    expect(a.text).toMatch(/maksutta/);
  });

  it('meets a compound the thesaurus does not know through words the documents use ("kesälomien" / "lomien")', async () => {
    const a = await answerer.ask('kuka hoitaa yhdistysasioita kesälomien aikaan?', {
      municipality: 'Koivula',
      audience: 'public',
    });
    expect(a.answered).toBe(true);
    expect(a.text).toContain('Pekka Ranta');
  });

  it('reads a fee written with symbols ("12 €/h") as an hourly price', async () => {
    const a = await answerer.ask('paljonko kokoushuone maksaa tunnilta?', {
      municipality: 'Koivula',
      audience: 'public',
    });
    expect(a.answered).toBe(true);
    expect(a.text).toContain('12 €/h');
  });

  it('refuses an English question about a thing no document mentions ("parking")', async () => {
    const a = await answerer.ask('What is the parking fee at the town hall?', {
      municipality: 'Lahdenkylä',
      audience: 'public',
    });
    expect(a.answered).toBe(false);
    expect(a.text).toContain('liisa.laine@lahdenkyla.example.fi');
  });

  it('reads spoken forms the index does not know as the standard ones ("onks", "montaks")', async () => {
    const q = await searcher.analyse('onks lahdenkylässä toiminta-avustus haettavana', 'fi');
    expect(q.tokens.map((t) => t.surface)).not.toContain('onks');
    expect(q.standard).toBe('onko lahdenkylässä toiminta-avustus haettavana');
    // A question about "how many" typed as spoken Finnish is still a count.
    const count = await answerer.understand('montaks kuntaa maksaa toiminta-avustusta', {
      audience: 'public',
    });
    expect(count.route).toBe('count');
  });

  it('does not "correct" a verb into a document word ("laittaa" is not "liitetään")', async () => {
    const q = await searcher.analyse('pitää laittaa hakemus', 'fi');
    const verb = q.tokens.find((t) => t.surface === 'laittaa');
    expect(verb?.features).not.toContain('liit');
    // A real typo still is corrected: "avsutus" finds "avustus".
    const typo = (await searcher.analyse('avsutuksen haku', 'fi')).tokens.find(
      (t) => t.surface === 'avsutuksen',
    );
    expect(typo?.features).toContain(analyzerKey('avustuksen'));
  });

  it('knows a bilingual municipality by the Swedish name its documents give', async () => {
    expect((await listMunicipalities(db.pool)).find((m) => m.name === 'Koivula')?.sv).toBe('Björkby');
    // The question names the municipality only in Swedish: the answer keeps to its documents.
    const a = await answerer.ask('Vad kostar lokalen i Björkby?', { audience: 'public' });
    expect(a.hits.length).toBeGreaterThan(0);
    expect(a.hits.every((h) => !h.municipality || h.municipality === 'Koivula')).toBe(true);
  });

  it('refuses what the documents do not say and names the contact person', async () => {
    const a = await answerer.ask('Paljonko saunan vuokraus maksaa?', {
      municipality: 'Lahdenkylä',
      audience: 'public',
    });
    expect(a.answered).toBe(false);
    expect(a.text).toContain('liisa.laine@lahdenkyla.example.fi');
    expect(a.contact).toContain('Liisa Laine');
  });

  it('answers although one word of the question is a participle no document uses ("antaman")', async () => {
    const a = await answerer.ask('Mihin mennessä kunnan antaman toiminta-avustuksen hakemus jätetään?', {
      municipality: 'Lahdenkylä',
      audience: 'public',
    });
    expect(a.answered).toBe(true);
    expect(a.text).toContain('31.3.2026');
  });

  it('refuses when the question names a place the passages do not speak of ("Ylivieskassa")', async () => {
    // Lahdenkylä's rule answers the same question for Lahdenkylä; Ylivieska has no documents.
    const a = await answerer.ask('Mihin mennessä toiminta-avustusta haetaan Ylivieskassa?', {
      audience: 'public',
    });
    expect(a.answered).toBe(false);
    expect(a.answerability?.features.place).toBe(0);
    // The place decides: the same candidate with the place matched would be answered.
    expect(answerability({ ...a.answerability!.features, place: 1 })).toBeGreaterThanOrEqual(
      ANSWERABILITY.threshold,
    );
    const here = await answerer.ask('Mihin mennessä toiminta-avustusta haetaan Lahdenkylässä?', {
      audience: 'public',
    });
    expect(here.answered).toBe(true);
    expect(here.text).toContain('31.3.2026');
  });

  it('asked about a year, quotes the sentence of that year, not of another', async () => {
    const q = await searcher.analyse('Paljonko avustusten määräraha on vuonna 2027?', 'fi');
    const hit = {
      ...(await searcher.search('avustus', { municipality: 'Lahdenkylä', audience: 'public' }))[0]!,
      text: 'Avustusten määräraha vuonna 2026 on 186 000 euroa. Avustusten määräraha vuodelle 2027 on 190 000 euroa.',
    };
    const [best] = answerer.scoreSentences(q, new Set(['amount']), [hit]);
    expect(best!.text).toContain('2027');
  });

  it('replies in Swedish with the Finnish quote', async () => {
    const a = await answerer.ask('När ska verksamhetsbidraget sökas?', {
      municipality: 'Lahdenkylä',
      audience: 'public',
      language: 'sv',
    });
    expect(a.answered).toBe(true);
    expect(a.language).toBe('sv');
    expect(a.text).toMatch(/Enligt dokumenten/);
    expect(a.text).toContain('31.3.2026');
  });

  it('answers "how many municipalities" from the survey that counts them, not from a recommendation', async () => {
    const a = await answerer.ask('Kuinka moni alueen kunta maksaa toiminta-avustusta yhdistyksille?', {
      audience: 'public',
    });
    expect(a.answered).toBe(true);
    expect(a.text).toContain('9/12');
    // Region-wide passages that state counts answer; the one quoted leads the sources.
    expect(a.hits[0]!.municipality).toBeUndefined();
    expect(a.citations.map((c) => c.source)).toContain('test/alue/kysely.md');
  });

  it('lists municipalities one by one for a regional question', async () => {
    const a = await answerer.ask('Missä kunnissa tilat ovat maksuttomia yhdistyksille?', {
      audience: 'public',
    });
    expect(a.answered).toBe(true);
    expect(a.text).toContain('Lahdenkylä');
    expect(a.citations.length).toBeGreaterThanOrEqual(1);
  });

  it('with more municipalities than a region has, lists the best-matching few and says so', async () => {
    // Limits as if the index held hundreds: one search picks, then one search per listed municipality.
    const searches: Array<string | null | undefined> = [];
    const counting = Object.create(searcher) as HybridSearcher;
    counting.search = (query, opts, analysed) => {
      searches.push(opts.municipality);
      return searcher.search(query, opts, analysed);
    };
    const few = new ExtractiveAnswerer(db.pool, counting, new Analyzer(loadThesaurus()), {
      regionalAll: 2,
      regionalShown: 1,
    });
    const question = 'Missä kunnissa tilat ovat maksuttomia yhdistyksille?';
    const a = await few.ask(question, { audience: 'public' });
    expect(a.answered).toBe(true);
    expect(a.text.match(/^• /gm)).toHaveLength(1);
    expect(a.text).toContain('Yllä 1 kuntaa 3:stä');
    expect(a.text).not.toContain('ei asiakirjoissa ole tietoa');
    expect(searches.filter((m) => m).length).toBe(1);

    // Within the limits every municipality gets its own search, and the silent ones are named.
    searches.length = 0;
    const all = await answerer.ask(question, { audience: 'public' });
    expect(all.text).not.toContain('Yllä');
    expect(all.text).toMatch(/ei asiakirjoissa ole tietoa: .*Myllymäki|• Myllymäki/);
  });
});

describe('LangChain retriever', () => {
  it('returns LangChain Documents with the citation fields as metadata', async () => {
    const retriever = new KumppaniRetriever({
      searcher,
      search: { municipality: 'Lahdenkylä', audience: 'public', limit: 3 },
    });
    const docs = await retriever.invoke('Kuka on järjestöyhdyshenkilö?');
    expect(docs[0]!.pageContent).toContain('Liisa Laine');
    expect(docs[0]!.metadata).toMatchObject({
      source: 'test/lahdenkylä/yhteistyo.md',
      section: 'Yhteyshenkilö',
      municipality: 'Lahdenkylä',
    });
  });
});
