/**
 * The database going away and coming back (PostgreSQL only: the embedded PGlite lives inside
 * the process and cannot be unreachable). The store talks to PostgreSQL through a real TCP proxy
 * that the test stops and restarts; meanwhile queries get 503 and /api/health says so, and
 * afterwards the same running app answers again.
 */
import type { FastifyInstance } from 'fastify';
import { Client } from 'pg';
import type { Database } from '../db/database';
import { openDatabase } from '../db/open';
import { createPostgresDatabase, TEST_DATABASE } from '../testing/testDatabase';
import { buildApp } from './app';
import { call, insertUsers, postQuery, TEST_TOKEN } from './apiTesting';
import { startProxyFor, type TcpProxy } from './faults/tcpProxy';

const onPostgres = TEST_DATABASE === 'postgres' ? describe : describe.skip;

const QUERY = { range: { from: '2021-03-01', to: '2021-03-31' }, queries: [{ refId: 'A', subject: 'domande' as const, measure: 'presentate', interval: 'none' as const }] };

onPostgres('while PostgreSQL is unreachable', () => {
  let app: FastifyInstance;
  let db: Database;
  let proxy: TcpProxy;
  let drop: () => Promise<void>;
  let url: URL;

  beforeAll(async () => {
    const created = await createPostgresDatabase();
    drop = created.drop;
    url = new URL(created.url);
    proxy = await startProxyFor(created.url);
    db = await openDatabase({ url: proxy.via(created.url), dataDir: '' });
    await insertUsers(db, [{ login: 'centrale', role: 'DIREZIONE_CENTRALE', region: null }]);
    app = await buildApp({ db, token: TEST_TOKEN });
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
    await drop?.();
  });

  test('queries get 503 with a plain message, health says unreachable; back without a restart', async () => {
    expect((await postQuery(app, 'centrale', QUERY)).status).toBe(200);

    await proxy.stop();
    const during = await postQuery(app, 'centrale', QUERY);
    expect(during.status).toBe(503);
    expect(during.body).toEqual({ error: { code: 'DATABASE_UNAVAILABLE', message: 'The database is not reachable at the moment; try again shortly.' } });
    const health = await call(app, { url: '/api/health' });
    expect(health.status).toBe(503);
    expect(health.body).toEqual({ status: 'up', database: 'unreachable', asOf: null, lastLoad: null });

    await proxy.start();
    expect((await postQuery(app, 'centrale', QUERY)).status).toBe(200);
    expect((await call(app, { url: '/api/health' })).body.database).toBe('reachable');
  });

  test('backends terminated by the server: the pool reconnects, the store answers again', async () => {
    const admin = new Client({ connectionString: url.toString() });
    await admin.connect();
    try {
      await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [url.pathname.slice(1)]);
    } finally {
      await admin.end();
    }
    // A query racing the termination may still see its connection die (503); the next ones must not.
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      statuses.push((await postQuery(app, 'centrale', QUERY)).status);
    }
    expect(statuses.every((s) => s === 200 || s === 503)).toBe(true);
    expect(statuses[statuses.length - 1]).toBe(200);
  });
});

if (TEST_DATABASE !== 'postgres') {
  test.skip('database outage: PostgreSQL only (PGlite runs inside the process and cannot become unreachable)', () => undefined);
}
