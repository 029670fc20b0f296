/**
 * Keeps paid_worker_previous_month (migration 057), from which lavoratori_pagati over any range of
 * whole months is read: distinct workers do not add up across months, but a worker paid in the
 * range [first, last] (in a group) has exactly one paid month m in it whose previous paid month p
 * (in that group; '-infinity' for none) lies before the range: p < first <= m <= last. So the
 * workers of the range are the sum of the counts of the (m, p) of that condition, once each.
 *
 * The counts come from paid_worker_member (054), the members of each (month, worker). A full
 * refresh counts them whole. A partial one (paidWorkersSql.ts) takes the steps (m, p) of the
 * workers whose members it recomputes, from their first recomputed month on, before (side −1) and
 * after (side 1), and adds the difference: a step with m before that month is the same on both
 * sides, since the months before it did not change.
 */
import type { Queryable } from '../db/database';
import { WORKER_GROUP_KEY, WORKER_GROUPINGS } from './workerGroupingSql';

const KEY = 'day, previous_day, region_code, office_code, benefit';

/**
 * One row per worker, group and month paid from the members `source`, with the worker's previous
 * month paid in the group. Each member row takes, per grouping, the month of the row before it
 * in its worker's group: of the rows of one month (other offices, say) only the first has an
 * earlier month before it, and only it counts. Every window partitions by worker first, so after
 * one sort the database re-sorts only each worker's few rows for the next grouping (5 times faster
 * than one distinct row per worker, group and month sorted whole). The group key ('' = every
 * value) names the grouping too, since no code is ''.
 */
const stepsOf = (source: string) => `
  SELECT s.worker_pseudonym, s.day, coalesce(v.previous_day, '-infinity') AS previous_day, v.region_code, v.office_code, v.benefit
    FROM (SELECT worker_pseudonym, day, region_code, office_code, benefit, ${WORKER_GROUPINGS.map(
      (g, i) => `lag(day) OVER (PARTITION BY ${['worker_pseudonym', ...g].join(', ')} ORDER BY day) AS previous_${i}`
    ).join(', ')}
            FROM ${source}) AS s
   CROSS JOIN LATERAL (VALUES ${WORKER_GROUPINGS.map(
     (g, i) => `(previous_${i}, ${WORKER_GROUP_KEY.map((c) => (g.includes(c) ? `s.${c}` : `''`)).join(', ')})`
   ).join(', ')}) AS v (previous_day, region_code, office_code, benefit)
   WHERE v.previous_day IS DISTINCT FROM s.day`;

export async function refreshAllPreviousMonths(tx: Queryable): Promise<void> {
  await tx.query('DELETE FROM paid_worker_previous_month');
  await tx.query(
    `INSERT INTO paid_worker_previous_month (${KEY}, workers)
     SELECT ${KEY}, count(*) FROM (${stepsOf('paid_worker_member')}) AS steps GROUP BY ${KEY}`
  );
}

/** A member's key (054), all that the steps read. */
export const MEMBER_KEY = 'worker_pseudonym, day, region_code, office_code, benefit';

/** The join that keeps the rows `alias` (worker, month) of a touched worker from their first touched month on. */
const fromFirstTouchedMonth = (alias: string) =>
  `JOIN paid_touched_worker t ON t.worker_pseudonym = ${alias}.worker_pseudonym AND ${alias}.day >= t.first_day`;

/** The steps of the touched workers from the members `source`, from their first touched month on. */
const recordSteps = (side: -1 | 1, source: string) => `
  INSERT INTO paid_step_change (side, ${KEY}, workers)
  SELECT ${side}, ${KEY}, count(*)
    FROM (${stepsOf(source)}) AS s
    ${fromFirstTouchedMonth('s')}
   GROUP BY ${KEY}`;

/**
 * Before the members of the pairs `paid_pair` are recomputed: the steps of their workers, from
 * their members then (paid_touched_member, all months; paidWorkersSql.ts), with side −1.
 */
export async function recordPreviousMonthsBefore(tx: Queryable): Promise<void> {
  for (const table of ['paid_touched_worker', 'paid_step_change']) {
    await tx.query(`DROP TABLE IF EXISTS pg_temp.${table}`);
  }
  await tx.query(
    `CREATE TEMP TABLE paid_touched_worker ON COMMIT DROP AS
     SELECT worker_pseudonym, min(day) AS first_day FROM paid_pair GROUP BY worker_pseudonym`
  );
  await tx.query('ANALYZE paid_touched_worker');
  await tx.query(
    `CREATE TEMP TABLE paid_step_change (side integer, day date, previous_day date, region_code text COLLATE "C",
       office_code text COLLATE "C", benefit text COLLATE "C", workers integer) ON COMMIT DROP`
  );
  // Only the workers with a member from their first touched month on have a step then. Before a
  // night's members are added, few do (a second payment in a month): the windows then sort those
  // few instead of every member of the 67,901 workers paid in the national night of 2021-08-01.
  await tx.query(
    recordSteps(
      -1,
      `(SELECT * FROM paid_touched_member
         WHERE worker_pseudonym IN (SELECT m.worker_pseudonym FROM paid_touched_member m ${fromFirstTouchedMonth('m')})) AS member`
    )
  );
}

/**
 * After: the members of those workers are the ones read before, those of the pairs replaced by
 * the pairs' members now (paid_pair_member, paidWorkersSql.ts), so the member table is not
 * read again. Their steps count with side 1, and the difference goes to the stored counts.
 */
export async function applyPreviousMonthChange(tx: Queryable): Promise<void> {
  await tx.query(
    recordSteps(
      1,
      `(SELECT ${MEMBER_KEY} FROM paid_touched_member m
         WHERE NOT EXISTS (SELECT 1 FROM paid_pair p WHERE p.worker_pseudonym = m.worker_pseudonym AND p.day = m.day)
        UNION ALL SELECT ${MEMBER_KEY} FROM paid_pair_member) AS member`
    )
  );
  await tx.query(
    `INSERT INTO paid_worker_previous_month (${KEY}, workers)
     SELECT ${KEY}, sum(side * workers) FROM paid_step_change GROUP BY ${KEY} HAVING sum(side * workers) <> 0
     ON CONFLICT (${KEY}) DO UPDATE SET workers = paid_worker_previous_month.workers + EXCLUDED.workers`
  );
  // Only steps that some worker takes are stored.
  await tx.query('DELETE FROM paid_worker_previous_month WHERE workers = 0');
}
