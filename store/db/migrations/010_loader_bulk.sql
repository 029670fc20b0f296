-- The loader is the only writer of the raw facts, and it checks what these foreign keys checked
-- (known office and region, an event's application or SR41 saved first in the same transaction,
-- its load_run row). Measured on PostgreSQL, the per-row triggers of these keys took about 70%
-- of the time of inserting the events, which the national-scale load rate (EXTRACT.md, 30 M rows)
-- cannot afford. Citus, the way beyond one machine (ARCHITECTURE.md "Scale"), also accepts
-- foreign keys between distributed tables only when they include the distribution column.
-- The loader's tests check that no event is left without its parent.
ALTER TABLE application DROP CONSTRAINT IF EXISTS application_office_code_fkey;
ALTER TABLE application DROP CONSTRAINT IF EXISTS application_region_code_fkey;
ALTER TABLE application_event DROP CONSTRAINT IF EXISTS application_event_application_id_fkey;
ALTER TABLE application_event DROP CONSTRAINT IF EXISTS application_event_load_id_fkey;
ALTER TABLE sr41 DROP CONSTRAINT IF EXISTS sr41_application_id_fkey;
ALTER TABLE sr41_event DROP CONSTRAINT IF EXISTS sr41_event_sr41_id_fkey;
ALTER TABLE sr41_event DROP CONSTRAINT IF EXISTS sr41_event_load_id_fkey;
