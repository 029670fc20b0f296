-- The open list also holds, for each SR41, its application's dimensions and the days it entered
-- IN_LAVORAZIONE and IN_PAGAMENTO. An SR41 goes through RICEVUTO, IN_LAVORAZIONE, IN_PAGAMENTO
-- in that order and never back (DOMAIN.md), so its state at the end of a day is the last of them
-- entered by then: a night's SR41 stock is then one pass over this list, instead of a lookup of
-- each SR41 touched that day in sr41, application and sr41_event (store/rollup/stockSql.ts,
-- bench/README.md). The list is emptied here and its coverage dropped: the loader's next refresh
-- fills it whole, with the new columns (store/rollup/openItemsSql.ts).
DELETE FROM open_item_coverage WHERE item_table = 'sr41_open';
DELETE FROM sr41_open;
ALTER TABLE sr41_open
  ADD COLUMN working_on   date,
  ADD COLUMN paying_on    date,
  ADD COLUMN region_code  text COLLATE "C" NOT NULL,
  ADD COLUMN office_code  text COLLATE "C" NOT NULL,
  ADD COLUMN benefit      text COLLATE "C" NOT NULL,
  ADD COLUMN cause        text COLLATE "C" NOT NULL,
  ADD COLUMN payment_mode text COLLATE "C" NOT NULL,
  ADD COLUMN multi_region boolean NOT NULL;
