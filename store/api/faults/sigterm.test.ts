/**
 * SIGTERM to a real `dasmo serve` (bin/dasmo.js in a child process, as an orchestrator stops it)
 * while requests are in flight: they finish with 200 and the same answer as before, new
 * connections are refused meanwhile, and the process exits 0 after closing its database pool.
 * PostgreSQL only: the child needs a store another process can open at the same time.
 */
import { connect } from 'node:net';
import { openDatabase } from '../../db/open';
import { createPostgresDatabase, TEST_DATABASE } from '../../testing/testDatabase';
import { startServeProcess, type ServeProcess } from '../../testing/serveProcess';
import { asUser, insertUsers, TEST_TOKEN } from '../apiTesting';
import { holdRoster } from './heldRoster';

const onPostgres = TEST_DATABASE === 'postgres' ? describe : describe.skip;

const QUERY = { range: { from: '2021-03-01', to: '2021-03-31' }, queries: [{ refId: 'A', subject: 'sr41', measure: 'pagati', interval: 'week' }] };
const IN_FLIGHT = 4;

/** Whether a new TCP connection to the store's port is refused. */
function refused(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    socket.once('connect', () => (socket.destroy(), resolve(false)));
    socket.once('error', (e: NodeJS.ErrnoException) => resolve(e.code === 'ECONNREFUSED'));
  });
}

onPostgres('dasmo serve stopped with SIGTERM during requests', () => {
  let databaseUrl: string;
  let drop: () => Promise<void>;
  let store: ServeProcess | undefined;

  beforeAll(async () => {
    ({ url: databaseUrl, drop } = await createPostgresDatabase());
    const db = await openDatabase({ url: databaseUrl, dataDir: '' });
    await insertUsers(db, [{ login: 'centrale', role: 'DIREZIONE_CENTRALE', region: null }]);
    await db.close();
  });
  afterAll(async () => {
    if (store?.child.exitCode === null) {
      store.child.kill('SIGKILL');
    }
    await drop?.();
  });

  test('requests in flight finish with 200, new connections are refused, the process exits 0 with its pool closed', async () => {
    store = await startServeProcess({ databaseUrl, token: TEST_TOKEN, keepLog: true, startTimeoutMs: 90_000 });
    const ask = () =>
      fetch(`${store!.url}/api/query`, {
        method: 'POST',
        headers: { ...asUser('centrale'), 'content-type': 'application/json' },
        body: JSON.stringify(QUERY),
      }).then(async (r) => ({ status: r.status, body: (await r.json()) as unknown }));
    const before = await ask();
    expect(before.status).toBe(200);

    const roster = await holdRoster(databaseUrl);
    const inFlight = Array.from({ length: IN_FLIGHT }, ask);
    await roster.waiting(IN_FLIGHT);
    // The signal finds the store busy (paused for half a second, as a process computing an answer or
    // starved of CPU would be): a wrapper that gives up on it after some milliseconds would kill it.
    process.kill(store.serverPid, 'SIGSTOP');
    store.child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 500));
    process.kill(store.serverPid, 'SIGCONT');
    await store.waitForLog(/closing: requests in flight finish first/);
    let refusedMeanwhile = false;
    for (let tries = 0; tries < 100 && !refusedMeanwhile; tries++) {
      refusedMeanwhile = await refused(store.url);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(refusedMeanwhile).toBe(true);
    expect(store.child.exitCode).toBeNull();
    await roster.release();

    expect(await Promise.all(inFlight)).toEqual(Array(IN_FLIGHT).fill(before));
    expect(await store.exited).toBe(0);
    const messages = store.log.map((line) => (JSON.parse(line) as { msg: string }).msg);
    expect(messages.filter((m) => /^clos/.test(m))).toEqual(['closing: requests in flight finish first', 'closed: no request left in flight, database pool closed']);
  }, 180_000);
});

if (TEST_DATABASE !== 'postgres') {
  test.skip('SIGTERM to dasmo serve: PostgreSQL only (the child process needs a store another process can open at the same time)', () => undefined);
}
