/**
 * A slow answer must reach its client: the server's connection timeout (Node's socket inactivity
 * timer, which also runs while the store computes) outlasts the statement deadline (server.ts
 * derives it from DASMO_QUERY_TIMEOUT_MS), so a query stopped at the deadline still gets its 503 sentence
 * instead of a dropped connection. (With the former 30 s timeout and the 60 s deadline, 14 of 30
 * concurrent slow queries were dropped with no status: bench/README.md, Faults (API).)
 */
import { openTestDatabase, type TestDatabase } from '../../testing/testDatabase';
import { TEST_TOKEN } from '../apiTesting';
import { DEFAULT_QUERY_TIMEOUT_MS } from '../limits';
import { startServer } from '../server';

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(async () => {
  // The server closed the database; a PostgreSQL test database still needs dropping.
  await t.close().catch(() => undefined);
});

// One case (opening a store takes a while): the default deadline, 60 s, past the former 30 s timeout.
test('a connection may stay silent longer than a statement may run', async () => {
  const server = await startServer({ db: t.db, token: TEST_TOKEN, port: 0, host: '127.0.0.1', logLevel: 'silent' });
  try {
    expect(server.app.server.timeout).toBeGreaterThan(DEFAULT_QUERY_TIMEOUT_MS);
  } finally {
    await server.close();
  }
});
