/**
 * The self-assessment "Onko kuntasi järjestöystävällinen?" (issue 17): the questions file is
 * validated (a bad file names the question and field; a quote must be in its document), and a
 * run through the dialogue over the demo pack asks every question with answer buttons, keeps its
 * progress in the database across assistant instances, can be stopped, and ends in a result whose
 * next steps and regional figures cite real passages of the demo documents, also as Markdown.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { createServices, type Services } from '../../src/app.ts';
import { createAssistant, type ClosableAssistant } from '../../src/dialogue/assistant.ts';
import { loadQuicktest, QuicktestError } from '../../src/dialogue/quicktest.ts';
import { ingestPaths } from '../../src/ingest/pipeline.ts';
import { silentLogger } from '../../src/kernel/log.ts';
import { t } from '../../src/kernel/i18n/index.ts';
import type { Language, Reply } from '../../src/kernel/types.ts';
import { testConfig, turn, uniqueUser } from './helpers.ts';

const FILE = 'knowledge/quicktest.yml';

/** A copy of the real file with `edit` applied, written beside it so `root: demo` still resolves. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a deliberately broken copy of the file
function variant(edit: (spec: any) => void): string {
  const spec = parse(fs.readFileSync(FILE, 'utf8'));
  edit(spec);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quicktest-'));
  spec.root = path.resolve('knowledge/demo');
  const file = path.join(dir, 'quicktest.yml');
  fs.writeFileSync(file, stringify(spec));
  return file;
}

function problemsOf(file: string): string[] {
  try {
    loadQuicktest(file);
  } catch (err) {
    expect(err).toBeInstanceOf(QuicktestError);
    return (err as QuicktestError).problems;
  }
  throw new Error('the file was accepted');
}

describe('the questions file', () => {
  it('is valid: 10–14 questions in fi/sv/en, each quote found in its demo document', () => {
    const test = loadQuicktest(FILE);
    expect(test.questions.length).toBeGreaterThanOrEqual(10);
    expect(test.questions.length).toBeLessThanOrEqual(14);
    const flat = (s: string) => s.replace(/\s+/g, ' ');
    for (const q of test.questions) {
      for (const l of ['fi', 'sv', 'en'] as const) expect(q.text[l]).not.toBe('');
      for (const p of [q.passage, ...(q.region ? [q.region.passage] : [])]) {
        expect(p.source).toMatch(/^knowledge\/demo\//);
        expect(flat(fs.readFileSync(p.source, 'utf8'))).toContain(p.quote);
      }
    }
    // The recommendation's four themes and the cooperation document.
    expect(new Set(test.questions.map((q) => q.theme))).toEqual(
      new Set(['contact', 'premises', 'grants', 'welfare', 'document']),
    );
  });

  it('names the question and the field of a quote its document does not have', () => {
    const file = variant((s) => (s.questions[2].quote = 'Kunta antaa yhdistyksille ilmaisen kahvin.'));
    const problems = problemsOf(file);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/question 3 "premises-free", field "quote": not found in alue\//);
  });

  it('names a missing translation', () => {
    const file = variant((s) => delete s.questions[0].text.sv);
    expect(problemsOf(file).join('\n')).toMatch(/question 1 "contact-person", field "text.sv"/);
  });

  it('names an unknown theme and a missing document', () => {
    const file = variant((s) => {
      s.questions[1].theme = 'parking';
      s.questions[4].source = 'alue/ei-ole.md';
    });
    const problems = problemsOf(file).join('\n');
    expect(problems).toMatch(/question 2 "contact-findable", field "theme": no theme "parking"/);
    expect(problems).toMatch(/question 5 "grants-per-resident", field "source": no such document/);
  });

  it('stops the assistant from starting with a bad file', async () => {
    const file = variant((s) => (s.questions[0].quote = 'ei tällaista lausetta'));
    const services = await createServices(testConfig({ KUMPPANI_AUTO_INGEST: 'false' }), {
      logger: silentLogger,
    });
    try {
      await expect(
        createAssistant({
          stores: services.stores,
          answerer: services.answerer,
          config: testConfig({ KUMPPANI_QUICKTEST_FILE: file }),
          logger: silentLogger,
          retentionJob: false,
        }),
      ).rejects.toThrow(/contact-person.*quote/);
    } finally {
      await services.close();
    }
  });
});

let services: Services;
const assistants: ClosableAssistant[] = [];
async function newAssistant(): Promise<ClosableAssistant> {
  const a = await createAssistant({
    stores: services.stores,
    answerer: services.answerer,
    config: testConfig({ KUMPPANI_AUTO_INGEST: 'false' }),
    logger: silentLogger,
    retentionJob: false,
  });
  assistants.push(a);
  return a;
}

beforeAll(async () => {
  services = await createServices(testConfig({ KUMPPANI_AUTO_INGEST: 'false' }), { logger: silentLogger });
  const summary = await ingestPaths(['knowledge/demo'], services.writer);
  expect(summary.failed).toEqual([]);
});
afterAll(async () => {
  for (const a of assistants) await a.close();
  await services.close();
});

const answerOf = (r: Reply, value: string) =>
  r.choices?.find((c) => c.command.kind === 'quicktest-answer' && c.command.value === value);

describe('the dialogue', () => {
  const WORD: Record<Language, string> = { fi: '/pikatesti', sv: '/snabbtest', en: '/quicktest' };

  for (const language of ['fi', 'sv', 'en'] as const)
    it(`runs every question with buttons and ends in a cited result (${language})`, async () => {
      const assistant = await newAssistant();
      const test = loadQuicktest(FILE);
      const userId = uniqueUser();
      let r = await assistant.handle(turn(WORD[language], { userId }));
      expect(r.language).toBe(language);
      expect(r.text).toContain(t(language, 'quicktest.intro', { total: test.questions.length }));
      // Contact person yes, everything else "no" except two partly: the steps are the weighty "no"s.
      const plan: Record<string, 'yes' | 'partly' | 'no' | 'unknown'> = {
        'contact-person': 'yes',
        'premises-free': 'partly',
        'welfare-meetings': 'partly',
        'document-calendar': 'unknown',
      };
      for (const [i, q] of test.questions.entries()) {
        expect(r.text).toContain(q.text[language]);
        expect(r.text).toContain(`${i + 1}/${test.questions.length}`);
        const labels = r.choices!.map((c) => c.label);
        for (const v of ['yes', 'partly', 'no', 'unknown'])
          expect(labels).toContain(t(language, `quicktest.answer.${v}`));
        const choice = answerOf(r, plan[q.id] ?? 'no')!;
        r = await assistant.handle(turn('', { userId, command: choice.command }));
      }
      // Weights: contact-person 2 (yes), premises-free 2 (partly), grants-per-resident 2,
      // welfare-report 2, document-written 2, the rest 1: 2 + 1 + 0.5 of 18 points = 19.
      expect(r.text).toContain(t(language, 'quicktest.result.overall', { score: 19 }));
      const contact = test.themes.find((th) => th.id === 'contact')!.label[language];
      expect(r.text).toContain(t(language, 'quicktest.result.theme', { theme: contact, score: 67 }));
      // The three weighty "no"s, in the file's order, each citing its own passage.
      const steps = r.blocks.filter((b) => b.kind === 'answer' && /^\d\. /.test(b.parts[0]!.text));
      const ids = ['grants-per-resident', 'welfare-report', 'document-written'];
      expect(steps).toHaveLength(3);
      steps.forEach((b, i) => {
        const q = test.questions.find((x) => x.id === ids[i])!;
        const part = b.kind === 'answer' ? b.parts[0]! : undefined;
        expect(part!.text).toContain(q.next[language]);
        const c = r.citations[part!.cite[0]! - 1]!;
        expect(c.source).toBe(q.passage.source);
        expect(c.quote).toBe(q.passage.quote);
      });
      // The regional figure the survey gives: 3 of 13 municipalities reached 15 €/resident (23 %).
      expect(r.text).toMatch(/23 %/);
      const region = r.citations.find((c) => c.quote?.includes('saavutti kolme kuntaa'));
      expect(region?.source).toBe('knowledge/demo/alue/kuntakysely-2026.md');
      // Every citation is a real passage of an ingested demo document.
      const sources = new Set((await services.stores.catalog.documents()).map((d) => d.source));
      for (const c of r.citations) {
        expect(sources).toContain(c.source);
        expect(fs.readFileSync(c.source, 'utf8').replace(/\s+/g, ' ')).toContain(c.quote);
      }
      // The Markdown export for a board meeting, sources as footnotes.
      const md = await assistant.handle(turn(`${WORD[language]} markdown`, { userId }));
      expect(md.text.startsWith(`# ${t(language, 'quicktest.title')}\n`)).toBe(true);
      expect(md.text).toContain(`- 1. ${test.questions.find((q) => q.id === ids[0])!.next[language]}[^`);
      expect(md.text).toMatch(/\[\^1\]: .*knowledge\/demo\/alue\//);
    });

  it('resumes in a new assistant over the same database, restarts and stops', async () => {
    const test = loadQuicktest(FILE);
    const userId = uniqueUser();
    const first = await newAssistant();
    let r = await first.handle(turn('/pikatesti', { userId }));
    r = await first.handle(turn('', { userId, command: answerOf(r, 'yes')!.command }));
    r = await first.handle(turn('', { userId, command: answerOf(r, 'partly')!.command }));
    expect(r.text).toContain(test.questions[2]!.text.fi);

    const second = await newAssistant();
    r = await second.handle(turn('/pikatesti', { userId }));
    expect(r.text).toContain(t('fi', 'quicktest.resume', { done: 2, total: test.questions.length }));
    expect(r.text).toContain(test.questions[2]!.text.fi);
    const restart = r.choices!.find((c) => c.command.kind === 'quicktest' && c.command.action === 'restart');
    expect(restart).toBeDefined();
    r = await second.handle(turn('', { userId, command: restart!.command }));
    expect(r.text).toContain(test.questions[0]!.text.fi);

    r = await second.handle(turn('/pikatesti lopeta', { userId }));
    expect(r.text).toContain(t('fi', 'quicktest.stopped', { usage: '/pikatesti' }));
    r = await second.handle(turn('/pikatesti', { userId }));
    expect(r.text).toContain(t('fi', 'quicktest.intro', { total: test.questions.length }));
  });

  it('forget me deletes the progress', async () => {
    const test = loadQuicktest(FILE);
    const userId = uniqueUser();
    const assistant = await newAssistant();
    let r = await assistant.handle(turn('/pikatesti', { userId }));
    r = await assistant.handle(turn('', { userId, command: answerOf(r, 'no')!.command }));
    expect(r.text).toContain(test.questions[1]!.text.fi);
    await assistant.handle(turn('/unohda', { userId }));
    r = await assistant.handle(turn('/pikatesti', { userId }));
    expect(r.text).not.toContain(t('fi', 'quicktest.resume', { done: 1, total: test.questions.length }));
    expect(r.text).toContain(test.questions[0]!.text.fi);
  });
});
