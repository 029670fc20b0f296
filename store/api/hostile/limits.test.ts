/**
 * The API's limits (limits.ts): a body over 256 KiB is a 413 whether its length is announced or
 * streamed in chunks, one at the limit is read; a statement over the time limit is a 503 with a
 * sentence instead of a hang, PostgreSQL cancels it on its side, and the next request is answered.
 */
import type { FastifyInstance } from 'fastify';
import { openTestDatabase, TEST_DATABASE, type TestDatabase } from '../../testing/testDatabase';
import { buildApp } from '../app';
import { DEFAULT_QUERY_TIMEOUT_MS, queryTimeoutFromEnv } from '../limits';
import { asUser, call, insertUsers, TEST_TOKEN } from '../apiTesting';
import { httpRequest, portOf, rawRequest } from './rawHttp';

let t: TestDatabase;
let app: FastifyInstance;
const TIME_LIMIT_MS = 400;
const LIMIT_BYTES = 256 * 1024;

beforeAll(async () => {
  t = await openTestDatabase();
  await insertUsers(t.db, [{ login: 'centrale', role: 'DIREZIONE_CENTRALE', region: null }]);
  app = await buildApp({ db: t.db, token: TEST_TOKEN, queryTimeoutMs: TIME_LIMIT_MS });
});
afterAll(async () => {
  await app?.close();
  await t?.close();
});

const headers = { ...asUser('centrale'), 'content-type': 'application/json' };
/** A JSON body of exactly `bytes` bytes: a field the schema refuses, padded. */
const bodyOf = (bytes: number) => {
  const shell = '{"padding":""}';
  return `{"padding":"${'a'.repeat(bytes - shell.length)}"}`;
};

test('a body of exactly 256 KiB is read (and refused by the schema); one byte more is a 413', async () => {
  const port = await portOf(app);
  const at = await rawRequest(port, httpRequest({ method: 'POST', path: '/api/query', headers, body: bodyOf(LIMIT_BYTES) }));
  expect(at.status).toBe(400);
  expect(JSON.parse(at.body).error.message).toBe('The field "range" is required.');
  const over = await rawRequest(port, httpRequest({ method: 'POST', path: '/api/query', headers, body: bodyOf(LIMIT_BYTES + 1) }));
  expect(over.status).toBe(413);
  expect(JSON.parse(over.body)).toEqual({
    error: {
      code: 'PAYLOAD_TOO_LARGE',
      message: 'The request body is larger than the store accepts (256 KiB); send fewer queries or filter values per request.',
    },
  });
});

test('a body sent in chunks, with no length announced, is cut off at the limit too', async () => {
  const port = await portOf(app);
  const chunk = 'a'.repeat(64 * 1024);
  const chunks = ['{"padding":"', chunk, chunk, chunk, chunk, '"}'].map((c) => `${Buffer.byteLength(c).toString(16)}\r\n${c}\r\n`).join('');
  const head = Object.entries({ ...headers, host: '127.0.0.1', connection: 'close', 'transfer-encoding': 'chunked' })
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('');
  const r = await rawRequest(port, `POST /api/query HTTP/1.1\r\n${head}\r\n${chunks}0\r\n\r\n`);
  expect(r.status).toBe(413);
  expect(JSON.parse(r.body).error.code).toBe('PAYLOAD_TOO_LARGE');
});

/** Holds the table of offices (and, on PGlite, the whole embedded database) until released. */
function holdOffices(): { held: Promise<void>; release: () => void; done: Promise<unknown> } {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let markHeld!: () => void;
  const held = new Promise<void>((resolve) => (markHeld = resolve));
  const done = t.db.transaction(async (tx) => {
    await tx.query('LOCK TABLE office IN ACCESS EXCLUSIVE MODE');
    markHeld();
    await released;
  });
  return { held, release, done };
}

async function lockWaiters(): Promise<number> {
  const [{ n }] = await t.db.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
  );
  return n;
}

test('a statement over the time limit: 503 with a sentence, not a hang; then the store answers again', async () => {
  const hold = holdOffices();
  await hold.held;
  try {
    const r = await call(app, { url: '/api/variables/sede', headers: asUser('centrale') });
    expect(r.status).toBe(503);
    expect(r.body).toEqual({
      error: {
        code: 'QUERY_TIMEOUT',
        message: "The query took longer than the store's limit of 400 ms and was stopped; narrow the range, the breakdown or the filters, or try again later.",
      },
    });
    if (TEST_DATABASE === 'postgres') {
      // PostgreSQL itself gives the statement up (statement_timeout) while the lock is still held:
      // nothing of the API is left waiting on it.
      let waiting = await lockWaiters();
      for (let i = 0; i < 100 && waiting > 0; i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        waiting = await lockWaiters();
      }
      expect(waiting).toBe(0);
    }
  } finally {
    hold.release();
    await hold.done;
  }
  const after = await call(app, { url: '/api/variables/sede?regione=02', headers: asUser('centrale') });
  expect(after.status).toBe(200);
  expect(after.body).toEqual([{ text: 'INPS Aosta', value: '0201' }]);
});

test('dasmo serve takes its time limit from DASMO_QUERY_TIMEOUT_MS, and refuses one that is not a number of milliseconds', () => {
  expect(queryTimeoutFromEnv({})).toBe(DEFAULT_QUERY_TIMEOUT_MS);
  expect(DEFAULT_QUERY_TIMEOUT_MS).toBe(60_000);
  expect(queryTimeoutFromEnv({ DASMO_QUERY_TIMEOUT_MS: '120000' })).toBe(120_000);
  expect(() => queryTimeoutFromEnv({ DASMO_QUERY_TIMEOUT_MS: '2m' })).toThrow(
    'DASMO_QUERY_TIMEOUT_MS is "2m": give a whole number of milliseconds above 0, e.g. 60000.'
  );
});
