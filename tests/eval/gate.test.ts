/**
 * The quality gate CI runs: every eval set ingested into its own in-memory database, asked, and
 * measured with the BM25 baseline beside it; a figure below its floor in tests/eval/floors.json
 * fails with the figure, its value and its floor. A set whose files are not here (a newcomer
 * without ../shared) is skipped, except that CI (CI=true) must measure real-dev.
 */
import { describe, expect, it } from 'vitest';
import { EVAL_SETS, missingPart, runSet } from '../../src/eval/eval-sets.ts';
import { checkFloors, FLOORS_FILE, readFloors } from '../../src/eval/eval-gate.ts';

const ci = process.env.CI === 'true';
const floors = readFloors(FLOORS_FILE, EVAL_SETS);

describe('eval gate', () => {
  for (const set of EVAL_SETS) {
    const missing = missingPart(set);
    it.skipIf(missing !== undefined && !(ci && set.requiredInCi))(
      `${set.name}: no figure below its floor${missing ? ` (${missing})` : ''}`,
      async () => {
        const outcome = await runSet(set, { baseline: true });
        const failures = checkFloors(outcome, floors[set.name], { set, ci });
        expect(failures, failures.join('\n')).toEqual([]);
      },
      // Minutes on a loaded machine (the demo set took 140 s beside other work); seconds alone.
      300_000,
    );
  }
});
