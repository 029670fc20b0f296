/**
 * The real server: it refuses to start without a proper token, and a close lets the request in
 * flight finish before the database closes.
 */
import { run as serve } from '../commands/serve';
import { openTestDatabase, type TestDatabase } from '../testing/testDatabase';
import { asUser, insertUsers, TEST_TOKEN } from './apiTesting';
import { startServer, tokenProblem } from './server';

test('no token, or a short one: a plain refusal', () => {
  expect(tokenProblem(undefined)).toBe(
    'DASMO_API_TOKEN is not set: the API needs the token the Grafana datasource will send (at least 16 characters).'
  );
  expect(tokenProblem('short')).toBe('DASMO_API_TOKEN is too short (5 characters): use at least 16.');
  expect(tokenProblem(TEST_TOKEN)).toBeNull();
});

test('dasmo serve without DASMO_API_TOKEN exits with status 2 before opening anything', async () => {
  const saved = process.env.DASMO_API_TOKEN;
  delete process.env.DASMO_API_TOKEN;
  const write = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    expect(await serve(['--port', '0'])).toBe(2);
    expect(String(write.mock.calls[0][0])).toContain('DASMO_API_TOKEN is not set');
  } finally {
    write.mockRestore();
    if (saved !== undefined) {
      process.env.DASMO_API_TOKEN = saved;
    }
  }
});

describe('a running server', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase();
    await insertUsers(t.db, [{ login: 'centrale', role: 'DIREZIONE_CENTRALE', region: null }]);
  });
  afterAll(async () => {
    // The server closed the database; the test database itself still needs dropping.
    await t.close().catch(() => undefined);
  });

  test('closing lets the request in flight finish, then closes the database', async () => {
    const server = await startServer({ db: t.db, token: TEST_TOKEN, port: 0, host: '127.0.0.1', logLevel: 'silent' });
    // Hold the roster table, so the request waits inside the server until the gate opens.
    let openGate!: () => void;
    const gate = new Promise<void>((resolve) => (openGate = resolve));
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const holder = t.db.transaction(async (tx) => {
      await tx.query('LOCK TABLE app_user IN ACCESS EXCLUSIVE MODE');
      locked();
      await gate;
    });
    await isLocked;
    const inFlight = fetch(`${server.url}/api/query`, {
      method: 'POST',
      headers: { ...asUser('centrale'), 'content-type': 'application/json' },
      body: JSON.stringify({
        range: { from: '2020-03-01', to: '2021-07-31' },
        queries: [{ refId: 'A', subject: 'sr41', measure: 'lavoratori_in_attesa', interval: 'day' }],
      }),
    });
    const connections = () => new Promise<number>((resolve) => server.app.server.getConnections((_e, n) => resolve(n)));
    while ((await connections()) === 0) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    const closing = server.close();
    await new Promise((resolve) => setTimeout(resolve, 100));
    openGate();
    await holder;
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(((await response.json()) as { results: unknown[] }).results).toHaveLength(1);
    await closing;
    await server.closed;
    await expect(t.db.query('SELECT 1')).rejects.toBeDefined();
  });
});
