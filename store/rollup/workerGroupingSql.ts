/**
 * The groupings of the worker counts the loader keeps (migrations 052, 057): all of Italy, region,
 * office, scheme, region × scheme, in the columns WORKER_GROUP_KEY where '' means every value.
 * The one list: the waiting counts (waitingWorkersSql.ts), the paid counts
 * (paidWorkerPreviousMonthSql.ts) and the API that reads them (store/query/workerGroups.ts).
 */

export const WORKER_GROUP_KEY = ['region_code', 'office_code', 'benefit'] as const;

export type WorkerGroupColumn = (typeof WORKER_GROUP_KEY)[number];

/** Each grouping's columns of WORKER_GROUP_KEY. */
export const WORKER_GROUPINGS: ReadonlyArray<readonly WorkerGroupColumn[]> = [
  [], ['region_code'], ['office_code'], ['benefit'], ['region_code', 'benefit'],
];
