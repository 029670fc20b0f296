-- What the daily rollups need beyond the fact tables (store/rollup/refresh.ts).

-- A partial refresh finds the items whose age crosses a band boundary or a threshold on the
-- refreshed days by their presentation / receipt date, and the day's new items the same way.
CREATE INDEX application_presented_on ON application (presented_on);
CREATE INDEX sr41_received_on ON sr41 (received_on);

-- The days the rollups describe. A refresh continues the stocks from the stored day before its
-- first day, so it must know which days are stored: one row, or none before the first refresh.
CREATE TABLE rollup_coverage (
  single    boolean PRIMARY KEY DEFAULT true CHECK (single),
  first_day date NOT NULL,
  last_day  date NOT NULL CHECK (first_day <= last_day)
);
