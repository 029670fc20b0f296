/**
 * The 90th percentiles of decision and payment times, exact, from the daily histograms of days
 * (store/rollup/histogramSql.ts) or their summaries (rollupSource.ts): the counts of each number
 * of days are summed over the bucket and group, and the percentile is read from their running
 * total. Nearest rank: the smallest number of days whose running count reaches ⌈0.9·n⌉ of the n
 * events, i.e. count·10 ≥ 9·n in integers; what PostgreSQL's percentile_disc(0.9) gives.
 */
import { flowRows, monthsOnly } from './rollupSource';
import { attributeSql, and, bucketSql, dimensionValueSql, Params, whereConditions } from './sql';
import { readRows, type FigureRequest, type FigureRow } from './source';

const HISTOGRAMS: Readonly<Record<string, { table: string; count: string }>> = {
  'domande.tempo_definizione_p90': { table: 'decision_days_daily', count: 'decisions' },
  'sr41.tempo_pagamento_p90': { table: 'payment_days_daily', count: 'payments' },
};

export function isPercentile(subject: string, measure: string): boolean {
  return `${subject}.${measure}` in HISTOGRAMS;
}

export async function percentile(r: FigureRequest): Promise<FigureRow[]> {
  const h = HISTOGRAMS[`${r.measure.subject}.${r.measure.id}`];
  const params = new Params();
  const dims = attributeSql('f');
  const keys = r.groupBy.map((d, i) => ({ expr: dimensionValueSql(d, dims), alias: `k${i}` }));
  const keyList = keys.map((k) => `, ${k.alias}`).join('');
  const conditions = [
    `f.day BETWEEN ${params.add(r.from)}::date AND ${params.add(r.to)}::date`,
    ...whereConditions(r.filters, r.scope, dims, params),
  ];
  // By month over whole months the rows are a monthly summary's, dated the month: grouped by its
  // day, region or scheme and days, they come in the order of its primary key, and neither the
  // GROUP BY nor the windows below need a sort (the statistics of migration 056 let the planner see it).
  const bucket = r.interval === 'month' && monthsOnly(h.table, r, r) ? 'f.day' : bucketSql('f.day', r.interval, r.from, params);
  // n as integer, so that the running sums are bigint rather than numeric: a count of one bucket,
  // group and number of days is at most all the events of the range (tens of millions nationally).
  const rows = await r.db.query(
    `WITH histogram AS (
       SELECT ${bucket} AS bucket${keys.map((k) => `, ${k.expr} AS ${k.alias}`).join('')}, f.days, sum(f.${h.count})::integer AS n
         FROM ${flowRows(h.table, r, r, params)} f
        WHERE ${and(conditions)}
        GROUP BY 1${keys.map((k) => `, ${k.expr}`).join('')}, f.days
     ), running AS (
       SELECT *, sum(n) OVER (PARTITION BY bucket${keyList} ORDER BY days) AS below,
                 sum(n) OVER (PARTITION BY bucket${keyList}) AS total
         FROM histogram
     )
     SELECT bucket::text AS bucket${keyList}, min(days) AS value
       FROM running WHERE below * 10 >= total * 9
      GROUP BY bucket${keyList}`,
    params.values
  );
  return readRows(rows, r.groupBy);
}
