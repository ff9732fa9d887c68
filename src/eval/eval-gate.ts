/**
 * The quality gate: per eval set, floors that no figure may fall below (tests/eval/floors.json),
 * so that a ranking change that hurts cannot land unseen. Floors sit just under the figures
 * reached; whoever raises a figure raises its floor.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { REPO_ROOT, type EvalSet, type SetOutcome, type SetReport } from './eval-sets.ts';

export const FLOORS_FILE = resolve(REPO_ROOT, 'tests/eval/floors.json');

const share = z.number().min(0).max(1);
const floorsOfSet = z.strictObject({
  hitAt1: share.optional(),
  answers: share.optional(),
  refusals: share.optional(),
  /** Cross-lingual questions answered correctly (a count, "k of n"). */
  crossLingual: z.number().int().min(0).optional(),
  /** The engine's hit@1 minus plain BM25's over the same chunks (may be negative). */
  hitAt1OverBm25: z.number().min(-1).max(1).optional(),
});
export type SetFloors = z.output<typeof floorsOfSet>;
const floorsFile = z.record(z.string(), floorsOfSet);
export type Floors = z.output<typeof floorsFile>;

export function readFloors(file: string, sets: readonly EvalSet[]): Floors {
  const parsed = floorsFile.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success)
    throw new Error(
      `${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  const unknown = Object.keys(parsed.data).filter((name) => !sets.some((s) => s.name === name));
  if (unknown.length)
    throw new Error(
      `${file}: no eval set named ${unknown.join(', ')} (sets: ${sets.map((s) => s.name).join(', ')})`,
    );
  return parsed.data;
}

/** Whether a floor needs the BM25 baseline row. */
export const needsBaseline = (floors: SetFloors | undefined): boolean => floors?.hitAt1OverBm25 !== undefined;

const LABELS: Record<keyof SetFloors, string> = {
  hitAt1: 'hit@1',
  answers: 'answer accuracy',
  refusals: 'refusal accuracy',
  crossLingual: 'cross-lingual answered',
  hitAt1OverBm25: 'hit@1 minus BM25 hit@1',
};

function figures(report: SetReport): Partial<Record<keyof SetFloors, number>> {
  const e = report.engine;
  return {
    hitAt1: e.retrieval.hitAt1,
    answers: e.answers?.accuracy,
    refusals: e.refusals?.accuracy,
    crossLingual: e.crossLingual.correct,
    hitAt1OverBm25: report.baseline
      ? Math.round((e.retrieval.hitAt1 - report.baseline.retrieval.hitAt1) * 1000) / 1000
      : undefined,
  };
}

/**
 * One line per figure below its floor ("real-dev: hit@1 0.583 is below its floor 0.600"), and one
 * per set that could not be measured where it must be (in CI a missing required set).
 */
export function checkFloors(
  outcome: SetOutcome,
  floors: SetFloors | undefined,
  opts: { set: EvalSet; ci: boolean },
): string[] {
  if ('skipped' in outcome)
    return opts.ci && opts.set.requiredInCi
      ? [`${outcome.name}: must be measured in CI but was skipped: ${outcome.skipped}`]
      : [];
  if (!floors) return [];
  const values = figures(outcome);
  const failures: string[] = [];
  for (const key of Object.keys(LABELS) as Array<keyof SetFloors>) {
    const floor = floors[key];
    if (floor === undefined) continue;
    const value = values[key];
    if (value === undefined)
      failures.push(`${outcome.name}: ${LABELS[key]} has a floor (${floor}) but was not measured`);
    else if (value < floor)
      failures.push(`${outcome.name}: ${LABELS[key]} ${value} is below its floor ${floor}`);
  }
  return failures;
}
