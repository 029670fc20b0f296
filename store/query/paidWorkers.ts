/**
 * lavoratori_pagati from the counts the loader keeps (store/rollup/paidWorkersSql.ts) when every
 * bucket covers whole calendar months (the last one may end on the last loaded day) and the grouping is one they hold (workerGroups.ts);
 * otherwise null, and the caller counts from the raw facts. Every bucket, of one month or of
 * several (interval none over whole months), reads paid_worker_previous_month (057), whose rows
 * count each worker once per range of months; a single month is the range of that month alone.
 */
import { bucketEnd, bucketStart } from '../../src/model/calendar';
import { bucketsOf } from './buckets';
import { and, Params } from './sql';
import { readRows, type FigureRequest, type FigureRow } from './source';
import { workerGroupConditions, workerGroupKeys } from './workerGroups';

export async function paidWorkerMonths(r: FigureRequest): Promise<FigureRow[] | null> {
  const [coverage] = await r.db.query<{ last_day: string }>('SELECT last_day::text AS last_day FROM rollup_coverage');
  if (!coverage || r.to > coverage.last_day) {
    return null;
  }
  // A month up to the last day the store holds is that month as stored: no payment is dated
  // after it (the loader refuses dates after a folder's reference date). So the dashboards'
  // ranges, which end today and are cut at the last loaded day, read the counts too.
  const endsMonth = (day: string) => day === coverage.last_day || bucketEnd(day, 'month') === day;
  const spans = r.buckets.map((b) => ({ bucket: b.start, first: b.start < r.from ? r.from : b.start, last: b.at }));
  const wholeMonths = spans.every((s) => bucketStart(s.first, 'month') === s.first && endsMonth(s.last));
  const params = new Params();
  const conditions = wholeMonths ? workerGroupConditions(r, params) : null;
  if (!conditions) {
    return null;
  }
  // Each worker paid in [first, last] counts once: at their first month paid there, the one whose
  // previous month paid lies before `first` (057). Each month of a bucket is joined by equality,
  // so the database hashes the months instead of testing every row against every bucket's range.
  const months = spans.flatMap((s) => bucketsOf(s.first, s.last, 'month').map((m) => ({ ...s, month: m.start })));
  const buckets = params.add(months.map((m) => m.bucket));
  const firsts = params.add(months.map((m) => m.first));
  const days = params.add(months.map((m) => m.month));
  const rows = await r.db.query(
    `SELECT b.bucket::text AS bucket${workerGroupKeys(r)}, sum(c.workers) AS value
       FROM unnest(${buckets}::date[], ${firsts}::date[], ${days}::date[]) AS b(bucket, first_day, month)
       JOIN paid_worker_previous_month c ON c.day = b.month AND c.previous_day < b.first_day
      WHERE ${and(conditions)}
      GROUP BY 1${r.groupBy.map((_, i) => `, ${i + 2}`).join('')}`,
    params.values
  );
  return readRows(rows, r.groupBy);
}
