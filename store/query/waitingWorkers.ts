/**
 * Workers awaiting their first payment, and the "alta criticità" among them (DOMAIN.md), at each
 * bucket's last day: from the daily counts where they hold the grouping (waitingCounts.ts),
 * otherwise from the raw facts, as follows.
 *
 * A worker waits at D while some SR41 of theirs, received on or before D, is not cancelled by D,
 * and none of their SR41 (in any region) is paid by D. So each SR41 makes its worker wait over the
 * days [received, min(cancelled, worker's first payment)); the intervals are few, since every SR41
 * received after the first payment has an empty one. Alta criticità at D: the earliest receipt
 * among the worker's waiting SR41 is more than the threshold old, i.e. some waiting SR41 of the
 * worker was received more than the threshold before D; it intersects a group's interval with
 * the worker's other intervals shifted by threshold + 1 days.
 *
 * A waiting worker counts once in every group (and under a filter) holding one of their waiting
 * SR41; payment and criticality look at all of the worker's SR41. A worker's intervals in a group
 * are merged into disjoint islands, turned into +1/−1 steps per day, and the running sum of the
 * steps at D counts the distinct workers. (The same decisions as the test oracle, store/figures.)
 */
import { attributeSql, and, dimensionValueSql, Params, whereConditions } from './sql';
import type { FigureRequest, FigureRow } from './source';
import { waitingCounts } from './waitingCounts';

export async function waitingWorkers(r: FigureRequest): Promise<FigureRow[]> {
  return (await waitingCounts(r)) ?? waitingWorkersFromRawFacts({ ...r, db: r.rawFacts });
}

/** The same figure from the raw facts, for the groupings the daily counts do not hold. */
export async function waitingWorkersFromRawFacts(r: FigureRequest): Promise<FigureRow[]> {
  const params = new Params();
  const dims = attributeSql('a');
  const keys = r.groupBy.map((d, i) => ({ expr: dimensionValueSql(d, dims), alias: `k${i}` }));
  const keyList = keys.map((k) => `, ${k.alias}`).join('');
  const keySelect = keys.map((k) => `, ${k.expr} AS ${k.alias}`).join('');
  const worker = `w${keyList}`;
  const to = `${params.add(r.to)}::date`;
  const conditions = whereConditions(r.filters, r.scope, dims, params);
  const groupIntervals =
    r.measure.id === 'alta_criticita'
      ? `SELECT g.w${keys.map((k) => `, g.${k.alias}`).join('')},
                greatest(g.a, c.a + ${params.add(r.thresholds.highCriticalityDays + 1)}::int) AS a, least(g.b, c.b) AS b
           FROM in_group g JOIN waiting c ON c.w = g.w`
      : 'SELECT * FROM in_group';
  const rows = await r.db.query<Record<string, unknown>>(
    `WITH ends AS (
       SELECT sr41_id,
              min(state_on) FILTER (WHERE state = 'ANNULLATO') AS cancelled_on,
              min(state_on) FILTER (WHERE state = 'PAGATO') AS paid_on
         FROM sr41_event WHERE state IN ('ANNULLATO', 'PAGATO') AND state_on <= ${to} GROUP BY sr41_id
     ), first_payment AS (
       SELECT s.worker_pseudonym AS w, min(ends.paid_on) AS paid_on
         FROM sr41 s JOIN ends ON ends.sr41_id = s.sr41_id GROUP BY 1
     ), waiting AS (
       SELECT s.sr41_id, s.application_id, s.worker_pseudonym AS w, s.received_on AS a,
              coalesce(least(ends.cancelled_on, first_payment.paid_on), 'infinity'::date) AS b
         FROM sr41 s
         LEFT JOIN ends ON ends.sr41_id = s.sr41_id
         LEFT JOIN first_payment ON first_payment.w = s.worker_pseudonym
        WHERE s.received_on <= ${to}
          -- only the SR41 that make someone wait: most are received after their worker's first payment
          AND coalesce(least(ends.cancelled_on, first_payment.paid_on), 'infinity'::date) > s.received_on
     ), in_group AS (
       SELECT c.w${keySelect}, c.a, c.b
         FROM waiting c JOIN application a ON a.application_id = c.application_id
        WHERE ${and(conditions)}
     ), intervals AS (
       ${groupIntervals}
     ), marked AS (
       SELECT *, CASE WHEN a <= max(b) OVER (PARTITION BY ${worker} ORDER BY a, b
                                           ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
                      THEN 0 ELSE 1 END AS starts_island
         FROM intervals WHERE a < b
     ), numbered AS (
       SELECT *, sum(starts_island) OVER (PARTITION BY ${worker} ORDER BY a, b ROWS UNBOUNDED PRECEDING) AS island
         FROM marked
     ), islands AS (
       SELECT ${worker}, min(a) AS a, max(b) AS b FROM numbered GROUP BY ${worker}, island
     )
     SELECT day::text AS day${keyList}, sum(step)::int AS step FROM (
       SELECT a AS day${keyList}, 1 AS step FROM islands
       UNION ALL
       SELECT b AS day${keyList}, -1 AS step FROM islands WHERE b <> 'infinity'::date
     ) steps
     GROUP BY 1${keyList}
     ORDER BY 1`,
    params.values
  );
  return countAtBucketEnds(rows, r);
}

/** Running sum of the day steps of each group, read at every bucket's last day. */
function countAtBucketEnds(steps: Array<Record<string, unknown>>, r: FigureRequest): FigureRow[] {
  const groups = new Map<string, { keys: string[]; steps: Array<{ day: string; step: number }> }>();
  for (const s of steps) {
    const keys = r.groupBy.map((_, i) => String(s[`k${i}`]));
    const id = JSON.stringify(keys);
    const g = groups.get(id) ?? { keys, steps: [] };
    g.steps.push({ day: String(s.day), step: Number(s.step) });
    groups.set(id, g);
  }
  const out: FigureRow[] = [];
  for (const g of groups.values()) {
    let i = 0;
    let running = 0;
    for (const b of r.buckets) {
      while (i < g.steps.length && g.steps[i].day <= b.at) {
        running += g.steps[i++].step;
      }
      out.push({ bucket: b.start, keys: g.keys, value: running });
    }
  }
  return out;
}
