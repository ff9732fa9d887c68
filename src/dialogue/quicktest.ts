/**
 * "Onko kuntasi järjestöystävällinen?" – the self-assessment (issue 17). The questions are data
 * (`knowledge/quicktest.yml`, or the file KUMPPANI_QUICKTEST_FILE names), validated at start: each
 * question's quote must be found in its source document, so every next step the result suggests
 * cites a real passage. The dialogue asks one question at a time with answer buttons; the result
 * scores each theme and the whole (yes 1, partly ½, no and don't know 0), names the three next
 * steps that would raise it most, and compares with the region's survey figures where they exist.
 */
import fs from 'node:fs';
import path from 'node:path';
import matter from 'gray-matter';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { KumppaniError } from '../kernel/errors.ts';
import { t } from '../kernel/i18n/index.ts';
import type { QuicktestState, QuicktestStore, SessionScope } from '../kernel/ports.ts';
import type {
  Block,
  Choice,
  Citation,
  Language,
  Part,
  QuicktestAction,
  QuicktestAnswer,
} from '../kernel/types.ts';
import { shareResult, sharedSummary, type Sharing } from './quicktest-share.ts';

const text3 = z.object({ fi: z.string().min(1), sv: z.string().min(1), en: z.string().min(1) });

const passage = { source: z.string().min(1), quote: z.string().min(8) };

const fileSchema = z.object({
  root: z.string().default('.'),
  themes: z.array(z.object({ id: z.string().regex(/^[a-z0-9-]+$/), label: text3 })).min(1),
  questions: z
    .array(
      z.object({
        id: z.string().regex(/^[a-z0-9-]+$/),
        theme: z.string(),
        weight: z.number().positive().max(10).default(1),
        text: text3,
        next: text3,
        ...passage,
        region: z.object({ percent: z.number().min(0).max(100), ...passage }).optional(),
      }),
    )
    .min(1)
    .max(40),
});

export const ANSWERS: readonly QuicktestAnswer[] = ['yes', 'partly', 'no', 'unknown'];
const POINTS: Record<QuicktestAnswer, number> = { yes: 1, partly: 0.5, no: 0, unknown: 0 };

/** A cited passage of a document, ready to be a Citation. */
export interface Passage {
  source: string;
  quote: string;
  title: string;
  url?: string;
  date?: string;
}

export interface QuicktestQuestion {
  id: string;
  theme: string;
  weight: number;
  text: Record<Language, string>;
  next: Record<Language, string>;
  passage: Passage;
  region?: { percent: number; passage: Passage };
}

export interface Quicktest {
  themes: Array<{ id: string; label: Record<Language, string> }>;
  questions: QuicktestQuestion[];
}

export class QuicktestError extends KumppaniError {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(
      'KUMPPANI_QUICKTEST_FILE',
      `${file}: the self-assessment file is not valid:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
  }
}

/**
 * The file to read: KUMPPANI_QUICKTEST_FILE, else `quicktest.yml` in the knowledge folder when it
 * has one (a knowledge folder without it has no self-assessment); undefined when off.
 */
export function quicktestFile(config: { quicktestFile?: string; knowledgeDir: string }): string | undefined {
  if (config.quicktestFile === 'off') return undefined;
  if (config.quicktestFile) return config.quicktestFile;
  const file = path.join(config.knowledgeDir, 'quicktest.yml');
  return fs.existsSync(file) ? file : undefined;
}

const flat = (s: string) => s.replace(/\s+/g, ' ').trim();

/**
 * Reads and validates the file; throws `QuicktestError` naming the question and field of every
 * problem (a missing translation, an unknown theme, a quote not found in its document).
 */
export function loadQuicktest(file: string, cwd = process.cwd()): Quicktest {
  let raw: unknown;
  try {
    raw = parseYaml(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new QuicktestError(file, [(err as Error).message]);
  }
  const parsed = fileSchema.safeParse(raw);
  if (!parsed.success) {
    const data = raw as { questions?: Array<{ id?: unknown }> } | undefined;
    throw new QuicktestError(
      file,
      parsed.error.issues.map((i) => {
        const [top, n, ...rest] = i.path;
        if (top === 'questions' && typeof n === 'number') {
          const id = data?.questions?.[n]?.id;
          return `question ${n + 1}${typeof id === 'string' ? ` "${id}"` : ''}, field "${rest.join('.')}": ${i.message}`;
        }
        return `field "${i.path.join('.')}": ${i.message}`;
      }),
    );
  }
  const spec = parsed.data;
  const root = path.resolve(path.dirname(file), spec.root);
  const problems: string[] = [];
  const docs = new Map<string, { text: string; title: string; url?: string; date?: string } | null>();
  const doc = (source: string) => {
    if (!docs.has(source)) {
      try {
        const m = matter(fs.readFileSync(path.join(root, source), 'utf8'));
        const data = m.data as { title?: string; url?: string; date?: unknown };
        const date = data.date instanceof Date ? data.date.toISOString().slice(0, 10) : data.date;
        docs.set(source, {
          text: flat(m.content),
          title: data.title ?? path.basename(source),
          ...(data.url ? { url: data.url } : {}),
          ...(typeof date === 'string' ? { date } : {}),
        });
      } catch {
        docs.set(source, null);
      }
    }
    return docs.get(source)!;
  };
  const toPassage = (where: string, source: string, quote: string): Passage | undefined => {
    const d = doc(source);
    if (!d) {
      problems.push(`${where}, field "source": no such document ${source} under ${root}`);
      return undefined;
    }
    if (!d.text.includes(flat(quote))) {
      problems.push(`${where}, field "quote": not found in ${source}: "${flat(quote).slice(0, 80)}"`);
      return undefined;
    }
    const rel = path.relative(cwd, path.join(root, source)).split(path.sep).join('/');
    return { source: rel, quote: flat(quote), title: d.title, url: d.url, date: d.date };
  };
  const themes = new Set(spec.themes.map((th) => th.id));
  const ids = new Set<string>();
  const questions: QuicktestQuestion[] = [];
  spec.questions.forEach((q, i) => {
    const where = `question ${i + 1} "${q.id}"`;
    if (ids.has(q.id)) problems.push(`${where}, field "id": used twice`);
    ids.add(q.id);
    if (!themes.has(q.theme)) problems.push(`${where}, field "theme": no theme "${q.theme}"`);
    const p = toPassage(where, q.source, q.quote);
    const r = q.region && toPassage(`${where} region`, q.region.source, q.region.quote);
    if (p)
      questions.push({
        id: q.id,
        theme: q.theme,
        weight: q.weight,
        text: q.text,
        next: q.next,
        passage: p,
        ...(q.region && r ? { region: { percent: q.region.percent, passage: r } } : {}),
      });
  });
  if (problems.length) throw new QuicktestError(file, problems);
  return { themes: spec.themes, questions };
}

/** The configured file, loaded and validated; undefined when there is none or it is off. */
export function loadConfiguredQuicktest(config: {
  quicktestFile?: string;
  knowledgeDir: string;
}): Quicktest | undefined {
  const file = quicktestFile(config);
  return file ? loadQuicktest(file) : undefined;
}

// --- the run -----------------------------------------------------------------------------------

/** The first unanswered question, or undefined when all are answered. */
export function currentQuestion(test: Quicktest, state: QuicktestState | undefined) {
  const i = test.questions.findIndex((q) => !(q.id in (state?.answers ?? {})));
  return i < 0 ? undefined : { question: test.questions[i]!, index: i };
}

export function answerChoices(language: Language): Choice[] {
  return [
    ...ANSWERS.map((value) => ({
      label: t(language, `quicktest.answer.${value}`),
      command: { kind: 'quicktest-answer' as const, value },
    })),
    { label: t(language, 'quicktest.button.stop'), command: { kind: 'quicktest', action: 'stop' } },
  ];
}

export function questionBlocks(
  test: Quicktest,
  at: { question: QuicktestQuestion; index: number },
  language: Language,
): Block[] {
  const theme = test.themes.find((th) => th.id === at.question.theme)!;
  return [
    {
      kind: 'notice',
      text: t(language, 'quicktest.progress', {
        n: at.index + 1,
        total: test.questions.length,
        theme: theme.label[language],
      }),
    },
    { kind: 'notice', text: at.question.text[language] },
  ];
}

export interface QuicktestResult {
  overall: number;
  themes: Array<{ id: string; label: string; score: number }>;
  steps: QuicktestQuestion[];
  /** Questions with a regional figure, and what this municipality answered. */
  region: Array<{ question: QuicktestQuestion; answer: QuicktestAnswer }>;
}

const pct = (x: number) => Math.round(x * 100);

export function score(test: Quicktest, state: QuicktestState, language: Language): QuicktestResult {
  const points = (q: QuicktestQuestion) => POINTS[state.answers[q.id] ?? 'unknown'] * q.weight;
  const ratio = (qs: QuicktestQuestion[]) => {
    const max = qs.reduce((s, q) => s + q.weight, 0);
    return max ? qs.reduce((s, q) => s + points(q), 0) / max : 0;
  };
  const themes = test.themes
    .map((th) => ({ th, qs: test.questions.filter((q) => q.theme === th.id) }))
    .filter((x) => x.qs.length)
    .map(({ th, qs }) => ({ id: th.id, label: th.label[language], score: pct(ratio(qs)) }));
  // What a step would add: the points it still lacks, by its weight (earlier questions first on ties).
  const steps = test.questions
    .map((q, i) => ({ q, i, gain: q.weight - points(q) }))
    .filter((x) => x.gain > 0)
    .sort((a, b) => b.gain - a.gain || a.i - b.i)
    .slice(0, 3)
    .map((x) => x.q);
  const region = test.questions
    .filter((q) => q.region)
    .map((q) => ({ question: q, answer: state.answers[q.id] ?? ('unknown' as const) }));
  return { overall: pct(ratio(test.questions)), themes, steps, region };
}

function citationOf(p: Passage): Citation {
  return {
    source: p.source,
    title: p.title,
    quote: p.quote,
    score: 1,
    ...(p.url ? { url: p.url } : {}),
    ...(p.date ? { date: p.date } : {}),
  };
}

/** The result as reply blocks with their citations: scores, next steps, the region's figures. */
export function resultReply(
  test: Quicktest,
  state: QuicktestState,
  language: Language,
): { blocks: Block[]; citations: Citation[] } {
  const r = score(test, state, language);
  const citations: Citation[] = [];
  const cite = (p: Passage) => {
    let n = citations.findIndex((c) => c.source === p.source && c.quote === p.quote);
    if (n < 0) n = citations.push(citationOf(p)) - 1;
    return [n + 1];
  };
  const blocks: Block[] = [
    { kind: 'notice', text: t(language, 'quicktest.result.overall', { score: r.overall }) },
    ...r.themes.map((th): Block => ({
      kind: 'notice',
      text: t(language, 'quicktest.result.theme', { theme: th.label, score: th.score }),
    })),
  ];
  if (r.steps.length) {
    blocks.push({ kind: 'notice', text: t(language, 'quicktest.result.steps') });
    r.steps.forEach((q, i) =>
      blocks.push({
        kind: 'answer',
        parts: [{ text: `${i + 1}. ${q.next[language]}`, cite: cite(q.passage) }],
      }),
    );
  } else blocks.push({ kind: 'notice', text: t(language, 'quicktest.result.allDone') });
  if (r.region.length) {
    blocks.push({ kind: 'notice', text: t(language, 'quicktest.result.region') });
    for (const { question, answer } of r.region) {
      const part: Part = {
        text: t(language, 'quicktest.result.regionLine', {
          question: question.text[language],
          percent: question.region!.percent,
          answer: t(language, `quicktest.answer.${answer}`),
        }),
        cite: cite(question.region!.passage),
      };
      blocks.push({ kind: 'answer', parts: [part] });
    }
  }
  return { blocks, citations };
}

/** The result as Markdown for a council or board meeting, the sources as numbered footnotes. */
export function resultMarkdown(test: Quicktest, state: QuicktestState, language: Language): string {
  const { blocks, citations } = resultReply(test, state, language);
  const lines = [`# ${t(language, 'quicktest.title')}`, ''];
  for (const b of blocks) {
    if (b.kind === 'notice') lines.push(b.text, '');
    if (b.kind === 'answer')
      lines.push(`- ${b.parts.map((p) => p.text + p.cite.map((n) => `[^${n}]`).join('')).join('')}`, '');
  }
  lines.push(`## ${t(language, 'quicktest.markdown.sources')}`, '');
  citations.forEach((c, i) =>
    lines.push(`[^${i + 1}]: ${c.title} (${c.source}${c.url ? `, ${c.url}` : ''}): “${c.quote}”`),
  );
  return lines.join('\n').replace(/\n{3,}/g, '\n\n') + '\n';
}

// --- one turn of the dialogue --------------------------------------------------------------------

export interface QuicktestTurn {
  test: Quicktest;
  store: QuicktestStore;
  scope: SessionScope;
  language: Language;
  /** How the channel shows the command ("/pikatesti", "pikatesti"), for the hints. */
  usage: string;
  /** Sharing with the regional organisers; without it the result offers no sharing. */
  sharing?: Sharing;
  now?: () => Date;
}

export interface QuicktestOutcome {
  blocks: Block[];
  citations: Citation[];
  choices?: Choice[];
  /** The result as Markdown, when that was asked for. */
  markdown?: string;
}

function resultOutcome(
  test: Quicktest,
  state: QuicktestState,
  language: Language,
  sharing?: Sharing,
): QuicktestOutcome {
  const button = (key: string, action: QuicktestAction): Choice => ({
    label: t(language, key),
    command: { kind: 'quicktest', action },
  });
  return {
    ...resultReply(test, state, language),
    choices: [
      button('quicktest.button.markdown', 'markdown'),
      // Offered, never done by itself: the municipality's user decides whether to share.
      ...(sharing ? [button('quicktest.button.share', 'share')] : []),
      button('quicktest.button.restart', 'restart'),
    ],
  };
}

function askNext(
  test: Quicktest,
  state: QuicktestState | undefined,
  language: Language,
  intro: string[],
  sharing?: Sharing,
): QuicktestOutcome {
  const at = currentQuestion(test, state);
  if (!at) return resultOutcome(test, state ?? { answers: {}, updatedAt: '' }, language, sharing);
  return {
    blocks: [
      ...intro.map((text): Block => ({ kind: 'notice', text })),
      ...questionBlocks(test, at, language),
    ],
    citations: [],
    choices: answerChoices(language),
  };
}

/** What a self-assessment command or answer does, its progress kept in the store. */
export async function quicktestTurn(
  deps: QuicktestTurn,
  command:
    { kind: 'quicktest'; action?: QuicktestAction } | { kind: 'quicktest-answer'; value: QuicktestAnswer },
): Promise<QuicktestOutcome> {
  const { test, store, scope, language } = deps;
  const notice = (text: string, choices?: Choice[]): QuicktestOutcome => ({
    blocks: [{ kind: 'notice', text }],
    citations: [],
    ...(choices ? { choices } : {}),
  });
  const fresh = (): QuicktestState => ({
    answers: {},
    updatedAt: (deps.now ?? (() => new Date()))().toISOString(),
  });
  const state = await store.load(scope);
  const total = test.questions.length;
  if (command.kind === 'quicktest-answer') {
    const at = currentQuestion(test, state);
    // A button pressed after the end (or after "stop") only shows where things stand.
    if (!state && !at) return notice(t(language, 'quicktest.notRunning', { usage: deps.usage }));
    if (!at) return resultOutcome(test, state!, language, deps.sharing);
    const next: QuicktestState = {
      answers: { ...(state?.answers ?? {}), [at.question.id]: command.value },
      updatedAt: (deps.now ?? (() => new Date()))().toISOString(),
    };
    await store.save(scope, next);
    return askNext(test, next, language, [], deps.sharing);
  }
  switch (command.action ?? 'start') {
    case 'stop':
      if (!state) return notice(t(language, 'quicktest.notRunning', { usage: deps.usage }));
      await store.clear(scope);
      return notice(t(language, 'quicktest.stopped', { usage: deps.usage }));
    case 'restart':
      await store.save(scope, fresh());
      return askNext(test, undefined, language, [t(language, 'quicktest.intro', { total })]);
    case 'markdown': {
      if (!state) return notice(t(language, 'quicktest.notRunning', { usage: deps.usage }));
      const markdown = resultMarkdown(test, state, language);
      return { ...notice(markdown), markdown };
    }
    case 'share': {
      if (!deps.sharing) return notice(t(language, 'quicktest.share.unavailable'));
      if (!state) return notice(t(language, 'quicktest.notRunning', { usage: deps.usage }));
      const now = (deps.now ?? (() => new Date()))();
      return notice(await shareResult(test, state, deps.sharing, { userKey: scope.userKey, language, now }));
    }
    case 'summary': {
      if (!deps.sharing?.summary) return notice(t(language, 'quicktest.summary.elsewhere'));
      return { blocks: await sharedSummary(test, deps.sharing.store, language), citations: [] };
    }
    case 'start': {
      const done = Object.keys(state?.answers ?? {}).filter((id) =>
        test.questions.some((q) => q.id === id),
      ).length;
      if (!state || done === 0) {
        // Started, so "stop" and a later "/pikatesti" know of it before the first answer.
        if (!state) await store.save(scope, fresh());
        return askNext(test, undefined, language, [t(language, 'quicktest.intro', { total })]);
      }
      const out = askNext(
        test,
        state,
        language,
        done < total ? [t(language, 'quicktest.resume', { done, total })] : [],
        deps.sharing,
      );
      // Resuming offers a fresh start beside the answers.
      if (done < total)
        out.choices = [
          ...(out.choices ?? []),
          {
            label: t(language, 'quicktest.button.restart'),
            command: { kind: 'quicktest', action: 'restart' },
          },
        ];
      return out;
    }
  }
}
