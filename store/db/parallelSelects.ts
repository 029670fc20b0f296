import type { Queryable } from './database';
import { queryWithSettings } from './mergedJoins';

/**
 * PostgreSQL runs an `INSERT … SELECT` on one core, whatever its size: a statement that writes
 * is never given a parallel plan. `CREATE TABLE … AS SELECT` is the exception: its SELECT may be
 * read by parallel workers, and only the writing is left to the statement's own backend. So an
 * `INSERT INTO t (columns) SELECT …` that joins tens of millions of facts into few rows (a full
 * rebuild's SR41 flows and decision days, refresh.ts) is run as that SELECT into a temporary table, then
 * a plain INSERT of its rows into t: the same rows, in the same order, each column cast to t's
 * type (a literal such as '2021-03-01' is text in the temporary table, where the INSERT would
 * have read it as a date), and the second core of the machine joining the facts beside the first.
 *
 * PostgreSQL costs each row a worker hands to the statement's backend (parallel_tuple_cost) at ten
 * times the processing of a row, and it estimates about as many groups as rows for a rebuild's
 * sums, so it would rather do the joins on one core than pass their rows on. Costed at a tenth of
 * a row's processing, the joins run on every core and only the sums on one.
 *
 * Not every statement gains: where the rows come out of a merge of two key indexes, or where
 * there are nearly as many rows out as in, the copy costs more than the second core saves
 * (bench/README.md, "Full rebuild on two cores"). Callers choose the statements. A parallel
 * worker cannot read a temporary table: joins with one (the rebuild's numbered dimensions) are
 * left to the statement's own backend, after the workers' joins.
 *
 * Only one INSERT … SELECT (or WITH … INSERT … SELECT) can be split: not one that writes in a
 * WITH, returns rows or upserts.
 */
const INSERT_SELECT = /^\s*(WITH\s[\s\S]*?)?\bINSERT INTO (\w+) \(([^()]*)\)\s*((?:SELECT|WITH)\s[\s\S]*)$/;
const WRITES_OR_RETURNS = /\b(ON CONFLICT|RETURNING|DELETE|UPDATE)\b/;

/** parallel_tuple_cost for the rows read (see above): PostgreSQL's default is 0.1. */
const ROW_HANDED_ON = '0.001';

/** The temporary table that carries one statement's rows (dropped after it, and at the commit). */
const CARRIER = 'rows_read_in_parallel';

export interface SplitInsert {
  /** The rows, as CREATE TEMPORARY TABLE … AS, which PostgreSQL may read on several cores. */
  readRows: string;
  /** The statement's own table and columns, which the rows go into next (insertRowsSql). */
  table: string;
  columns: string[];
}

/** The statement that reads the rows of `sql`, or null when it is not one INSERT … SELECT. */
export function splitInsertSelect(sql: string): SplitInsert | null {
  const match = INSERT_SELECT.exec(sql);
  if (!match || WRITES_OR_RETURNS.test(sql)) {return null;}
  const [, withClause = '', table, columnList, select] = match;
  if (withClause && /^WITH\s/.test(select)) {return null;}
  return {
    readRows: `CREATE TEMPORARY TABLE ${CARRIER} (${columnList}) ON COMMIT DROP AS ${withClause}${select}`,
    table,
    columns: columnList.split(',').map((c) => c.trim()),
  };
}

/** The INSERT of the read rows into the statement's table, each column cast to that table's type. */
export function insertRowsSql({ table, columns }: SplitInsert, types: readonly string[]): string {
  return `INSERT INTO ${table} (${columns.join(', ')}) SELECT ${columns.map((c, i) => `${c}::${types[i]}`).join(', ')} FROM ${CARRIER}`;
}

/** The types of `columns` of `table`, as SQL names (e.g. 'date', 'numeric(14,2)'). */
async function columnTypes(tx: Queryable, { table, columns }: SplitInsert): Promise<string[]> {
  const rows = await tx.query<{ type: string }>(
    `SELECT format_type(a.atttypid, a.atttypmod) AS type
       FROM unnest($2::text[]) WITH ORDINALITY AS c (name, place)
       JOIN pg_attribute a ON a.attrelid = $1::regclass AND a.attname = c.name
      ORDER BY c.place`,
    [table, `{${columns.join(',')}}`]
  );
  if (rows.length !== columns.length) {
    throw new Error(`The table ${table} lacks one of the columns its INSERT names: ${columns.join(', ')}.`);
  }
  return rows.map((r) => r.type);
}

/** True when the server may run a query's SELECT on parallel workers (never on PGlite). */
async function runsParallelQueries(tx: Queryable): Promise<boolean> {
  const [row] = await tx.query<{ workers: number }>(
    `SELECT least(current_setting('max_parallel_workers_per_gather')::int, current_setting('max_parallel_workers')::int) AS workers`
  );
  return row.workers > 0;
}

/**
 * Runs `sql`, one INSERT … SELECT, as its SELECT into a temporary table, then an INSERT of those
 * rows (see above). On a server that gives no parallel worker to a query (PGlite) it runs `sql`
 * as it is, where the copy would only cost time.
 */
export async function queryWithParallelSelect(tx: Queryable, sql: string): Promise<void> {
  if (!(await runsParallelQueries(tx))) {
    await tx.query(sql);
    return;
  }
  const split = splitInsertSelect(sql);
  if (!split) {
    throw new Error(`This statement cannot be read in parallel, as it is not one plain INSERT … SELECT: ${sql.trim().slice(0, 80)}`);
  }
  await queryWithSettings(tx, { parallel_tuple_cost: ROW_HANDED_ON }, split.readRows);
  await tx.query(insertRowsSql(split, await columnTypes(tx, split)));
  await tx.query(`DROP TABLE ${CARRIER}`);
}
