/**
 * Security headers on every kind of answer the API gives: data, health, the OpenAPI document,
 * and each refusal (400, 401, 403, 404, 413, 414, 415, 431, not HTTP at all), whether Fastify,
 * a route or the HTTP parser produced it; never an X-Powered-By, never the token.
 */
import type { FastifyInstance } from 'fastify';
import { openTestDatabase, type TestDatabase } from '../../testing/testDatabase';
import { buildApp } from '../app';
import { asUser, insertUsers, TEST_TOKEN } from '../apiTesting';
import { httpRequest, portOf, rawRequest, type RawAnswer } from '../hostile/rawHttp';

let t: TestDatabase;
let app: FastifyInstance;
let port: number;

beforeAll(async () => {
  t = await openTestDatabase();
  await insertUsers(t.db, [{ login: 'centrale', role: 'DIREZIONE_CENTRALE', region: null }]);
  app = await buildApp({ db: t.db, token: TEST_TOKEN });
  port = await portOf(app);
});
afterAll(async () => {
  await app?.close();
  await t?.close();
});

/** The headers every answer must carry, written out here rather than imported from the code. */
const EXPECTED = {
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-store',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
};

const user = asUser('centrale');
const json = { ...user, 'content-type': 'application/json' };
const QUERY = JSON.stringify({ range: { from: '2021-03-01', to: '2021-03-31' }, queries: [{ refId: 'A', subject: 'domande', measure: 'presentate' }] });

const CASES: Array<[string, number, Buffer | string]> = [
  ['a query answered', 200, httpRequest({ method: 'POST', path: '/api/query', headers: json, body: QUERY })],
  ['a variable', 200, httpRequest({ path: '/api/variables/regione', headers: user })],
  ['health', 200, httpRequest({ path: '/api/health' })],
  ['the OpenAPI document', 200, httpRequest({ path: '/api/openapi.json' })],
  ['a query naming a wrong field', 400, httpRequest({ method: 'POST', path: '/api/query', headers: json, body: '{"range":{}}' })],
  ['JSON that does not parse', 400, httpRequest({ method: 'POST', path: '/api/query', headers: json, body: '{"range":' })],
  ['no token', 401, httpRequest({ path: '/api/variables/regione' })],
  ['a user not in the roster', 403, httpRequest({ path: '/api/variables/regione', headers: asUser('nessuno') })],
  ['an unknown path', 404, httpRequest({ path: '/api/nothing', headers: user })],
  ['a body over the limit', 413, httpRequest({ method: 'POST', path: '/api/query', headers: json, body: `{"x":"${'a'.repeat(300 * 1024)}"}` })],
  ['a parameter over the limit', 414, httpRequest({ path: `/api/variables/${'a'.repeat(101)}`, headers: user })],
  ['a body that is not JSON', 415, httpRequest({ method: 'POST', path: '/api/query', headers: { ...user, 'content-type': 'text/plain' }, body: 'x' })],
  ['a URL that does not decode', 400, httpRequest({ path: '/api/variables/%zz', headers: user })],
  ['headers over 16 KiB', 431, httpRequest({ path: '/api/health', headers: { 'x-padding': 'a'.repeat(20_000) } })],
  ['bytes that are not HTTP', 400, 'NOT HTTP AT ALL\r\n\r\n'],
];

test.each(CASES)('%s: %i with the security headers and the error shape', async (_name, status, request) => {
  const r: RawAnswer = await rawRequest(port, request);
  expect(r.status).toBe(status);
  expect(r.headers).toMatchObject(EXPECTED);
  expect(r.headers['x-powered-by']).toBeUndefined();
  // The token the request carried is echoed nowhere, in headers or body.
  expect(JSON.stringify(r.headers) + r.body).not.toContain(TEST_TOKEN);
  expect(r.headers['content-type']).toBe('application/json; charset=utf-8');
  const body = JSON.parse(r.body);
  if (status >= 400) {
    expect(Object.keys(body)).toEqual(['error']);
    expect(body.error.message).toMatch(/^[A-Z].*\.$/);
  }
});
