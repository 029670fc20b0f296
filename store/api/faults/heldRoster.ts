/**
 * Requests held in flight, on purpose: a direct connection to PostgreSQL (never through the test's
 * proxy) takes the roster table in ACCESS EXCLUSIVE mode, so every request that checks its user
 * waits inside the store, on the database, until the roster is released.
 */
import { Client } from 'pg';

export interface HeldRoster {
  /** Resolves once at least `n` statements of this database wait for the roster. */
  waiting(n: number, timeoutMs?: number): Promise<void>;
  release(): Promise<void>;
}

export async function holdRoster(databaseUrl: string): Promise<HeldRoster> {
  const holder = new Client({ connectionString: databaseUrl });
  // Dropping the test database ends this connection too; that is no failure of the test.
  holder.on('error', () => undefined);
  await holder.connect();
  await holder.query('BEGIN');
  await holder.query('LOCK TABLE app_user IN ACCESS EXCLUSIVE MODE');
  const database = new URL(databaseUrl).pathname.slice(1);
  return {
    async waiting(n, timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        // Inside the holder's transaction pg_stat_activity is a snapshot taken at its first read: drop it each time.
        await holder.query('SELECT pg_stat_clear_snapshot()');
        const { rows } = await holder.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()",
          [database]
        );
        if (rows[0].n >= n) {
          return;
        }
        if (Date.now() > deadline) {
          const others = await holder.query<{ state: string; wait: string; query: string }>(
            "SELECT state, wait_event_type || ':' || wait_event AS wait, left(query, 60) AS query FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
            [database]
          );
          throw new Error(`Only ${rows[0].n} of the ${n} requests reached the database within ${timeoutMs / 1000} s; its sessions: ${JSON.stringify(others.rows)}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    async release() {
      await holder.query('ROLLBACK');
      await holder.end();
    },
  };
}
