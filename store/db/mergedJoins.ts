import type { Queryable } from './database';

/**
 * Runs `sql` with one planner setting changed, then puts the caller's value back. A failed
 * statement aborts the transaction, which undoes the setting with everything else.
 */
export async function queryWithSetting(tx: Queryable, name: string, value: string, sql: string): Promise<void> {
  const [{ previous }] = await tx.query<{ previous: string }>(`SELECT current_setting($1) AS previous`, [name]);
  await tx.query(`SELECT set_config($1, $2, true)`, [name, value]);
  await tx.query(sql);
  await tx.query(`SELECT set_config($1, $2, true)`, [name, previous]);
}

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
  await queryWithSetting(tx, 'enable_hashjoin', 'off', sql);
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
  await queryWithSetting(tx, 'random_page_cost', '1.1', sql);
}
