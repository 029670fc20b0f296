import type { Queryable } from './database';

/**
 * Runs `sql` with the planner's hash joins off, then puts the setting back. For the full
 * rebuild's joins of tens of millions of SR41 and their changes by key: the history load writes
 * both in key order (store/load/facts.ts), so a merge join reads each once through its key index,
 * where the hash join the planner prefers spills both to disk in batches. Measured on the national
 * store (bench/README.md, "Facts in key order and merged joins"): the workers' first payments
 * 76 -> 35 s as a plain SELECT, 105 -> 61 s of server CPU in the history load.
 * A failed statement aborts the transaction, which undoes the setting with everything else.
 */
export async function queryWithMergedJoins(tx: Queryable, sql: string): Promise<void> {
  const [{ previous }] = await tx.query<{ previous: string }>(`SELECT current_setting('enable_hashjoin') AS previous`);
  await tx.query(`SELECT set_config('enable_hashjoin', 'off', true)`);
  await tx.query(sql);
  await tx.query(`SELECT set_config('enable_hashjoin', $1, true)`, [previous]);
}
