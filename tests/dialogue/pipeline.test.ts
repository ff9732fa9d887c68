/**
 * The dialogue through the real index, searcher and extractive answerer (createServices) over a
 * tiny in-test corpus: follow-ups reach the other municipality's document, a Swedish question
 * over Finnish documents gets a Swedish reply with the Finnish quote, and the staff report shows
 * what was asked.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../src/app.ts';
import { ingestPaths } from '../../src/ingest/pipeline.ts';
import { buildReport, renderReport } from '../../src/dialogue/report.ts';
import { t } from '../../src/kernel/i18n/index.ts';
import { plainText } from '../../src/kernel/blocks.ts';
import { silentLogger } from '../../src/kernel/log.ts';
import { testConfig, turn, uniqueUser } from './helpers.ts';
import { writeCorpus } from './corpus.ts';

let services: Services;
let corpus: string;

beforeAll(async () => {
  corpus = writeCorpus();
  services = await createServices(testConfig({ KUMPPANI_AUTO_INGEST: 'false' }), { logger: silentLogger });
  const summary = await ingestPaths([corpus], services.writer, { cwd: corpus });
  expect(summary.failed).toEqual([]);
});
afterAll(async () => {
  await services.close();
  fs.rmSync(corpus, { recursive: true, force: true });
});

const ask = (text: string, userId: string) => services.assistant.handle(turn(text, { userId }));

describe('the dialogue over the real index', () => {
  it('answers, then follows up with another municipality and with the same subject', async () => {
    const userId = uniqueUser();
    const first = await ask('Milloin Koivulan toiminta-avustuksen haku päättyy?', userId);
    expect(first.answered).toBe(true);
    expect(first.text).toContain('15.3.2027');
    expect(first.citations[0]!.municipality).toBe('Koivula');
    // The reply as blocks: the municipality heading, then quoted paragraphs resting on [1], [2]…
    expect(first.blocks[0]).toEqual({
      kind: 'heading',
      text: t('fi', 'dialogue.answer.municipality', { municipality: 'Koivula' }),
      municipality: 'Koivula',
    });
    const paragraphs = first.blocks.slice(1);
    expect(paragraphs.every((b) => b.kind === 'answer')).toBe(true);
    expect(paragraphs.flatMap((b) => (b.kind === 'answer' ? b.parts.map((p) => p.cite) : []))).toEqual(
      first.citations.map((_, i) => [i + 1]),
    );
    expect(first.citations[0]!.quote).toBe(paragraphs[0]!.kind === 'answer' && paragraphs[0]!.parts[0]!.text);
    expect(first.text).toBe(plainText(first.blocks));

    const swapped = await ask('entä Haapalan?', userId);
    expect(swapped.answered).toBe(true);
    expect(swapped.text).toContain('30.4.2027');
    expect(swapped.citations[0]!.source).toBe('haapala/yhteistyo.md');

    const carried = await ask('mitä liitteitä siihen tarvitaan?', userId);
    expect(carried.answered).toBe(true);
    expect(carried.text).toContain('tilintarkastajan lausunto');
    expect(carried.citations[0]!.municipality).toBe('Haapala');
  });

  it('answers a Swedish question over Finnish documents in Swedish, quoting the Finnish text', async () => {
    const r = await ask('När går ansökningstiden för verksamhetsbidrag ut i Koivula?', uniqueUser());
    expect(r.language).toBe('sv');
    expect(r.answered).toBe(true);
    expect(r.text.split('\n')[0]).toBe(t('sv', 'dialogue.answer.municipality', { municipality: 'Koivula' }));
    expect(r.text).toContain('15.3.2027');
    expect(r.citations[0]!.quote).toContain('toiminta-avustuksen haku päättyy');
    expect(r.blocks[1]).toEqual({ kind: 'notice', text: t('sv', 'answer.quotedIntro') });
  });

  it('lists the municipalities and documents the index holds', async () => {
    expect(await services.assistant.municipalities()).toEqual([
      { name: 'Haapala', documents: 1 },
      { name: 'Koivula', documents: 1 },
    ]);
    const about = await ask('/about', uniqueUser());
    expect(about.text).toContain('Koivulan kunnan ja yhdistysten yhteistyöohje – Koivula, 2026-02-01');
    expect(about.text).toContain('Järjestöneuvottelukunnan suositus kunnille – region-wide, 2025-11-30');
  });

  it('refuses what the documents do not say and names the municipality’s contact person', async () => {
    const r = await ask('Saako Koivulassa järjestää ilotulituksen uudenvuoden juhlassa?', uniqueUser());
    expect(r.answered).toBe(false);
    expect(r.text).toContain('kaisa.koivisto@koivula.example.fi');
    const refusal = r.blocks.find((b) => b.kind === 'refusal');
    expect(refusal).toMatchObject({ contact: { cite: [1] } });
    expect(refusal?.kind === 'refusal' && refusal.contact?.text).toContain(
      'kaisa.koivisto@koivula.example.fi',
    );
    expect(r.citations[0]!.quote).toContain('kaisa.koivisto@koivula.example.fi');
  });

  it('compares municipalities in a block that names each one, each resting on its own source', async () => {
    const r = await ask('Missä kunnissa toiminta-avustuksen haku päättyy?', uniqueUser());
    const list = r.blocks.find((b) => b.kind === 'municipalities');
    expect(list?.kind).toBe('municipalities');
    if (list?.kind !== 'municipalities') return;
    expect(list.items.map((i) => i.municipality).sort()).toEqual(['Haapala', 'Koivula']);
    for (const item of list.items) {
      const [n] = item.parts[0]!.cite;
      expect(r.citations[n! - 1]!.municipality).toBe(item.municipality);
      expect(r.text).toContain(`• ${item.municipality}: ${item.parts[0]!.text} [${n}]`);
    }
  });

  it('ignores a vote whose answer id holds a NUL and keeps a comment with one, from any channel', async () => {
    const userId = uniqueUser();
    const a = await ask('Milloin Haapalan toiminta-avustuksen haku päättyy?', userId);
    // PostgreSQL refuses NUL in text: without the guard this rejects with a database error.
    await services.assistant.feedback({ answerId: `${a.id}\u0000`, channel: 'slack', userId, vote: 'up' });
    await services.assistant.feedback({
      answerId: a.id,
      channel: 'slack',
      userId,
      vote: 'down',
      comment: 'väärä\u0000 päivä',
    });
    const { rows } = await services.db.pool.query<{ vote: string; comment: string }>(
      'SELECT vote, comment FROM feedback WHERE answer_id = $1',
      [a.id],
    );
    expect(rows).toEqual([{ vote: 'down', comment: 'väärä päivä' }]);
  });

  it('reports questions per topic, the unanswered ones grouped, and feedback', async () => {
    const userId = uniqueUser();
    const a = await ask('Paljonko Koivulan liikuntasalin tuntimaksu on?', userId);
    await services.assistant.feedback({ answerId: a.id, channel: 'web', userId, vote: 'up' });
    for (const q of [
      'Saako Koivulassa pitää koiraa mukana yhdistysillassa?',
      'Saako koiran tuoda Koivulan yhdistysiltaan?',
      'Onko Koivulassa parkkipaikkoja kunnantalolla?',
    ]) {
      const r = await ask(q, userId);
      expect(r.answered, q).toBe(false);
      await services.assistant.feedback({
        answerId: r.id,
        channel: 'web',
        userId,
        vote: 'down',
        comment: 'Tähän ei ole vastausta',
      });
    }
    const report = await buildReport(services.stores, { municipality: 'Koivulassa' });
    expect(report.municipality).toBe('Koivula');
    expect(report.topics.find((x) => x.topic === 'premises')!.questions).toBeGreaterThanOrEqual(1);
    const dogGap = report.gaps.find((g) => g.questions.some((q) => q.includes('koira')))!;
    expect(dogGap.questions).toHaveLength(2);
    expect(report.gaps.find((g) => g.example.includes('parkkipaik'))!.count).toBe(1);
    expect(report.feedback.up).toBe(1);
    expect(report.feedback.down).toBe(3);
    const text = renderReport(report, 'fi', 90);
    expect(text).toContain(t('fi', 'report.gaps'));
    expect(text).toContain('2 × "Saako Koivulassa pitää koiraa mukana yhdistysillassa?"');
    expect(text).toContain('👎 "Tähän ei ole vastausta"');
    // Another municipality's report does not see Koivula's questions.
    const haapala = await buildReport(services.stores, { municipality: 'Haapala' });
    expect(haapala.gaps.some((g) => g.questions.some((q) => q.includes('koira')))).toBe(false);
  });
});
