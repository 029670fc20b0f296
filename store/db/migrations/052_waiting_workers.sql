-- Workers awaiting their first payment and "alta criticità" (DOMAIN.md), kept by the loader's
-- refresh (store/rollup/waitingWorkersSql.ts) so the API reads counts instead of every SR41.

-- Each worker's first payment (the earliest PAGATO change of any of their SR41).
CREATE TABLE worker_first_payment (
  worker_pseudonym text PRIMARY KEY,
  paid_on          date NOT NULL
);

-- The SR41 that make their worker wait, over the days [received_on, waits_until): until it is
-- cancelled or the worker is first paid, whichever comes first ('infinity' while neither has).
-- With the dimensions of its application. Most SR41 follow their worker's first payment: not here.
CREATE TABLE sr41_waiting (
  sr41_id          text PRIMARY KEY,
  worker_pseudonym text NOT NULL,
  region_code      text NOT NULL,
  office_code      text NOT NULL,
  benefit          text NOT NULL,
  received_on      date NOT NULL,
  waits_until      date NOT NULL CHECK (waits_until > received_on)
);
CREATE INDEX sr41_waiting_worker ON sr41_waiting (worker_pseudonym);

-- Distinct waiting workers at the end of each day, and those of them in alta criticità, for
-- all of Italy and per region, office, scheme, and region × scheme: '' in a column means every
-- value of it. A worker counts once in each group holding one of their waiting SR41.
CREATE TABLE waiting_worker_daily (
  day           date NOT NULL,
  region_code   text NOT NULL,
  office_code   text NOT NULL,
  benefit       text NOT NULL,
  waiting       integer NOT NULL,
  high_critical integer NOT NULL,
  PRIMARY KEY (day, region_code, office_code, benefit)
);

-- The days waiting_worker_daily describes. None on a store loaded before this migration: its next
-- refresh then computes every day, and until then the API counts from the raw facts.
CREATE TABLE waiting_worker_coverage (
  single    boolean PRIMARY KEY DEFAULT true CHECK (single),
  first_day date NOT NULL,
  last_day  date NOT NULL CHECK (first_day <= last_day)
);
