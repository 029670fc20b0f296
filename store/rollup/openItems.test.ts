/**
 * The SR41 open list (060_sr41_open.sql, openItemsSql.ts) against a plain computation from the
 * facts after every kind of refresh: full, nightly, after changed facts (a closing removed
 * included), and from before the days it keeps; and the SR41 stock read through it, nightly,
 * against a full rebuild, which does not read it (refresh.test.ts compares both with the raw
 * figures).
 */
import { addDays } from '../../src/model/calendar';
import { insertRandomFacts } from '../testing/randomFacts';
import { CLOSED_ITEM_DAYS } from './openItemsSql';
import { OPEN_LIST_STOCK_DAYS } from './stockSql';
import { rebuildAllRollups, refreshRollups } from './refresh';
import { refreshDayByDay, rollupTestDatabase } from './rollupCompare';

const FROM = '2020-03-01';
const TO = '2020-10-15';

const t = rollupTestDatabase();

const facts = (seed: number, prefix = 'D', from = FROM) => ({ seed, prefix, applications: 300, from, to: TO, sr41PerApplication: 3 });

async function closedSince(): Promise<string> {
  const [{ since }] = await t.db.query<{ since: string }>(`SELECT closed_since::text AS since FROM open_item_coverage WHERE item_table = 'sr41_open'`);
  return since;
}

/**
 * What the list must hold, written apart from the code: each SR41 with its application's
 * dimensions, its first change into IN_LAVORAZIONE and into IN_PAGAMENTO, and its first change
 * into a state no change leaves (DOMAIN.md: PAGATO, SCARTATO, ANNULLATO), kept when it has none
 * or it is on or after the day the list covers closures from.
 */
async function expectedList(): Promise<string[]> {
  const since = await closedSince();
  const first = (states: string) =>
    `(SELECT min(e.state_on)::text FROM sr41_event e WHERE e.sr41_id = s.sr41_id AND e.state IN (${states}))`;
  const rows = await t.db.query<{ head: string; closed_on: string | null; working_on: string | null; paying_on: string | null }>(
    `SELECT s.sr41_id || ' ' || s.received_on::text || ' ' || a.region_code || ' ' || a.office_code || ' ' || a.benefit || ' ' ||
            a.cause || ' ' || a.payment_mode || ' ' || a.multi_region::text AS head,
            ${first(`'PAGATO', 'SCARTATO', 'ANNULLATO'`)} AS closed_on,
            ${first(`'IN_LAVORAZIONE'`)} AS working_on, ${first(`'IN_PAGAMENTO'`)} AS paying_on
       FROM sr41 s JOIN application a ON a.application_id = s.application_id`
  );
  return rows
    .filter((r) => r.closed_on === null || r.closed_on >= since)
    .map((r) => `${r.head} ${r.working_on} ${r.paying_on} ${r.closed_on}`)
    .sort();
}

async function storedList(): Promise<string[]> {
  const rows = await t.db.query<{ line: string }>(
    `SELECT sr41_id || ' ' || received_on::text || ' ' || region_code || ' ' || office_code || ' ' || benefit || ' ' || cause || ' ' ||
            payment_mode || ' ' || multi_region::text || ' ' || coalesce(working_on::text, 'null') || ' ' ||
            coalesce(paying_on::text, 'null') || ' ' || coalesce(closed_on::text, 'null') AS line
       FROM sr41_open`
  );
  return rows.map((r) => r.line).sort();
}

test('a full refresh keeps the open SR41 and those closed in the last days before its end', async () => {
  await t.db.transaction((tx) => insertRandomFacts(tx, facts(11)));
  await t.db.transaction((tx) => refreshRollups(tx, FROM, TO));
  expect(await closedSince()).toBe(addDays(TO, -CLOSED_ITEM_DAYS));
  const expected = await expectedList();
  expect(await storedList()).toEqual(expected);
  // Not vacuous: open SR41 and closed ones both kept, and closed ones left out.
  expect(expected.some((l) => l.endsWith(' null'))).toBe(true);
  expect(expected.some((l) => !l.endsWith(' null'))).toBe(true);
  // Open SR41 in each open step: IN_LAVORAZIONE only, and IN_PAGAMENTO too.
  expect(expected.some((l) => / \d{4}-\d{2}-\d{2} null null$/.test(l))).toBe(true);
  expect(expected.some((l) => / \d{4}-\d{2}-\d{2} \d{4}-\d{2}-\d{2} null$/.test(l))).toBe(true);
  const [{ n }] = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM sr41');
  expect(expected.length).toBeLessThan(n);
});

test('nightly refreshes keep it day by day', async () => {
  await t.db.transaction((tx) => insertRandomFacts(tx, facts(12)));
  await refreshDayByDay(t.db, FROM, addDays(TO, -10), TO);
  expect(await closedSince()).toBe(addDays(TO, -CLOSED_ITEM_DAYS));
  expect(await storedList()).toEqual(await expectedList());
});

test('a refresh after changed facts, closings removed and SR41 added, recomputes what they touch', async () => {
  const middle = addDays(TO, -20);
  await t.db.transaction((tx) => insertRandomFacts(tx, facts(13)));
  await t.db.transaction((tx) => refreshRollups(tx, FROM, TO));
  const [{ removed }] = await t.db.query<{ removed: number }>(
    `WITH gone AS (DELETE FROM sr41_event e WHERE state_on >= $1 AND state IN ('PAGATO', 'SCARTATO', 'ANNULLATO')
                   AND right(sr41_id, 1) IN ('0', '1', '2', '3') RETURNING 1)
     SELECT count(*)::int AS removed FROM gone`,
    [middle]
  );
  expect(removed).toBeGreaterThan(0);
  await t.db.transaction(async (tx) => {
    await insertRandomFacts(tx, { ...facts(14, 'N', middle), applications: 60 });
    await refreshRollups(tx, middle, TO);
  });
  expect(await closedSince()).toBe(addDays(TO, -CLOSED_ITEM_DAYS));
  expect(await storedList()).toEqual(await expectedList());
});

test("a refresh after applications changed office reads their SR41's dimensions again", async () => {
  // Within the closures the list keeps, so that it is kept, not filled whole.
  const middle = addDays(TO, -20);
  await t.db.transaction((tx) => insertRandomFacts(tx, facts(17)));
  await t.db.transaction((tx) => refreshRollups(tx, FROM, TO));
  // As the loader would after a folder changing these applications: they were presented from
  // `middle` on, so the refresh starts there (refresh.ts), and all their SR41 were received since.
  const [{ moved }] = await t.db.query<{ moved: number }>(
    `WITH moved AS (
       UPDATE application a SET multi_region = NOT a.multi_region,
              office_code = (SELECT min(o.office_code) FROM office o WHERE o.region_code = a.region_code AND o.office_code <> a.office_code)
        WHERE a.presented_on >= $1 AND EXISTS (SELECT 1 FROM sr41 s WHERE s.application_id = a.application_id)
              AND EXISTS (SELECT 1 FROM office o WHERE o.region_code = a.region_code AND o.office_code <> a.office_code)
       RETURNING 1)
     SELECT count(*)::int AS moved FROM moved`,
    [middle]
  );
  expect(moved).toBeGreaterThan(0);
  await t.db.transaction((tx) => refreshRollups(tx, middle, TO));
  expect(await storedList()).toEqual(await expectedList());
  const stock = () => t.db.query('SELECT * FROM sr41_stock_daily ORDER BY 1, 2, 3, 4, 5, 6, 7, 8');
  const nightly = await stock();
  await rebuildAllRollups(t.db);
  expect(nightly).toEqual(await stock());
});

test('refreshes of several days at once, counted from the list or not, equal a full rebuild', async () => {
  await t.db.transaction((tx) => insertRandomFacts(tx, { ...facts(18), sr41StepDays: 10 }));
  await t.db.transaction((tx) => refreshRollups(tx, FROM, addDays(TO, -18)));
  // Three days and OPEN_LIST_STOCK_DAYS days from the list alone, then one day more than that.
  for (const [from, to] of [[-17, -15], [-14, -8], [-7, 0]]) {
    await t.db.transaction((tx) => refreshRollups(tx, addDays(TO, from), addDays(TO, to)));
  }
  expect(OPEN_LIST_STOCK_DAYS).toBe(7);
  const stock = () => t.db.query('SELECT * FROM sr41_stock_daily ORDER BY 1, 2, 3, 4, 5, 6, 7, 8');
  const stepped = await stock();
  await rebuildAllRollups(t.db);
  expect(stepped).toEqual(await stock());
  expect(await storedList()).toEqual(await expectedList());
});

test('a refresh from before the closures it keeps fills it whole', async () => {
  const early = addDays(TO, -CLOSED_ITEM_DAYS - 40);
  await t.db.transaction((tx) => insertRandomFacts(tx, facts(15)));
  await t.db.transaction((tx) => refreshRollups(tx, FROM, TO));
  await t.db.query(`DELETE FROM sr41_event WHERE state_on >= $1 AND state = 'PAGATO' AND right(sr41_id, 1) = '5'`, [early]);
  await t.db.transaction((tx) => refreshRollups(tx, early, TO));
  expect(await closedSince()).toBe(early);
  expect(await storedList()).toEqual(await expectedList());
});

test('nightly SR41 stocks read through the list equal a full rebuild, with SR41 open past every age band', async () => {
  // Slow SR41 (a change every 25 days on average): many stay open past 31, 61 and 91 days and
  // close later, so the days they come of age count those closed after them too.
  await t.db.transaction((tx) => insertRandomFacts(tx, { ...facts(16), applications: 400, sr41StepDays: 25 }));
  await refreshDayByDay(t.db, FROM, addDays(TO, -30), TO);
  const stock = () => t.db.query('SELECT * FROM sr41_stock_daily ORDER BY 1, 2, 3, 4, 5, 6, 7, 8');
  const nightly = await stock();
  await rebuildAllRollups(t.db);
  expect(nightly).toEqual(await stock());
  // Not vacuous: SR41 came of age on the nightly days and closed after them.
  const [{ n }] = await t.db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM sr41_open, (VALUES (31), (61), (91)) AS age (t)
      WHERE received_on + t BETWEEN $1::date AND $2::date AND closed_on > received_on + t`,
    [addDays(TO, -29), TO]
  );
  expect(n).toBeGreaterThan(0);
});
