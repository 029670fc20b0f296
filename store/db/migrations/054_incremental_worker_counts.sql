-- What a partial refresh of the worker counts (store/rollup/waitingWorkersSql.ts, paidWorkersSql.ts)
-- needs to read only the workers that the refreshed days touch, not every stored one.

-- The workers whose stored first payment or waiting SR41 may have changed are found by the days
-- stored for them, from the refresh's first day on: through these indexes, only those rows.
CREATE INDEX sr41_waiting_received_on ON sr41_waiting (received_on);
CREATE INDEX sr41_waiting_waits_until ON sr41_waiting (waits_until);
CREATE INDEX worker_first_payment_paid_on ON worker_first_payment (paid_on);

-- Who counts in paid_worker_monthly (053): each worker paid in a month (day = its first day), once
-- per (region, office, scheme) of an SR41 of theirs paid then, with the last such payment's day.
-- A refresh recomputes the rows of the workers and months it touches and adds the difference in
-- distinct workers to the counts, instead of counting whole months again; last_paid_on finds the
-- rows that a payment removed on or after the refresh's first day leaves stale.
-- C collation: a full refresh writes about one row per payment, and its key compares bytes.
CREATE TABLE paid_worker_member (
  day              date NOT NULL,
  worker_pseudonym text COLLATE "C" NOT NULL,
  region_code      text COLLATE "C" NOT NULL,
  office_code      text COLLATE "C" NOT NULL,
  benefit          text COLLATE "C" NOT NULL,
  last_paid_on     date NOT NULL,
  PRIMARY KEY (worker_pseudonym, day, region_code, office_code, benefit)
);
CREATE INDEX paid_worker_member_last_paid_on ON paid_worker_member (last_paid_on);

INSERT INTO paid_worker_member (day, worker_pseudonym, region_code, office_code, benefit, last_paid_on)
SELECT date_trunc('month', e.state_on::timestamp)::date, s.worker_pseudonym, a.region_code, a.office_code, a.benefit, max(e.state_on)
  FROM sr41_event e JOIN sr41 s ON s.sr41_id = e.sr41_id JOIN application a ON a.application_id = s.application_id
 WHERE e.state = 'PAGATO'
 GROUP BY 1, 2, 3, 4, 5;
