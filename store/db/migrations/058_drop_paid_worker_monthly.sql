-- lavoratori_pagati of a single month is read from paid_worker_previous_month (057) too: the
-- workers paid in month m are the sum of its rows with day = m, every previous_day being earlier.
-- The per-month counts of 053 were a second definition of the same figure, kept at every refresh.
DROP TABLE paid_worker_monthly;
