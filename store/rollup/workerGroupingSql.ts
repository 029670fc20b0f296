/**
 * The groupings of the paid worker counts (migrations 053, 057) in SQL: all of Italy, region,
 * office, scheme, region × scheme, as store/query/workerGroups.ts reads them, '' = every value.
 */

/** GROUPING SETS of the groupings, each led by the columns `leading` (e.g. 'day'). */
export const workerGroupingSets = (leading: string) =>
  ['', ', region_code', ', office_code', ', benefit', ', region_code, benefit'].map((g) => `(${leading}${g})`).join(', ');

/** The group key of a grouping set's row: its columns not grouped by read ''. */
export const WORKER_GROUP_COLUMNS = `coalesce(region_code, ''), coalesce(office_code, ''), coalesce(benefit, '')`;
