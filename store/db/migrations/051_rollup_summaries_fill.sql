-- Fills the tables of 050 on a store loaded before them, for the days the daily rollups cover,
-- with the same rows a refresh writes (store/rollup/histogramSql.ts, summaries.ts; the test
-- store/rollup/summaries.test.ts runs this file against a refresh). On an empty store it adds nothing.

INSERT INTO decision_days_daily (day, region_code, office_code, benefit, cause, payment_mode, multi_region, days, decisions)
SELECT e.state_on, a.region_code, a.office_code, a.benefit, a.cause, a.payment_mode, a.multi_region, e.state_on - a.presented_on, count(*)
  FROM application_event e JOIN application a ON a.application_id = e.application_id
  JOIN rollup_coverage c ON e.state_on BETWEEN c.first_day AND c.last_day
 WHERE e.state IN ('AUTORIZZATA', 'RESPINTA')
 GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;

INSERT INTO payment_days_daily (day, region_code, office_code, benefit, cause, payment_mode, multi_region, days, payments)
SELECT e.state_on, a.region_code, a.office_code, a.benefit, a.cause, a.payment_mode, a.multi_region, e.state_on - s.received_on, count(*)
  FROM sr41_event e JOIN sr41 s ON s.sr41_id = e.sr41_id JOIN application a ON a.application_id = s.application_id
  JOIN rollup_coverage c ON e.state_on BETWEEN c.first_day AND c.last_day
 WHERE e.state = 'PAGATO'
 GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;

INSERT INTO application_flow_region_monthly (day, region_code, benefit, cause, payment_mode, multi_region, presented, authorised, rejected, cancelled, hours_requested, workers, hours_authorised, decision_days_sum)
SELECT date_trunc('month', day::timestamp)::date, region_code, benefit, cause, payment_mode, multi_region, sum(presented), sum(authorised), sum(rejected), sum(cancelled), sum(hours_requested), sum(workers), sum(hours_authorised), sum(decision_days_sum)
  FROM application_flow_daily GROUP BY 1, 2, 3, 4, 5, 6;

INSERT INTO application_flow_monthly (day, region_code, office_code, benefit, cause, payment_mode, multi_region, presented, authorised, rejected, cancelled, hours_requested, workers, hours_authorised, decision_days_sum)
SELECT date_trunc('month', day::timestamp)::date, region_code, office_code, benefit, cause, payment_mode, multi_region, sum(presented), sum(authorised), sum(rejected), sum(cancelled), sum(hours_requested), sum(workers), sum(hours_authorised), sum(decision_days_sum)
  FROM application_flow_daily GROUP BY 1, 2, 3, 4, 5, 6, 7;

INSERT INTO sr41_flow_region_monthly (day, region_code, benefit, cause, payment_mode, multi_region, rejection_reason, received, paid, rejected, cancelled, amount_paid, hours_paid, payment_days_sum)
SELECT date_trunc('month', day::timestamp)::date, region_code, benefit, cause, payment_mode, multi_region, rejection_reason, sum(received), sum(paid), sum(rejected), sum(cancelled), sum(amount_paid), sum(hours_paid), sum(payment_days_sum)
  FROM sr41_flow_daily GROUP BY 1, 2, 3, 4, 5, 6, 7;

INSERT INTO sr41_flow_monthly (day, region_code, office_code, benefit, cause, payment_mode, multi_region, rejection_reason, received, paid, rejected, cancelled, amount_paid, hours_paid, payment_days_sum)
SELECT date_trunc('month', day::timestamp)::date, region_code, office_code, benefit, cause, payment_mode, multi_region, rejection_reason, sum(received), sum(paid), sum(rejected), sum(cancelled), sum(amount_paid), sum(hours_paid), sum(payment_days_sum)
  FROM sr41_flow_daily GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;

INSERT INTO application_stock_region_daily (day, region_code, benefit, cause, payment_mode, multi_region, state, age_0_30, age_31_60, age_61_90, age_91_180, age_over_180, chronic, very_old)
SELECT day, region_code, benefit, cause, payment_mode, multi_region, state, sum(age_0_30), sum(age_31_60), sum(age_61_90), sum(age_91_180), sum(age_over_180), sum(chronic), sum(very_old)
  FROM application_stock_daily GROUP BY 1, 2, 3, 4, 5, 6, 7;

INSERT INTO sr41_stock_region_daily (day, region_code, benefit, cause, payment_mode, multi_region, state, age_0_30, age_31_60, age_61_90, age_91_180, age_over_180, over_open_threshold)
SELECT day, region_code, benefit, cause, payment_mode, multi_region, state, sum(age_0_30), sum(age_31_60), sum(age_61_90), sum(age_91_180), sum(age_over_180), sum(over_open_threshold)
  FROM sr41_stock_daily GROUP BY 1, 2, 3, 4, 5, 6, 7;

INSERT INTO decision_days_region_monthly (day, region_code, benefit, cause, payment_mode, multi_region, days, decisions)
SELECT date_trunc('month', day::timestamp)::date, region_code, benefit, cause, payment_mode, multi_region, days, sum(decisions)
  FROM decision_days_daily GROUP BY 1, 2, 3, 4, 5, 6, 7;

INSERT INTO decision_days_region_daily (day, region_code, benefit, cause, payment_mode, multi_region, days, decisions)
SELECT day, region_code, benefit, cause, payment_mode, multi_region, days, sum(decisions)
  FROM decision_days_daily GROUP BY 1, 2, 3, 4, 5, 6, 7;

INSERT INTO payment_days_region_monthly (day, region_code, benefit, cause, payment_mode, multi_region, days, payments)
SELECT date_trunc('month', day::timestamp)::date, region_code, benefit, cause, payment_mode, multi_region, days, sum(payments)
  FROM payment_days_daily GROUP BY 1, 2, 3, 4, 5, 6, 7;

INSERT INTO payment_days_region_daily (day, region_code, benefit, cause, payment_mode, multi_region, days, payments)
SELECT day, region_code, benefit, cause, payment_mode, multi_region, days, sum(payments)
  FROM payment_days_daily GROUP BY 1, 2, 3, 4, 5, 6, 7;

INSERT INTO decision_days_national_monthly (day, days, decisions)
SELECT date_trunc('month', day::timestamp)::date, days, sum(decisions)
  FROM decision_days_daily GROUP BY 1, 2;

INSERT INTO payment_days_national_monthly (day, days, payments)
SELECT date_trunc('month', day::timestamp)::date, days, sum(payments)
  FROM payment_days_daily GROUP BY 1, 2;
