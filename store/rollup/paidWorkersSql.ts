/**
 * Keeps paid_worker_monthly (migration 053): distinct workers with an SR41 paid in each month,
 * per grouping, as the raw-fact figure lavoratori_pagati counts them over a month. A refresh of
 * the days from..to recomputes the whole months holding them from the PAGATO changes dated in
 * those months, so corrections that remove a payment are counted too.
 */
import type { Queryable } from '../db/database';
import { dayLiteral } from './subjects';

/** The same groupings as waiting_worker_daily (waitingWorkersSql.ts, store/query/workerGroups.ts). */
const GROUPS = '(month), (month, region_code), (month, office_code), (month, benefit), (month, region_code, benefit)';

export function paidWorkersSql(from: string, to: string): string[] {
  const first = `date_trunc('month', ${from}::timestamp)::date`;
  const last = `(date_trunc('month', ${to}::timestamp) + interval '1 month - 1 day')::date`;
  return [
    `DELETE FROM paid_worker_monthly WHERE day BETWEEN ${first} AND ${last}`,
    `INSERT INTO paid_worker_monthly (day, region_code, office_code, benefit, workers)
     SELECT month, coalesce(region_code, ''), coalesce(office_code, ''), coalesce(benefit, ''), count(DISTINCT worker_pseudonym)
       FROM (SELECT date_trunc('month', e.state_on::timestamp)::date AS month, a.region_code, a.office_code, a.benefit, s.worker_pseudonym
               FROM sr41_event e JOIN sr41 s ON s.sr41_id = e.sr41_id JOIN application a ON a.application_id = s.application_id
              WHERE e.state = 'PAGATO' AND e.state_on BETWEEN ${first} AND ${last}) AS paid
      GROUP BY GROUPING SETS (${GROUPS})`,
  ];
}

export async function refreshPaidWorkers(tx: Queryable, from: string, to: string): Promise<void> {
  for (const sql of paidWorkersSql(dayLiteral(from), dayLiteral(to))) {
    await tx.query(sql);
  }
}
