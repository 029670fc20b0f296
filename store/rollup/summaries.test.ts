/**
 * The tables of migration 050 on random facts: the day histograms against a plain count of the
 * decisions and payments of the raw facts; every summary against its source's rows added up
 * here in TypeScript; a partial refresh after corrections (from the middle of a month) and
 * day-by-day refreshes against a full rebuild; and migrations 051 and 056, which fill an older
 * store, against a refresh.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { addDays, daysBetween } from '../../src/model/calendar';
import type { Queryable } from '../db/database';
import { loadRawFacts, type RawFacts } from '../figures';
import { insertRandomFacts } from '../testing/randomFacts';
import { rebuildAllRollups, refreshRollups } from './refresh';
import { type Cells, entries, refreshDayByDay, rollupCells, rollupTestDatabase } from './rollupCompare';
import { DAILY_ROLLUPS, SUMMARIES, type Summary } from './summaries';

const FROM = '2020-03-01';
const TO = '2020-09-20';
const NEW_TABLES = [...new Set([...SUMMARIES.map((s) => s.table), 'decision_days_daily', 'payment_days_daily'])];
/** The histograms by scheme alone and by region alone, which migration 056 creates and fills. */
const TABLES_056 = ['decision_days_by_benefit_monthly', 'decision_days_by_region_monthly', 'payment_days_by_benefit_monthly', 'payment_days_by_region_monthly'];
const TABLES_050 = NEW_TABLES.filter((table) => !TABLES_056.includes(table));
const migration = (file: string) => readFileSync(join(__dirname, '../db/migrations', file), 'utf8');

const t = rollupTestDatabase();

const facts = (seed: number, prefix = 'H', from = FROM) => ({ seed, prefix, applications: 500, from, to: TO, sr41PerApplication: 3 });

/** Decisions (payments) per day, dimensions and days taken, counted from the item histories. */
function rawHistogram(items: RawFacts['applications'] | RawFacts['sr41'], states: string[]): Cells {
  const cells: Cells = new Map();
  for (const item of items) {
    for (const c of item.changes) {
      if (states.includes(c.state) && c.on >= FROM && c.on <= TO) {
        const key = [c.on, ...Object.values(item.dims), daysBetween(item.origin, c.on)].join('|');
        cells.set(key, (cells.get(key) ?? 0) + 1);
      }
    }
  }
  return cells;
}

const text = (v: unknown) => (typeof v === 'boolean' ? (v ? '1' : '0') : String(v));

/** A summary's rows, and its source's rows added up per month (or day) and the summary's keys. */
async function summaryAndSource(db: Queryable, s: Summary): Promise<[string[], string[]]> {
  const line = (day: string, r: Record<string, unknown>, values: number[]) =>
    JSON.stringify([day, ...s.keys.map((k) => text(r[k])), ...values.map((v) => Math.round(v * 1e6) / 1e6)]);
  const summed = new Map<string, { day: string; row: Record<string, unknown>; values: number[] }>();
  for (const r of await db.query<Record<string, unknown>>(`SELECT * FROM ${s.source}`)) {
    const day = s.grain === 'month' ? `${String(r.day).slice(0, 7)}-01` : String(r.day);
    const id = JSON.stringify([day, ...s.keys.map((k) => text(r[k]))]);
    const sum = summed.get(id) ?? { day, row: r, values: s.values.map(() => 0) };
    s.values.forEach((v, i) => (sum.values[i] += Number(r[v])));
    summed.set(id, sum);
  }
  const expected = [...summed.values()].map((x) => line(x.day, x.row, x.values)).sort();
  const actual = (await db.query<Record<string, unknown>>(`SELECT * FROM ${s.table}`))
    .map((r) => line(String(r.day), r, s.values.map((v) => Number(r[v]))))
    .sort();
  return [actual, expected];
}

/** Every row of the tables (those of migrations 050 and 056 unless told), as text. */
async function dump(db: Queryable, tables = NEW_TABLES): Promise<string[]> {
  const out: string[] = [];
  for (const table of tables) {
    const rows = await db.query(`SELECT * FROM ${table}`);
    out.push(...rows.map((r) => `${table} ${JSON.stringify(r)}`).sort());
  }
  return out;
}

test('the day histograms count every decision and payment as the raw facts give them', async () => {
  await t.db.transaction((tx) => insertRandomFacts(tx, facts(11)));
  await t.db.transaction((tx) => refreshRollups(tx, FROM, TO));
  const raw = await loadRawFacts(t.db);
  const decisions = rawHistogram(raw.applications, ['AUTORIZZATA', 'RESPINTA']);
  const payments = rawHistogram(raw.sr41, ['PAGATO']);
  expect(entries(await rollupCells(t.db, 'decision_days_daily', 'decisions', ['days']))).toEqual(entries(decisions));
  expect(entries(await rollupCells(t.db, 'payment_days_daily', 'payments', ['days']))).toEqual(entries(payments));
  expect(decisions.size).toBeGreaterThan(100);
  expect(payments.size).toBeGreaterThan(100);
});

/** Every summary against its source's rows added up here. */
async function expectSummariesOfSources(db: Queryable): Promise<void> {
  for (const s of SUMMARIES) {
    const [actual, expected] = await summaryAndSource(db, s);
    expect({ table: s.table, rows: actual }).toEqual({ table: s.table, rows: expected });
    expect({ table: s.table, some: actual.length > 10 }).toEqual({ table: s.table, some: true });
  }
}

test('every summary holds its source rows added up over months or without the office', async () => {
  await t.db.transaction((tx) => insertRandomFacts(tx, facts(12)));
  await t.db.transaction((tx) => refreshRollups(tx, FROM, TO));
  await expectSummariesOfSources(t.db);
});

test('a partial refresh from the middle of a month after corrections equals a full rebuild', async () => {
  const middle = '2020-07-17';
  await t.db.transaction((tx) => insertRandomFacts(tx, facts(13)));
  await t.db.transaction((tx) => refreshRollups(tx, FROM, TO));
  await t.db.transaction(async (tx) => {
    // New items from the middle on, and histories cut back there (a prefix of a valid history is valid).
    await insertRandomFacts(tx, { ...facts(14, 'N', middle), applications: 120 });
    await tx.query(
      `DELETE FROM application_event e WHERE state_on >= $1 AND right(application_id, 1) IN ('1', '2', '3')
         AND e.state_on > (SELECT min(state_on) FROM application_event f WHERE f.application_id = e.application_id)`,
      [middle]
    );
    await tx.query(
      `DELETE FROM sr41_event e WHERE state_on >= $1 AND right(sr41_id, 1) IN ('0', '5')
         AND e.state_on > (SELECT min(state_on) FROM sr41_event f WHERE f.sr41_id = e.sr41_id)`,
      [middle]
    );
    await refreshRollups(tx, middle, TO);
  });
  await expectSummariesOfSources(t.db);
  const partial = await dump(t.db);
  await rebuildAllRollups(t.db);
  expect(partial).toEqual(await dump(t.db));
});

test('refreshing day by day, as the nightly loads do, equals a full rebuild', async () => {
  await t.db.transaction((tx) => insertRandomFacts(tx, { ...facts(15), applications: 300 }));
  const start = addDays(TO, -8);
  await refreshDayByDay(t.db, FROM, start, TO);
  const daily = await dump(t.db);
  await rebuildAllRollups(t.db);
  expect(daily).toEqual(await dump(t.db));
});

test('migration 051 fills a store loaded before migration 050 as a refresh does', async () => {
  await t.db.transaction((tx) => insertRandomFacts(tx, facts(16)));
  await t.db.transaction((tx) => refreshRollups(tx, FROM, TO));
  const refreshed = await dump(t.db, TABLES_050);
  await t.db.exec(TABLES_050.map((table) => `DELETE FROM ${table};`).join(' '));
  await t.db.exec(migration('051_rollup_summaries_fill.sql'));
  expect(await dump(t.db, TABLES_050)).toEqual(refreshed);
});

test('migration 056 creates and fills its histograms on a store loaded before it as a refresh does', async () => {
  await t.db.transaction((tx) => insertRandomFacts(tx, facts(17)));
  await t.db.transaction((tx) => refreshRollups(tx, FROM, TO));
  const refreshed = await dump(t.db, TABLES_056);
  expect(refreshed.length).toBeGreaterThan(100);
  await t.db.transaction(async (tx) => {
    await tx.exec(TABLES_056.map((table) => `DROP TABLE ${table};`).join(' '));
    await tx.exec(migration('056_histogram_breakdown_summaries.sql'));
  });
  expect(await dump(t.db, TABLES_056)).toEqual(refreshed);
});
