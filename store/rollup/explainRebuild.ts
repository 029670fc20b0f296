/**
 * The plan of one statement of the full rebuild, as it runs on a stored store (not a test): in
 * a transaction that is rolled back, the rebuild's own settings and dimension tables, the
 * statement's table emptied, then `EXPLAIN (ANALYZE, BUFFERS, TIMING OFF)` of the statement,
 * with planner settings to try after the statement's name:
 *
 *   npx tsx store/rollup/explainRebuild.ts --url postgres://… --to 2021-08-01 payment_days_daily 'random_page_cost = 1.1'
 *
 * Prints the statement's wall time, then its plan with the rows each step really produced: what
 * benchmark.ts's CPU seconds cannot say (a spill, an estimate far from the rows). Nothing is kept.
 * The switch the rebuild sets around some statements (mergedJoins.ts: payment_days_daily and
 * paid_worker_member read through the key indexes) is not applied here: give it as a setting to
 * see the plan the rebuild runs, leave it out to see the planner's own.
 */
import type { Database, Queryable } from '../db/database';
import { openDatabase } from '../db/open';
import { argument } from './commandLine';
import { numberDimensions } from './dimensionTable';
import { applicationFlowSql, sr41FlowSql } from './flowSql';
import { decisionDaysSql, paymentDaysSql } from './histogramSql';
import { allMembersSql } from './paidWorkersSql';
import { firstFactDay, rebuildWorkMem } from './refresh';
import { dayLiteral } from './subjects';

/** Statements that read only the facts and the dimension tables, by the table they fill. */
const STATEMENTS: Record<string, (from: string, to: string) => string> = {
  application_flow_daily: (from, to) => applicationFlowSql(from, to, 'numbered'),
  sr41_flow_daily: (from, to) => sr41FlowSql(from, to, 'numbered'),
  decision_days_daily: (from, to) => decisionDaysSql(from, to, 'numbered'),
  payment_days_daily: (from, to) => paymentDaysSql(from, to, 'numbered'),
  paid_worker_member: () => allMembersSql(),
};

async function explain(db: Database, tx: Queryable, table: string, settings: string[], to: string): Promise<void> {
  await tx.query(`SET LOCAL work_mem = '${rebuildWorkMem(db)}'`); // as the loader sets it
  await tx.query('SET LOCAL max_parallel_workers_per_gather = 0'); // INSERT … SELECT is never parallel
  const from = await firstFactDay(tx);
  if (from === null) {
    throw new Error('The store holds no facts to explain a rebuild of.');
  }
  await numberDimensions(tx);
  await tx.query(`DELETE FROM ${table}`);
  for (const setting of settings) {
    await tx.query(`SET LOCAL ${setting}`);
  }
  const start = Date.now();
  const plan = await tx.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS, TIMING OFF) ${STATEMENTS[table](dayLiteral(from), dayLiteral(to))}`);
  console.log(`${table}${settings.length > 0 ? ` with ${settings.join(', ')}` : ''}: ${((Date.now() - start) / 1000).toFixed(1)} s wall`);
  console.log(plan.map((r) => r['QUERY PLAN']).join('\n'));
}

async function main() {
  const url = argument('--url');
  const to = argument('--to');
  const rest = process.argv.slice(2).filter((a, i, all) => !a.startsWith('--') && !all[i - 1]?.startsWith('--'));
  const [table, ...settings] = rest;
  if (!url || !to || !table || !(table in STATEMENTS)) {
    throw new Error(`Give --url, --to and one of these tables: ${Object.keys(STATEMENTS).join(', ')}; then planner settings to try, if any.`);
  }
  const db = await openDatabase({ url, dataDir: '' });
  if (db.kind !== 'postgres') {
    throw new Error('This script runs on PostgreSQL only.');
  }
  const rolledBack = new Error('rolled back');
  try {
    await db.transaction(async (tx) => {
      await explain(db, tx, table, settings, to);
      throw rolledBack;
    });
  } catch (e) {
    if (e !== rolledBack) {throw e;}
  } finally {
    await db.close();
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
