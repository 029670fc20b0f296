/**
 * Keeps paid_worker_member (migration 054): each worker's (region, office, scheme) paid in a
 * month, the rows from which paid_worker_previous_month (057, paidWorkerPreviousMonthSql.ts)
 * counts lavoratori_pagati over any range of whole months, one month alone included.
 *
 * A full refresh fills both from every PAGATO change. A partial one from `from` on recomputes the
 * members of the (month, worker) pairs the refresh may change, and the counts follow the members
 * of those pairs' workers: a worker outside them counts as before. The pairs: payments dated from
 * `from` on (new ones; those of an SR41 whose attributes changed, its receipt day being touched),
 * payments of the SR41 of applications presented from `from` on (their attributes count as
 * touching that day), and the members whose last payment is dated from `from` on (a payment
 * removed since).
 */
import type { Queryable } from '../db/database';
import { lookedUp } from '../db/lookedUp';
import { applyPreviousMonthChange, MEMBER_KEY, recordPreviousMonthsBefore, refreshAllPreviousMonths } from './paidWorkerPreviousMonthSql';
import { dayLiteral } from './subjects';

const MONTH = (day: string) => `date_trunc('month', ${day}::timestamp)::date`;
const MEMBER_COLUMNS = 'day, worker_pseudonym, region_code, office_code, benefit, last_paid_on';

/**
 * Members from the PAGATO changes `e` of the SR41 `s`, in the C collation of the member table
 * (054), in its key's order: each row then lands on the index's last page, without a search.
 */
const membersFrom = (joins: string) => `
  SELECT ${MONTH('e.state_on')} AS day, s.worker_pseudonym COLLATE "C" AS worker_pseudonym, a.region_code COLLATE "C" AS region_code,
         a.office_code COLLATE "C" AS office_code, a.benefit COLLATE "C" AS benefit, max(e.state_on) AS last_paid_on
    FROM ${joins} JOIN application a ON a.application_id = s.application_id
   WHERE e.state = 'PAGATO'
   GROUP BY 2, 1, 3, 4, 5 ORDER BY 2, 1, 3, 4, 5`;

async function refreshAll(tx: Queryable): Promise<void> {
  await tx.query('DELETE FROM paid_worker_member');
  await tx.query(
    `INSERT INTO paid_worker_member (${MEMBER_COLUMNS})
     ${membersFrom('sr41_event e JOIN sr41 s ON s.sr41_id = e.sr41_id')}`
  );
  await tx.query('ANALYZE paid_worker_member');
  await refreshAllPreviousMonths(tx);
}

/**
 * True when the members stored follow from payments dated before `from` alone, which did not
 * change (refresh.ts): none is dated from `from` on, and no SR41 whose attributes count as
 * touched from `from` on (received then, or of an application presented then) was paid before.
 * Then the members of a (month, worker) pair are those stored and those of the new payments.
 */
async function nothingStoredFrom(tx: Queryable, from: string): Promise<boolean> {
  const [{ later }] = await tx.query<{ later: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM paid_worker_member WHERE last_paid_on >= ${from})
         OR EXISTS (SELECT 1 FROM sr41 s JOIN sr41_event e ON e.sr41_id = s.sr41_id AND e.state = 'PAGATO'
                     WHERE s.received_on >= ${from} AND e.state_on < ${from})
         OR EXISTS (SELECT 1 FROM application ap JOIN sr41 s ON s.application_id = ap.application_id
                      JOIN sr41_event e ON e.sr41_id = s.sr41_id AND e.state = 'PAGATO'
                     WHERE ap.presented_on >= ${from} AND e.state_on < ${from}) AS later`
  );
  return !later;
}

async function refreshFrom(tx: Queryable, from: string): Promise<void> {
  for (const table of ['paid_pair', 'paid_touched_member', 'paid_pair_member', 'paid_new_member']) {
    await tx.query(`DROP TABLE IF EXISTS pg_temp.${table}`);
  }
  const append = await nothingStoredFrom(tx, from);
  if (append) {
    // Only the payments dated from `from` on add members; their pairs are the pairs changed.
    await tx.query(
      `CREATE TEMP TABLE paid_new_member ON COMMIT DROP AS
       ${membersFrom(`sr41_event e JOIN sr41 s ON s.sr41_id = e.sr41_id AND e.state_on >= ${from}`)}`
    );
    await tx.query(
      `CREATE TEMP TABLE paid_pair ON COMMIT DROP AS SELECT DISTINCT day, worker_pseudonym FROM paid_new_member`
    );
  } else {
    await tx.query(
      `CREATE TEMP TABLE paid_pair ON COMMIT DROP AS
       SELECT DISTINCT ${MONTH('e.state_on')} AS day, s.worker_pseudonym COLLATE "C" AS worker_pseudonym
         FROM sr41_event e JOIN sr41 s ON s.sr41_id = e.sr41_id WHERE e.state = 'PAGATO' AND e.state_on >= ${from}
       UNION SELECT ${MONTH('e.state_on')}, s.worker_pseudonym COLLATE "C"
         FROM application ap JOIN sr41 s ON s.application_id = ap.application_id
         JOIN sr41_event e ON e.sr41_id = s.sr41_id AND e.state = 'PAGATO' WHERE ap.presented_on >= ${from}
       UNION SELECT day, worker_pseudonym FROM paid_worker_member WHERE last_paid_on >= ${from}`
    );
  }
  await tx.query('ANALYZE paid_pair');
  // Every member of the pairs' workers, all months (the counts over ranges of months look back to
  // any earlier one, paidWorkerPreviousMonthSql.ts): the member table is read once, here, worker
  // by worker in the key's order from the key's index alone (062), not scanned whole.
  await tx.query(
    `CREATE TEMP TABLE paid_touched_member ON COMMIT DROP AS
     SELECT m.* FROM (SELECT DISTINCT worker_pseudonym FROM paid_pair ORDER BY 1) p
      CROSS JOIN LATERAL ${lookedUp('paid_worker_member', 'worker_pseudonym', 'p.worker_pseudonym')} m`
  );
  await tx.query('ANALYZE paid_touched_member');
  await recordPreviousMonthsBefore(tx);
  if (append) {
    await tx.query(
      `INSERT INTO paid_worker_member (${MEMBER_COLUMNS})
       SELECT ${MEMBER_COLUMNS} FROM paid_new_member ORDER BY ${MEMBER_KEY}
       ON CONFLICT (${MEMBER_KEY})
       DO UPDATE SET last_paid_on = greatest(paid_worker_member.last_paid_on, EXCLUDED.last_paid_on)`
    );
  } else {
    await tx.query(
      `DELETE FROM paid_worker_member m USING paid_pair p WHERE m.worker_pseudonym = p.worker_pseudonym AND m.day = p.day`
    );
    await tx.query(
      `INSERT INTO paid_worker_member (${MEMBER_COLUMNS})
       ${membersFrom(
         // The pair's worker in the SR41's collation, so that the SR41 are found through their index.
         `paid_pair p JOIN sr41 s ON s.worker_pseudonym = p.worker_pseudonym COLLATE "default"
          JOIN sr41_event e ON e.sr41_id = s.sr41_id AND e.state_on BETWEEN p.day AND (p.day + interval '1 month - 1 day')::date`
       )}`
    );
  }
  // The pairs' members now. After an append they are the pairs' members read before and the new
  // ones (the steps read the key alone, the same for a member whose last payment moved).
  await tx.query(
    `CREATE TEMP TABLE paid_pair_member ON COMMIT DROP AS
     ${
       append
         ? `SELECT ${MEMBER_KEY} FROM paid_touched_member m
             WHERE EXISTS (SELECT 1 FROM paid_pair p WHERE p.worker_pseudonym = m.worker_pseudonym AND p.day = m.day)
            UNION SELECT ${MEMBER_KEY} FROM paid_new_member`
         : `SELECT m.* FROM paid_pair p JOIN paid_worker_member m ON m.worker_pseudonym = p.worker_pseudonym AND m.day = p.day`
     }`
  );
  await applyPreviousMonthChange(tx);
}

/** `partial`: the refresh starts after the first fact (refresh.ts), and `from` is its first day. */
export async function refreshPaidWorkers(tx: Queryable, from: string, partial: boolean): Promise<void> {
  await (partial ? refreshFrom(tx, dayLiteral(from)) : refreshAll(tx));
}
