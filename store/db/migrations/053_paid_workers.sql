-- Distinct workers with at least one SR41 paid in each calendar month (day = the month's first
-- day), for all of Italy and per region, office, scheme, region × scheme ('' = every value), as
-- waiting_worker_daily (052). Kept by the loader's refresh (store/rollup/paidWorkersSql.ts); the
-- API reads it for buckets that are whole months. Filled here for a store loaded before.
CREATE TABLE paid_worker_monthly (
  day         date NOT NULL,
  region_code text NOT NULL,
  office_code text NOT NULL,
  benefit     text NOT NULL,
  workers     integer NOT NULL,
  PRIMARY KEY (day, region_code, office_code, benefit)
);

INSERT INTO paid_worker_monthly (day, region_code, office_code, benefit, workers)
SELECT month, coalesce(region_code, ''), coalesce(office_code, ''), coalesce(benefit, ''), count(DISTINCT worker_pseudonym)
  FROM (SELECT date_trunc('month', e.state_on::timestamp)::date AS month, a.region_code, a.office_code, a.benefit, s.worker_pseudonym
          FROM sr41_event e JOIN sr41 s ON s.sr41_id = e.sr41_id JOIN application a ON a.application_id = s.application_id
         WHERE e.state = 'PAGATO') AS paid
 GROUP BY GROUPING SETS ((month), (month, region_code), (month, office_code), (month, benefit), (month, region_code, benefit));
