/**
 * The SQL that recomputes one stock table (application_stock_daily or sr41_stock_daily) for a
 * range of days, set-based, without joining items with days.
 *
 * How: each item's history becomes spans, [s, e) = the days it ends in one open state. An age
 * limit `t` (a band's lower bound, or a threshold + 1) turns a span into the days on which the
 * item is at least t days old: [max(s, p + t), e), p being the origin date. Every such interval
 * gives +1 on its first day and −1 on its end day, in a column "older than t" (g1..gK; g0 is
 * t = 0, all items). The deltas dated within the range are summed per (dimensions, state, day),
 * added to the stored counts of the day before the range (the base), and a running sum over the
 * days gives each day's counts; a band is the difference of two neighbouring "older than"
 * columns. A day without any change repeats the counts of the day before.
 *
 * An item contributes deltas to the range only if one of its spans starts or ends there (it has
 * a state change there, or its origin is there) or its age reaches a limit there (origin = day −
 * t): a partial refresh reads only those items, found through the date indexes.
 */
import { AGE_BANDS } from '../../src/model/domain';
import { AGE_BAND_COLUMNS, DIMENSION_COLUMNS, stateList, type StockSubject } from './subjects';

export interface StockRange {
  /** SQL date literals. */
  from: string;
  to: string;
  /** False: every item, no base (the range starts before the first fact). */
  partial: boolean;
}

/** The age limits of the "older than" columns: band lower bounds, then thresholds + 1. */
export function ageLimits(thresholdDays: readonly number[]): number[] {
  return [...AGE_BANDS.slice(1).map((b) => b.min), ...thresholdDays.map((d) => d + 1)];
}

export function stockRefreshSql(subject: StockSubject, thresholdDays: readonly number[], range: StockRange): string {
  const { from, to, partial } = range;
  const limits = ageLimits(thresholdDays);
  const g = limits.map((_, k) => `g${k + 1}`);
  const dims = DIMENSION_COLUMNS.join(', ');
  const aDims = DIMENSION_COLUMNS.map((c) => `${subject.dimensionAlias}.${c}`).join(', ');
  const key = subject.itemKey;
  const origin = subject.originColumn;

  const relevant = partial
    ? `relevant AS (
         SELECT ${key} AS id FROM ${subject.eventTable} WHERE state_on BETWEEN ${from} AND ${to}
         ${[0, ...limits]
           .map((t) => `UNION SELECT ${key} FROM ${subject.itemTable} WHERE ${origin} BETWEEN ${from} - ${t} AND ${to} - ${t}`)
           .join('\n         ')}
       ),`
    : '';
  const onlyRelevant = (alias: string) => (partial ? `JOIN relevant r ON r.id = ${alias}.${key}` : '');

  const bandCount = AGE_BAND_COLUMNS.length - 1; // g1..g(bandCount) are band bounds, the rest thresholds
  const base = partial
    ? `UNION ALL
       SELECT ${dims}, state, ${from} AS day,
              ${AGE_BAND_COLUMNS.join(' + ')} AS g0,
              ${g
                .map((name, k) =>
                  k < bandCount
                    ? `${AGE_BAND_COLUMNS.slice(k + 1).join(' + ')} AS ${name}`
                    : `${subject.thresholdColumns[k - bandCount].column} AS ${name}`
                )
                .join(',\n              ')}
       FROM ${subject.stockTable} WHERE day = ${from} - 1`
    : '';

  const outputColumns = [
    ...AGE_BAND_COLUMNS.map((c, k) => (k < bandCount ? `g${k} - g${k + 1}` : `g${k}`)),
    ...subject.thresholdColumns.map((_, j) => `g${bandCount + j + 1}`),
  ];

  return `
WITH ${relevant}
events AS (
  SELECT e.${key} AS id, e.state, e.state_on AS d, e.load_id AS o1, e.line_number AS o2
  FROM ${subject.eventTable} e ${onlyRelevant('e')}
  UNION ALL
  -- The state before the first change; sorted before any change of its day.
  SELECT i.${key}, '${subject.initialState}', i.${origin}, -1, -1
  FROM ${subject.itemTable} i ${onlyRelevant('i')}
),
ordered AS (
  SELECT id, state, d, lead(d) OVER (PARTITION BY id ORDER BY d, o1, o2) AS next_d FROM events
),
-- The last change of a day holds until the next day with a change.
spans AS (
  SELECT id, state, d AS s, next_d AS e FROM ordered
  WHERE (next_d IS NULL OR next_d > d) AND state IN (${stateList(subject.openStates)})
),
placed AS (
  SELECT ${aDims}, sp.state, greatest(sp.s, i.${origin}) AS s, sp.e, i.${origin} AS p
  FROM spans sp JOIN ${subject.itemTable} i ON i.${key} = sp.id ${subject.applicationJoin}
  WHERE sp.e IS NULL OR sp.e > i.${origin}
),
deltas AS (
  SELECT ${dims}, state, s AS day, 1 AS g0,
         ${limits.map((t, k) => `(s - p >= ${t})::int AS g${k + 1}`).join(', ')}
  FROM placed WHERE s BETWEEN ${from} AND ${to}
  UNION ALL
  SELECT ${dims}, state, e, -1,
         ${limits.map((t) => `-(e - p > ${t})::int`).join(', ')}
  FROM placed WHERE e BETWEEN ${from} AND ${to}
  UNION ALL
  SELECT ${dims}, state, p + lim.t, 0,
         ${limits.map((_, k) => `(lim.k = ${k + 1})::int`).join(', ')}
  FROM placed CROSS JOIN (VALUES ${limits.map((t, k) => `(${k + 1}, ${t})`).join(', ')}) AS lim (k, t)
  WHERE (e IS NULL OR e - p > ${Math.min(...limits)})
    AND p + lim.t > s AND (e IS NULL OR p + lim.t < e) AND p + lim.t BETWEEN ${from} AND ${to}
  ${base}
),
per_day AS (
  SELECT ${dims}, state, day, sum(g0) AS g0, ${g.map((n) => `sum(${n}) AS ${n}`).join(', ')}
  FROM deltas GROUP BY ${dims}, state, day
),
running AS (
  SELECT ${dims}, state, day, lead(day) OVER w AS next_day,
         sum(g0) OVER w AS g0, ${g.map((n) => `sum(${n}) OVER w AS ${n}`).join(', ')}
  FROM per_day
  WINDOW w AS (PARTITION BY ${dims}, state ORDER BY day)
)
INSERT INTO ${subject.stockTable} (day, ${dims}, state, ${[...AGE_BAND_COLUMNS, ...subject.thresholdColumns.map((c) => c.column)].join(', ')})
SELECT running.day + n, ${dims}, state, ${outputColumns.join(', ')}
FROM running CROSS JOIN LATERAL generate_series(0, coalesce(next_day, ${to} + 1) - running.day - 1) AS n
WHERE g0 <> 0`;
}
