/**
 * lavoratori_pagati from paid_worker_monthly (migration 053, store/rollup/paidWorkersSql.ts):
 * distinct workers paid in a month. It answers when every bucket is one whole calendar month
 * (interval month over whole months, or none over one month) and the grouping is one it holds
 * (workerGroups.ts); otherwise null, and the caller counts from the raw facts. Distinct workers
 * over several months are not the sum of the months, so nothing is added up here.
 */
import { bucketEnd, bucketStart } from '../../src/model/calendar';
import { and, Params } from './sql';
import { readRows, type FigureRequest, type FigureRow } from './source';
import { workerGroupConditions, workerGroupKeys } from './workerGroups';

export async function paidWorkerMonths(r: FigureRequest): Promise<FigureRow[] | null> {
  const wholeMonths = r.buckets.every((b) => {
    const first = b.start < r.from ? r.from : b.start;
    return bucketStart(first, 'month') === first && bucketEnd(first, 'month') === b.at;
  });
  const params = new Params();
  const conditions = wholeMonths ? workerGroupConditions(r, params) : null;
  if (!conditions) {
    return null;
  }
  const [coverage] = await r.db.query<{ last_day: string }>('SELECT last_day::text AS last_day FROM rollup_coverage');
  if (!coverage || r.to > coverage.last_day) {
    return null;
  }
  const months = params.add(r.buckets.map((b) => bucketStart(b.at, 'month')));
  const starts = params.add(r.buckets.map((b) => b.start));
  const rows = await r.db.query(
    `SELECT b.bucket::text AS bucket${workerGroupKeys(r)}, c.workers AS value
       FROM paid_worker_monthly c JOIN unnest(${starts}::date[], ${months}::date[]) AS b(bucket, month) ON c.day = b.month
      WHERE c.day = ANY(${months}::date[]) AND ${and(conditions)}`,
    params.values
  );
  return readRows(rows, r.groupBy);
}
