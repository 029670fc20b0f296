-- The keys of the facts and of the tables kept from them (application, SR41, worker pseudonym) in
-- the C collation, as the rollups' texts already are (055): their indexes then compare bytes
-- instead of calling the C library's collation, and sorts of them can use abbreviated keys; and
-- every key has the one collation, so no statement has to name the right one for an index.
-- Measured (bench/README.md): on 20 million SR41-like keys (bench/sql/keyCollation.sql) lookups
-- took a fifth less time and the index build 9.2 s instead of 16.2; on the national history
-- the index phase 59.2 s of server CPU instead of 76.0 and the whole load 5% less; the national
-- night the same as before (46.5 s of server CPU against 47.2).
-- Nothing a reader sees changes: the keys are digits and hex, equality is byte equality in every
-- collation, and the default collation (C.UTF-8 on the servers, C in PGlite) orders them by code
-- point, which for UTF-8 text is the byte order. A comparison with a text of the default
-- collation (a staged row, a parameter) takes the C collation, so it still uses these indexes.
--
-- PostgreSQL does not change the type of a column that a view reads: the alert views that read
-- these columns (040) are dropped and made again from their own stored definitions, so that this
-- file does not hold a second copy of them. The collation change keeps each table's rows and
-- rebuilds its indexes (48 s on the national store, README.md "The database").

CREATE TEMP TABLE saved_view (position int, name text, definition text);
-- In the order of their creation: each one reads only those before it.
INSERT INTO saved_view
SELECT v.position, v.name, pg_get_viewdef(v.name::regclass)
  FROM unnest(ARRAY['alert_application_at_as_of', 'alert_sr41_at_as_of', 'alert_high_criticality_worker', 'alert_office_figure'])
       WITH ORDINALITY AS v (name, position);
DROP VIEW alert_office_figure, alert_high_criticality_worker, alert_sr41_at_as_of, alert_application_at_as_of;

ALTER TABLE application ALTER COLUMN application_id TYPE text COLLATE "C";
ALTER TABLE application_event ALTER COLUMN application_id TYPE text COLLATE "C";
ALTER TABLE sr41
  ALTER COLUMN sr41_id TYPE text COLLATE "C",
  ALTER COLUMN application_id TYPE text COLLATE "C",
  ALTER COLUMN worker_pseudonym TYPE text COLLATE "C";
ALTER TABLE sr41_event ALTER COLUMN sr41_id TYPE text COLLATE "C";
ALTER TABLE sr41_open ALTER COLUMN sr41_id TYPE text COLLATE "C";
ALTER TABLE sr41_waiting
  ALTER COLUMN sr41_id TYPE text COLLATE "C",
  ALTER COLUMN worker_pseudonym TYPE text COLLATE "C";
ALTER TABLE worker_first_payment ALTER COLUMN worker_pseudonym TYPE text COLLATE "C";

DO $$
DECLARE
  v record;
BEGIN
  FOR v IN SELECT name, definition FROM saved_view ORDER BY position LOOP
    EXECUTE format('CREATE VIEW %I AS %s', v.name, v.definition);
  END LOOP;
END
$$;
DROP TABLE saved_view;
-- As 040 granted it: the alert rules read this view.
GRANT SELECT ON alert_office_figure TO dasmo_alerts;

-- A column's new type drops its statistics. Without them the planner took the first nightly load
-- after this migration for a bulk one: its history check of 8,080 applications ran over six
-- minutes (1.6 s before the migration). ANALYZE reads a sample of each table: seconds nationally.
ANALYZE application, application_event, sr41, sr41_event, sr41_open, sr41_waiting, worker_first_payment;
