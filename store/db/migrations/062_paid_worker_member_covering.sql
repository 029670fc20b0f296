-- A worker's members are read with the worker's key from the key's index alone: the nightly
-- refresh of the paid-worker counts (store/rollup/paidWorkersSql.ts) asks them for each worker
-- paid that day (74,068 nationally on 2021-07-30), and reading them from the table cost a random
-- page per worker, or a scan of the whole table when the planner chose it. The key holds every
-- column but the last payment's day, which now rides in the index too.
ALTER TABLE paid_worker_member DROP CONSTRAINT paid_worker_member_pkey;
ALTER TABLE paid_worker_member ADD CONSTRAINT paid_worker_member_pkey
  PRIMARY KEY (worker_pseudonym, day, region_code, office_code, benefit) INCLUDE (last_paid_on);
