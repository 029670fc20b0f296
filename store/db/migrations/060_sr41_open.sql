-- The SR41 open now and those closed lately, each with its receipt day and the day it closed
-- (its change into PAGATO, SCARTATO or ANNULLATO, which no change leaves; NULL while open).
-- The nightly SR41 stock finds here the SR41 coming of age on the day (received 31, 61, 91 and
-- 181 days before it) that are still open, instead of asking the state changes of every SR41
-- received on those days, most of them long paid: on the national store about 100,000 SR41 per
-- receipt day, each a probe of sr41_event's key index (bench/README.md). Kept by the loader's
-- refresh (store/rollup/openItemsSql.ts), which fills it on its first run after this migration.
CREATE TABLE sr41_open (
  sr41_id     text PRIMARY KEY,
  received_on date NOT NULL,
  closed_on   date
);
CREATE INDEX sr41_open_received_on ON sr41_open (received_on) INCLUDE (sr41_id, closed_on);

-- For each such list: every item open, or closed on or after closed_since, is in it. No row: the
-- list is not kept yet (its next refresh fills it whole).
CREATE TABLE open_item_coverage (
  item_table   text PRIMARY KEY,
  closed_since date NOT NULL
);
