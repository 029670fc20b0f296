/**
 * Keeps a subject's open list (060_sr41_open.sql, 066_sr41_open_states.sql): its items open now
 * and those closed on or after `closed_since`, each with its origin, its dimensions, the days it
 * entered its open steps (subjects.ts OpenList) and the day it closed. A nightly stock refresh
 * counts the list alone; a longer partial one takes from it the items coming of age in its range
 * while open (stockSql.ts), instead of asking the state changes of every item of those origin days.
 *
 * An item's closed day is that of its change into a final state (subjects.ts finalStates): no
 * change leaves one, so the item is open at the end of a day exactly when it has no closed day
 * or a later one. A refresh from `from` recomputes the items whose row its facts may change: those
 * with an origin from `from` on (new, or moved there: their dimensions are read again too), those
 * closed or stepped from `from` on (a stored change may have gone), and those with a change into a
 * final state or a step from `from` on. An application's changed attributes touch the days from
 * its presentation (refresh.ts), before any of its SR41's receipt (received once it is authorised):
 * its SR41 are then among those read again. The facts
 * dated before `from` did not change (refresh.ts), so every other row stays right. A refresh from
 * before `closed_since` (its list lacks the items closed in between) fills the list whole.
 */
import type { Queryable } from '../db/database';
import { keyJoin } from '../db/lookedUp';
import { queryWithMergedJoins } from '../db/mergedJoins';
import { collatedDimensions, DIMENSION_COLUMNS, stateList, type StockSubject } from './subjects';

/**
 * How many days before the last refreshed day the closed items stay in the list: a correction
 * dated within them keeps the refresh of the list incremental; an older one fills it whole.
 */
export const CLOSED_ITEM_DAYS = 31;

export interface OpenListRange {
  /** SQL date literals. */
  from: string;
  to: string;
  partial: boolean;
  /** Look the new items' applications up by key (a night or a few): refresh.ts dimensionSource. */
  lookUp: boolean;
  /**
   * False when the range starts after every day refreshed before, as a night's does: the list
   * then holds no day from `from` on (it is kept up to each refresh's last day), and none need
   * be taken back.
   */
  refreshesStoredDays: boolean;
}

/**
 * Brings `subject`'s open list up to the facts dated up to `to` for a refresh of the days
 * `from`..`to`; true when a partial stock refresh of that range may read it.
 */
export async function keepOpenItems(tx: Queryable, subject: StockSubject, range: OpenListRange): Promise<boolean> {
  const list = subject.openList;
  if (list === null || subject.finalStates === null) {
    return false;
  }
  const { from, to, partial, lookUp, refreshesStoredDays } = range;
  const key = subject.itemKey;
  const origin = subject.originColumn;
  const steps = list.steps.map((s) => s.column);
  const dayColumns = ['closed_on', ...steps];
  const columns = [key, origin, ...dayColumns, ...DIMENSION_COLUMNS];
  // A partial refresh reads the list from `from` on; a full one does not read it.
  const [{ since }] = await tx.query<{ since: string }>(
    `SELECT (${partial ? `least(${from}, ${to} - ${CLOSED_ITEM_DAYS})` : `${to} - ${CLOSED_ITEM_DAYS}`})::text AS since`
  );
  const [coverage] = await tx.query<{ closed_since: string }>(
    `SELECT closed_since::text AS closed_since FROM open_item_coverage WHERE item_table = '${list.table}'`
  );
  // Each item's closed day and the days it entered its open steps: each at most once (subjects.ts openList).
  const itemDays = `SELECT ${key}, min(state_on) FILTER (WHERE state IN (${stateList(subject.finalStates)})) AS closed_on,
                           ${list.steps.map((s) => `min(state_on) FILTER (WHERE state = '${s.state}') AS ${s.column}`).join(', ')}
                      FROM ${subject.eventTable}
                     WHERE state IN (${stateList([...subject.finalStates, ...list.steps.map((s) => s.state)])})
                       AND state_on <= ${to}`;
  // The items' dimensions are their application's as stored now, in the C collation of the stocks.
  // `lookUp` (a night's new items): each application looked up alone by key (lookedUp.ts), not
  // all 5.6 million hashed (2.2 s of 3.4 on the national night of 2021-08-02).
  const application = { table: 'application', alias: subject.dimensionAlias, key: 'application_id' };
  const withDimensions = (items: string, lookUpApplications: boolean) =>
    `SELECT ${[key, origin, ...dayColumns].map((c) => `i.${c}`).join(', ')}, ${collatedDimensions(subject.dimensionAlias)}
       FROM ${items} i ${keyJoin('i', application, lookUpApplications)}`;

  if (!partial || !coverage || coverage.closed_since > since) {
    await tx.query(`DELETE FROM ${list.table}`);
    await tx.query('DROP TABLE IF EXISTS pg_temp.open_item_days');
    await queryWithMergedJoins(
      tx,
      `CREATE TEMP TABLE open_item_days ON COMMIT DROP AS
       SELECT i.${key}, i.${origin}, i.application_id, ${dayColumns.map((c) => `c.${c}`).join(', ')}
         FROM ${subject.itemTable} i LEFT JOIN (${itemDays} GROUP BY ${key}) c USING (${key})
        WHERE c.closed_on IS NULL OR c.closed_on >= DATE '${since}'`
    );
    // Merged by key (mergedJoins.ts; in the national history load 107 -> 57 s of server CPU,
    // where hashing both spilled to disk); the applications are joined apart, as the planner
    // chooses. In the key's order: the list's key index grows at its end.
    await tx.query(`INSERT INTO ${list.table} (${columns.join(', ')}) ${withDimensions('open_item_days', false)} ORDER BY i.${key}`);
  } else {
    await tx.query('DROP TABLE IF EXISTS pg_temp.item_days');
    await tx.query(`CREATE TEMP TABLE item_days ON COMMIT DROP AS ${itemDays} AND state_on >= ${from} GROUP BY ${key}`);
    await tx.query('ANALYZE item_days');
    await tx.query(`DELETE FROM ${list.table} WHERE ${origin} >= ${from}`);
    // The days from `from` on are taken back, then set again from the changes dated from it on.
    // A seq scan of the whole list (1.2 s a national night), so only when the list may hold any.
    if (refreshesStoredDays) {
      await tx.query(
        `UPDATE ${list.table} SET ${dayColumns.map((c) => `${c} = CASE WHEN ${c} >= ${from} THEN NULL ELSE ${c} END`).join(', ')}
          WHERE ${dayColumns.map((c) => `${c} >= ${from}`).join(' OR ')}`
      );
    }
    // The items changed are found through the list's key (ARRAY(…) keeps the planner from
    // hashing them against the whole list: 7.1 s against 2.8 s on the national day).
    await tx.query(
      `UPDATE ${list.table} o SET ${dayColumns.map((c) => `${c} = coalesce(c.${c}, o.${c})`).join(', ')}
         FROM item_days c
        WHERE c.${key} = o.${key} AND o.${key} = ANY (ARRAY(SELECT ${key} FROM item_days))`
    );
    // The items of the range's origins, through the origin index (it carries the key).
    await tx.query(
      `INSERT INTO ${list.table} (${columns.join(', ')})
       ${withDimensions(`(SELECT i.*, ${dayColumns.map((c) => `c.${c}`).join(', ')}
                           FROM ${subject.itemTable} i LEFT JOIN item_days c USING (${key}) WHERE i.${origin} >= ${from})`, lookUp)}`
    );
    await tx.query(`DELETE FROM ${list.table} WHERE closed_on < DATE '${since}'`);
  }
  await tx.query(
    `INSERT INTO open_item_coverage (item_table, closed_since) VALUES ('${list.table}', DATE '${since}')
     ON CONFLICT (item_table) DO UPDATE SET closed_since = EXCLUDED.closed_since`
  );
  return partial;
}
