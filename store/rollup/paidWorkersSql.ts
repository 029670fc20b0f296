/**
 * Keeps paid_worker_member (migrations 054, 063): each worker's (region, office, scheme) paid in a
 * month, with the days of its first payment and a bound of its last (paid_until), the rows from
 * which paid_worker_previous_month (057, paidWorkerPreviousMonthSql.ts) counts lavoratori_pagati
 * over any range of whole months, one month alone included.
 *
 * A full refresh fills both from every PAGATO change. A partial one from `from` on takes the
 * members back to the payments dated before `from`, which did not change (refresh.ts), then adds
 * those of the payments dated from `from` on. It reads only the members of the (month, worker)
 * pairs it may change and the payments dated from `from` on, never a worker's whole history, and
 * the counts follow the members of those pairs' workers: a worker outside them counts as before.
 * The pairs: payments dated from `from` on, and the members with a payment dated from `from` on
 * when stored (paid_until from `from` on: a payment removed since, or moved to another member).
 *
 * A payment dated before `from` keeps its member: its SR41 was received before `from`, so its
 * attributes did not change (its receipt day would be touched), and so was its application,
 * authorised by then (EXTRACT.md, checked by the loader), whose attributes count as touching its
 * presentation day. So an SR41 whose attributes or application changed has all its payments
 * dated from `from` on, among the pairs.
 */
import type { Queryable } from '../db/database';
import { queryWithKeyIndexReads } from '../db/mergedJoins';
import { joinedByKey, keyJoin, lookedUp } from '../db/lookedUp';
import { applyPreviousMonthChange, MEMBER_KEY, recordPreviousMonthsBefore, refreshAllPreviousMonths } from './paidWorkerPreviousMonthSql';
import { dayLiteral } from './subjects';

const MONTH = (day: string) => `date_trunc('month', ${day}::timestamp)::date`;
const MEMBER_COLUMNS = 'day, worker_pseudonym, region_code, office_code, benefit, first_paid_on, paid_until';

/**
 * Members from the PAGATO changes dated `since` on (all without it), in the C collation of the
 * member table (054), in its key's order: each row then lands on the index's last page, without
 * a search. The changes of a partial refresh look their SR41 and application up by key.
 */
const membersFrom = (since?: string) => `
  SELECT ${MONTH('e.state_on')} AS day, s.worker_pseudonym COLLATE "C" AS worker_pseudonym, a.region_code COLLATE "C" AS region_code,
         a.office_code COLLATE "C" AS office_code, a.benefit COLLATE "C" AS benefit,
         min(e.state_on) AS first_paid_on, max(e.state_on) AS paid_until
    FROM ${joinedByKey({ table: 'sr41_event', alias: 'e' }, { table: 'sr41', alias: 's', key: 'sr41_id' }, since !== undefined)}
    ${keyJoin('s', { table: 'application', alias: 'a', key: 'application_id' }, since !== undefined)}
   WHERE e.state = 'PAGATO'${since === undefined ? '' : ` AND e.state_on >= ${since}`}
   GROUP BY 2, 1, 3, 4, 5 ORDER BY 2, 1, 3, 4, 5`;

/** The members of every PAGATO change, for a full refresh of the emptied table. */
export const allMembersSql = (): string => `INSERT INTO paid_worker_member (${MEMBER_COLUMNS})
     ${membersFrom()}`;

async function refreshAll(tx: Queryable): Promise<void> {
  await tx.query('DELETE FROM paid_worker_member');
  // Merged with the SR41 through the key indexes once the store is vacuumed, the applications
  // hashed (mergedJoins.ts).
  await queryWithKeyIndexReads(tx, allMembersSql());
  await tx.query('ANALYZE paid_worker_member');
  await refreshAllPreviousMonths(tx);
}

/**
 * Takes the members back to the payments dated before `from`: a member with a payment dated from
 * `from` on (paid_until) goes when its first payment is dated then too, and otherwise keeps its
 * earlier payments, the last of them on or before the day before `from`. The members that go are
 * kept in paid_gone_member. After the usual nightly load no member has a payment dated from its
 * day on, and both steps find nothing in paid_until's index.
 */
async function rollBackMembersTo(tx: Queryable, from: string): Promise<void> {
  await tx.query(
    `CREATE TEMP TABLE paid_gone_member ON COMMIT DROP AS
     WITH gone AS (DELETE FROM paid_worker_member WHERE paid_until >= ${from} AND first_paid_on >= ${from} RETURNING ${MEMBER_KEY})
     SELECT * FROM gone`
  );
  await tx.query(`UPDATE paid_worker_member SET paid_until = ${from} - 1 WHERE paid_until >= ${from}`);
}

async function refreshFrom(tx: Queryable, from: string): Promise<void> {
  for (const table of ['paid_pair', 'paid_touched_member', 'paid_pair_member', 'paid_new_member', 'paid_gone_member']) {
    await tx.query(`DROP TABLE IF EXISTS pg_temp.${table}`);
  }
  // The members of the payments dated from `from` on, and the pairs changed: theirs and those of
  // the members stored with such a payment.
  await tx.query(
    `CREATE TEMP TABLE paid_new_member ON COMMIT DROP AS
     ${membersFrom(from)}`
  );
  await tx.query(
    `CREATE TEMP TABLE paid_pair ON COMMIT DROP AS
     SELECT day, worker_pseudonym FROM paid_new_member
     UNION SELECT day, worker_pseudonym FROM paid_worker_member WHERE paid_until >= ${from}`
  );
  await tx.query('ANALYZE paid_pair');
  // Every member of the pairs' workers, all months (the counts over ranges of months look back to
  // any earlier one, paidWorkerPreviousMonthSql.ts), their keys alone: the member table is read
  // once, here, worker by worker in the key's order from the key's index alone, not scanned whole.
  await tx.query(
    `CREATE TEMP TABLE paid_touched_member ON COMMIT DROP AS
     SELECT ${MEMBER_KEY.split(', ').map((c) => `m.${c}`).join(', ')}
       FROM (SELECT DISTINCT worker_pseudonym FROM paid_pair ORDER BY 1) p
      CROSS JOIN LATERAL ${lookedUp('paid_worker_member', 'worker_pseudonym', 'p.worker_pseudonym')} m`
  );
  await tx.query('ANALYZE paid_touched_member');
  await recordPreviousMonthsBefore(tx);
  await rollBackMembersTo(tx, from);
  await tx.query(
    `INSERT INTO paid_worker_member (${MEMBER_COLUMNS})
     SELECT ${MEMBER_COLUMNS} FROM paid_new_member ORDER BY ${MEMBER_KEY}
     ON CONFLICT (${MEMBER_KEY})
     DO UPDATE SET first_paid_on = least(paid_worker_member.first_paid_on, EXCLUDED.first_paid_on),
                   paid_until = greatest(paid_worker_member.paid_until, EXCLUDED.paid_until)`
  );
  // The pairs' members now: those read before, but those gone, and the new ones (the steps read
  // the key alone, the same for a member whose days moved), so the table is not read again.
  await tx.query(
    `CREATE TEMP TABLE paid_pair_member ON COMMIT DROP AS
     SELECT ${MEMBER_KEY} FROM paid_touched_member m
      WHERE EXISTS (SELECT 1 FROM paid_pair p WHERE p.worker_pseudonym = m.worker_pseudonym AND p.day = m.day)
     EXCEPT SELECT ${MEMBER_KEY} FROM paid_gone_member
     UNION SELECT ${MEMBER_KEY} FROM paid_new_member`
  );
  await applyPreviousMonthChange(tx);
}

/** `partial`: the refresh starts after the first fact (refresh.ts), and `from` is its first day. */
export async function refreshPaidWorkers(tx: Queryable, from: string, partial: boolean): Promise<void> {
  await (partial ? refreshFrom(tx, dayLiteral(from)) : refreshAll(tx));
}
