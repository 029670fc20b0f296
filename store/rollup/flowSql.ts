/**
 * The SQL that recomputes the flow tables for a range of days: items that arrived on a day
 * (presentation, receipt) and state changes dated that day, summed per day and dimensions.
 * `from` and `to` are SQL date literals (subjects.ts dayLiteral).
 */
import { collatedDimensions, DIMENSION_COLUMNS } from './subjects';

const DIMS = DIMENSION_COLUMNS.join(', ');
const A_DIMS = collatedDimensions('a');

export function applicationFlowSql(from: string, to: string): string {
  return `
INSERT INTO application_flow_daily (day, ${DIMS}, presented, authorised, rejected, cancelled,
  hours_requested, workers, hours_authorised, decision_days_sum)
SELECT day, ${DIMS}, sum(presented), sum(authorised), sum(rejected), sum(cancelled),
  sum(hours_requested), sum(workers), sum(hours_authorised), sum(decision_days)
FROM (
  SELECT a.presented_on AS day, ${A_DIMS}, 1 AS presented, 0 AS authorised, 0 AS rejected, 0 AS cancelled,
    a.hours_requested, a.workers, 0 AS hours_authorised, 0 AS decision_days
  FROM application a WHERE a.presented_on BETWEEN ${from} AND ${to}
  UNION ALL
  -- Every decision counts, a re-decision after riesame too, measured from the presentation.
  SELECT e.state_on, ${A_DIMS}, 0,
    (e.state = 'AUTORIZZATA')::int, (e.state = 'RESPINTA')::int, (e.state = 'ANNULLATA')::int,
    0, 0,
    CASE WHEN e.state = 'AUTORIZZATA' THEN coalesce(e.hours_authorised, 0) ELSE 0 END,
    CASE WHEN e.state IN ('AUTORIZZATA', 'RESPINTA') THEN e.state_on - a.presented_on ELSE 0 END
  FROM application_event e JOIN application a ON a.application_id = e.application_id
  WHERE e.state_on BETWEEN ${from} AND ${to} AND e.state IN ('AUTORIZZATA', 'RESPINTA', 'ANNULLATA')
) AS flows
GROUP BY day, ${DIMS}
ORDER BY 1, 2, 3, 4, 5, 6, 7 -- the primary key's order (see stockSql.ts)`;
}

export function sr41FlowSql(from: string, to: string): string {
  return `
INSERT INTO sr41_flow_daily (day, ${DIMS}, rejection_reason, received, paid, rejected, cancelled,
  amount_paid, hours_paid, payment_days_sum)
SELECT day, ${DIMS}, rejection_reason, sum(received), sum(paid), sum(rejected), sum(cancelled),
  sum(amount_paid), sum(hours_paid), sum(payment_days)
FROM (
  SELECT s.received_on AS day, ${A_DIMS}, '' COLLATE "C" AS rejection_reason, 1 AS received, 0 AS paid, 0 AS rejected,
    0 AS cancelled, 0 AS amount_paid, 0 AS hours_paid, 0 AS payment_days
  FROM sr41 s JOIN application a ON a.application_id = s.application_id
  WHERE s.received_on BETWEEN ${from} AND ${to}
  UNION ALL
  SELECT e.state_on, ${A_DIMS},
    CASE WHEN e.state = 'SCARTATO' THEN coalesce(e.rejection_reason, '') ELSE '' END COLLATE "C",
    0, (e.state = 'PAGATO')::int, (e.state = 'SCARTATO')::int, (e.state = 'ANNULLATO')::int,
    CASE WHEN e.state = 'PAGATO' THEN s.amount ELSE 0 END,
    CASE WHEN e.state = 'PAGATO' THEN s.hours ELSE 0 END,
    CASE WHEN e.state = 'PAGATO' THEN e.state_on - s.received_on ELSE 0 END
  FROM sr41_event e JOIN sr41 s ON s.sr41_id = e.sr41_id JOIN application a ON a.application_id = s.application_id
  WHERE e.state_on BETWEEN ${from} AND ${to} AND e.state IN ('PAGATO', 'SCARTATO', 'ANNULLATO')
) AS flows
GROUP BY day, ${DIMS}, rejection_reason
ORDER BY 1, 2, 3, 4, 5, 6, 7, 8 -- the primary key's order (see stockSql.ts)`;
}
