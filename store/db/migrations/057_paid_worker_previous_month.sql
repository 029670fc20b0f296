-- lavoratori_pagati over a range of whole months: workers paid in `day` (a month's first day)
-- whose previous month paid, in the same group, is `previous_day` ('-infinity' for none), per
-- grouping as paid_worker_monthly (053), '' = every value. A worker paid in the range
-- [first, last] has exactly one paid month there whose previous one lies before it, so the range
-- counts Σ workers WHERE day BETWEEN first AND last AND previous_day < first: distinct workers
-- without a scan of the payments. Kept by the loader's refresh
-- (store/rollup/paidWorkerPreviousMonthSql.ts); filled here for a store loaded before.
CREATE TABLE paid_worker_previous_month (
  day          date NOT NULL,
  previous_day date NOT NULL,
  region_code  text COLLATE "C" NOT NULL,
  office_code  text COLLATE "C" NOT NULL,
  benefit      text COLLATE "C" NOT NULL,
  workers      integer NOT NULL,
  PRIMARY KEY (day, previous_day, region_code, office_code, benefit)
);

-- Per grouping, each member row (054) takes the month of the row before it in its worker's group;
-- of a month's rows only the first has an earlier month before it, and only it counts.
INSERT INTO paid_worker_previous_month (day, previous_day, region_code, office_code, benefit, workers)
SELECT s.day, coalesce(v.previous_day, '-infinity'), v.region_code, v.office_code, v.benefit, count(*)
  FROM (SELECT day, region_code, office_code, benefit,
               lag(day) OVER (PARTITION BY worker_pseudonym ORDER BY day) AS italy,
               lag(day) OVER (PARTITION BY worker_pseudonym, region_code ORDER BY day) AS region,
               lag(day) OVER (PARTITION BY worker_pseudonym, office_code ORDER BY day) AS office,
               lag(day) OVER (PARTITION BY worker_pseudonym, benefit ORDER BY day) AS scheme,
               lag(day) OVER (PARTITION BY worker_pseudonym, region_code, benefit ORDER BY day) AS region_scheme
          FROM paid_worker_member) AS s
 CROSS JOIN LATERAL (VALUES (s.italy, '', '', ''), (s.region, s.region_code, '', ''), (s.office, '', s.office_code, ''),
                            (s.scheme, '', '', s.benefit), (s.region_scheme, s.region_code, '', s.benefit))
       AS v (previous_day, region_code, office_code, benefit)
 WHERE v.previous_day IS DISTINCT FROM s.day
 GROUP BY 1, 2, 3, 4, 5;
