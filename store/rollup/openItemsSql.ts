/**
 * Keeps a subject's open list (060_sr41_open.sql): its items open now and those closed on or after
 * `closed_since`, each with its origin and the day it closed, from which a partial stock refresh
 * takes the items coming of age in its range while open (stockSql.ts), instead of asking the
 * state changes of every item of those origin days.
 *
 * An item's closed day is that of its change into a final state (subjects.ts finalStates): no
 * change leaves one, so the item is open at the end of a day exactly when it has no closed day
 * or a later one. A refresh from `from` recomputes the items whose row its facts may change: those
 * with an origin from `from` on (new, or moved there), those closed from `from` on (a stored
 * closing may have gone), and those with a change into a final state from `from` on. The facts
 * dated before `from` did not change (refresh.ts), so every other row stays right. A refresh from
 * before `closed_since` (its list lacks the items closed in between) fills the list whole.
 */
import type { Queryable } from '../db/database';
import { queryWithMergedJoins } from '../db/mergedJoins';
import { stateList, type StockSubject } from './subjects';

/**
 * How many days before the last refreshed day the closed items stay in the list: a correction
 * dated within them keeps the refresh of the list incremental; an older one fills it whole.
 */
export const CLOSED_ITEM_DAYS = 31;

/**
 * Brings `subject`'s open list up to the facts for a refresh of the days `from`..`to` (SQL date
 * literals); true when a partial stock refresh of that range may read it.
 */
export async function keepOpenItems(tx: Queryable, subject: StockSubject, range: { from: string; to: string; partial: boolean }): Promise<boolean> {
  const list = subject.openList;
  if (list === null || subject.finalStates === null) {
    return false;
  }
  const { from, to, partial } = range;
  const key = subject.itemKey;
  const origin = subject.originColumn;
  // A partial refresh reads the list from `from` on; a full one does not read it.
  const [{ since }] = await tx.query<{ since: string }>(
    `SELECT (${partial ? `least(${from}, ${to} - ${CLOSED_ITEM_DAYS})` : `${to} - ${CLOSED_ITEM_DAYS}`})::text AS since`
  );
  const [coverage] = await tx.query<{ closed_since: string }>(
    `SELECT closed_since::text AS closed_since FROM open_item_coverage WHERE item_table = '${list}'`
  );
  const closing = `SELECT ${key}, min(state_on) AS closed_on FROM ${subject.eventTable}
                    WHERE state IN (${stateList(subject.finalStates)})`;

  if (!partial || !coverage || coverage.closed_since > since) {
    await tx.query(`DELETE FROM ${list}`);
    await queryWithMergedJoins(
      tx,
      `INSERT INTO ${list} (${key}, ${origin}, closed_on)
       SELECT i.${key}, i.${origin}, c.closed_on FROM ${subject.itemTable} i LEFT JOIN (${closing} GROUP BY ${key}) c USING (${key})
        WHERE c.closed_on IS NULL OR c.closed_on >= DATE '${since}'
        -- Merged by key (mergedJoins.ts; in the national history load 107 -> 57 s of server CPU,
        -- where hashing both spilled to disk), in the key's order: the list's key index grows at its end.
        ORDER BY i.${key}`
    );
  } else {
    await tx.query('DROP TABLE IF EXISTS pg_temp.item_closing');
    await tx.query(`CREATE TEMP TABLE item_closing ON COMMIT DROP AS ${closing} AND state_on >= ${from} GROUP BY ${key}`);
    await tx.query('ANALYZE item_closing');
    await tx.query(`DELETE FROM ${list} WHERE ${origin} >= ${from}`);
    await tx.query(`UPDATE ${list} SET closed_on = NULL WHERE closed_on >= ${from}`);
    // The items closed are found through the list's key (ARRAY(…) keeps the planner from
    // hashing them against the whole list: 7.1 s against 2.8 s on the national day).
    await tx.query(
      `UPDATE ${list} o SET closed_on = c.closed_on FROM item_closing c
        WHERE c.${key} = o.${key} AND o.${key} = ANY (ARRAY(SELECT ${key} FROM item_closing))`
    );
    // The items of the range's origins, through the origin index (it carries the key).
    await tx.query(
      `INSERT INTO ${list} (${key}, ${origin}, closed_on)
       SELECT i.${key}, i.${origin}, c.closed_on FROM ${subject.itemTable} i LEFT JOIN item_closing c USING (${key})
        WHERE i.${origin} >= ${from}`
    );
    await tx.query(`DELETE FROM ${list} WHERE closed_on < DATE '${since}'`);
  }
  await tx.query(
    `INSERT INTO open_item_coverage (item_table, closed_since) VALUES ('${list}', DATE '${since}')
     ON CONFLICT (item_table) DO UPDATE SET closed_since = EXCLUDED.closed_since`
  );
  return partial;
}
