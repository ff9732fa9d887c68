/**
 * The probes' question sample: the generated mix's questions without a municipality that have an
 * expected fact (seeds 8–10, 150 generated each), over the towns of the kept index.
 */
import type pg from 'pg';
import { EVAL_FILE } from '../run.ts';
import { buildQueries, type BenchQuery } from '../queries.ts';
import { makeTown } from '../towns.ts';

export async function judgedOpenQuestions(pool: Pick<pg.Pool, 'query'>): Promise<BenchQuery[]> {
  const towns = Number((await pool.query('SELECT count(DISTINCT municipality) AS n FROM documents')).rows[0].n);
  return [8, 9, 10]
    .flatMap((seed) =>
      buildQueries({
        evalFile: EVAL_FILE,
        towns: Array.from({ length: towns }, (_, i) => makeTown(1, i)),
        seed,
        generated: 150,
      }),
    )
    .filter((q) => !q.municipality && q.expectAny);
}
