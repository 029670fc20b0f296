/**
 * The SQL that recomputes the flow tables for a range of days: items that arrived on a day
 * (presentation, receipt) and state changes dated that day, summed per day and dimensions.
 * `from` and `to` are SQL date literals (subjects.ts dayLiteral).
 *
 * `source` says where each application's dimensions come from (dimensionTable.ts DimensionSource).
 */
import { dimensionKey, type DimensionSource } from './dimensionTable';
import { DIMENSION_COLUMNS } from './subjects';

const DIMS = DIMENSION_COLUMNS.join(', ');

const APPLICATION_SUMS = ['presented', 'authorised', 'rejected', 'cancelled', 'hours_requested', 'workers', 'hours_authorised', 'decision_days_sum'];

export function applicationFlowSql(from: string, to: string, source: DimensionSource = 'joined'): string {
  const k = dimensionKey(source);
  const d = k.of('p', true);
  const inner = `
SELECT day, ${k.group}, sum(presented) AS presented, sum(authorised) AS authorised, sum(rejected) AS rejected,
  sum(cancelled) AS cancelled, sum(hours_requested) AS hours_requested, sum(workers) AS workers,
  sum(hours_authorised) AS hours_authorised, sum(decision_days) AS decision_days_sum
FROM (
  SELECT p.presented_on AS day, ${d.select}, 1 AS presented, 0 AS authorised, 0 AS rejected, 0 AS cancelled,
    p.hours_requested, p.workers, 0 AS hours_authorised, 0 AS decision_days
  FROM application p ${d.join} WHERE p.presented_on BETWEEN ${from} AND ${to}
  UNION ALL
  -- Every decision counts, a re-decision after riesame too, measured from the presentation.
  SELECT e.state_on, ${d.select}, 0,
    (e.state = 'AUTORIZZATA')::int, (e.state = 'RESPINTA')::int, (e.state = 'ANNULLATA')::int,
    0, 0,
    CASE WHEN e.state = 'AUTORIZZATA' THEN coalesce(e.hours_authorised, 0) ELSE 0 END,
    CASE WHEN e.state IN ('AUTORIZZATA', 'RESPINTA') THEN e.state_on - p.presented_on ELSE 0 END
  FROM ${k.itemOf({ table: 'application_event', alias: 'e' }, { table: 'application', alias: 'p', key: 'application_id' })} ${d.join}
  WHERE e.state_on BETWEEN ${from} AND ${to} AND e.state IN ('AUTORIZZATA', 'RESPINTA', 'ANNULLATA')
) AS flows
GROUP BY day, ${k.group}`;
  return `
INSERT INTO application_flow_daily (day, ${DIMS}, ${APPLICATION_SUMS.join(', ')})
${k.wrap(inner, APPLICATION_SUMS.map((c) => `f.${c}`).join(', '))}
${k.order()} -- the primary key's order (see stockSql.ts)`;
}

const SR41_SUMS = ['received', 'paid', 'rejected', 'cancelled', 'amount_paid', 'hours_paid', 'payment_days_sum'];

export function sr41FlowSql(from: string, to: string, source: DimensionSource = 'joined'): string {
  const k = dimensionKey(source);
  const d = k.of('s', false);
  const inner = `
SELECT day, ${k.group}, rejection_reason, sum(received) AS received, sum(paid) AS paid, sum(rejected) AS rejected,
  sum(cancelled) AS cancelled, sum(amount_paid) AS amount_paid, sum(hours_paid) AS hours_paid,
  sum(payment_days) AS payment_days_sum
FROM (
  SELECT s.received_on AS day, ${d.select}, '' COLLATE "C" AS rejection_reason, 1 AS received, 0 AS paid, 0 AS rejected,
    0 AS cancelled, 0 AS amount_paid, 0 AS hours_paid, 0 AS payment_days
  FROM sr41 s ${d.join}
  WHERE s.received_on BETWEEN ${from} AND ${to}
  UNION ALL
  SELECT e.state_on, ${d.select},
    CASE WHEN e.state = 'SCARTATO' THEN coalesce(e.rejection_reason, '') ELSE '' END COLLATE "C",
    0, (e.state = 'PAGATO')::int, (e.state = 'SCARTATO')::int, (e.state = 'ANNULLATO')::int,
    CASE WHEN e.state = 'PAGATO' THEN s.amount ELSE 0 END,
    CASE WHEN e.state = 'PAGATO' THEN s.hours ELSE 0 END,
    CASE WHEN e.state = 'PAGATO' THEN e.state_on - s.received_on ELSE 0 END
  FROM ${k.itemOf({ table: 'sr41_event', alias: 'e' }, { table: 'sr41', alias: 's', key: 'sr41_id' })} ${d.join}
  WHERE e.state_on BETWEEN ${from} AND ${to} AND e.state IN ('PAGATO', 'SCARTATO', 'ANNULLATO')
) AS flows
GROUP BY day, ${k.group}, rejection_reason`;
  return `
INSERT INTO sr41_flow_daily (day, ${DIMS}, rejection_reason, ${SR41_SUMS.join(', ')})
${k.wrap(inner, SR41_SUMS.map((c) => `f.${c}`).join(', '), 'rejection_reason')}
${k.order('rejection_reason')} -- the primary key's order (see stockSql.ts)`;
}
