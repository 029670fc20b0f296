/**
 * The API under generated hostile HTTP (fast-check), written byte by byte on a socket: paths
 * and query strings full of SQL, percent escapes, NUL and unicode; hostile X-Grafana-User and
 * Authorization headers; any content type; bytes that are not HTTP. Every answer is a 2xx only
 * where a caller may get one, otherwise a 4xx in the error shape with a sentence and the
 * security headers; never a 5xx, never silence.
 */
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { openTestDatabase, type TestDatabase } from '../../testing/testDatabase';
import { buildApp } from '../app';
import { asUser, insertUsers, TEST_TOKEN } from '../apiTesting';
import { hostileString, problemsOfError, SQL_FRAGMENTS } from './hostileValues';
import { httpRequest, portOf, rawRequest, type RawAnswer } from './rawHttp';

let t: TestDatabase;
let app: FastifyInstance;
let port: number;
const statuses = new Map<number, number>();
const RUNS = Number(process.env.DASMO_HOSTILE_RUNS ?? 100);

beforeAll(async () => {
  t = await openTestDatabase();
  await insertUsers(t.db, [{ login: 'centrale', role: 'DIREZIONE_CENTRALE', region: null }]);
  app = await buildApp({ db: t.db, token: TEST_TOKEN });
  port = await portOf(app);
});
afterAll(async () => {
  await app?.close();
  await t?.close();
  console.log(`hostile HTTP: ${RUNS} cases per property; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0])))}`);
});

/** The problems of one answer; `allowed` are the statuses this kind of request may get. */
function judge(r: RawAnswer, allowed: number[]): string[] {
  statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
  const problems: string[] = [];
  if (!allowed.includes(r.status)) {
    problems.push(`status ${r.status}, expected one of ${allowed.join(', ')}`);
  }
  if (r.headers['x-content-type-options'] !== 'nosniff' || r.headers['cache-control'] !== 'no-store') {
    problems.push('security headers missing');
  }
  if (r.status >= 400) {
    let body: unknown;
    try {
      body = JSON.parse(r.body);
    } catch {
      return [...problems, `a body that is not JSON: ${r.body.slice(0, 200)}`];
    }
    problems.push(...problemsOfError(body));
  }
  return problems;
}

const send = (request: string | Buffer) => rawRequest(port, request);
const user = asUser('centrale');

/** Path segments: hostile text, percent-encoded or raw where the request line can carry it. */
const segment = fc.oneof(
  hostileString.map((s) => encodeURIComponent(s.replace(/[\ud800-\udfff]/g, ''))),
  fc.constantFrom('..', '.', '', '%00', '%2e%2e', '%2F', '%zz', '%', '%c0%af', '%ff', ';', '*', '~', '%20', '%0d%0a', 'health', 'variables', 'query'),
  fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789-_.~!$&\'()*+,;=:@'.split('')), maxLength: 30 })
);

test('any path under /api (and its query string): 200 only where a route is, otherwise a 4xx sentence', async () => {
  const path = fc.tuple(fc.array(segment, { minLength: 1, maxLength: 4 }), fc.option(fc.array(fc.tuple(segment, segment), { maxLength: 3 })));
  await fc.assert(
    fc.asyncProperty(path, async ([segments, query]) => {
      const url = `/api/${segments.join('/')}${query ? `?${query.map(([k, v]) => `${k}=${v}`).join('&')}` : ''}`;
      const r = await send(httpRequest({ path: url, headers: user }));
      const problems = judge(r, [200, 400, 403, 404, 414]);
      expect(problems.length ? `${problems.join('; ')} for ${url}` : '').toBe('');
    }),
    { numRuns: RUNS }
  );
});

test('hostile query strings of /api/annotations and /api/variables/sede: 200, 400 or 403', async () => {
  const value = fc.oneof(hostileString.map((s) => encodeURIComponent(s.replace(/[\ud800-\udfff]/g, ''))), fc.constantFrom('2021-02-30', '99999999999999999', '-1', '1e10', '0', '2021-13-01', '03', '15'));
  const url = fc.oneof(
    fc.tuple(value, value).map(([from, to]) => `/api/annotations?from=${from}&to=${to}`),
    value.map((v) => `/api/variables/sede?regione=${v}`),
    fc.tuple(value, value).map(([a, b]) => `/api/variables/stato?of=${a}&of=${b}`)
  );
  await fc.assert(
    fc.asyncProperty(url, async (u) => {
      const problems = judge(await send(httpRequest({ path: u, headers: user })), [200, 400, 403]);
      expect(problems.length ? `${problems.join('; ')} for ${u}` : '').toBe('');
    }),
    { numRuns: RUNS }
  );
});

/** Header values as bytes on the wire: printable Latin-1 (no CR, LF or NUL, which HTTP forbids). */
const headerValue = fc.oneof(
  fc.constantFrom(...SQL_FRAGMENTS),
  fc.string({ unit: fc.integer({ min: 0x20, max: 0xff }).filter((c) => c !== 0x7f).map((c) => String.fromCharCode(c)), maxLength: 300 }),
  fc.constantFrom('centrale ', ' centrale', 'CENTRALE', 'centrale, centrale', 'centrale\t', `Bearer ${TEST_TOKEN}`, '')
);

test('hostile X-Grafana-User with the right token: 403 (or 200 for the exact login only)', async () => {
  await fc.assert(
    fc.asyncProperty(headerValue, async (login) => {
      const r = await send(httpRequest({ path: '/api/variables/regione', headers: { authorization: `Bearer ${TEST_TOKEN}`, 'x-grafana-user': login } }));
      // HTTP trims the value's outer spaces and tabs: only "centrale" itself is a user.
      const problems = judge(r, login.trim() === 'centrale' ? [200] : [403]);
      expect(problems.length ? `${problems.join('; ')} for ${JSON.stringify(login)}` : '').toBe('');
    }),
    { numRuns: RUNS }
  );
});

test('hostile Authorization values: 401, whatever the user', async () => {
  await fc.assert(
    fc.asyncProperty(headerValue, fc.constantFrom('centrale', "' OR '1'='1"), async (authorization, login) => {
      fc.pre(authorization.trim() !== `Bearer ${TEST_TOKEN}`);
      const problems = judge(await send(httpRequest({ path: '/api/variables/regione', headers: { authorization, 'x-grafana-user': login } })), [401]);
      expect(problems.length ? `${problems.join('; ')} for ${JSON.stringify(authorization)}` : '').toBe('');
    }),
    { numRuns: RUNS }
  );
});

test('any content type on a valid batch: 200 for JSON, 415 otherwise', async () => {
  const body = JSON.stringify({ range: { from: '2021-03-01', to: '2021-03-31' }, queries: [{ refId: 'A', subject: 'domande', measure: 'presentate' }] });
  const contentType = fc.oneof(
    fc.constantFrom('application/json', 'application/json; charset=utf-8', 'APPLICATION/JSON', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', 'application/jsonp', 'json', '*/*', 'application/vnd.api+json', ''),
    headerValue
  );
  await fc.assert(
    fc.asyncProperty(contentType, async (type) => {
      const r = await send(httpRequest({ method: 'POST', path: '/api/query', headers: { ...user, 'content-type': type }, body }));
      const problems = judge(r, /^application\/json\s*(;|$)/i.test(type.trim()) ? [200] : [400, 415]);
      expect(problems.length ? `${problems.join('; ')} for ${JSON.stringify(type)}` : '').toBe('');
    }),
    { numRuns: RUNS }
  );
});

test('bytes that are not HTTP, ended by a blank line: a 400 sentence, never silence', async () => {
  const garbage = fc.oneof(
    // Empty lines before a request line are skipped by HTTP (RFC 9112 §2.2): start with something else.
    fc
      .uint8Array({ minLength: 1, maxLength: 300 })
      .map((b) => Buffer.from(b).toString('latin1').replace(/\r\n\r\n/g, '').replace(/^[\r\n]+/, ''))
      .filter((s) => s.length > 0),
    fc.constantFrom('GET\r\n', 'GET / HTTP/9.9', 'GET /api/health HTTP/1.1\r\nHost', '\u0000\u0000\u0000', 'POST /api/query HTTP/1.1\r\nContent-Length: -1', 'GET /api/health HTTP/1.1\r\nTransfer-Encoding: chunked\r\nContent-Length: 5')
  );
  await fc.assert(
    fc.asyncProperty(garbage, async (text) => {
      const r = await send(Buffer.from(`${text}\r\n\r\n`, 'latin1'));
      const problems = judge(r, [400]);
      expect(problems.length ? `${problems.join('; ')} for ${JSON.stringify(text.slice(0, 80))}` : '').toBe('');
    }),
    { numRuns: RUNS }
  );
});
