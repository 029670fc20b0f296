/**
 * The API's statements on PostgreSQL under a server-side statement_timeout, so one that runs
 * past the API's deadline is cancelled by the server (and frees its connection) instead of
 * running on after its caller got a 503. Each statement runs in its own short transaction with
 * `SET LOCAL`, which leaves the pooled connection as it was; the loader's connections are not
 * touched. PGlite has no timer to cancel a statement with: there the database is used as is.
 */
import type { Database, Queryable } from '../db/database';

export function statementTimeout(db: Database, timeoutMs: number): Queryable {
  if (db.kind !== 'postgres' || !Number.isFinite(timeoutMs)) {
    return db;
  }
  const setting = String(Math.max(1, Math.round(timeoutMs)));
  return {
    query: (sql, params) =>
      db.transaction(async (tx) => {
        await tx.query("SELECT set_config('statement_timeout', $1, true)", [setting]);
        return tx.query(sql, params);
      }),
    exec: (sql) => db.exec(sql),
    copyCsv: (table, columns, csv) => db.copyCsv(table, columns, csv),
  };
}
