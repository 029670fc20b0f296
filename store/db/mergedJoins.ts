import type { Queryable } from './database';

/** Planner and executor settings for one statement, by name. */
export type StatementSettings = Readonly<Record<string, string>>;

/**
 * Runs `sql` with some settings changed, then puts the caller's values back, and returns its rows.
 * A failed statement aborts the transaction, which undoes the settings with everything else.
 */
export async function queryWithSettings<T = Record<string, unknown>>(tx: Queryable, settings: StatementSettings, sql: string): Promise<T[]> {
  const changed = Object.entries(settings);
  const previous: Array<[string, string]> = [];
  for (const [name, value] of changed) {
    const [{ was }] = await tx.query<{ was: string }>(`SELECT current_setting($1) AS was`, [name]);
    previous.push([name, was]);
    await tx.query(`SELECT set_config($1, $2, true)`, [name, value]);
  }
  const rows = await tx.query<T>(sql);
  for (const [name, was] of previous) {
    await tx.query(`SELECT set_config($1, $2, true)`, [name, was]);
  }
  return rows;
}

/** The planner's hash joins off: see queryWithMergedJoins. */
export const MERGED_JOINS: StatementSettings = { enable_hashjoin: 'off' };

/**
 * The memory of each sort of a statement whose windows sort tens of millions of rows: a sixteenth
 * of the loader's 256 MB (loadFolder.ts), which its hash joins need. PostgreSQL sorts such a mass
 * as fast or faster in runs of 16 MB merged from disk than in one pass in memory. Measured on the
 * national history, each statement alternated between settings in one transaction on two
 * machines (bench/README.md, "Window sorts in less memory"), s at 256 / 64 / 16 MB: a
 * waiting-worker count 25.3-25.7 / 23.2-23.5 / 21.3-21.4; the staged SR41 keys' windows
 * 46.7-48.6 / 44.0-44.1 / 34.4-42.1; the applications' stock 44.3 / 41.6 / 40.4 on one machine,
 * 68.7-70.3 / 65.7-65.8 / 69.0 on the other. The same smaller memory for every statement slowed
 * the hash joins by more, and the SR41 stock's merged windows too (refresh.ts).
 * It holds on PGlite too, whose loader has 64 MB for the other statements; not measured there.
 */
export const WINDOW_SORTS: StatementSettings = { work_mem: '16MB' };

/**
 * Runs `sql` with the planner's hash joins off. For the full rebuild's joins of tens of millions
 * of SR41 and their changes by key, where nothing else is joined that a merge would have to sort
 * for: the history load writes both in key order (store/load/facts.ts), so a merge join reads each
 * once through its key index, where the hash join the planner prefers spills both to disk in
 * batches. Measured on the national store (bench/README.md, "Facts in key order and merged
 * joins"): the workers' first payments 76 -> 35 s as a plain SELECT, 105 -> 61 s of server CPU
 * in the history load.
 */
export async function queryWithMergedJoins(tx: Queryable, sql: string): Promise<void> {
  await queryWithSettings(tx, MERGED_JOINS, sql);
}

/**
 * Runs `sql` with a random page read costed at 1.1 sequential ones (PostgreSQL's default, 4, is
 * for spinning disks). For the full rebuild's statements that join the SR41 with their changes
 * and then their applications' dimensions: the planner then merges the first two through their
 * key indexes, as queryWithMergedJoins would, yet still hashes the dimensions, which hash joins
 * off would have it sort tens of millions of rows for. Measured on the national store, vacuumed
 * (bench/README.md, "One machine, both codes at once; reads through the key indexes for the
 * payment figures"), each statement alone: payment_days_daily 111.4 and 109.0 -> 73.3 and 75.0 s,
 * paid_worker_member 165.5 and 160.6 -> 140.1 and 137.1 s. That is a rebuild of a stored store
 * (a change of the thresholds, refresh.ts rebuildAllRollups). Inside the history load's own
 * transaction, before its VACUUM, the planner still hashes them (auto_explain of the load),
 * likely because without a visibility map it costs an index-only scan as reading the table as
 * well. The flows join every kind of change, and it hashes those in any case.
 */
export async function queryWithKeyIndexReads(tx: Queryable, sql: string): Promise<void> {
  await queryWithSettings(tx, { random_page_cost: '1.1' }, sql);
}
