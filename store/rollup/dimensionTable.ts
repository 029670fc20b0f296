/**
 * The rollups' dimension combinations as small integers, for a full rebuild: one row per
 * distinct (region, office, benefit, cause, payment mode, multi-region) of the applications,
 * and each application's number. The heavy steps of a rebuild (millions of spans and state
 * changes) then join by the application key and group and sort by an integer; the six texts are
 * joined back only to the few output rows. Temporary tables of the rebuild's transaction, with
 * fresh statistics so the planner knows their sizes.
 */
import type { Queryable } from '../db/database';
import { DIMENSION_COLUMNS } from './subjects';

/** dim → the six dimension columns. */
export const DIMENSION_TABLE = 'rollup_dimension';
/** application_id → dim. */
export const APPLICATION_DIMENSION_TABLE = 'rollup_application_dimension';

/** Numbers every dimension combination of the stored applications (dim 1, 2, …) and gives each application its number. */
export async function numberDimensions(tx: Queryable): Promise<void> {
  const dims = DIMENSION_COLUMNS.join(', ');
  for (const table of [DIMENSION_TABLE, APPLICATION_DIMENSION_TABLE]) {
    await tx.query(`DROP TABLE IF EXISTS pg_temp.${table}`);
  }
  await tx.query(
    `CREATE TEMP TABLE ${DIMENSION_TABLE} ON COMMIT DROP AS
     SELECT (row_number() OVER ())::int AS dim, ${dims} FROM (SELECT DISTINCT ${dims} FROM application) AS x`
  );
  await tx.query(
    `CREATE TEMP TABLE ${APPLICATION_DIMENSION_TABLE} ON COMMIT DROP AS
     SELECT a.application_id, dm.dim FROM application a
       JOIN ${DIMENSION_TABLE} dm ON ${DIMENSION_COLUMNS.map((c) => `dm.${c} = a.${c}`).join(' AND ')}`
  );
  await tx.query(`ANALYZE ${DIMENSION_TABLE}`);
  await tx.query(`ANALYZE ${APPLICATION_DIMENSION_TABLE}`);
}
