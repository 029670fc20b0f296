/**
 * Workers awaiting their first payment and in alta criticità, read from the daily counts the
 * loader keeps (migration 052, store/rollup/waitingWorkersSql.ts) at each bucket's last day, for
 * the groupings they hold (workerGroups.ts) and the days they cover. Otherwise (null) the caller
 * counts from the raw facts.
 */
import { and, Params } from './sql';
import { readRows, type FigureRequest, type FigureRow } from './source';
import { workerGroupConditions, workerGroupKeys } from './workerGroups';

export async function waitingCounts(r: FigureRequest): Promise<FigureRow[] | null> {
  const params = new Params();
  const conditions = workerGroupConditions(r, params);
  if (!conditions) {
    return null;
  }
  const [coverage] = await r.db.query<{ last_day: string }>('SELECT last_day::text AS last_day FROM waiting_worker_coverage');
  if (!coverage || r.buckets.some((b) => b.at > coverage.last_day)) {
    return null;
  }
  const value = r.measure.id === 'alta_criticita' ? 'c.high_critical' : 'c.waiting';
  const at = params.add(r.buckets.map((b) => b.at));
  const starts = params.add(r.buckets.map((b) => b.start));
  const rows = await r.db.query(
    `SELECT b.bucket::text AS bucket${workerGroupKeys(r)}, ${value} AS value
       FROM waiting_worker_daily c JOIN unnest(${starts}::date[], ${at}::date[]) AS b(bucket, at) ON c.day = b.at
      WHERE c.day = ANY(${at}::date[]) AND ${and(conditions)}`,
    params.values
  );
  return readRows(rows, r.groupBy);
}
