/**
 * One interface over the two databases DASMO runs on: PostgreSQL through `pg` when
 * DASMO_DATABASE_URL is set, embedded PGlite otherwise. Same SQL, same migrations; values come
 * back in the same JavaScript shapes from both (dates as 'AAAA-MM-GG', numbers as numbers).
 */

/** Anything SQL can be sent to: the database itself or an open transaction. */
export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Runs a script of several statements without parameters (migrations, DDL). */
  exec(sql: string): Promise<void>;
  /** Bulk insert of CSV text (comma separated, no header, "" as NULL-free empty text) into table(columns). */
  copyCsv(table: string, columns: readonly string[], csv: string): Promise<void>;
}

export interface Database extends Queryable {
  readonly kind: 'postgres' | 'pglite';
  /** Runs fn in one transaction: committed when fn resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** PostgreSQL type oids whose text form we keep or convert the same way on both databases. */
export const TYPE_OIDS = { int8: 20, numeric: 1700, date: 1082 } as const;

export const parseInt8 = (v: string): number => Number(v);
export const parseNumeric = (v: string): number => Number(v);
export const keepDate = (v: string): string => v;

export function copyStatement(table: string, columns: readonly string[], source: string): string {
  return `COPY ${table} (${columns.join(', ')}) FROM ${source} WITH (FORMAT csv)`;
}
