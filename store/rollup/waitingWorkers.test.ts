/**
 * The worker counts of migrations 052 and 057 on random facts: waiting workers and alta
 * criticità on every day, workers paid in every month and over every range of months, for each
 * grouping, against the plain computation
 * from the raw facts (store/figures), with the default and a lowered threshold; a partial refresh
 * after corrections and day-by-day refreshes against a full rebuild.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Dimension } from '../../src/model/measures';
import { addDays, bucketEnd } from '../../src/model/calendar';
import type { Database, Queryable } from '../db/database';
import { loadRawFacts, rawFigure } from '../figures';
import { insertRandomFacts } from '../testing/randomFacts';
import { rebuildAllRollups, refreshRollups } from './refresh';
import { refreshDayByDay, rollupTestDatabase } from './rollupCompare';

const FROM = '2020-03-01';
const TO = '2020-08-20';
const TABLES = ['worker_first_payment', 'sr41_waiting', 'waiting_worker_daily', 'waiting_worker_coverage', 'paid_worker_member', 'paid_worker_previous_month'];

const t = rollupTestDatabase(TABLES, `UPDATE setting SET value = 30 WHERE name = 'high_criticality_days';`);

// Few workers with several SR41 each, so that workers wait in more than one group.
const facts = (seed: number, prefix = 'W', from = FROM) => ({ seed, prefix, applications: 250, from, to: TO, sr41PerApplication: 4 });

const GROUPINGS: Array<{ groupBy: Dimension[]; columns: Record<string, Dimension | null> }> = [
  { groupBy: [], columns: { region_code: null, office_code: null, benefit: null } },
  { groupBy: ['regione'], columns: { region_code: 'regione', office_code: null, benefit: null } },
  { groupBy: ['sede'], columns: { region_code: null, office_code: 'sede', benefit: null } },
  { groupBy: ['prestazione'], columns: { region_code: null, office_code: null, benefit: 'prestazione' } },
  { groupBy: ['regione', 'prestazione'], columns: { region_code: 'regione', office_code: null, benefit: 'prestazione' } },
];

/** Rows of a worker-count table (or subquery) at one grouping, as sorted "day group value" lines. */
async function storedLines(db: Queryable, table: string, column: string, g: (typeof GROUPINGS)[number], until: string): Promise<string[]> {
  const where = Object.entries(g.columns).map(([c, d]) => (d ? `${c} <> ''` : `${c} = ''`));
  const rows = await db.query<Record<string, unknown>>(
    `SELECT day::text AS day, region_code, office_code, benefit, ${column} AS value FROM ${table}
      WHERE ${where.join(' AND ')} AND ${column} > 0 AND day <= '${until}'`
  );
  const columnOf = (d: Dimension) => Object.keys(g.columns).find((c) => g.columns[c] === d)!;
  return rows.map((r) => `${r.day} ${g.groupBy.map((d) => r[columnOf(d)]).join('|')} ${r.value}`).sort();
}

/** Raw figure rows with a value, as the same lines. */
function rawLines(rows: Awaited<ReturnType<typeof rawFigure>>, groupBy: Dimension[]): string[] {
  return rows.filter((r) => (r.value ?? 0) > 0).map((r) => `${r.bucket} ${groupBy.map((d) => r.group[d]).join('|')} ${r.value}`).sort();
}

/** Waiting and alta criticità counts of every day, per grouping, stored and raw. */
async function expectCountsEqualRaw(db: Queryable) {
  const facts = await loadRawFacts(db);
  for (const g of GROUPINGS) {
    for (const [measure, column] of [['lavoratori_in_attesa', 'waiting'], ['alta_criticita', 'high_critical']] as const) {
      const raw = rawLines(await rawFigure(facts, { subject: 'sr41', measure, groupBy: g.groupBy, interval: 'day' }, { from: FROM, to: TO }), g.groupBy);
      const stored = await storedLines(db, 'waiting_worker_daily', column, g, TO);
      expect({ measure, groupBy: g.groupBy, rows: stored }).toEqual({ measure, groupBy: g.groupBy, rows: raw });
      expect({ measure, groupBy: g.groupBy, some: raw.length > 20 }).toEqual({ measure, groupBy: g.groupBy, some: true });
    }
  }
}

/**
 * Workers paid per whole month of the facts, per grouping, raw and as paid_worker_previous_month
 * counts a month alone: the sum of its rows with day = the month, every previous_day before it.
 */
const MONTH_ALONE = `(SELECT day, region_code, office_code, benefit, sum(workers)::integer AS workers
  FROM paid_worker_previous_month WHERE previous_day < day GROUP BY 1, 2, 3, 4) AS month_alone`;

async function expectPaidWorkersEqualRaw(db: Queryable) {
  const facts = await loadRawFacts(db);
  const months = { from: FROM, to: '2020-07-31' };
  for (const g of GROUPINGS) {
    const raw = rawLines(await rawFigure(facts, { subject: 'sr41', measure: 'lavoratori_pagati', groupBy: g.groupBy, interval: 'month' }, months), g.groupBy);
    const stored = await storedLines(db, MONTH_ALONE, 'workers', g, months.to);
    expect({ groupBy: g.groupBy, rows: stored }).toEqual({ groupBy: g.groupBy, rows: raw });
    expect({ groupBy: g.groupBy, some: raw.length >= 4 }).toEqual({ groupBy: g.groupBy, some: true });
  }
}

/** The months of the facts, as their first days. */
const MONTHS = ['2020-03-01', '2020-04-01', '2020-05-01', '2020-06-01', '2020-07-01', '2020-08-01'];

/**
 * Workers paid over every range of whole months of the facts (interval none), per grouping, as
 * paid_worker_previous_month counts them (each worker at their first month paid in the range)
 * and as the raw facts do. Some ranges count fewer workers than their months add up to.
 */
async function expectPaidWorkerRangesEqualRaw(db: Queryable) {
  const facts = await loadRawFacts(db);
  for (const g of GROUPINGS) {
    const where = Object.entries(g.columns).map(([c, d]) => (d ? `${c} <> ''` : `${c} = ''`));
    const columnOf = (d: Dimension) => Object.keys(g.columns).find((c) => g.columns[c] === d)!;
    const stored: string[] = [];
    const raw: string[] = [];
    for (const [i, first] of MONTHS.entries()) {
      for (const last of MONTHS.slice(i)) {
        const rows = await db.query<Record<string, unknown>>(
          `SELECT region_code, office_code, benefit, sum(workers) AS value FROM paid_worker_previous_month
            WHERE ${where.join(' AND ')} AND day BETWEEN $1 AND $2 AND previous_day < $1 GROUP BY 1, 2, 3`,
          [first, last]
        );
        stored.push(...rows.map((r) => `${first}..${last} ${g.groupBy.map((d) => r[columnOf(d)]).join('|')} ${Number(r.value)}`));
        const range = { from: first, to: bucketEnd(last, 'month') };
        const figure = await rawFigure(facts, { subject: 'sr41', measure: 'lavoratori_pagati', groupBy: g.groupBy, interval: 'none' }, range);
        raw.push(...rawLines(figure, g.groupBy).map((line) => `${first}..${last}${line.slice(line.indexOf(' '))}`));
      }
    }
    expect({ groupBy: g.groupBy, rows: stored.sort() }).toEqual({ groupBy: g.groupBy, rows: raw.sort() });
    expect({ groupBy: g.groupBy, some: raw.length >= 21 }).toEqual({ groupBy: g.groupBy, some: true });
  }
  // Workers paid in more than one month: the whole range counts fewer than its months add up to.
  const italy = async (first: string, last: string) =>
    (await rawFigure(facts, { subject: 'sr41', measure: 'lavoratori_pagati', interval: 'none' }, { from: first, to: bucketEnd(last, 'month') }))[0].value!;
  let months = 0;
  for (const m of MONTHS) {
    months += await italy(m, m);
  }
  expect(await italy(MONTHS[0], MONTHS[MONTHS.length - 1])).toBeLessThan(months);
}

/**
 * The members whose paid_until (063) is not the day of their last payment, found by a plain
 * query over the payments (exact), or lies outside [that day, the month's last day] (a bound:
 * a partial refresh may leave a later day of the month).
 */
async function paidUntilMisses(db: Queryable, exact: boolean): Promise<unknown[]> {
  return db.query(
    `SELECT m.*, l.last_paid_on FROM paid_worker_member m
       LEFT JOIN (SELECT date_trunc('month', e.state_on::timestamp)::date AS day, s.worker_pseudonym, a.region_code, a.office_code,
                         a.benefit, max(e.state_on) AS last_paid_on
                    FROM sr41_event e JOIN sr41 s USING (sr41_id) JOIN application a USING (application_id)
                   WHERE e.state = 'PAGATO' GROUP BY 1, 2, 3, 4, 5) l
         ON l.day = m.day AND l.worker_pseudonym = m.worker_pseudonym AND l.region_code = m.region_code
        AND l.office_code = m.office_code AND l.benefit = m.benefit
      WHERE l.last_paid_on IS NULL OR ${exact ? 'm.paid_until <> l.last_paid_on' : `m.paid_until < l.last_paid_on OR m.paid_until >= m.day + interval '1 month'`}`
  );
}

/** The worker tables, row by row; a member's paid_until, a bound, is checked apart and left out. */
async function dump(db: Queryable): Promise<string[]> {
  expect(await paidUntilMisses(db, false)).toEqual([]);
  const out: string[] = [];
  for (const table of TABLES) {
    const columns = table === 'paid_worker_member' ? 'day, worker_pseudonym, region_code, office_code, benefit, first_paid_on' : '*';
    out.push(...(await db.query(`SELECT ${columns} FROM ${table}`)).map((r) => `${table} ${JSON.stringify(r)}`).sort());
  }
  return out;
}

/**
 * A correction: SR41 state changes dated from `from` on removed (payments, cancellations), never an
 * SR41's first, and some SR41 received from `from` on removed whole.
 */
async function removeSomeChangesFrom(tx: Queryable, from: string): Promise<void> {
  await tx.query(
    `DELETE FROM sr41_event e WHERE state_on >= $1 AND right(sr41_id, 1) IN ('0', '3', '7')
       AND e.state_on > (SELECT min(state_on) FROM sr41_event f WHERE f.sr41_id = e.sr41_id)`,
    [from]
  );
  // Whole SR41 received from `from` on go too, with their changes: their stored rows must go.
  const gone = `SELECT sr41_id FROM sr41 WHERE received_on >= $1 AND right(sr41_id, 1) = '8'`;
  await tx.query(`DELETE FROM sr41_event WHERE sr41_id IN (${gone})`, [from]);
  await tx.query(`DELETE FROM sr41 WHERE sr41_id IN (${gone})`, [from]);
}

/** The stored worker counts equal the raw facts' and, row for row, a full rebuild's. */
async function expectRawAndRebuildEqual(db: Database): Promise<void> {
  const stored = await dump(db);
  await expectCountsEqualRaw(db);
  await expectPaidWorkersEqualRaw(db);
  await expectPaidWorkerRangesEqualRaw(db);
  await rebuildAllRollups(db);
  expect(stored).toEqual(await dump(db));
  expect(await paidUntilMisses(db, true)).toEqual([]);
}

test('every day and group counts the waiting workers and those in alta criticità, every month and range of months the workers paid, as the raw facts do', async () => {
  await t.db.transaction((tx) => insertRandomFacts(tx, facts(21)));
  await t.db.transaction((tx) => refreshRollups(tx, FROM, TO));
  await expectCountsEqualRaw(t.db);
  await expectPaidWorkersEqualRaw(t.db);
  await expectPaidWorkerRangesEqualRaw(t.db);
});

test('with the alta criticità threshold lowered, the counts follow the setting', async () => {
  await t.db.query(`UPDATE setting SET value = 9 WHERE name = 'high_criticality_days'`);
  await t.db.transaction((tx) => insertRandomFacts(tx, facts(22)));
  await rebuildAllRollups(t.db);
  await expectCountsEqualRaw(t.db);
});

test('a partial refresh after corrections (payments, cancellations and SR41 removed, new SR41, attributes changed) equals a full rebuild', async () => {
  const middle = '2020-06-12';
  await t.db.transaction((tx) => insertRandomFacts(tx, facts(23)));
  await t.db.transaction((tx) => refreshRollups(tx, FROM, TO));
  await t.db.transaction(async (tx) => {
    await insertRandomFacts(tx, { ...facts(24, 'N', middle), applications: 60 });
    await removeSomeChangesFrom(tx, middle);
    // A changed attribute touches the item's start day (store/load/facts.ts firstTouchedDay):
    // SR41 moved to another worker, applications moved to another scheme, from the middle on.
    await tx.query(
      `UPDATE sr41 SET worker_pseudonym = (SELECT min(worker_pseudonym) FROM sr41)
        WHERE received_on >= $1 AND right(sr41_id, 1) IN ('1', '4')`,
      [middle]
    );
    await tx.query(
      `UPDATE application SET benefit = CASE benefit WHEN 'CIGO' THEN 'ASO' ELSE 'CIGO' END
        WHERE presented_on >= $1 AND right(application_id, 1) IN ('2', '5')`,
      [middle]
    );
    await refreshRollups(tx, middle, TO);
  });
  await expectRawAndRebuildEqual(t.db);
});

test('refreshing day by day, as the nightly loads do, equals a full rebuild', async () => {
  await t.db.transaction((tx) => insertRandomFacts(tx, { ...facts(25), applications: 150 }));
  const start = addDays(TO, -6);
  await refreshDayByDay(t.db, FROM, start, TO);
  const daily = await dump(t.db);
  await rebuildAllRollups(t.db);
  expect(daily).toEqual(await dump(t.db));
});

/** Facts tables, parents first, with each row's day: the facts known at a day are those dated up to it. */
const DATED_FACTS = [
  { table: 'application', day: 'presented_on', parent: null },
  { table: 'application_event', day: 'state_on', parent: 'application_id IN (SELECT application_id FROM application)' },
  { table: 'sr41', day: 'received_on', parent: 'application_id IN (SELECT application_id FROM application)' },
  { table: 'sr41_event', day: 'state_on', parent: 'sr41_id IN (SELECT sr41_id FROM sr41)' },
];

/** Moves the facts dated after `day` aside (held_* tables), to be brought back one day at a time. */
async function holdFactsAfter(db: Queryable, day: string): Promise<void> {
  for (const { table, day: column } of DATED_FACTS) {
    await db.query(`CREATE TABLE held_${table} AS SELECT * FROM ${table} WHERE ${column} > $1`, [day]);
  }
  for (const { table, day: column } of [...DATED_FACTS].reverse()) {
    await db.query(`DELETE FROM ${table} WHERE ${column} > $1`, [day]);
  }
  // Changes dated up to `day` of items held back come back with their items.
  for (const { table, parent } of DATED_FACTS.filter((f) => f.parent)) {
    await db.query(`INSERT INTO held_${table} SELECT * FROM ${table} WHERE NOT (${parent})`);
    await db.query(`DELETE FROM ${table} WHERE NOT (${parent})`);
  }
}

/** Brings back the held facts dated up to `day` whose item is there. */
async function releaseFactsUpTo(tx: Queryable, day: string): Promise<void> {
  for (const { table, day: column, parent } of DATED_FACTS) {
    await tx.query(`INSERT INTO ${table} SELECT * FROM held_${table} WHERE ${column} <= $1 AND ${parent ?? 'true'}`, [day]);
    await tx.query(`DELETE FROM held_${table} WHERE ${column} <= $1 AND ${parent ?? 'true'}`, [day]);
  }
}

test('nightly loads that each add the next day, then a correction of the past, equal a full rebuild and the raw facts', async () => {
  await t.db.transaction((tx) => insertRandomFacts(tx, { ...facts(26), applications: 150 }));
  const start = addDays(TO, -40);
  await holdFactsAfter(t.db, start);
  try {
    await t.db.transaction((tx) => refreshRollups(tx, FROM, start));
    // Each night the facts of one more day arrive: the worker counts are brought forward from them.
    for (let d = addDays(start, 1); d <= TO; d = addDays(d, 1)) {
      await t.db.transaction(async (tx) => {
        await releaseFactsUpTo(tx, d);
        await refreshRollups(tx, d, d);
      });
    }
    const [{ held }] = await t.db.query<{ held: number }>(
      `SELECT (SELECT count(*) FROM held_application) + (SELECT count(*) FROM held_sr41) + (SELECT count(*) FROM held_sr41_event) AS held`
    );
    expect(Number(held)).toBe(0);
    await expectPaidWorkerRangesEqualRaw(t.db);
    const nightly = await dump(t.db);
    await rebuildAllRollups(t.db);
    expect(nightly).toEqual(await dump(t.db));
    // A correction of the past after the nightly loads: payments and cancellations removed.
    const middle = addDays(start, -30);
    await t.db.transaction(async (tx) => {
      await removeSomeChangesFrom(tx, middle);
      await refreshRollups(tx, middle, TO);
    });
    await expectRawAndRebuildEqual(t.db);
  } finally {
    for (const { table } of DATED_FACTS) {
      await t.db.query(`DROP TABLE IF EXISTS held_${table}`);
    }
  }
});

test('migration 063 gives the members of a store loaded before it their first payments, as a refresh does', async () => {
  await t.db.transaction((tx) => insertRandomFacts(tx, facts(27)));
  await t.db.transaction((tx) => refreshRollups(tx, FROM, TO));
  const refreshed = await dump(t.db);
  await t.db.transaction(async (tx) => {
    // The member table as migration 062 left it, then 063.
    await tx.exec(`ALTER TABLE paid_worker_member DROP COLUMN first_paid_on;
      ALTER TABLE paid_worker_member RENAME COLUMN paid_until TO last_paid_on;
      ALTER INDEX paid_worker_member_paid_until RENAME TO paid_worker_member_last_paid_on;`);
    await tx.exec(readFileSync(join(__dirname, '../db/migrations/063_paid_worker_member_first_payment.sql'), 'utf8'));
  });
  expect(await dump(t.db)).toEqual(refreshed);
  expect(await paidUntilMisses(t.db, true)).toEqual([]);
});
