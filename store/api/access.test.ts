/**
 * Who may call (API.md "Who is calling"): the token, the Grafana login, the roster's active
 * days in Europe/Rome, and every role's scope.
 */
import type { FastifyInstance } from 'fastify';
import { ROLES } from '../../src/model/domain';
import { openTestDatabase, type TestDatabase } from '../testing/testDatabase';
import { buildApp } from './app';
import { asUser, call, insertUsers, TEST_TOKEN } from './apiTesting';

let t: TestDatabase;
let app: FastifyInstance;
/** 2021-04-10 at 23:30 in Rome (21:30 UTC): still the 10th there, already late in the day. */
let clock = new Date('2021-04-10T21:30:00Z');

const QUERY = {
  range: { from: '2021-03-01', to: '2021-03-31' },
  queries: [{ refId: 'A', subject: 'domande', measure: 'presentate', interval: 'none' }],
};
const query = (headers: Record<string, string>) => call(app, { method: 'POST', url: '/api/query', headers, payload: QUERY });

beforeAll(async () => {
  t = await openTestDatabase();
  await insertUsers(t.db, [
    { login: 'centrale', role: 'DIREZIONE_CENTRALE', region: null },
    { login: 'scaduto', role: 'DIRIGENTE', region: '03', activeTo: '2021-04-09' },
    { login: 'ultimo.giorno', role: 'DIRIGENTE', region: '03', activeTo: '2021-04-10' },
    { login: 'nuovo', role: 'FUNZIONARIO_PO', region: '15', activeFrom: '2021-04-10' },
    ...ROLES.map((role) => ({ login: `ruolo.${role}`, role, region: role === 'DIREZIONE_CENTRALE' || role === 'AMMINISTRATORE' ? null : '03' })),
  ]);
  app = await buildApp({ db: t.db, token: TEST_TOKEN, now: () => clock });
});
afterAll(async () => {
  await app?.close();
  await t?.close();
});

test('no token: 401, even with a user named', async () => {
  const r = await query({ 'x-grafana-user': 'centrale' });
  expect(r.status).toBe(401);
  expect(r.body.error.code).toBe('UNAUTHORIZED');
});

test('a wrong token, or a right one without "Bearer": 401', async () => {
  expect((await query({ authorization: 'Bearer wrong', 'x-grafana-user': 'centrale' })).status).toBe(401);
  expect((await query({ authorization: `Bearer ${TEST_TOKEN}x`, 'x-grafana-user': 'centrale' })).status).toBe(401);
  expect((await query({ authorization: TEST_TOKEN, 'x-grafana-user': 'centrale' })).status).toBe(401);
});

test('the token is checked before the body: a malformed body without token is 401, not 400', async () => {
  const r = await call(app, { method: 'POST', url: '/api/query', payload: { nonsense: true } });
  expect(r.status).toBe(401);
});

test('a valid token without X-Grafana-User: 403', async () => {
  const r = await query({ authorization: `Bearer ${TEST_TOKEN}` });
  expect(r.status).toBe(403);
  expect(r.body.error.message).toContain('X-Grafana-User');
});

test('a login not in the roster (e.g. an intermediary): 403', async () => {
  const r = await query(asUser('consulente.lavoro'));
  expect(r.status).toBe(403);
  expect(r.body.error.message).toBe('The user named by "X-Grafana-User" is not active in the DASMO roster on 2021-04-10.');
});

test('a profile that ended yesterday: 403; one that ends today still works today', async () => {
  expect((await query(asUser('scaduto'))).status).toBe(403);
  expect((await query(asUser('ultimo.giorno'))).status).toBe(200);
});

test('granted today, usable tomorrow (days in Europe/Rome)', async () => {
  expect((await query(asUser('nuovo'))).status).toBe(403);
  // 2021-04-10T22:30Z is 00:30 on the 11th in Rome (CEST), still the 10th in UTC.
  clock = new Date('2021-04-10T22:30:00Z');
  expect((await query(asUser('nuovo'))).status).toBe(200);
  clock = new Date('2021-04-10T21:30:00Z');
});

test.each(ROLES)('role %s: 200, and its scope is the one DOMAIN.md gives', async (role) => {
  const national = role === 'DIREZIONE_CENTRALE' || role === 'AMMINISTRATORE';
  expect((await query(asUser(`ruolo.${role}`))).status).toBe(200);
  const regions = await call(app, { url: '/api/variables/regione', headers: asUser(`ruolo.${role}`) });
  expect(regions.status).toBe(200);
  expect(regions.body.map((r: { value: string }) => r.value)).toEqual(
    national ? ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12', '13', '14', '15', '16', '17', '18', '19', '20'] : ['03']
  );
});

test('every data route needs the token; health and the OpenAPI document do not', async () => {
  for (const url of ['/api/variables/regione', '/api/annotations?from=2020-03-01&to=2020-12-31']) {
    expect((await call(app, { url })).status).toBe(401);
  }
  expect((await call(app, { url: '/api/health' })).status).toBe(200);
  expect((await call(app, { url: '/api/openapi.json' })).status).toBe(200);
});
