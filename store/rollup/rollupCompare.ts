/**
 * Test helpers: the rollup tables and the raw figures (store/figures) as comparable maps,
 * keyed by day and dimension values, so a test can say "every cell is equal".
 */
import { BASE_DIMENSIONS, type Dimension } from '../../src/model/measures';
import { addDays } from '../../src/model/calendar';
import type { Database, Queryable } from '../db/database';
import { openTestDatabase, type TestDatabase } from '../testing/testDatabase';
import { rawFigure, type RawFacts, type RawFigureQuery, type RawRange } from '../figures';
import { refreshRollups } from './refresh';
import { DAILY_ROLLUPS, SUMMARIES } from './summaries';
import { AGE_BAND_COLUMNS, DIMENSION_COLUMNS } from './subjects';

/** day|regione|sede|prestazione|causale|modalita|plurilocalizzata|extra… → value */
export type Cells = Map<string, number>;

const round = (v: number) => Math.round(v * 1e6) / 1e6;

function put(cells: Cells, key: string, value: number) {
  const v = round((cells.get(key) ?? 0) + value);
  if (v === 0) {
    cells.delete(key);
  } else {
    cells.set(key, v);
  }
}

/** Σ `expression` per day, dimensions and `extra` columns of a rollup table; zero cells left out. */
export async function rollupCells(db: Queryable, table: string, expression: string, extra: string[] = [], where = 'true'): Promise<Cells> {
  const columns = ['day', ...DIMENSION_COLUMNS, ...extra];
  const rows = await db.query<Record<string, unknown>>(
    `SELECT ${columns.join(', ')}, sum(${expression})::float8 AS value FROM ${table} WHERE ${where} GROUP BY ${columns.join(', ')}`
  );
  const cells: Cells = new Map();
  for (const r of rows) {
    const key = columns.map((c) => (typeof r[c] === 'boolean' ? (r[c] ? '1' : '0') : String(r[c]))).join('|');
    put(cells, key, Number(r.value));
  }
  return cells;
}

/** A raw figure per day, grouped by every base dimension and `extra`, as cells. */
export async function rawCells(facts: RawFacts, query: Omit<RawFigureQuery, 'groupBy' | 'interval'>, range: RawRange, extra: Dimension[] = []): Promise<Cells> {
  const groupBy = [...BASE_DIMENSIONS, ...extra];
  const cells: Cells = new Map();
  for (const row of await rawFigure(facts, { ...query, groupBy, interval: 'day' }, range)) {
    cells.set([row.bucket, ...groupBy.map((d) => row.group[d])].join('|'), round(row.value ?? 0));
  }
  return cells;
}

/** Cells of a stock table per age band, keyed with the AGE_BANDS id the raw figures use. */
export async function rollupAgeBandCells(db: Queryable, table: string, bandIds: readonly string[]): Promise<Cells> {
  const cells: Cells = new Map();
  for (const [k, column] of AGE_BAND_COLUMNS.entries()) {
    for (const [key, value] of await rollupCells(db, table, column, ['state'])) {
      put(cells, `${key}|${bandIds[k]}`, value);
    }
  }
  return cells;
}

/** The cells as sorted entries, for a readable diff in a failing test. */
export const entries = (cells: Cells) => [...cells.entries()].sort(([a], [b]) => (a < b ? -1 : 1));

/**
 * Refreshes the rollups as a store fed every night would be: from..start in one refresh, then
 * each following day up to `to` in its own transaction (one nightly load each).
 */
export async function refreshDayByDay(db: Database, from: string, start: string, to: string): Promise<void> {
  await db.transaction((tx) => refreshRollups(tx, from, start));
  for (let d = addDays(start, 1); d <= to; d = addDays(d, 1)) {
    await db.transaction((tx) => refreshRollups(tx, d, d));
  }
}

/**
 * One database for a test file (opening one is slow), every test starting with no facts and no
 * rollups: the daily rollups, the summaries, `tables` and the coverage emptied, then `after` run
 * (settings put back, say).
 */
export function rollupTestDatabase(tables: readonly string[] = [], after = ''): { readonly db: Database } {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase();
  });
  afterAll(async () => {
    await t.close();
  });
  beforeEach(async () => {
    const emptied = [...Object.keys(DAILY_ROLLUPS), ...SUMMARIES.map((x) => x.table), ...tables, 'rollup_coverage'];
    await t.db.exec(`${emptied.map((x) => `DELETE FROM ${x};`).join(' ')}
      DELETE FROM sr41_event; DELETE FROM sr41; DELETE FROM application_event; DELETE FROM application; DELETE FROM load_run; ${after}`);
  });
  return {
    get db() {
      return t.db;
    },
  };
}
