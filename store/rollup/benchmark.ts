/**
 * Timing of the rollups at national scale (not a test): random facts the size of INPS's March
 * 2021 (≈ 4.3 M applications, ≈ 20 M SR41, ≈ 500 days) in a new database of the local
 * PostgreSQL, then a full rebuild and a one-day refresh, each statement timed.
 *
 *   npx tsx store/rollup/benchmark.ts [--scale 0.1] [--keep] [--url postgres://…] [--to AAAA-MM-GG] [--days-only | --full-only]
 *
 * --scale shrinks the number of applications (and so of SR41); --keep leaves the database and
 * prints its URL instead of dropping it; --url times the rollups of a database kept before,
 * without inserting facts again; --to is the last day rebuilt and the day refreshed (for a
 * loaded extract, its reference date); --days-only skips the full rebuild and times the one- and
 * two-day refreshes of the rollups as stored; --full-only times the full rebuild alone.
 *
 * Each statement shows its wall time and the CPU time of its server process (read from /proc,
 * so the server must run on this machine): on a machine shared with other work the wall time
 * says little, the CPU time says what the statement costs. Parallel query is switched off so
 * that one process does all the work and the CPU time is complete. After each refresh, its
 * statements are listed again, costliest first: where a change pays off.
 */
import { costedQueryable, costliest } from '../load/bench/statementCosts';
import { addDays } from '../../src/model/calendar';
import type { Database } from '../db/database';
import { openDatabase } from '../db/open';
import { vacuumStore } from '../db/vacuum';
import { insertRandomFacts } from '../testing/randomFacts';
import { createPostgresDatabase } from '../testing/testDatabase';
import { argument } from './commandLine';
import { rebuildWorkMem, refreshRollups } from './refresh';

const FROM = '2020-03-01';
const TO = '2021-07-13'; // ≈ 500 days
const NATIONAL_APPLICATIONS = 4_300_000;

const seconds = (since: number) => ((Date.now() - since) / 1000).toFixed(1);

async function timedRefresh(db: Database, label: string, from: string, to: string): Promise<void> {
  const start = Date.now();
  console.log(`${label}:`);
  await db.transaction(async (tx) => {
    await tx.query(`SET LOCAL work_mem = '${rebuildWorkMem(db)}'`); // as the loader does
    await tx.query('SET LOCAL max_parallel_workers_per_gather = 0');
    const t = await costedQueryable(tx);
    await refreshRollups(t.tx, from, to);
    console.log(`${label}: ${seconds(start)} s wall, ${t.cpu().toFixed(1)} s server cpu; costliest statements:`);
    console.log(costliest(t.costs));
  });
}

async function main() {
  const scale = Number(argument('--scale') ?? 1);
  const given = argument('--url');
  const { url, drop } = given ? { url: given, drop: async () => undefined } : await createPostgresDatabase();
  const db = await openDatabase({ url, dataDir: '' });
  try {
    if (!given) {
      const start = Date.now();
      await db.transaction((tx) =>
        insertRandomFacts(tx, { seed: 2021, applications: Math.round(NATIONAL_APPLICATIONS * scale), from: FROM, to: TO, sr41PerApplication: 11 })
      );
      await vacuumStore(db);
      console.log(`facts inserted in ${seconds(start)} s`);
    }
    const [counts] = await db.query(
      `SELECT (SELECT count(*) FROM application) AS applications, (SELECT count(*) FROM application_event) AS application_events,
              (SELECT count(*) FROM sr41) AS sr41, (SELECT count(*) FROM sr41_event) AS sr41_events`
    );
    console.log('facts:', counts);
    const to = argument('--to') ?? TO;
    if (!process.argv.includes('--days-only')) {
      await db.query('DELETE FROM rollup_coverage');
      await timedRefresh(db, 'full rebuild', FROM, to);
    }
    if (process.argv.includes('--full-only')) {
      return;
    }
    await timedRefresh(db, `one-day refresh of ${to}`, to, to);
    await timedRefresh(db, `two-day refresh of ${addDays(to, -1)}..${to}`, addDays(to, -1), to);
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
    if (given || process.argv.includes('--keep')) {
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
