/**
 * The load log (tables load_run, load_file, data_gap): what the loader saw, what it did, and the
 * days for which no extract arrived.
 */
import type { Queryable } from '../db/database';
import type { FileSummary } from './summary';

export type LoadOutcome = 'CARICATO' | 'GIA_CARICATO' | 'RIFIUTATO';

/** Serialises loaders (a `watch` and a manual `load`): one folder at a time, in date order. */
const LOADER_LOCK = 20210722;

export async function lockLoader(tx: Queryable): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock($1)', [LOADER_LOCK]);
}

/** The latest reference date loaded (null before the first load), as an SQL scalar subquery. */
export const LATEST_REFERENCE_DATE_SQL = "(SELECT max(reference_date) FROM load_run WHERE outcome IN ('CARICATO', 'GIA_CARICATO'))";

/**
 * The store's `asOf` ("dati al"): the newest reference date loaded, or null before the first load.
 * A refused folder does not count.
 */
export async function latestReferenceDate(db: Queryable): Promise<string | null> {
  const [row] = await db.query<{ d: string | null }>(`SELECT ${LATEST_REFERENCE_DATE_SQL} AS d`);
  return row?.d ?? null;
}

/** True when a folder with this reference date and this manifest was loaded before. */
export async function wasLoaded(tx: Queryable, referenceDate: string, manifestSha256: string): Promise<boolean> {
  const rows = await tx.query(
    "SELECT 1 FROM load_run WHERE outcome = 'CARICATO' AND reference_date = $1 AND manifest_sha256 = $2 LIMIT 1",
    [referenceDate, manifestSha256]
  );
  return rows.length > 0;
}

export interface LoadRunRecord {
  referenceDate: string;
  folderName: string;
  manifestSha256: string | null;
  outcome: LoadOutcome;
  message: string | null;
  startedAt: Date;
}

export async function insertLoadRun(q: Queryable, r: LoadRunRecord): Promise<number> {
  const [row] = await q.query<{ load_id: number }>(
    `INSERT INTO load_run (reference_date, folder_name, manifest_sha256, outcome, message, started_at, finished_at)
     VALUES ($1, $2, $3, $4, $5, $6, clock_timestamp()) RETURNING load_id`,
    [r.referenceDate, r.folderName, r.manifestSha256, r.outcome, r.message, r.startedAt.toISOString()]
  );
  return row.load_id;
}

export async function finishLoadRun(tx: Queryable, loadId: number): Promise<void> {
  await tx.query('UPDATE load_run SET finished_at = clock_timestamp() WHERE load_id = $1', [loadId]);
}

export async function insertLoadFile(tx: Queryable, loadId: number, c: Omit<FileSummary, 'quarantineFile'>): Promise<void> {
  await tx.query(
    `INSERT INTO load_file (load_id, file_name, rows_read, rows_loaded, rows_duplicate, rows_rejected, rejects_by_reason, ignored_columns)
     VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::text[])`,
    [loadId, c.file, c.read, c.loaded, c.duplicates, c.rejected, JSON.stringify(c.rejectsByReason), c.ignoredColumns]
  );
}

/**
 * Records the days between the newest loaded reference date and this one that have no extract,
 * and clears this day if an earlier load had recorded it as missing. Returns the new gap days.
 */
export async function recordGaps(tx: Queryable, loadId: number, referenceDate: string): Promise<string[]> {
  await tx.query('DELETE FROM data_gap WHERE gap_date = $1', [referenceDate]);
  const rows = await tx.query<{ gap_date: string }>(
    `WITH last AS (
       SELECT max(reference_date) AS d FROM load_run WHERE outcome = 'CARICATO' AND load_id <> $1
     )
     INSERT INTO data_gap (gap_date, detected_by)
     SELECT last.d + 1 + k, $1 FROM last, generate_series(0, $2::date - last.d - 2) AS k
     WHERE last.d IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM load_run r WHERE r.outcome = 'CARICATO' AND r.reference_date = last.d + 1 + k)
     ON CONFLICT (gap_date) DO NOTHING
     RETURNING gap_date`,
    [loadId, referenceDate]
  );
  return rows.map((r) => r.gap_date).sort();
}
