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
 *
 * A full rebuild (every item, the national history on the first load) numbers the groups from
 * the dimension numbers that refresh.ts makes first (dimensionTable.ts): every heavy step then
 * hashes and sorts an integer and dates per span, never the six texts. A partial refresh
 * reads few items and numbers its groups itself, including those of the stored day before.
 */
import { AGE_BANDS } from '../../src/model/domain';
import { lookedUp } from '../db/lookedUp';
import { APPLICATION_DIMENSION_TABLE, DIMENSION_TABLE } from './dimensionTable';
import { AGE_BAND_COLUMNS, collatedDimensions, dayLiteral, DIMENSION_COLUMNS, stateList, type StockSubject } from './subjects';

/** Group number = dimensions number × STATE_SLOTS + the state's place (1-based) among the open states. */
const STATE_SLOTS = 8;

export interface StockRange {
  /** SQL date literals. */
  from: string;
  to: string;
  /** False: every item, no base (the range starts before the first fact). */
  partial: boolean;
  /** True: the subject's open list is kept up to the facts for this range (openItemsSql.ts). */
  openList?: boolean;
}

/** The age limits of the "older than" columns: band lower bounds, then thresholds + 1. */
export function ageLimits(thresholdDays: readonly number[]): number[] {
  return [...AGE_BANDS.slice(1).map((b) => b.min), ...thresholdDays.map((d) => d + 1)];
}

/** The columns of a stock row, in the order both ways of computing it select them. */
const stockColumns = (subject: StockSubject): string =>
  ['day', ...DIMENSION_COLUMNS, 'state', ...AGE_BAND_COLUMNS, ...subject.thresholdColumns.map((c) => c.column)].join(', ');

/**
 * A partial refresh of at most this many days counts the stock from the open list alone, one pass
 * over it per day (the national list: 4.3 million SR41, under a second a pass, against 6 s for the
 * delta method below on one night); a longer one uses the delta method, whose cost follows the
 * items touched rather than the days.
 */
export const OPEN_LIST_STOCK_DAYS = 7;

/**
 * The stock rows of `days` (ISO days), counted from the subject's open list (openItemsSql.ts),
 * which must hold every item open on any of them: an item counts on a day when its origin is on or
 * before it and it has no closed day or a later one, in the last open step it entered by then
 * (subjects.ts OpenList), or the initial state.
 */
export function openListStockSql(subject: StockSubject, thresholdDays: readonly number[], days: readonly string[]): string {
  const list = subject.openList;
  if (list === null) {
    throw new Error(`The stock ${subject.stockTable} keeps no open list to count.`);
  }
  // One SELECT per day, the day a constant: the planner then reads the list whole, in its
  // physical order. Given the days as a joined set, it read the list through the receipt index
  // instead, one heap page per row: 7.3 s for one national night.
  const dayStock = (day: string) => {
    const d = dayLiteral(day);
    const age = `${d} - o.${subject.originColumn}`;
    const state = `CASE ${[...list.steps].reverse().map((s) => `WHEN o.${s.column} <= ${d} THEN '${s.state}'`).join(' ')} ELSE '${subject.initialState}' END`;
    const bands = AGE_BANDS.map((b) => `count(*) FILTER (WHERE ${age} >= ${b.min}${b.max === null ? '' : ` AND ${age} <= ${b.max}`})`);
    const thresholds = thresholdDays.map((t) => `count(*) FILTER (WHERE ${age} > ${t})`);
    return `SELECT ${d}, ${DIMENSION_COLUMNS.map((c) => `o.${c}`).join(', ')}, ${state} COLLATE "C", ${[...bands, ...thresholds].join(', ')}
  FROM ${list.table} o WHERE o.${subject.originColumn} <= ${d} AND (o.closed_on IS NULL OR o.closed_on > ${d})
  GROUP BY 2, 3, 4, 5, 6, 7, 8`;
  };
  return `
INSERT INTO ${subject.stockTable} (${stockColumns(subject)})
${days.map(dayStock).join('\nUNION ALL\n')}
-- In the primary key's order: each row then lands on the index's last page, without a search.
ORDER BY 1, 2, 3, 4, 5, 6, 7, 8`;
}

export function stockRefreshSql(subject: StockSubject, thresholdDays: readonly number[], range: StockRange): string {
  const { from, to, partial } = range;
  const limits = ageLimits(thresholdDays);
  const g = limits.map((_, k) => `g${k + 1}`);
  const dims = DIMENSION_COLUMNS.join(', ');
  const key = subject.itemKey;
  const origin = subject.originColumn;

  // An item that only comes of age in the range (no change there, origin before it) moves
  // between columns only while open then: its state at the end of that day (its last change
  // dated up to it; none: the initial state, counted) is looked up alone, and a closed item,
  // the most of them, is left out before its changes are read and its dimensions joined.
  // When every closed state is final (subjects.ts finalStates), "open" is "no change into one of
  // them yet": a look in the key's index alone, without reading and ordering the changes.
  const openWhenOfAge = (t: number) =>
    subject.finalStates
      ? `NOT EXISTS (SELECT 1 FROM ${subject.eventTable} x
                      WHERE x.${key} = i.${key} AND x.state IN (${stateList(subject.finalStates)}) AND x.state_on <= i.${origin} + ${t})`
      : `coalesce((SELECT x.state IN (${stateList(subject.openStates)}) FROM ${subject.eventTable} x
                 WHERE x.${key} = i.${key} AND x.state_on <= i.${origin} + ${t}
                 ORDER BY x.state_on DESC, x.load_id DESC, x.line_number DESC LIMIT 1), true)`;
  // With the open list kept, the items open when of age are read from it, the closed ones
  // already left out: open at the end of a day is no closed day, or a later one.
  const comingOfAge = (t: number) =>
    range.openList && subject.openList
      ? `SELECT ${key} FROM ${subject.openList.table} i WHERE ${origin} BETWEEN ${from} - ${t} AND ${to} - ${t}
            AND (i.closed_on IS NULL OR i.closed_on > i.${origin} + ${t})`
      : `SELECT ${key} FROM ${subject.itemTable} i WHERE ${origin} BETWEEN ${from} - ${t} AND ${to} - ${t} AND ${openWhenOfAge(t)}`;
  const relevant = partial
    ? `relevant AS (
         SELECT ${key} AS id FROM ${subject.eventTable} WHERE state_on BETWEEN ${from} AND ${to}
         UNION SELECT ${key} FROM ${subject.itemTable} WHERE ${origin} BETWEEN ${from} AND ${to}
         ${[...new Set(limits)]
           .filter((t) => t > 0)
           .map((t) => `UNION ${comingOfAge(t)}`)
           .join('\n         ')}
       ),`
    : '';
  // A partial refresh looks up each relevant item once, with its origin and dimensions, numbers
  // it (the steps below then sort and join an integer, not the key's text), and reads its changes
  // one by one through the key index (OFFSET 0, as lookedUp: not a scan of every item or change).
  // The keys go in their order: neighbouring lookups then read the same index pages (the SR41
  // stock of a day at scale 0.2 took a fifth less server CPU than looked up in hash order, once per
  // span).
  const items = partial
    ? `items AS MATERIALIZED (
  SELECT row_number() OVER () AS n, r.id AS ${key}, x.*
  FROM (SELECT id FROM relevant ORDER BY id COLLATE "C") r CROSS JOIN LATERAL (
    SELECT i.${origin} AS p, ${collatedDimensions(subject.dimensionAlias)}
    FROM ${subject.itemTable} i ${subject.applicationJoin} WHERE i.${key} = r.id OFFSET 0) AS x
),`
    : '';
  const changes = partial
    ? `items it CROSS JOIN LATERAL ${lookedUp(subject.eventTable, key, `it.${key}`)} AS e`
    : `${subject.eventTable} e`;
  const itemId = partial ? 'it.n' : `e.${key}`;

  const bandCount = AGE_BAND_COLUMNS.length - 1; // g1..g(bandCount) are band bounds, the rest thresholds
  const baseRows = partial
    ? `base_rows AS (
         SELECT ${collatedDimensions()}, state COLLATE "C" AS state,
                ${AGE_BAND_COLUMNS.join(' + ')} AS g0,
                ${g
                  .map((name, k) =>
                    k < bandCount
                      ? `${AGE_BAND_COLUMNS.slice(k + 1).join(' + ')} AS ${name}`
                      : `${subject.thresholdColumns[k - bandCount].column} AS ${name}`
                  )
                  .join(',\n                ')}
         FROM ${subject.stockTable} WHERE day = ${from} - 1
       ),`
    : '';
  const groupColumns = `${dims}, state`;
  const slotStates = [...new Set([...subject.openStates, subject.initialState])];
  const stateArray = `ARRAY[${stateList(slotStates)}]::text[]`;
  if (slotStates.length >= STATE_SLOTS) {
    throw new Error(`A stock group number holds at most ${STATE_SLOTS - 1} open states.`);
  }

  const outputColumns = [
    ...AGE_BAND_COLUMNS.map((c, k) => (k < bandCount ? `g${k} - g${k + 1}` : `g${k}`)),
    ...subject.thresholdColumns.map((_, j) => `g${bandCount + j + 1}`),
  ];

  return `
WITH ${relevant}
${items}
-- One pass over the state changes in order; an item's first row is the change that created it.
ordered AS (
  SELECT ${itemId} AS id, e.state, e.state_on AS d,
         lead(e.state_on) OVER w AS next_d, lag(e.state_on) OVER w AS prev_d
  FROM ${changes}
  WINDOW w AS (PARTITION BY ${itemId} ORDER BY e.state_on, e.load_id, e.line_number)
),
spans AS (${partial ? `
  -- The last change of a day holds until the next day with a change.
  SELECT id, state, d AS s, next_d AS e FROM ordered
  WHERE (next_d IS NULL OR next_d > d) AND state IN (${stateList(subject.openStates)})
  UNION ALL
  -- Before its first change an item is in its initial state, from its origin on (s NULL).
  SELECT id, '${subject.initialState}', NULL, d FROM ordered WHERE prev_d IS NULL` : `
  -- The same two kinds of span, each change read once (the planner then sees how many there
  -- are, and joins the items and their dimensions by hashing, not one probe per item).
  SELECT o.id, v.state, v.s, v.e
  FROM ordered o CROSS JOIN LATERAL (VALUES
    (o.state, o.d, o.next_d, (o.next_d IS NULL OR o.next_d > o.d) AND o.state IN (${stateList(subject.openStates)})),
    ('${subject.initialState}', NULL::date, o.d, o.prev_d IS NULL)) AS v (state, s, e, kept)
  WHERE v.kept`}
),
${partial ? `placed AS (
  -- C collation (items): the sorts below compare bytes, not language rules.
  SELECT ${DIMENSION_COLUMNS.map((c) => `it.${c}`).join(', ')},
         sp.state COLLATE "C" AS state, greatest(sp.s, it.p) AS s, sp.e, it.p
  FROM spans sp JOIN items it ON it.n = sp.id
  WHERE sp.e IS NULL OR sp.e > greatest(sp.s, it.p)
),
${baseRows}
-- A number per (dimensions, state): the heavy steps below sort and hash integers, not texts.
groups AS (
  SELECT row_number() OVER () AS gid, ${groupColumns}
  FROM (SELECT DISTINCT ${groupColumns} FROM placed UNION SELECT ${groupColumns} FROM base_rows) AS x
),
grouped AS (
  SELECT gr.gid, pl.s, pl.e, pl.p FROM placed pl JOIN groups gr USING (${groupColumns})
),` : `-- The group number: the item's dimensions (dimensionTable.ts) and its state's place in the list.
grouped AS MATERIALIZED (
  SELECT dm.dim * ${STATE_SLOTS} + array_position(${stateArray}, sp.state) AS gid,
         greatest(sp.s, i.${origin}) AS s, sp.e, i.${origin} AS p
  FROM spans sp JOIN ${subject.itemTable} i ON i.${key} = sp.id
  JOIN ${APPLICATION_DIMENSION_TABLE} dm ON dm.application_id = i.application_id
  WHERE sp.e IS NULL OR sp.e > greatest(sp.s, i.${origin})
),`}
deltas AS (
  SELECT gid, s AS day, 1 AS g0,
         ${limits.map((t, k) => `(s - p >= ${t})::int AS g${k + 1}`).join(', ')}
  FROM grouped WHERE s BETWEEN ${from} AND ${to}
  UNION ALL
  SELECT gid, e, -1,
         ${limits.map((t) => `-(e - p > ${t})::int`).join(', ')}
  FROM grouped WHERE e BETWEEN ${from} AND ${to}
  UNION ALL
  SELECT gid, p + lim.t, 0,
         ${limits.map((_, k) => `(lim.k = ${k + 1})::int`).join(', ')}
  FROM grouped CROSS JOIN (VALUES ${limits.map((t, k) => `(${k + 1}, ${t})`).join(', ')}) AS lim (k, t)
  WHERE (e IS NULL OR e - p > ${Math.min(...limits)})
    AND p + lim.t > s AND (e IS NULL OR p + lim.t < e) AND p + lim.t BETWEEN ${from} AND ${to}
  ${partial ? `UNION ALL SELECT gid, ${from}, g0, ${g.join(', ')} FROM base_rows JOIN groups USING (${groupColumns})` : ''}
),
per_day AS (
  SELECT gid, day, sum(g0) AS g0, ${g.map((n) => `sum(${n}) AS ${n}`).join(', ')}
  FROM deltas GROUP BY gid, day
),
running AS (
  SELECT gid, day, lead(day) OVER w AS next_day,
         sum(g0) OVER w AS g0, ${g.map((n) => `sum(${n}) OVER w AS ${n}`).join(', ')}
  FROM per_day
  WINDOW w AS (PARTITION BY gid ORDER BY day)
)
INSERT INTO ${subject.stockTable} (${stockColumns(subject)})
SELECT running.day + n, ${partial ? `${dims}, state` : `${DIMENSION_COLUMNS.map((c) => `dm.${c}`).join(', ')}, (${stateArray})[running.gid % ${STATE_SLOTS}]`},
       ${outputColumns.join(', ')}
FROM running ${partial ? 'JOIN groups USING (gid)' : `JOIN ${DIMENSION_TABLE} dm ON dm.dim = running.gid / ${STATE_SLOTS}`}
CROSS JOIN LATERAL generate_series(0, coalesce(next_day, ${to} + 1) - running.day - 1) AS n
WHERE g0 <> 0
-- In the primary key's order: each row then lands on the index's last page, without a search.
ORDER BY 1, 2, 3, 4, 5, 6, 7, 8`;
}
