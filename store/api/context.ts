/** What the routes share: the database, the caller check, the state of the data and the answer cache. */
import type { Queryable } from '../db/database';
import type { Caller } from './access';
import type { AnswerCache } from './answerCache';
import type { DataState } from './dataState';

export interface ApiContext {
  /** The database as the routes use it: at most a few statements at a time (queryGate.ts). */
  db: Queryable;
  /** The lane of the figures that scan the raw facts (queryGate.ts). */
  rawFacts: Queryable;
  /** The database without the gate, for /api/health. */
  health: Queryable;
  /** The latest loaded reference date, the thresholds and the data's version, in one statement. */
  dataState(): Promise<DataState>;
  /** The answers of POST /api/query already computed (answerCache.ts). */
  answers: AnswerCache;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the access hook on every route that needs a user. */
    caller: Caller | null;
  }
}
