/**
 * At most `limit` statements of the API at a time on the database; the others wait their turn
 * here. The pool (store/db/postgres.ts) gives up on a client after 5 s and reports it like a
 * connection failure, so a burst of slow figures must queue in front of the pool, not inside it;
 * the pool's remaining client stays free for /api/health. The API keeps two gates, one per lane
 * (app.ts), so slow raw-fact figures never queue ahead of rollup ones.
 *
 * Each statement has a deadline, its wait for a turn included (limits.ts): past it the caller
 * gets a QUERY_TIMEOUT (503) at once. A statement still waiting then never runs; one already
 * running keeps its slot until the database lets it go (PostgreSQL cancels it, see
 * statementTimeout.ts; embedded PGlite cannot interrupt a statement).
 */
import type { Queryable } from '../db/database';
import { QueryError } from '../query/errors';

/** Rollup figures take milliseconds, raw-fact ones seconds: separate lanes, 9 of the pool's 10 clients. */
export const DEFAULT_DATABASE_CONCURRENCY = { rollups: 6, rawFacts: 3 };

export function queryTimeoutError(timeoutMs: number): QueryError {
  const limit = timeoutMs >= 1000 ? `${Math.round(timeoutMs / 1000)} s` : `${timeoutMs} ms`;
  return new QueryError(
    'QUERY_TIMEOUT',
    `The query took longer than the store's limit of ${limit} and was stopped; narrow the range, the breakdown or the filters, or try again later.`
  );
}

/** PostgreSQL's "canceling statement due to statement timeout". */
const isStatementTimeout = (e: unknown): boolean => (e as { code?: unknown } | null)?.code === '57014';

export function gated(db: Queryable, limit: number, timeoutMs = Infinity): Queryable {
  let active = 0;
  const waiting: Array<() => void> = [];
  // A released slot passes straight to the next in line, so `active` never overshoots.
  const release = () => {
    const next = waiting.shift();
    if (next) {
      next();
    } else {
      active--;
    }
  };
  const within = <T>(work: () => Promise<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      let late = false;
      const timer = Number.isFinite(timeoutMs)
        ? setTimeout(() => {
            late = true;
            reject(queryTimeoutError(timeoutMs));
          }, timeoutMs)
        : undefined;
      const run = () => {
        if (late) {
          release();
          return;
        }
        work()
          .then(resolve, (e: unknown) => reject(isStatementTimeout(e) ? queryTimeoutError(timeoutMs) : e))
          .finally(() => {
            clearTimeout(timer);
            release();
          });
      };
      if (active < limit) {
        active++;
        run();
      } else {
        waiting.push(run);
      }
    });
  return {
    query: (sql, params) => within(() => db.query(sql, params)),
    exec: (sql) => within(() => db.exec(sql)),
    copyCsv: (table, columns, csv) => within(() => db.copyCsv(table, columns, csv)),
  };
}
