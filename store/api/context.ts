/** What the routes share: the database, the caller check and the store's reference date. */
import type { Database } from '../db/database';
import type { Caller } from './access';

export interface ApiContext {
  db: Database;
  /** The latest loaded reference date, or null before the first load. */
  asOf(): Promise<string | null>;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the access hook on every route that needs a user. */
    caller: Caller | null;
  }
}
