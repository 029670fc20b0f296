/** The last load, as /api/health tells it. */
import type { Queryable } from '../../db/database';

export interface LastLoad {
  referenceDate: string;
  outcome: string;
  finishedAt: string;
}

export async function lastLoad(db: Queryable): Promise<LastLoad | null> {
  const [row] = await db.query<{ reference_date: string; outcome: string; finished_at: Date | string }>(
    'SELECT reference_date::text AS reference_date, outcome, finished_at FROM load_run ORDER BY finished_at DESC, load_id DESC LIMIT 1'
  );
  return row ? { referenceDate: row.reference_date, outcome: row.outcome, finishedAt: new Date(row.finished_at).toISOString() } : null;
}
