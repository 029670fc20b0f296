/**
 * What the API answers besides figures: 400s that name the field, a batch where one query
 * fails, variables, annotations, health, the OpenAPI document, and a 500 that hides its cause.
 */
import type { FastifyInstance } from 'fastify';
import { NORMATIVE_MILESTONES, SR41_STATES } from '../../src/model/domain';
import { romeDayStartMs } from '../../src/model/calendar';
import { openTestDatabase, type TestDatabase } from '../testing/testDatabase';
import { buildApp } from './app';
import { asUser, call, insertUsers, postQuery, TEST_TOKEN } from './apiTesting';

let t: TestDatabase;
let app: FastifyInstance;
const RANGE = { from: '2021-03-01', to: '2021-03-31' };

beforeAll(async () => {
  t = await openTestDatabase();
  await insertUsers(t.db, [{ login: 'centrale', role: 'DIREZIONE_CENTRALE', region: null }]);
  const [{ load_id }] = await t.db.query<{ load_id: number }>(
    `INSERT INTO load_run (reference_date, folder_name, outcome, message, started_at, finished_at)
     VALUES ('2021-03-20', '2021-03-20', 'CARICATO', NULL, '2021-03-21T03:00:00Z', '2021-03-21T03:05:00Z'),
            ('2021-03-23', '2021-03-23', 'RIFIUTATO', 'sr41.csv: 10 rows in the manifest, 9 in the file', '2021-03-24T03:00:00Z', '2021-03-24T03:01:00Z')
     RETURNING load_id`
  );
  await t.db.query("INSERT INTO data_gap (gap_date, detected_by) VALUES ('2021-03-19', $1)", [load_id]);
  app = await buildApp({ db: t.db, token: TEST_TOKEN });
});
afterAll(async () => {
  await app?.close();
  await t?.close();
});

const one = (query: Record<string, unknown>) => postQuery(app, 'centrale', { range: RANGE, queries: [{ refId: 'A', ...query } as never] });

test.each([
  [{ subject: 'domande', measure: 'presentate', groupBy: ['motivo'] }, 'The field "groupBy" asks for "motivo" (Motivo di scarto), which the measure "presentate" cannot be broken down by.'],
  [{ subject: 'domande', measure: 'pagati' }, 'The field "measure" has the value "pagati", which is not a figure of subject "domande".'],
  [{ subject: 'domande', measure: 'presentate', interval: 'year' }, 'The field "queries[0].interval" must be one of: day, week, month, none.'],
  [{ subject: 'domande', measure: 'presentate', filters: { stato: ['PRESENTATA'] } }, 'The field "filters.stato" cannot be applied to this figure.'],
  [{ subject: 'domande', measure: 'presentate', filters: { plurilocalizzata: ['si'] } }, 'The field "filters.plurilocalizzata" has the value "si"; use "1" or "0".'],
  [{ subject: 'domande', measure: 'presentate', colour: 'red' }, 'The field "queries[0].colour" is not allowed here.'],
  [{ subject: 'sr41', measure: 'ricevuti', groupBy: ['fascia_eta'] }, 'The field "groupBy" asks for "fascia_eta" (Fascia di età), which the measure "ricevuti" cannot be broken down by.'],
  [{ subject: 'elenco', of: 'domande', limit: 5000 }, 'The field "queries[0].limit" must be <= 1000.'],
  [{ subject: 'elenco' }, 'The field "queries[0].of" is required.'],
])('a query that is not meaningful: 400 naming the field (%j)', async (query, message) => {
  const r = await one(query);
  expect(r.status).toBe(400);
  expect(r.body.error).toEqual({ code: 'BAD_REQUEST', message });
});

test.each([
  [{ range: { from: '2021-02-30', to: '2021-03-31' } }, 'The field "range.from" has the value "2021-02-30", which is not a calendar day (AAAA-MM-GG).'],
  [{ range: { from: '2021-04-01', to: '2021-03-31' } }, 'The field "range.from" (2021-04-01) is after "range.to" (2021-03-31).'],
  [{ range: { from: '2021-03-01' } }, 'The field "range.to" is required.'],
  [{ range: RANGE, queries: [] }, 'The field "queries" must NOT have fewer than 1 items.'],
])('a malformed request: 400 naming the field (%j)', async (body, message) => {
  const payload = { queries: [{ refId: 'A', subject: 'domande', measure: 'presentate' }], ...body };
  const r = await call(app, { method: 'POST', url: '/api/query', headers: asUser('centrale'), payload });
  expect(r.status).toBe(400);
  expect(r.body).toEqual({ error: { code: 'BAD_REQUEST', message } });
});

test('one failing query in a batch leaves the others answered', async () => {
  const r = await postQuery(app, 'centrale', {
    range: RANGE,
    queries: [
      { refId: 'A', subject: 'domande', measure: 'presentate', interval: 'none' },
      { refId: 'B', subject: 'domande', measure: 'presentate', groupBy: ['motivo'] },
      { refId: 'C', subject: 'sr41', measure: 'nessuna' } as never,
      { refId: 'D', subject: 'elenco', of: 'sr41' },
    ],
  });
  expect(r.status).toBe(200);
  expect(r.body.results.map((x) => [x.refId, x.error?.code ?? 'frames'])).toEqual([
    ['A', 'frames'],
    ['B', 'BAD_REQUEST'],
    ['C', 'BAD_REQUEST'],
    ['D', 'frames'],
  ]);
  expect(r.body.results[0].frames![0].fields).toEqual([{ name: 'presentate', type: 'number', values: [0], unit: 'domande' }]);
});

test('variables: the code lists of the domain, states by subject; an unknown name is 404', async () => {
  const prestazione = await call(app, { url: '/api/variables/prestazione', headers: asUser('centrale') });
  expect(prestazione.body).toEqual(['CIGO', 'CIGD', 'ASO', 'CISOA'].map((v) => ({ text: v, value: v })));
  const stati = await call(app, { url: '/api/variables/stato?of=sr41', headers: asUser('centrale') });
  expect(stati.body.map((s: { value: string }) => s.value)).toEqual([...SR41_STATES]);
  const sedi = await call(app, { url: '/api/variables/sede?regione=02', headers: asUser('centrale') });
  expect(sedi.body).toEqual([{ text: 'INPS Aosta', value: '0201' }]);
  const unknown = await call(app, { url: '/api/variables/colore', headers: asUser('centrale') });
  expect(unknown.status).toBe(404);
  expect(unknown.body.error.message).toContain('There is no variable "colore"');
  const bad = await call(app, { url: '/api/variables/stato?of=pratiche', headers: asUser('centrale') });
  expect(bad.status).toBe(400);
  expect(bad.body.error.message).toContain('querystring.of');
});

test('annotations: milestones, data gaps and refused loads in the range, by day or epoch milliseconds', async () => {
  const byDay = await call(app, { url: '/api/annotations?from=2021-03-01&to=2021-03-31', headers: asUser('centrale') });
  expect(byDay.status).toBe(200);
  expect(byDay.body).toEqual([
    { time: romeDayStartMs('2021-03-19'), title: 'Dati mancanti', text: 'Nessun estratto per il 2021-03-19: il giorno è stato saltato nel caricamento.', tags: ['caricamento', 'lacuna'] },
    { time: romeDayStartMs('2021-03-22'), title: 'DL 41/2021 "Sostegni"', text: 'DL 41/2021 "Sostegni"', tags: ['normativa'] },
    {
      time: romeDayStartMs('2021-03-23'),
      title: 'Caricamento rifiutato',
      text: 'Estratto del 2021-03-23 rifiutato: sr41.csv: 10 rows in the manifest, 9 in the file',
      tags: ['caricamento', 'rifiutato'],
    },
  ]);
  const byMs = await call(app, { url: `/api/annotations?from=${Date.UTC(2021, 2, 1)}&to=${Date.UTC(2021, 2, 31, 12)}`, headers: asUser('centrale') });
  expect(byMs.body).toEqual(byDay.body);
  const missing = await call(app, { url: '/api/annotations?from=2021-03-01', headers: asUser('centrale') });
  expect(missing.status).toBe(400);
  expect(missing.body.error.message).toBe('The field "querystring.to" is required.');
});

test('the milestones stored by the migration are those of the domain model', async () => {
  const rows = await t.db.query<{ date: string; title: string }>('SELECT milestone_on AS date, title FROM normative_milestone ORDER BY 1');
  expect(rows).toEqual(NORMATIVE_MILESTONES.map((m) => ({ date: m.date, title: m.title })));
});

test('health: up, database reachable, the latest loaded day, the last load (a refused one) and the answer cache\'s counts', async () => {
  const r = await call(app, { url: '/api/health' });
  expect(r.status).toBe(200);
  expect(r.body).toEqual({
    status: 'up',
    database: 'reachable',
    asOf: '2021-03-20',
    lastLoad: { referenceDate: '2021-03-23', outcome: 'RIFIUTATO', finishedAt: '2021-03-24T03:01:00.000Z' },
    // Counts only (answerCache.ts): nothing of the answers themselves.
    answerCache: { hits: expect.any(Number), joined: expect.any(Number), computed: expect.any(Number), entries: expect.any(Number), bytes: expect.any(Number), limitBytes: 64 * 1024 * 1024 },
  });
});

test('the OpenAPI document describes every route from the same schemas', async () => {
  const r = await call(app, { url: '/api/openapi.json' });
  expect(Object.keys(r.body.paths).sort()).toEqual(['/api/annotations', '/api/health', '/api/query', '/api/variables/{name}']);
  const query = r.body.paths['/api/query'].post;
  expect(Object.keys(query.responses).sort()).toEqual(['200', '400', '401', '403', '413', '415', '500', '503']);
  expect(Object.keys(r.body.paths['/api/variables/{name}'].get.responses).sort()).toEqual(['200', '400', '401', '403', '404', '414', '500', '503']);
  expect(JSON.stringify(query.requestBody)).toContain('"interval"');
});

test('an unknown path is 404 in the same error shape', async () => {
  const r = await call(app, { url: '/api/nothing', headers: asUser('centrale') });
  expect(r.status).toBe(404);
  expect(r.body.error.code).toBe('NOT_FOUND');
});

// Last: it breaks the schema of this test's own database.
test('a failure inside the store is a 500 that names no table, no SQL and carries no stack', async () => {
  await t.db.exec('DROP TABLE sr41_flow_daily');
  const r = await postQuery(app, 'centrale', { range: RANGE, queries: [{ refId: 'A', subject: 'sr41', measure: 'ricevuti' }] });
  expect(r.status).toBe(500);
  expect(r.body).toEqual({ error: { code: 'INTERNAL', message: "The query failed inside the store; the error is in the store's log." } });
});
