/**
 * The SQL that recomputes the daily histograms of decision and payment days (migration 050) for a
 * range of days: per day and dimensions, how many decisions (payments) took each number of days.
 * The same events and day counts as the flow rollups' decision_days_sum and payment_days_sum
 * (flowSql.ts): every AUTORIZZATA and RESPINTA change, measured from the presentation; every
 * PAGATO change, measured from the receipt. An exact percentile over any days and groups is then
 * read from the summed counts (store/query/percentiles.ts). `from` and `to` are SQL date literals.
 */
import { collatedDimensions, DIMENSION_COLUMNS } from './subjects';

const DIMS = DIMENSION_COLUMNS.join(', ');
const A_DIMS = collatedDimensions('a');
// The primary key's order (see stockSql.ts): day, the six dimensions, days.
const ORDER = 'ORDER BY 1, 2, 3, 4, 5, 6, 7, 8';

export function decisionDaysSql(from: string, to: string): string {
  return `
INSERT INTO decision_days_daily (day, ${DIMS}, days, decisions)
SELECT e.state_on, ${A_DIMS}, e.state_on - a.presented_on AS days, count(*)
  FROM application_event e JOIN application a ON a.application_id = e.application_id
 WHERE e.state_on BETWEEN ${from} AND ${to} AND e.state IN ('AUTORIZZATA', 'RESPINTA')
 GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
 ${ORDER}`;
}

export function paymentDaysSql(from: string, to: string): string {
  return `
INSERT INTO payment_days_daily (day, ${DIMS}, days, payments)
SELECT e.state_on, ${A_DIMS}, e.state_on - s.received_on AS days, count(*)
  FROM sr41_event e JOIN sr41 s ON s.sr41_id = e.sr41_id JOIN application a ON a.application_id = s.application_id
 WHERE e.state_on BETWEEN ${from} AND ${to} AND e.state = 'PAGATO'
 GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
 ${ORDER}`;
}
