-- Summaries of the daily rollups and histograms for exact percentiles (store/rollup/summaries.ts,
-- histogramSql.ts): the API reads these so that a figure over many months reads few rows.

-- Decisions (AUTORIZZATA, RESPINTA changes) of the day by days since presentation, and payments
-- (PAGATO changes) by days since receipt: the events of decision_days_sum and payment_days_sum.
CREATE TABLE decision_days_daily (
  day date NOT NULL, region_code text NOT NULL, office_code text NOT NULL, benefit text NOT NULL,
  cause text NOT NULL, payment_mode text NOT NULL, multi_region boolean NOT NULL,
  days integer NOT NULL, decisions integer NOT NULL,
  PRIMARY KEY (day, region_code, office_code, benefit, cause, payment_mode, multi_region, days)
);
CREATE TABLE payment_days_daily (
  day date NOT NULL, region_code text NOT NULL, office_code text NOT NULL, benefit text NOT NULL,
  cause text NOT NULL, payment_mode text NOT NULL, multi_region boolean NOT NULL,
  days integer NOT NULL, payments integer NOT NULL,
  PRIMARY KEY (day, region_code, office_code, benefit, cause, payment_mode, multi_region, days)
);

-- Monthly flows (day = the month's first day): all dimensions, and without the office.
CREATE TABLE application_flow_monthly (LIKE application_flow_daily INCLUDING DEFAULTS,
  PRIMARY KEY (day, region_code, office_code, benefit, cause, payment_mode, multi_region));
CREATE TABLE application_flow_region_monthly (LIKE application_flow_daily INCLUDING DEFAULTS,
  PRIMARY KEY (day, region_code, benefit, cause, payment_mode, multi_region));
ALTER TABLE application_flow_region_monthly DROP COLUMN office_code;
CREATE TABLE sr41_flow_monthly (LIKE sr41_flow_daily INCLUDING DEFAULTS,
  PRIMARY KEY (day, region_code, office_code, benefit, cause, payment_mode, multi_region, rejection_reason));
CREATE TABLE sr41_flow_region_monthly (LIKE sr41_flow_daily INCLUDING DEFAULTS,
  PRIMARY KEY (day, region_code, benefit, cause, payment_mode, multi_region, rejection_reason));
ALTER TABLE sr41_flow_region_monthly DROP COLUMN office_code;

-- Daily stocks without the office.
CREATE TABLE application_stock_region_daily (LIKE application_stock_daily INCLUDING DEFAULTS,
  PRIMARY KEY (day, region_code, benefit, cause, payment_mode, multi_region, state));
ALTER TABLE application_stock_region_daily DROP COLUMN office_code;
CREATE TABLE sr41_stock_region_daily (LIKE sr41_stock_daily INCLUDING DEFAULTS,
  PRIMARY KEY (day, region_code, benefit, cause, payment_mode, multi_region, state));
ALTER TABLE sr41_stock_region_daily DROP COLUMN office_code;

-- Histograms without the office, by month and by day.
CREATE TABLE decision_days_region_monthly (LIKE decision_days_daily,
  PRIMARY KEY (day, region_code, benefit, cause, payment_mode, multi_region, days));
ALTER TABLE decision_days_region_monthly DROP COLUMN office_code;
CREATE TABLE decision_days_region_daily (LIKE decision_days_daily,
  PRIMARY KEY (day, region_code, benefit, cause, payment_mode, multi_region, days));
ALTER TABLE decision_days_region_daily DROP COLUMN office_code;
CREATE TABLE payment_days_region_monthly (LIKE payment_days_daily,
  PRIMARY KEY (day, region_code, benefit, cause, payment_mode, multi_region, days));
ALTER TABLE payment_days_region_monthly DROP COLUMN office_code;
CREATE TABLE payment_days_region_daily (LIKE payment_days_daily,
  PRIMARY KEY (day, region_code, benefit, cause, payment_mode, multi_region, days));
ALTER TABLE payment_days_region_daily DROP COLUMN office_code;

-- Histograms of all of Italy by month: just the days.
CREATE TABLE decision_days_national_monthly (
  day date NOT NULL, days integer NOT NULL, decisions integer NOT NULL, PRIMARY KEY (day, days)
);
CREATE TABLE payment_days_national_monthly (
  day date NOT NULL, days integer NOT NULL, payments integer NOT NULL, PRIMARY KEY (day, days)
);
