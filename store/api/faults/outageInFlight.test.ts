/**
 * PostgreSQL cut off and back, twice, while queries are in flight and viewers keep asking
 * (PostgreSQL only: the embedded PGlite lives inside the process and cannot become unreachable).
 * The store reaches the database through a TCP proxy that the test stops (every connection cut,
 * new ones refused) and starts again; the store itself is never restarted. Every answer must be a
 * 200 or a 503 with the sentence, health must say the database is unreachable while it is, and no
 * request may hang.
 */
import type { FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import type { Database } from '../../db/database';
import { openDatabase } from '../../db/open';
import { DATABASE_UNAVAILABLE_MESSAGE } from '../../query/errors';
import { createPostgresDatabase, TEST_DATABASE } from '../../testing/testDatabase';
import { asUser, insertUsers, TEST_TOKEN } from '../apiTesting';
import { buildApp } from '../app';
import { holdRoster } from './heldRoster';
import { startProxyFor, type TcpProxy } from './tcpProxy';

const onPostgres = TEST_DATABASE === 'postgres' ? describe : describe.skip;

/** Longer than any answer here should take; a request still unanswered by then has hung. */
const HUNG_MS = 30_000;
const QUERY = { range: { from: '2021-03-01', to: '2021-03-31' }, queries: [{ refId: 'A', subject: 'domande', measure: 'presentate', interval: 'none' }] };
const UNAVAILABLE = { error: { code: 'DATABASE_UNAVAILABLE', message: DATABASE_UNAVAILABLE_MESSAGE } };

interface Outcome {
  /** 0 when no answer came (connection dropped, or hung past HUNG_MS). */
  status: number;
  body: unknown;
}

/** A viewer's answer, with when its request was sent (performance.now()). */
interface Seen extends Outcome {
  sentAt: number;
}

onPostgres('PostgreSQL cut off and restored while queries are in flight', () => {
  let databaseUrl: string;
  let drop: () => Promise<void>;
  let proxy: TcpProxy;
  let db: Database;
  let app: FastifyInstance;
  let base: string;

  beforeAll(async () => {
    ({ url: databaseUrl, drop } = await createPostgresDatabase());
    proxy = await startProxyFor(databaseUrl);
    db = await openDatabase({ url: proxy.via(databaseUrl), dataDir: '' });
    await insertUsers(db, [{ login: 'centrale', role: 'DIREZIONE_CENTRALE', region: null }]);
    app = await buildApp({ db, token: TEST_TOKEN });
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
    await proxy?.stop();
    await drop?.();
  });

  async function ask(path = '/api/query'): Promise<Outcome> {
    try {
      const response = await fetch(`${base}${path}`, {
        method: path === '/api/query' ? 'POST' : 'GET',
        headers: { ...asUser('centrale'), 'content-type': 'application/json' },
        body: path === '/api/query' ? JSON.stringify(QUERY) : undefined,
        signal: AbortSignal.timeout(HUNG_MS),
      });
      return { status: response.status, body: await response.json() };
    } catch (e) {
      return { status: 0, body: String((e as Error).cause ?? e) };
    }
  }

  test('in-flight and new queries get 503 with a sentence while it is down, health says so, then 200 from the same store; none hangs', async () => {
    expect((await ask()).status).toBe(200);

    // Two viewers asking all along, through both outages.
    let asking = true;
    const seenByViewers: Seen[] = [];
    const viewers = [1, 2].map(async () => {
      while (asking) {
        const sentAt = performance.now();
        seenByViewers.push({ sentAt, ...(await ask()) });
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    });
    let recoveredAt = Number.POSITIVE_INFINITY;

    for (let outage = 1; outage <= 2; outage++) {
      const roster = await holdRoster(databaseUrl);
      try {
        const inFlight = [ask(), ask(), ask()];
        // Mine and the two viewers': all five wait on the database.
        await roster.waiting(5);
        await proxy.stop();
        // Cut mid-query: each answered at once, with the sentence.
        expect(await Promise.all(inFlight)).toEqual([503, 503, 503].map((status) => ({ status, body: UNAVAILABLE })));
      } finally {
        await roster.release();
      }

      expect(await ask()).toEqual({ status: 503, body: UNAVAILABLE });
      expect(await ask('/api/health')).toEqual({ status: 503, body: { status: 'up', database: 'unreachable', asOf: null, lastLoad: null } });

      await proxy.start();
      expect(await ask()).toMatchObject({ status: 200 });
      recoveredAt = performance.now();
      expect(await ask('/api/health')).toMatchObject({ status: 200, body: { database: 'reachable' } });
    }
    // A viewer's request sent just before the restart may still come back 503 after it; what
    // must hold is that every request sent once the store answered again is a 200. Let each
    // viewer send a few of those before stopping.
    const deadline = performance.now() + HUNG_MS;
    while (seenByViewers.filter((o) => o.sentAt > recoveredAt).length < 4 && performance.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    asking = false;
    await Promise.all(viewers);

    const statuses = new Set(seenByViewers.map((o) => o.status));
    expect([...statuses].filter((s) => s !== 200 && s !== 503)).toEqual([]);
    expect(seenByViewers.filter((o) => o.status === 503 && JSON.stringify(o.body) !== JSON.stringify(UNAVAILABLE))).toEqual([]);
    const afterRecovery = seenByViewers.filter((o) => o.sentAt > recoveredAt);
    expect(afterRecovery.length).toBeGreaterThanOrEqual(4);
    expect(afterRecovery.filter((o) => o.status !== 200)).toEqual([]);
  }, 120_000);
});

if (TEST_DATABASE !== 'postgres') {
  test.skip('database cut off during queries: PostgreSQL only (PGlite runs inside the process and cannot become unreachable)', () => undefined);
}
