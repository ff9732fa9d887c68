/**
 * Self-assessment results shared with the regional organisers (issue 17), in PostgreSQL: one
 * upserted row per municipality, so the newest sharing wins. Keys arrive pseudonymised.
 */
import type pg from 'pg';
import type { QuicktestSharedStore, SharedQuicktest } from '../kernel/ports.ts';

type Db = Pick<pg.Pool, 'query'>;

interface Row {
  municipality: string;
  user_key: string;
  overall: number;
  themes: SharedQuicktest['themes'] | string;
  shared_at: Date;
}

export function createQuicktestSharedStore(db: Db): QuicktestSharedStore {
  return {
    async share(r) {
      await db.query(
        `INSERT INTO quicktest_shared (municipality, user_key, overall, themes, shared_at)
         VALUES ($1, $2, $3, $4::jsonb, $5)
         ON CONFLICT (municipality) DO UPDATE SET user_key = EXCLUDED.user_key,
           overall = EXCLUDED.overall, themes = EXCLUDED.themes, shared_at = EXCLUDED.shared_at`,
        [r.municipality, r.userKey, r.overall, JSON.stringify(r.themes), r.sharedAt],
      );
    },
    async list() {
      const { rows } = await db.query<Row>(
        'SELECT municipality, user_key, overall, themes, shared_at FROM quicktest_shared ORDER BY municipality',
      );
      return rows.map((row) => ({
        municipality: row.municipality,
        userKey: row.user_key,
        overall: row.overall,
        themes: typeof row.themes === 'string' ? JSON.parse(row.themes) : row.themes,
        sharedAt: new Date(row.shared_at).toISOString(),
      }));
    },
    async deleteUser(userKey) {
      const r = await db.query('DELETE FROM quicktest_shared WHERE user_key = $1', [userKey]);
      return r.rowCount ?? 0;
    },
  };
}
