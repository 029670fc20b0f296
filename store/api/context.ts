/** What the routes share: the database, the caller check and the store's reference date. */
import type { Queryable } from '../db/database';
import type { Caller } from './access';

export interface ApiContext {
  /** The database as the routes use it: at most a few statements at a time (queryGate.ts). */
  db: Queryable;
  /** The lane of the figures that scan the raw facts (queryGate.ts). */
  rawFacts: Queryable;
  /** The database without the gate, for /api/health. */
  health: Queryable;
  /** The latest loaded reference date, or null before the first load. */
  asOf(): Promise<string | null>;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the access hook on every route that needs a user. */
    caller: Caller | null;
  }
}
