-- The open list also holds, for each SR41, its application's dimensions and the days it entered
-- IN_LAVORAZIONE and IN_PAGAMENTO. An SR41 goes through RICEVUTO, IN_LAVORAZIONE, IN_PAGAMENTO
-- in that order and never back (DOMAIN.md), so its state at the end of a day is the last of them
-- entered by then: a night's SR41 stock is then one pass over this list, instead of a lookup of
-- each SR41 touched that day in sr41, application and sr41_event (store/rollup/stockSql.ts,
-- bench/README.md). The list is emptied here and its coverage dropped: the loader's next refresh
-- fills it whole, with the new columns (store/rollup/openItemsSql.ts).
--
-- A night sets the new days of about 190,000 SR41 of the list nationally. Each page keeps a fifth
-- free and the receipt index no longer carries closed_on, so that those updates stay on their
-- page without touching an index (HOT): 4.3 -> 1.7 s for the night of 2021-08-02. The receipt
-- index still finds the night's new SR41 and, in a longer refresh, those coming of age.
DELETE FROM open_item_coverage WHERE item_table = 'sr41_open';
DELETE FROM sr41_open;
DROP INDEX sr41_open_received_on;
CREATE INDEX sr41_open_received_on ON sr41_open (received_on) INCLUDE (sr41_id);
ALTER TABLE sr41_open SET (fillfactor = 80);
-- A night leaves about 200,000 dead rows in the list (585,838 after three national nights) and
-- they slow each night's updates: 5.3 s after those three nights, 3.8 s the night after a VACUUM
-- of the list, which took 4.2 s. Autovacuum's default waits for a fifth of the table (three or
-- four nights); a fiftieth has it vacuum the list after every night.
ALTER TABLE sr41_open SET (autovacuum_vacuum_scale_factor = 0.02);
ALTER TABLE sr41_open
  ADD COLUMN working_on   date,
  ADD COLUMN paying_on    date,
  ADD COLUMN region_code  text COLLATE "C" NOT NULL,
  ADD COLUMN office_code  text COLLATE "C" NOT NULL,
  ADD COLUMN benefit      text COLLATE "C" NOT NULL,
  ADD COLUMN cause        text COLLATE "C" NOT NULL,
  ADD COLUMN payment_mode text COLLATE "C" NOT NULL,
  ADD COLUMN multi_region boolean NOT NULL;
