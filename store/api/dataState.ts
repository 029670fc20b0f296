/**
 * What the answers of POST /api/query depend on besides the query and the caller's scope, read
 * in one statement per request: the latest loaded reference date (ranges stop there), the
 * thresholds, and a version of the data that changes whenever an answer may change, so that a
 * cached answer (answerCache.ts) is never served across a change of the data.
 *
 * The version changes with:
 * - every load (the loader commits its facts, its rollups and its load_run row together; a refused
 *   or repeated folder adds a row too, which only costs the cache a refill);
 * - every refresh of the rollups, a full rebuild after a change of the thresholds included, which
 *   writes no load_run row: each refresh rewrites the single rollup_coverage row, and a row's
 *   xmin is the id of the transaction that wrote it;
 * - every migration applied (one may rewrite rollups, as 051 fills the summaries);
 * - every change of `setting`, the thresholds the queries read among them.
 * The roster is not here: it decides the caller's scope, which is part of the cache's key.
 * A spurious change (a freeze of the row's xmin by VACUUM) only makes answers be computed again.
 */
import type { Queryable } from '../db/database';
import { LATEST_REFERENCE_DATE_SQL } from '../load/loadLog';
import { thresholdsOf, type Thresholds } from '../query/thresholds';

export interface DataState {
  /** The latest loaded reference date, or null before the first load (loadLog.ts). */
  asOf: string | null;
  thresholds: Thresholds;
  /** Opaque: equal strings mean the same data. */
  version: string;
}

interface StateRow {
  as_of: string | null;
  last_load: number | null;
  rollups_written: string | null;
  last_migration: string | null;
  settings: string | null;
}

export async function readDataState(db: Queryable): Promise<DataState> {
  const [row] = await db.query<StateRow>(
    `SELECT ${LATEST_REFERENCE_DATE_SQL} AS as_of,
            (SELECT max(load_id) FROM load_run) AS last_load,
            (SELECT xmin::text FROM rollup_coverage) AS rollups_written,
            (SELECT max(file) FROM schema_migration) AS last_migration,
            (SELECT string_agg(name || '=' || value, ',' ORDER BY name) FROM setting) AS settings`
  );
  const settings = new Map(
    (row.settings ? row.settings.split(',') : []).map((pair) => {
      const [name, value] = pair.split('=');
      return [name, Number(value)] as const;
    })
  );
  return {
    asOf: row.as_of,
    thresholds: thresholdsOf(settings),
    version: JSON.stringify([row.last_load, row.rollups_written, row.last_migration, row.settings]),
  };
}
