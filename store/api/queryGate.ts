/**
 * At most `limit` statements of the API at a time on the database; the others wait their turn
 * here, without a deadline. The pool (store/db/postgres.ts) gives up on a client after 5 s and
 * reports it like a connection failure, so a burst of slow figures must queue in front of the
 * pool, not inside it; the pool's remaining client stays free for /api/health. The API keeps two
 * gates, one per lane (app.ts), so slow raw-fact figures never queue ahead of rollup ones.
 */
import type { Queryable } from '../db/database';

/** Rollup figures take milliseconds, raw-fact ones seconds: separate lanes, 9 of the pool's 10 clients. */
export const DEFAULT_DATABASE_CONCURRENCY = { rollups: 6, rawFacts: 3 };

export function gated(db: Queryable, limit: number): Queryable {
  let active = 0;
  const waiting: Array<() => void> = [];
  const acquire = (): Promise<void> | void => {
    if (active < limit) {
      active++;
      return;
    }
    return new Promise<void>((resolve) => waiting.push(resolve));
  };
  // A released slot passes straight to the next in line, so `active` never overshoots.
  const release = () => {
    const next = waiting.shift();
    if (next) {
      next();
    } else {
      active--;
    }
  };
  const within = async <T>(work: () => Promise<T>): Promise<T> => {
    await acquire();
    try {
      return await work();
    } finally {
      release();
    }
  };
  return {
    query: (sql, params) => within(() => db.query(sql, params)),
    exec: (sql) => within(() => db.exec(sql)),
    copyCsv: (table, columns, csv) => within(() => db.copyCsv(table, columns, csv)),
  };
}
