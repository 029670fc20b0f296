/**
 * `npx tsx bench/apiPrepare.ts`: readies a store loaded before migrations 050-053 for bench:api.
 * Opening it applies the migrations (051 and 053 fill the summaries, histograms and paid-worker
 * counts from what is stored); then the waiting-worker counts are computed for every day the
 * rollups cover, as the store's next load would do, and the planner statistics refreshed.
 * Prints how long each step took. Store: DASMO_DATABASE_URL (PostgreSQL).
 */
import { openDatabase } from '../store/db/open';
import { rebuildWorkMem } from '../store/rollup/refresh';
import { refreshWaitingWorkers } from '../store/rollup/waitingWorkersSql';

async function main(): Promise<number> {
  const url = process.env.DASMO_DATABASE_URL;
  if (!url) {
    process.stderr.write('apiPrepare needs DASMO_DATABASE_URL: the PostgreSQL store to make ready.\n');
    return 2;
  }
  let started = Date.now();
  const db = await openDatabase({ url, dataDir: '' });
  process.stdout.write(`Migrations applied in ${Math.round((Date.now() - started) / 1000)} s.\n`);
  started = Date.now();
  await db.transaction(async (tx) => {
    await tx.query(`SET LOCAL work_mem = '${rebuildWorkMem(db)}'`);
    const [coverage] = await tx.query<{ first_day: string; last_day: string }>(
      'SELECT first_day::text AS first_day, last_day::text AS last_day FROM rollup_coverage'
    );
    const [done] = await tx.query('SELECT 1 FROM waiting_worker_coverage');
    if (coverage && !done) {
      await refreshWaitingWorkers(tx, coverage.first_day, coverage.last_day, false);
    }
  });
  process.stdout.write(`Waiting-worker counts in ${Math.round((Date.now() - started) / 1000)} s.\n`);
  started = Date.now();
  await db.query('ANALYZE');
  process.stdout.write(`Statistics in ${Math.round((Date.now() - started) / 1000)} s.\n`);
  await db.close();
  return 0;
}

main().then(
  (code) => (process.exitCode = code),
  (e) => {
    process.stderr.write(`apiPrepare: ${(e as Error).message}\n`);
    process.exitCode = 1;
  }
);
