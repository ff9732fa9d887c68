/**
 * The staff report: for a period and a municipality, questions per topic, the unanswered ones
 * grouped by similarity (the gaps in the documents), and feedback with its comments. This is
 * what municipal staff use to improve their documents (`kumppani report`).
 */
import type { Language } from '../kernel/types.ts';
import type { DialogueStores, FeedbackSummary, ReportFilter, Totals } from '../kernel/ports.ts';
import { t } from '../kernel/i18n/index.ts';
import { MunicipalityRegistry } from '../kernel/municipalities.ts';
import { clusterBySimilarity } from './similarity.ts';
import { TOPICS } from '../kernel/topics.ts';

export interface ReportOptions {
  /** First day included. */
  from?: Date;
  /** Last day included. */
  to?: Date;
  /** Any spelling or inflection of a municipality ("Närpes", "Iisalmen"). */
  municipality?: string;
}

/** A group of similar unanswered questions. */
export interface Gap {
  count: number;
  /** The first question of the group, as its label. */
  example: string;
  questions: string[];
  municipalities: string[];
}

export interface Report {
  from?: string;
  to?: string;
  municipality?: string;
  totals: Totals;
  /** Every topic, in the fixed order, with zero counts included. */
  topics: Array<{ topic: string; questions: number; answered: number }>;
  gaps: Gap[];
  feedback: FeedbackSummary;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const isoDay = (d?: Date) => d?.toISOString().slice(0, 10);

export async function buildReport(
  stores: Pick<DialogueStores, 'catalog' | 'report'>,
  opts: ReportOptions = {},
): Promise<Report> {
  const { report } = stores;
  const filter: ReportFilter = {
    from: opts.from,
    to: opts.to ? new Date(opts.to.getTime() + DAY_MS) : undefined,
  };
  let municipality: string | undefined;
  if (opts.municipality) {
    const registry = new MunicipalityRegistry(await stores.catalog.municipalities('staff'));
    const m = registry.resolve(opts.municipality);
    municipality = m?.name ?? opts.municipality;
    filter.municipalities = m
      ? [m.name, ...(m.indexName ? [m.indexName] : []), ...(m.sv ? [m.sv] : [])]
      : [opts.municipality];
  }
  const counted = new Map((await report.topicCounts(filter)).map((c) => [c.topic, c]));
  const topics = TOPICS.map((topic) => ({
    topic,
    questions: counted.get(topic)?.questions ?? 0,
    answered: counted.get(topic)?.answered ?? 0,
  }));
  const unanswered = await report.unansweredQuestions(filter);
  const gaps = clusterBySimilarity(unanswered, (q) => q.question).map((group) => ({
    count: group.length,
    example: group[0]!.question,
    questions: group.map((q) => q.question),
    municipalities: [...new Set(group.map((q) => q.municipality).filter((m): m is string => !!m))],
  }));
  return {
    from: isoDay(opts.from),
    to: isoDay(opts.to),
    municipality,
    totals: await report.totals(filter),
    topics,
    gaps,
    feedback: await report.feedbackSummary(filter),
  };
}

/** The report as plain text in `language`. */
export function renderReport(r: Report, language: Language, retentionDays: number): string {
  const period = r.from || r.to ? `${r.from ?? '…'} – ${r.to ?? '…'}` : t(language, 'report.allTime');
  const lines = [
    t(language, 'report.title', { period, municipality: r.municipality ? `, ${r.municipality}` : '' }),
    t(language, 'report.questions', {
      total: r.totals.questions,
      answered: r.totals.answered,
      unanswered: r.totals.unanswered,
    }),
    '',
    t(language, 'report.byTopic'),
    ...r.topics.map((x) =>
      t(language, 'report.topicLine', {
        topic: t(language, `topic.${x.topic}`),
        count: x.questions,
        answered: x.answered,
      }),
    ),
    '',
    t(language, 'report.gaps'),
  ];
  if (r.gaps.length === 0) lines.push(t(language, 'report.noGaps'));
  for (const g of r.gaps) {
    lines.push(t(language, 'report.gapLine', { count: g.count, example: g.example }));
    for (const q of g.questions.slice(1, 6)) lines.push(t(language, 'report.gapMember', { question: q }));
  }
  lines.push('', t(language, 'report.feedback', { up: r.feedback.up, down: r.feedback.down }));
  for (const c of r.feedback.comments) {
    lines.push(
      t(language, 'report.comment', {
        vote: c.vote === 'up' ? '👍' : '👎',
        comment: c.comment,
        question: c.question ?? t(language, 'report.expired'),
      }),
    );
  }
  if (r.totals.textsDeleted > 0) {
    lines.push('', t(language, 'report.textsExpired', { count: r.totals.textsDeleted, days: retentionDays }));
  }
  return lines.join('\n');
}
