/**
 * The groupings of the paid worker counts (migration 057) in SQL: all of Italy, region,
 * office, scheme, region × scheme, as store/query/workerGroups.ts reads them, '' = every value.
 */

export const WORKER_GROUP_KEY = ['region_code', 'office_code', 'benefit'] as const;

/** Each grouping's columns of WORKER_GROUP_KEY. */
export const WORKER_GROUPINGS: ReadonlyArray<ReadonlyArray<(typeof WORKER_GROUP_KEY)[number]>> = [
  [], ['region_code'], ['office_code'], ['benefit'], ['region_code', 'benefit'],
];
