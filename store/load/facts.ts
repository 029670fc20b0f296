/**
 * From staged rows to facts, for applications and SR41 alike: the history walk (duplicates and
 * transitions, against the stored history of the folder's keys only), the first day whose
 * figures the folder changes, the keys' attributes and the events.
 */
import type { Queryable } from '../db/database';
import { lookedUp } from '../db/lookedUp';
import { queryWithSettings, WINDOW_SORTS } from '../db/mergedJoins';
import { CopyWriter } from './copyWriter';
import { HistoryWalk } from './history';
import type { Rejection } from './reasons';
import type { Subject } from './subjects';

const FETCH_ROWS = 20_000;

/** Staged rows not marked as duplicate or rejected. */
function accepted(s: Subject, alias: string): string {
  return `NOT EXISTS (SELECT 1 FROM stage_outcome o WHERE o.file_name = '${s.file}' AND o.line = ${alias}.line)`;
}

/**
 * Merges the stored events of the folder's keys with the staged rows in history order and walks
 * them: marks duplicates and rejected rows in stage_outcome, latest rows in stage_latest.
 * Returns the number of duplicates and the earliest state change or start day of the rows it
 * was given (before the walk's rejections); rejections go to `onReject`.
 */
export async function walkHistory(
  tx: Queryable,
  s: Subject,
  loadId: number,
  emptyStore: boolean,
  onReject: (line: number, r: Rejection) => void
): Promise<{ duplicates: number; firstDay: string | null }> {
  const outcomes = new CopyWriter(tx, 'stage_outcome', ['file_name', 'line', 'outcome']);
  const latest = new CopyWriter(tx, 'stage_latest', ['file_name', 'line']);
  let marks: Array<[string, string, string]> = [];
  let latestLines: number[] = [];
  let duplicates = 0;
  const walk = new HistoryWalk(s.transitions, {
    duplicate(line) {
      duplicates++;
      marks.push([s.file, String(line), 'DUPLICATE']);
    },
    reject(line, r) {
      onReject(line, r);
      marks.push([s.file, String(line), 'REJECTED']);
    },
    latest(_key, line) {
      latestLines.push(line);
    },
  });
  const flush = async () => {
    for (const m of marks) {await outcomes.add(m);}
    for (const line of latestLines) {await latest.add([s.file, String(line)]);}
    marks = [];
    latestLines = [];
  };
  const firstDay = await sortOutKeys(tx, s, emptyStore);
  const walkedKeys = `SELECT key FROM stage_walk_key WHERE file_name = '${s.file}'`;
  const walked = `IN (${walkedKeys})`;
  // The stored events of the walked keys, a sliver of the store's: each key's events looked up alone
  // (lookedUp). Left to choose, the planner sometimes hashed the 83,579 keys of the national night
  // of 2021-08-01 against all 30 million SR41 changes read whole: 6-12 s instead of about 1.
  // An empty store has no stored event, nor the index to look them up by (factIndexes.ts).
  const storedEvents = emptyStore
    ? `${s.eventTable} e WHERE e.${s.key} ${walked}`
    : `(${walkedKeys} ORDER BY key COLLATE "C") k CROSS JOIN LATERAL ${lookedUp(s.eventTable, s.key, 'k.key')} e`;
  // Stored events sort before this folder's rows of the same day: (state_on, load, line) is history order.
  await tx.query(`DECLARE history_walk NO SCROLL CURSOR FOR
    SELECT e.${s.key} AS key, e.state, e.state_on AS day, e.load_id, e.line_number AS line, false AS is_new
      FROM ${storedEvents}
    UNION ALL
    SELECT st.${s.key}, st.state, st.state_on, ${Number(loadId)}, st.line, true
      FROM ${s.stageTable} st WHERE ${accepted(s, 'st')} AND st.${s.key} ${walked}
    ORDER BY key, day, load_id, line`);
  for (;;) {
    const rows = await tx.query<{ key: string; state: string; day: string; line: number; is_new: boolean }>(
      `FETCH FORWARD ${FETCH_ROWS} FROM history_walk`
    );
    if (rows.length === 0) {break;}
    for (const r of rows) {walk.push({ key: r.key, state: r.state, day: r.day, isNew: r.is_new, line: r.line });}
    await flush();
  }
  walk.end();
  await flush();
  await tx.query('CLOSE history_walk');
  await outcomes.close();
  await latest.close();
  await tx.query('ANALYZE stage_outcome');
  await tx.query('ANALYZE stage_latest');
  return { duplicates, firstDay };
}

/** True in SQL when the change from `previous` (null: none) to `state` is not allowed. */
function changeNotAllowed(s: Subject, previous: string, state: string): string {
  const pairs = Object.entries(s.transitions).flatMap(([from, tos]) => tos.map((to) => `'${from}>${to}'`));
  // 'FROM>TO' texts: one hashed IN list instead of a join per row.
  return pairs.length > 0
    ? `coalesce(${previous} || '>' || ${state} NOT IN (${pairs.join(', ')}), false)`
    : `${previous} IS NOT NULL`;
}

/**
 * Most keys of a folder are new to the store and their rows, in history order, are all allowed
 * changes on distinct days: for them the walk would accept every row, and the last one sets the
 * attributes. Only the other keys (stored history, two rows on one day, a change not allowed) go
 * through the step-by-step walk in Node; this marks them in stage_walk_key and puts the last
 * row of every other key in stage_latest. One sort of the staged rows serves both windows (the
 * day's partition is a prefix of the history order) and the grouping by key.
 * Two rows of a key on one day are walked even when they are not a repeat: the walk decides.
 * A key with stored history is walked only when its rows do not simply follow it: the first row
 * is dated on or before the latest stored change (a repeat or a correction), or the change from
 * the stored state to it is not allowed. Otherwise the walk would accept every row after the
 * stored ones, as for a new key (the nightly case: yesterday's SR41 paid today).
 * Returns the earliest state change or start day of the accepted rows (null: none).
 */
async function sortOutKeys(tx: Queryable, s: Subject, emptyStore: boolean): Promise<string | null> {
  // In an empty store no key has stored history: the probe of the event table is skipped.
  const stored = emptyStore
    ? ''
    : `LEFT JOIN LATERAL (SELECT e.state, e.state_on FROM ${s.eventTable} e WHERE e.${s.key} = k.key
                          ORDER BY e.state_on DESC, e.load_id DESC, e.line_number DESC LIMIT 1) last_stored ON true`;
  const storedProblem = emptyStore
    ? 'false'
    : `last_stored.state_on IS NOT NULL
       AND (last_stored.state_on >= k.first_on OR ${changeNotAllowed(s, 'last_stored.state', 'k.first_state')})`;
  // The history load's windows sort every staged row (WINDOW_SORTS); a night's, a sliver.
  const sortSettings = emptyStore ? WINDOW_SORTS : {};
  const [row] = await queryWithSettings<{ first_day: string | null }>(tx, sortSettings,
    `WITH staged_key AS (
       SELECT x.key, bool_or(x.problem) AS problem, max(x.line) FILTER (WHERE x.is_last) AS last_line,
              min(x.first_day) AS first_day, min(x.state_on) AS first_on, max(x.state) FILTER (WHERE x.is_first) AS first_state
         FROM (
           SELECT st.${s.key} AS key, st.line, st.state, st.state_on, least(st.state_on, st.${s.startColumn}) AS first_day,
                  count(*) OVER same_day > 1
                  OR ${changeNotAllowed(s, '(lag(st.state) OVER history)', 'st.state')} AS problem,
                  lag(st.line) OVER history IS NULL AS is_first,
                  lead(st.line) OVER history IS NULL AS is_last
             FROM ${s.stageTable} st WHERE ${accepted(s, 'st')}
           WINDOW history AS (PARTITION BY st.${s.key} ORDER BY st.state_on, st.line),
                  same_day AS (PARTITION BY st.${s.key}, st.state_on)) x
        GROUP BY x.key),
     per_key AS MATERIALIZED (
       SELECT k.key, k.problem OR (${storedProblem}) AS walk, k.last_line, k.first_day
         FROM staged_key k ${stored}),
     walked AS (INSERT INTO stage_walk_key (file_name, key) SELECT '${s.file}', key FROM per_key WHERE walk),
     last_rows AS (INSERT INTO stage_latest (file_name, line) SELECT '${s.file}', last_line FROM per_key WHERE NOT walk)
     SELECT min(first_day) AS first_day FROM per_key`
  );
  await tx.query('ANALYZE stage_walk_key');
  return row?.first_day ?? null;
}

const attributeList = (s: Subject, alias: string) => s.attributes.map((a) => `${alias}.${a}`).join(', ');

/**
 * The earliest day whose figures this folder changes: the earliest loaded state change, and for
 * keys new to the store or whose attributes change, their start day (old and new). Call before
 * `saveAttributes`. Null when nothing is loaded.
 * The stored row of each latest key is looked up alone through the key's index (lookedUp: a
 * nightly folder holds a sliver of the fact table), in the keys' order, so that neighbouring lookups read the same index pages.
 */
export async function firstTouchedDay(tx: Queryable, s: Subject, emptyStore: boolean, stagedFirstDay: string | null): Promise<string | null> {
  const start = s.startColumn;
  if (emptyStore) {
    // Every key is new: its start day counts. The earliest of every accepted row (walkHistory's,
    // not only the latest rows') can only be earlier, and the first refresh starts at the first
    // fact anyway.
    return stagedFirstDay;
  }
  const [row] = await tx.query<{ d: string | null }>(
    `SELECT least(
       (SELECT min(st.state_on) FROM ${s.stageTable} st WHERE ${accepted(s, 'st')}),
       (SELECT min(least(st.${start}, f.${start}))
          FROM (SELECT st.* FROM stage_latest l JOIN ${s.stageTable} st ON st.line = l.line
                 WHERE l.file_name = '${s.file}' ORDER BY st.${s.key} COLLATE "C") st
          LEFT JOIN LATERAL ${lookedUp(s.factTable, s.key, `st.${s.key}`)} f ON true
         WHERE f.${s.key} IS NULL OR (${attributeList(s, 'f')}) IS DISTINCT FROM (${attributeList(s, 'st')}))
     ) AS d`
  );
  return row?.d ?? null;
}

/**
 * An empty store's facts are written in their key's order (the history load): the full rebuild
 * that follows then joins them by key in one merged pass over both tables, without hashing or
 * sorting tens of millions of rows (refresh.ts). A night's rows go in as they come.
 */
const inKeyOrder = (s: Subject, emptyStore: boolean, alias: string, after: string[] = []): string =>
  emptyStore ? `ORDER BY ${[`${alias}.${s.key}`, ...after.map((c) => `${alias}.${c}`)].join(', ')}` : '';

/**
 * Sets each key's attributes from its latest row, where that row is of this folder. In an empty
 * store every key is new (and the key's unique index may be set aside): a plain insert.
 */
export async function saveAttributes(tx: Queryable, s: Subject, emptyStore: boolean): Promise<void> {
  const columns = [s.key, ...s.attributes];
  await tx.query(
    `INSERT INTO ${s.factTable} (${columns.join(', ')})
     SELECT ${columns.map((c) => `st.${c}`).join(', ')}
       FROM stage_latest l JOIN ${s.stageTable} st ON st.line = l.line
      WHERE l.file_name = '${s.file}'
     ${inKeyOrder(s, emptyStore, 'st')}
     ${emptyStore ? '' : `ON CONFLICT (${s.key}) DO UPDATE SET ${s.attributes.map((a) => `${a} = EXCLUDED.${a}`).join(', ')}
      WHERE (${attributeList(s, s.factTable)}) IS DISTINCT FROM (${attributeList(s, 'EXCLUDED')})`}`
  );
}

/** Inserts the accepted rows as events; returns how many. */
export async function insertEvents(tx: Queryable, s: Subject, loadId: number, emptyStore: boolean): Promise<number> {
  const extras = s.eventExtras.join(', ');
  const [row] = await tx.query<{ n: number }>(
    `WITH inserted AS (
       INSERT INTO ${s.eventTable} (${s.key}, state, state_on, ${extras}, load_id, line_number)
       SELECT st.${s.key}, st.state, st.state_on, ${s.eventExtras.map((c) => `st.${c}`).join(', ')}, $1, st.line
         FROM ${s.stageTable} st WHERE ${accepted(s, 'st')}
        ${inKeyOrder(s, emptyStore, 'st', ['state_on', 'line'])}
       RETURNING 1)
     SELECT count(*)::int AS n FROM inserted`,
    [loadId]
  );
  return row.n;
}
