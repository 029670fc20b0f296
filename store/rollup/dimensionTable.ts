/**
 * The rollups' dimension combinations as small integers, for a full rebuild: one row per
 * distinct (region, office, benefit, cause, payment mode, multi-region) of the applications,
 * and each application's number. The heavy steps of a rebuild (millions of spans and state
 * changes) then join by the application key and group and sort by an integer; the six texts are
 * joined back only to the few output rows. Temporary tables of the rebuild's transaction, with
 * fresh statistics so the planner knows their sizes.
 */
import type { Queryable } from '../db/database';
import { type Aliased, joinedByKey, keyJoin } from '../db/lookedUp';
import { collatedDimensions, DIMENSION_COLUMNS } from './subjects';

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
  // The texts in the C collation, numbered in the order of the rollups' primary keys (dimensions
  // after the day): the rows joined back to them are inserted in that order, which sorting by the
  // number then gives without comparing texts.
  await tx.query(
    `CREATE TEMP TABLE ${DIMENSION_TABLE} ON COMMIT DROP AS
     SELECT (row_number() OVER (ORDER BY ${dims}))::int AS dim, ${dims} FROM (SELECT DISTINCT ${collatedDimensions()} FROM application) AS x`
  );
  await tx.query(
    `CREATE TEMP TABLE ${APPLICATION_DIMENSION_TABLE} ON COMMIT DROP AS
     SELECT a.application_id, dm.dim FROM application a
       JOIN ${DIMENSION_TABLE} dm ON ${DIMENSION_COLUMNS.map((c) => `dm.${c} = a.${c}${c === 'multi_region' ? '' : ' COLLATE "C"'}`).join(' AND ')}`
  );
  await tx.query(`ANALYZE ${DIMENSION_TABLE}`);
  await tx.query(`ANALYZE ${APPLICATION_DIMENSION_TABLE}`);
}

const DIMS = DIMENSION_COLUMNS.join(', ');

/** "1, 2, …, count": the first columns of a select list by position. */
export const positionList = (count: number): string => Array.from({ length: count }, (_, i) => i + 1).join(', ');

/** How the rows of one refresh name an application's dimensions. */
export interface DimensionKey {
  /**
   * The join that brings the dimensions of the application `alias.application_id` (none when
   * `alias` is the application itself and holds them) and the select-list entries of the key.
   */
  of: (alias: string, isApplication: boolean) => { join: string; select: string };
  /**
   * The FROM list of the state changes `changes` joined to their items `item` (joinedByKey): on a
   * refresh of a few days ('looked up') each item is looked up alone by key, as the applications
   * are (sr41_flow_daily of two national days: 19.5 s joined, 3.4 s looked up).
   */
  itemOf: (changes: Aliased, item: Aliased & { key: string }) => string;
  /** The GROUP BY list of the key, and how many columns it has. */
  group: string;
  width: number;
  /** The outer query that turns the grouped key back into the six dimension columns. */
  wrap: (inner: string, sums: string, extra?: string) => string;
  /**
   * The ORDER BY of the wrapped rows in the primary key's order (day, the six dimensions, then
   * the one `extra` column if any): each row then lands on the index's last page.
   */
  order: (extra?: string) => string;
}

/**
 * Where a refresh takes each application's dimensions from:
 * - 'numbered' (a full rebuild, numberDimensions done): its number, a narrow key that joins and
 *   hashes in memory; the six texts are joined back to the summed rows only;
 * - 'joined' (a partial refresh of a week or more): the texts themselves, the applications joined
 *   as the planner sees fit (hashing them all pays off over many days' rows);
 * - 'looked up' (a refresh of a few days, the nightly load): the texts, each application looked
 *   up alone by key (lookedUp), not every application hashed for a sliver of them.
 */
export type DimensionSource = 'numbered' | 'joined' | 'looked up';

export function dimensionKey(source: DimensionSource): DimensionKey {
  const itemOf = (changes: Aliased, item: Aliased & { key: string }) => joinedByKey(changes, item, source === 'looked up');
  if (source !== 'numbered') {
    const join = (alias: string) => keyJoin(alias, { table: 'application', alias: 'a', key: 'application_id' }, source === 'looked up');
    return {
      of: (alias, isApplication) =>
        isApplication ? { join: '', select: collatedDimensions(alias) } : { join: join(alias), select: collatedDimensions('a') },
      itemOf,
      group: DIMS,
      width: DIMENSION_COLUMNS.length,
      wrap: (inner) => inner,
      order: (extra) => `ORDER BY ${positionList(DIMENSION_COLUMNS.length + (extra ? 2 : 1))}`,
    };
  }
  return {
    of: (alias) => ({ join: `JOIN ${APPLICATION_DIMENSION_TABLE} ad ON ad.application_id = ${alias}.application_id`, select: 'ad.dim' }),
    itemOf,
    group: 'dim',
    width: 1,
    wrap: (inner, sums, extra = '') =>
      `SELECT f.day, ${DIMENSION_COLUMNS.map((c) => `dm.${c}`).join(', ')}${extra ? `, f.${extra}` : ''}, ${sums}
       FROM (${inner}) AS f JOIN ${DIMENSION_TABLE} dm ON dm.dim = f.dim`,
    // The numbers follow the texts' order (numberDimensions): integers sorted, not six texts.
    order: (extra) => `ORDER BY f.day, f.dim${extra ? `, f.${extra}` : ''}`,
  };
}
