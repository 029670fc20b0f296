-- Monthly histograms of decision and payment days by region alone and by scheme alone
-- (store/rollup/summaries.ts): a 90th percentile per month by `regione` or by `prestazione` then
-- sums a row per month, region (scheme) and number of days, not one per cause, payment mode and
-- multi-region flag besides, as …_region_monthly holds (about 150,000 rows over seventeen months
-- at national scale; at a tenth of it 62,000 against 18,500 by region, 6,400 by scheme).
-- Each is the histogram without the office (050) less its other dimensions; LIKE keeps the
-- C collation of the keys (055).

CREATE TABLE decision_days_by_region_monthly (LIKE decision_days_region_monthly, PRIMARY KEY (day, region_code, days));
ALTER TABLE decision_days_by_region_monthly DROP COLUMN benefit, DROP COLUMN cause, DROP COLUMN payment_mode, DROP COLUMN multi_region;
CREATE TABLE decision_days_by_benefit_monthly (LIKE decision_days_region_monthly, PRIMARY KEY (day, benefit, days));
ALTER TABLE decision_days_by_benefit_monthly DROP COLUMN region_code, DROP COLUMN cause, DROP COLUMN payment_mode, DROP COLUMN multi_region;
CREATE TABLE payment_days_by_region_monthly (LIKE payment_days_region_monthly, PRIMARY KEY (day, region_code, days));
ALTER TABLE payment_days_by_region_monthly DROP COLUMN benefit, DROP COLUMN cause, DROP COLUMN payment_mode, DROP COLUMN multi_region;
CREATE TABLE payment_days_by_benefit_monthly (LIKE payment_days_region_monthly, PRIMARY KEY (day, benefit, days));
ALTER TABLE payment_days_by_benefit_monthly DROP COLUMN region_code, DROP COLUMN cause, DROP COLUMN payment_mode, DROP COLUMN multi_region;

-- The number of distinct (day, key, days) of each, so that the planner knows a percentile per
-- month groups hardly any rows together and reads them in key order rather than hashing and
-- sorting them (store/query/percentiles.ts).
CREATE STATISTICS decision_days_by_region_monthly_groups (ndistinct) ON day, region_code, days FROM decision_days_by_region_monthly;
CREATE STATISTICS decision_days_by_benefit_monthly_groups (ndistinct) ON day, benefit, days FROM decision_days_by_benefit_monthly;
CREATE STATISTICS payment_days_by_region_monthly_groups (ndistinct) ON day, region_code, days FROM payment_days_by_region_monthly;
CREATE STATISTICS payment_days_by_benefit_monthly_groups (ndistinct) ON day, benefit, days FROM payment_days_by_benefit_monthly;

-- A store loaded before this migration: the rows a refresh writes (summaries.ts summaryRefreshSql),
-- from the daily histograms, for the days they cover; none on an empty store.
INSERT INTO decision_days_by_region_monthly (day, region_code, days, decisions)
SELECT date_trunc('month', day::timestamp)::date, region_code, days, sum(decisions)
  FROM decision_days_daily GROUP BY 1, 2, 3 ORDER BY 1, 2, 3;

INSERT INTO decision_days_by_benefit_monthly (day, benefit, days, decisions)
SELECT date_trunc('month', day::timestamp)::date, benefit, days, sum(decisions)
  FROM decision_days_daily GROUP BY 1, 2, 3 ORDER BY 1, 2, 3;

INSERT INTO payment_days_by_region_monthly (day, region_code, days, payments)
SELECT date_trunc('month', day::timestamp)::date, region_code, days, sum(payments)
  FROM payment_days_daily GROUP BY 1, 2, 3 ORDER BY 1, 2, 3;

INSERT INTO payment_days_by_benefit_monthly (day, benefit, days, payments)
SELECT date_trunc('month', day::timestamp)::date, benefit, days, sum(payments)
  FROM payment_days_daily GROUP BY 1, 2, 3 ORDER BY 1, 2, 3;
