/**
 * Errors a query can end with, each carrying the HTTP status it means. The executor throws them;
 * the API puts them in the query's result (or, when no query of a batch succeeded, in the answer).
 */
export type QueryErrorCode = 'BAD_REQUEST' | 'FORBIDDEN' | 'DATABASE_UNAVAILABLE' | 'QUERY_TIMEOUT' | 'INTERNAL';

export const STATUS_OF: Readonly<Record<QueryErrorCode, number>> = {
  BAD_REQUEST: 400,
  FORBIDDEN: 403,
  DATABASE_UNAVAILABLE: 503,
  // Over the API's time limit (store/api/limits.ts): the store is busy or the query too broad.
  QUERY_TIMEOUT: 503,
  INTERNAL: 500,
};

export class QueryError extends Error {
  constructor(
    readonly code: QueryErrorCode,
    message: string
  ) {
    super(message);
  }
  get status(): number {
    return STATUS_OF[this.code];
  }
}

/** Socket and server-shutdown errors of pg/PGlite: the database is away, not the query wrong. */
const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH',
  '57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006']);
const UNAVAILABLE_MESSAGES = /Connection terminated|timeout exceeded when trying to connect|connect ECONNREFUSED|Client has encountered a connection error|Cannot use a pool after calling end|PGlite is closed/i;

export function isDatabaseUnavailable(e: unknown): boolean {
  // Not `instanceof Error`: socket errors come from Node's own realm, which need not be ours.
  if (typeof e !== 'object' || e === null) {
    return false;
  }
  const { code, message } = e as { code?: unknown; message?: unknown };
  return (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) || (typeof message === 'string' && UNAVAILABLE_MESSAGES.test(message));
}

export const DATABASE_UNAVAILABLE_MESSAGE = 'The database is not reachable at the moment; try again shortly.';

/** Any error as a QueryError: the database being away becomes 503, anything unexpected 500. */
export function asQueryError(e: unknown): QueryError {
  if (e instanceof QueryError) {
    return e;
  }
  if (isDatabaseUnavailable(e)) {
    return new QueryError('DATABASE_UNAVAILABLE', DATABASE_UNAVAILABLE_MESSAGE);
  }
  return new QueryError('INTERNAL', 'The query failed inside the store; the error is in the store\'s log.');
}
