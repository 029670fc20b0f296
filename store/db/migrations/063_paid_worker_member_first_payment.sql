-- A member of paid_worker_member (054) now keeps the day of its first payment in the month too, so
-- that a refresh starting inside a month can take the member back to the payments dated before its
-- first day without reading the worker's SR41 (store/rollup/paidWorkersSql.ts): a member whose
-- first payment is dated from that day on had none before it and goes; any other one stays.
-- Its last payment's day becomes paid_until, a bound: every payment of the member is dated on or
-- before it. A refresh that takes a member back sets it to the day before its first day, since
-- the member's last payment before that day is not read; a full refresh and every payment set it
-- to the last payment's day. A refresh from day F still finds through it every member with a
-- payment dated from F on.
-- The members are computed again from the payments, as 054 did, with both days.
TRUNCATE paid_worker_member;
ALTER TABLE paid_worker_member RENAME COLUMN last_paid_on TO paid_until;
ALTER INDEX paid_worker_member_last_paid_on RENAME TO paid_worker_member_paid_until;
ALTER TABLE paid_worker_member ADD COLUMN first_paid_on date NOT NULL;

INSERT INTO paid_worker_member (day, worker_pseudonym, region_code, office_code, benefit, first_paid_on, paid_until)
SELECT date_trunc('month', e.state_on::timestamp)::date, s.worker_pseudonym COLLATE "C", a.region_code COLLATE "C",
       a.office_code COLLATE "C", a.benefit COLLATE "C", min(e.state_on), max(e.state_on)
  FROM sr41_event e JOIN sr41 s ON s.sr41_id = e.sr41_id JOIN application a ON a.application_id = s.application_id
 WHERE e.state = 'PAGATO'
 GROUP BY 2, 1, 3, 4, 5
 ORDER BY 2, 1, 3, 4, 5;
