/**
 * The groupings of the paid worker counts (migrations 053, 057) in SQL: all of Italy, region,
 * office, scheme, region × scheme, as store/query/workerGroups.ts reads them, '' = every value.
 */

export const WORKER_GROUP_KEY = ['region_code', 'office_code', 'benefit'] as const;

/** Each grouping's columns of WORKER_GROUP_KEY. */
export const WORKER_GROUPINGS: ReadonlyArray<ReadonlyArray<(typeof WORKER_GROUP_KEY)[number]>> = [
  [], ['region_code'], ['office_code'], ['benefit'], ['region_code', 'benefit'],
];

/** GROUPING SETS of the groupings, each led by the columns `leading` (e.g. 'day'). */
export const workerGroupingSets = (leading: string) => WORKER_GROUPINGS.map((g) => `(${[leading, ...g].join(', ')})`).join(', ');

/** The group key of a grouping set's row: its columns not grouped by read ''. */
export const WORKER_GROUP_COLUMNS = WORKER_GROUP_KEY.map((c) => `coalesce(${c}, '')`).join(', ');
