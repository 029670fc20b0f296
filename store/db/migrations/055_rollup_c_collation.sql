-- The rollups' text columns (003, 050) in the C collation: their primary keys then compare bytes,
-- not language rules, when the refresh inserts rows (about one per state change for the day
-- histograms) and sorts them in the keys' order (store/rollup/*Sql.ts write their keys COLLATE "C").
-- Nothing a reader sees changes: the values are codes, equality is byte equality in every
-- collation, and the database's own (C.UTF-8 on the servers, C in PGlite) already orders by code
-- point, which for UTF-8 text is the byte order. The readers (store/query) compare these columns
-- with parameters and with each other only, never with a column of another collation.

ALTER TABLE application_flow_daily
  ALTER COLUMN region_code TYPE text COLLATE "C",
  ALTER COLUMN office_code TYPE text COLLATE "C",
  ALTER COLUMN benefit TYPE text COLLATE "C",
  ALTER COLUMN cause TYPE text COLLATE "C",
  ALTER COLUMN payment_mode TYPE text COLLATE "C";
ALTER TABLE sr41_flow_daily
  ALTER COLUMN region_code TYPE text COLLATE "C",
  ALTER COLUMN office_code TYPE text COLLATE "C",
  ALTER COLUMN benefit TYPE text COLLATE "C",
  ALTER COLUMN cause TYPE text COLLATE "C",
  ALTER COLUMN payment_mode TYPE text COLLATE "C",
  ALTER COLUMN rejection_reason TYPE text COLLATE "C";
ALTER TABLE application_stock_daily
  ALTER COLUMN region_code TYPE text COLLATE "C",
  ALTER COLUMN office_code TYPE text COLLATE "C",
  ALTER COLUMN benefit TYPE text COLLATE "C",
  ALTER COLUMN cause TYPE text COLLATE "C",
  ALTER COLUMN payment_mode TYPE text COLLATE "C",
  ALTER COLUMN state TYPE text COLLATE "C";
ALTER TABLE sr41_stock_daily
  ALTER COLUMN region_code TYPE text COLLATE "C",
  ALTER COLUMN office_code TYPE text COLLATE "C",
  ALTER COLUMN benefit TYPE text COLLATE "C",
  ALTER COLUMN cause TYPE text COLLATE "C",
  ALTER COLUMN payment_mode TYPE text COLLATE "C",
  ALTER COLUMN state TYPE text COLLATE "C";
ALTER TABLE decision_days_daily
  ALTER COLUMN region_code TYPE text COLLATE "C",
  ALTER COLUMN office_code TYPE text COLLATE "C",
  ALTER COLUMN benefit TYPE text COLLATE "C",
  ALTER COLUMN cause TYPE text COLLATE "C",
  ALTER COLUMN payment_mode TYPE text COLLATE "C";
ALTER TABLE payment_days_daily
  ALTER COLUMN region_code TYPE text COLLATE "C",
  ALTER COLUMN office_code TYPE text COLLATE "C",
  ALTER COLUMN benefit TYPE text COLLATE "C",
  ALTER COLUMN cause TYPE text COLLATE "C",
  ALTER COLUMN payment_mode TYPE text COLLATE "C";
ALTER TABLE application_flow_monthly
  ALTER COLUMN region_code TYPE text COLLATE "C",
  ALTER COLUMN office_code TYPE text COLLATE "C",
  ALTER COLUMN benefit TYPE text COLLATE "C",
  ALTER COLUMN cause TYPE text COLLATE "C",
  ALTER COLUMN payment_mode TYPE text COLLATE "C";
ALTER TABLE application_flow_region_monthly
  ALTER COLUMN region_code TYPE text COLLATE "C",
  ALTER COLUMN benefit TYPE text COLLATE "C",
  ALTER COLUMN cause TYPE text COLLATE "C",
  ALTER COLUMN payment_mode TYPE text COLLATE "C";
ALTER TABLE sr41_flow_monthly
  ALTER COLUMN region_code TYPE text COLLATE "C",
  ALTER COLUMN office_code TYPE text COLLATE "C",
  ALTER COLUMN benefit TYPE text COLLATE "C",
  ALTER COLUMN cause TYPE text COLLATE "C",
  ALTER COLUMN payment_mode TYPE text COLLATE "C",
  ALTER COLUMN rejection_reason TYPE text COLLATE "C";
ALTER TABLE sr41_flow_region_monthly
  ALTER COLUMN region_code TYPE text COLLATE "C",
  ALTER COLUMN benefit TYPE text COLLATE "C",
  ALTER COLUMN cause TYPE text COLLATE "C",
  ALTER COLUMN payment_mode TYPE text COLLATE "C",
  ALTER COLUMN rejection_reason TYPE text COLLATE "C";
ALTER TABLE application_stock_region_daily
  ALTER COLUMN region_code TYPE text COLLATE "C",
  ALTER COLUMN benefit TYPE text COLLATE "C",
  ALTER COLUMN cause TYPE text COLLATE "C",
  ALTER COLUMN payment_mode TYPE text COLLATE "C",
  ALTER COLUMN state TYPE text COLLATE "C";
ALTER TABLE sr41_stock_region_daily
  ALTER COLUMN region_code TYPE text COLLATE "C",
  ALTER COLUMN benefit TYPE text COLLATE "C",
  ALTER COLUMN cause TYPE text COLLATE "C",
  ALTER COLUMN payment_mode TYPE text COLLATE "C",
  ALTER COLUMN state TYPE text COLLATE "C";
ALTER TABLE decision_days_region_monthly
  ALTER COLUMN region_code TYPE text COLLATE "C",
  ALTER COLUMN benefit TYPE text COLLATE "C",
  ALTER COLUMN cause TYPE text COLLATE "C",
  ALTER COLUMN payment_mode TYPE text COLLATE "C";
ALTER TABLE decision_days_region_daily
  ALTER COLUMN region_code TYPE text COLLATE "C",
  ALTER COLUMN benefit TYPE text COLLATE "C",
  ALTER COLUMN cause TYPE text COLLATE "C",
  ALTER COLUMN payment_mode TYPE text COLLATE "C";
ALTER TABLE payment_days_region_monthly
  ALTER COLUMN region_code TYPE text COLLATE "C",
  ALTER COLUMN benefit TYPE text COLLATE "C",
  ALTER COLUMN cause TYPE text COLLATE "C",
  ALTER COLUMN payment_mode TYPE text COLLATE "C";
ALTER TABLE payment_days_region_daily
  ALTER COLUMN region_code TYPE text COLLATE "C",
  ALTER COLUMN benefit TYPE text COLLATE "C",
  ALTER COLUMN cause TYPE text COLLATE "C",
  ALTER COLUMN payment_mode TYPE text COLLATE "C";
