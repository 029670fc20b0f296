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

INSERT INTO paid_worker_previous_month (day, previous_day, region_code, office_code, benefit, workers)
SELECT day, previous_day, region_code, office_code, benefit, count(*)
  FROM (SELECT day, region_code, office_code, benefit,
               coalesce(lag(day) OVER (PARTITION BY worker_pseudonym, region_code, office_code, benefit ORDER BY day), '-infinity') AS previous_day
          FROM (SELECT worker_pseudonym, day, coalesce(region_code, ''), coalesce(office_code, ''), coalesce(benefit, '')
                  FROM paid_worker_member
                 GROUP BY GROUPING SETS ((worker_pseudonym, day), (worker_pseudonym, day, region_code), (worker_pseudonym, day, office_code),
                                         (worker_pseudonym, day, benefit), (worker_pseudonym, day, region_code, benefit)))
               AS paid (worker_pseudonym, day, region_code, office_code, benefit)) AS steps
 GROUP BY day, previous_day, region_code, office_code, benefit;
