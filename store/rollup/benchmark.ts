/**
 * Timing of the rollups at national scale (not a test): random facts the size of INPS's March
 * 2021 (≈ 4.3 M applications, ≈ 20 M SR41, ≈ 500 days) in a new database of the local
 * PostgreSQL, then a full rebuild and a one-day refresh, each statement timed.
 *
 *   npx tsx store/rollup/benchmark.ts [--scale 0.1] [--keep]
 *
 * --scale shrinks the number of applications (and so of SR41); --keep leaves the database and
 * prints its URL instead of dropping it.
 */
import { addDays } from '../../src/model/calendar';
import type { Queryable } from '../db/database';
import { openDatabase } from '../db/open';
import { insertRandomFacts } from '../testing/randomFacts';
import { createPostgresDatabase } from '../testing/testDatabase';
import { refreshRollups } from './refresh';

const FROM = '2020-03-01';
const TO = '2021-07-13'; // ≈ 500 days
const NATIONAL_APPLICATIONS = 4_300_000;

function argument(name: string): string | undefined {
  const k = process.argv.indexOf(name);
  return k < 0 ? undefined : process.argv[k + 1];
}

const seconds = (since: number) => ((Date.now() - since) / 1000).toFixed(1);

/** Logs each statement's duration: which part of a refresh costs what. */
function timed(tx: Queryable): Queryable {
  return {
    ...tx,
    async query(sql, params) {
      const start = Date.now();
      const rows = await tx.query(sql, params);
      const what = sql.trim().split('\n')[0].slice(0, 70);
      console.log(`    ${seconds(start).padStart(6)} s  ${what}`);
      return rows as never;
    },
  };
}

async function main() {
  const scale = Number(argument('--scale') ?? 1);
  const { url, drop } = await createPostgresDatabase();
  const db = await openDatabase({ url, dataDir: '' });
  try {
    let start = Date.now();
    await db.transaction((tx) =>
      insertRandomFacts(tx, { seed: 2021, applications: Math.round(NATIONAL_APPLICATIONS * scale), from: FROM, to: TO, sr41PerApplication: 11 })
    );
    await db.exec('ANALYZE');
    const [counts] = await db.query(
      `SELECT (SELECT count(*) FROM application) AS applications, (SELECT count(*) FROM application_event) AS application_events,
              (SELECT count(*) FROM sr41) AS sr41, (SELECT count(*) FROM sr41_event) AS sr41_events`
    );
    console.log(`facts inserted in ${seconds(start)} s:`, counts);

    start = Date.now();
    console.log('full rebuild:');
    await db.transaction((tx) => refreshRollups(timed(tx), FROM, TO));
    console.log(`full rebuild: ${seconds(start)} s`);

    for (const day of [TO, addDays(TO, -1)]) {
      start = Date.now();
      console.log(`one-day refresh of ${day}:`);
      await db.transaction((tx) => refreshRollups(timed(tx), day, TO));
      console.log(`one-day refresh (${day}..${TO}): ${seconds(start)} s`);
    }
    const sizes = await db.query(
      `SELECT (SELECT count(*) FROM application_flow_daily) AS application_flow_rows,
              (SELECT count(*) FROM application_stock_daily) AS application_stock_rows,
              (SELECT count(*) FROM sr41_flow_daily) AS sr41_flow_rows,
              (SELECT count(*) FROM sr41_stock_daily) AS sr41_stock_rows,
              (SELECT sum(age_0_30 + age_31_60 + age_61_90 + age_91_180 + age_over_180) FROM application_stock_daily WHERE day = DATE '2021-03-31') AS applications_open_2021_03_31,
              (SELECT sum(age_0_30 + age_31_60 + age_61_90 + age_91_180 + age_over_180) FROM sr41_stock_daily WHERE day = DATE '2021-03-31') AS sr41_open_2021_03_31`
    );
    console.log('rollups:', sizes[0]);
  } finally {
    await db.close();
    if (process.argv.includes('--keep')) {
      console.log(`kept: ${url}`);
    } else {
      await drop();
    }
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
