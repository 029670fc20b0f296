/**
 * The access matrix (API.md "Who is calling", DOMAIN.md "Who may see what") over every endpoint
 * of the API, for every role, for intermediaries, and for callers with no, a wrong or a
 * misshapen token, no user, an unknown, expired or not yet active user. The expected status of
 * each cell is worked out here from the rules, not read from the API; every refusal is in the
 * error shape with a sentence, and no answer or log line carries the token or a login.
 */
import type { FastifyInstance } from 'fastify';
import { NATIONAL_ROLES, ROLES } from '../../../src/model/domain';
import { openTestDatabase, type TestDatabase } from '../../testing/testDatabase';
import { apiLoggerOptions, buildApp } from '../app';
import { call, insertUsers, TEST_TOKEN, type TestUser } from '../apiTesting';
import { logCapture } from './logCapture';

let t: TestDatabase;
let app: FastifyInstance;
const log = logCapture();
const logLines = log.lines;
const TODAY = new Date('2021-04-10T10:00:00Z');

/** Every route of store/api/routes, with a request that succeeds for an allowed caller. */
const ENDPOINTS = [
  { name: 'health', method: 'GET', url: '/api/health', needsUser: false },
  { name: 'openapi', method: 'GET', url: '/api/openapi.json', needsUser: false },
  {
    name: 'query',
    method: 'POST',
    url: '/api/query',
    needsUser: true,
    payload: { range: { from: '2021-03-01', to: '2021-03-31' }, queries: [{ refId: 'A', subject: 'domande', measure: 'presentate', interval: 'none' }] },
  },
  ...['regione', 'sede', 'prestazione', 'causale', 'modalita', 'stato', 'motivo'].map((v) => ({
    name: `variables/${v}`,
    method: 'GET',
    url: `/api/variables/${v}`,
    needsUser: true,
  })),
  { name: 'annotations', method: 'GET', url: '/api/annotations?from=2021-03-01&to=2021-03-31', needsUser: true },
] as const;

/** Intermediaries (DOMAIN.md: never); in the roster only if something bypassed the loader's check. */
const INTERMEDIARY_ROLES = ['CONSULENTE_LAVORO', 'CAF', 'PATRONATO', 'INTERMEDIARIO'];

const users: TestUser[] = [
  ...ROLES.map((role) => ({ login: `utente.ruolo.${role.toLowerCase()}`, role, region: NATIONAL_ROLES.includes(role) ? null : '03' })),
  ...INTERMEDIARY_ROLES.map((role) => ({ login: `intermediario.${role.toLowerCase()}`, role, region: '03' })),
  { login: 'dirigente.senza.regione', role: 'DIRIGENTE', region: null },
  { login: 'profilo.scaduto', role: 'DIRIGENTE', region: '03', activeTo: '2021-04-09' },
  { login: 'profilo.di.domani', role: 'DIRIGENTE', region: '03', activeFrom: '2021-04-10' },
];

interface Caller {
  name: string;
  headers: Record<string, string>;
  /** 401 when the token is not right, 403 when it is but the user may not see anything, 200 otherwise. */
  expected: 200 | 401 | 403;
}

const bearer = `Bearer ${TEST_TOKEN}`;
const CALLERS: Caller[] = [
  ...ROLES.map((role) => ({ name: `role ${role}`, headers: { authorization: bearer, 'x-grafana-user': `utente.ruolo.${role.toLowerCase()}` }, expected: 200 as const })),
  ...INTERMEDIARY_ROLES.map((role) => ({
    name: `intermediary ${role} in the roster`,
    headers: { authorization: bearer, 'x-grafana-user': `intermediario.${role.toLowerCase()}` },
    expected: 403 as const,
  })),
  { name: 'intermediary not in the roster', headers: { authorization: bearer, 'x-grafana-user': 'studio.consulente.rossi' }, expected: 403 },
  { name: 'regional role without a region', headers: { authorization: bearer, 'x-grafana-user': 'dirigente.senza.regione' }, expected: 403 },
  { name: 'profile ended yesterday', headers: { authorization: bearer, 'x-grafana-user': 'profilo.scaduto' }, expected: 403 },
  { name: 'profile granted today (active tomorrow)', headers: { authorization: bearer, 'x-grafana-user': 'profilo.di.domani' }, expected: 403 },
  { name: 'token, no user', headers: { authorization: bearer }, expected: 403 },
  { name: 'token, empty user', headers: { authorization: bearer, 'x-grafana-user': ' ' }, expected: 403 },
  { name: 'no token', headers: { 'x-grafana-user': 'utente.ruolo.direzione_centrale' }, expected: 401 },
  { name: 'wrong token', headers: { authorization: 'Bearer not-the-token-of-this-store', 'x-grafana-user': 'utente.ruolo.direzione_centrale' }, expected: 401 },
  { name: 'token without "Bearer"', headers: { authorization: TEST_TOKEN, 'x-grafana-user': 'utente.ruolo.direzione_centrale' }, expected: 401 },
  { name: 'token as Basic auth', headers: { authorization: `Basic ${Buffer.from(`x:${TEST_TOKEN}`).toString('base64')}`, 'x-grafana-user': 'utente.ruolo.direzione_centrale' }, expected: 401 },
  { name: 'token with a prefix', headers: { authorization: `Bearer x${TEST_TOKEN}`, 'x-grafana-user': 'utente.ruolo.direzione_centrale' }, expected: 401 },
  { name: 'token in lower-case scheme', headers: { authorization: `bearer ${TEST_TOKEN}`, 'x-grafana-user': 'utente.ruolo.direzione_centrale' }, expected: 401 },
  { name: 'no token, no user', headers: {}, expected: 401 },
];

beforeAll(async () => {
  t = await openTestDatabase();
  await insertUsers(t.db, users);
  app = await buildApp({ db: t.db, token: TEST_TOKEN, now: () => TODAY, logger: apiLoggerOptions('trace', log.stream) });
});
afterAll(async () => {
  await app?.close();
  await t?.close();
});

const CODE_OF: Record<number, string> = { 401: 'UNAUTHORIZED', 403: 'FORBIDDEN' };
const MESSAGE_OF: Record<number, RegExp> = {
  401: /^The request has no valid token: send "Authorization: Bearer <token>"\.$/,
  403: /^The (request names no user: the header "X-Grafana-User" is missing|user named by "X-Grafana-User" (is not active in the DASMO roster on 2021-04-10|has the (regional )?role "[A-Z_]+"[^.]*))\.$/,
};

const cells = CALLERS.flatMap((caller) => ENDPOINTS.map((endpoint) => [caller.name, endpoint.name, caller, endpoint] as const));

test.each(cells)('%s on %s', async (_c, _e, caller, endpoint) => {
  const expected = endpoint.needsUser ? caller.expected : 200;
  const r = await call(app, { method: endpoint.method, url: endpoint.url, headers: caller.headers, payload: 'payload' in endpoint ? endpoint.payload : undefined });
  expect(r.status).toBe(expected);
  if (expected !== 200) {
    expect(r.body.error.code).toBe(CODE_OF[expected]);
    expect(r.body.error.message).toMatch(MESSAGE_OF[expected]);
  }
  expect(JSON.stringify(r.body)).not.toContain(TEST_TOKEN);
});

test('a regional role sees only its own region in the region and office lists', async () => {
  for (const role of ROLES) {
    const headers = { authorization: bearer, 'x-grafana-user': `utente.ruolo.${role.toLowerCase()}` };
    const regions = (await call(app, { url: '/api/variables/regione', headers })).body.map((r: { value: string }) => r.value);
    const offices = (await call(app, { url: '/api/variables/sede', headers })).body.map((r: { value: string }) => r.value);
    if (NATIONAL_ROLES.includes(role)) {
      expect(regions).toHaveLength(20);
    } else {
      expect(regions).toEqual(['03']);
      const own = await t.db.query<{ office_code: string }>("SELECT office_code FROM office WHERE region_code = '03' ORDER BY 1");
      expect(offices).toEqual(own.map((o) => o.office_code));
    }
  }
});

test('after the whole matrix: no log line carries the token or a login', () => {
  // The trace level logs every request and answer; the matrix above made ~400 of them.
  expect(logLines.length).toBeGreaterThan(cells.length);
  const leaks = logLines.filter((line) => line.includes(TEST_TOKEN) || users.some((u) => line.includes(u.login)));
  expect(leaks).toEqual([]);
});
