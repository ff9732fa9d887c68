/**
 * Sharing a finished self-assessment with the regional organisers (issue 17), and their summary.
 * Sharing is always the user's own act ("pikatesti jaa" or the result's button), stores the
 * scores only, under the municipality the conversation has chosen (the newest sharing wins), and
 * the pseudonymised key of who shared, so "forget me" takes it back. The summary lists, per theme,
 * each sharing municipality's score and the average, dated, in the asker's language; it is
 * offered where the regional organisers work (Slack).
 */
import { t } from '../kernel/i18n/index.ts';
import type { QuicktestSharedStore, QuicktestState, SharedQuicktest } from '../kernel/ports.ts';
import type { Block, Channel, Language } from '../kernel/types.ts';
import { score, type Quicktest } from './quicktest.ts';

/** Where the regional organisers read the summary of shared results. */
export const SUMMARY_CHANNELS: readonly Channel[] = ['slack'];

export interface Sharing {
  store: QuicktestSharedStore;
  /** The municipality the conversation has chosen, under whose name a result is shared. */
  municipality: string | null;
  /** How the channel shows the municipality command ("kunta NIMI"), for the hint. */
  municipalityUsage: string;
  /** Whether this channel shows the summary (SUMMARY_CHANNELS). */
  summary: boolean;
}

const day = (iso: string) => iso.slice(0, 10);

/** Stores the finished result under the municipality; says what was shared and how to undo it. */
export async function shareResult(
  test: Quicktest,
  state: QuicktestState,
  sharing: Sharing,
  who: { userKey: string; language: Language; now: Date },
): Promise<string> {
  const { language } = who;
  const done = test.questions.filter((q) => q.id in state.answers).length;
  if (done < test.questions.length)
    return t(language, 'quicktest.share.unfinished', { done, total: test.questions.length });
  if (!sharing.municipality)
    return t(language, 'quicktest.share.noMunicipality', { usage: sharing.municipalityUsage });
  const r = score(test, state, language);
  const shared: SharedQuicktest = {
    municipality: sharing.municipality,
    userKey: who.userKey,
    overall: r.overall,
    themes: Object.fromEntries(r.themes.map((th) => [th.id, th.score])),
    sharedAt: who.now.toISOString(),
  };
  await sharing.store.share(shared);
  return t(language, 'quicktest.share.done', {
    municipality: shared.municipality,
    score: shared.overall,
    date: day(shared.sharedAt),
  });
}

const average = (xs: number[]) => Math.round(xs.reduce((s, x) => s + x, 0) / xs.length);

/** The shared results per theme: each municipality's score and the average, dated. */
export async function sharedSummary(
  test: Quicktest,
  store: QuicktestSharedStore,
  language: Language,
): Promise<Block[]> {
  const shared = await store.list();
  if (!shared.length) return [{ kind: 'notice', text: t(language, 'quicktest.summary.none') }];
  const line = (text: string) => [{ text, cite: [] }];
  const blocks: Block[] = [
    { kind: 'notice', text: t(language, 'quicktest.summary.title', { count: shared.length }) },
    {
      kind: 'notice',
      text: t(language, 'quicktest.summary.overall', { average: average(shared.map((s) => s.overall)) }),
    },
    {
      kind: 'municipalities',
      items: shared.map((s) => ({
        municipality: s.municipality,
        parts: line(t(language, 'quicktest.summary.shared', { score: s.overall, date: day(s.sharedAt) })),
      })),
    },
  ];
  for (const theme of test.themes) {
    // A result shared before the municipality edited its questions file may lack a newer theme.
    const scored = shared.filter((s) => typeof s.themes[theme.id] === 'number');
    if (!scored.length) continue;
    blocks.push(
      {
        kind: 'notice',
        text: t(language, 'quicktest.summary.theme', {
          theme: theme.label[language],
          average: average(scored.map((s) => s.themes[theme.id]!)),
        }),
      },
      {
        kind: 'municipalities',
        items: scored.map((s) => ({
          municipality: s.municipality,
          parts: line(t(language, 'quicktest.summary.score', { score: s.themes[theme.id]! })),
        })),
      },
    );
  }
  return blocks;
}
