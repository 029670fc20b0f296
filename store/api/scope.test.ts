/**
 * A regional user never sees another region's data (DOMAIN.md "Who may see what"): in any
 * figure, variable or list; a filter outside the scope is refused (403) and named.
 */
import type { FastifyInstance } from 'fastify';
import { MEASURES } from '../../src/model/measures';
import type { MeasureQuery } from '../../src/model/query';
import { openTestDatabase, type TestDatabase } from '../testing/testDatabase';
import { buildApp } from './app';
import { asUser, call, frameRows, insertUsers, loadGeneratedHistory, postQuery, TEST_TOKEN } from './apiTesting';

let t: TestDatabase;
let app: FastifyInstance;
const RANGE = { from: '2020-03-01', to: '2020-10-31' };

beforeAll(async () => {
  t = await openTestDatabase();
  await loadGeneratedHistory(t.db, { scale: 0.0005, from: '2020-10-29', to: RANGE.to });
  await insertUsers(t.db, [
    { login: 'centrale', role: 'DIREZIONE_CENTRALE', region: null },
    { login: 'lombardia', role: 'DIRETTORE_REGIONALE', region: '03' },
    { login: 'campania', role: 'FUNZIONARIO_PO', region: '15' },
  ]);
  app = await buildApp({ db: t.db, token: TEST_TOKEN });
});
afterAll(async () => {
  await app?.close();
  await t?.close();
});

const everyFigure = (extra: Partial<MeasureQuery>): MeasureQuery[] =>
  MEASURES.map((m, i) => ({ refId: `Q${i}`, subject: m.subject, measure: m.id, interval: 'month', groupBy: ['sede'], ...extra }));

test.each([
  ['lombardia', '03'],
  ['campania', '15'],
])('%s sees, in every figure, exactly the national figures of region %s', async (login, region) => {
  const own = await postQuery(app, login, { range: RANGE, queries: everyFigure({}) });
  const national = await postQuery(app, 'centrale', { range: RANGE, queries: everyFigure({ filters: { regione: [region] } }) });
  expect(own.status).toBe(200);
  let nonZero = 0;
  own.body.results.forEach((r, i) => {
    expect(r.error).toBeUndefined();
    const rows = frameRows(r.frames!);
    expect({ refId: r.refId, rows }).toEqual({ refId: r.refId, rows: frameRows(national.body.results[i].frames!) });
    nonZero += rows.filter((x) => (x.value ?? 0) > 0).length;
  });
  expect(nonZero).toBeGreaterThan(0);
});

test('grouped by region, a regional user gets only their region, in every figure', async () => {
  const own = await postQuery(app, 'lombardia', { range: RANGE, queries: everyFigure({ groupBy: ['regione'], interval: 'none' }) });
  for (const r of own.body.results) {
    const regions = new Set(frameRows(r.frames!).map((x) => x.group.regione));
    expect([...regions].filter((g) => g !== '03')).toEqual([]);
  }
});

test('a filter on another region, or on an office of another region, is refused and named', async () => {
  const byRegion = await postQuery(app, 'lombardia', {
    range: RANGE,
    queries: [{ refId: 'A', subject: 'domande', measure: 'presentate', filters: { regione: ['03', '15'] } }],
  });
  expect(byRegion.status).toBe(403);
  expect(byRegion.body.error!.message).toBe('The filter "regione" asks for region "15", outside your scope (region 03).');
  const byOffice = await postQuery(app, 'lombardia', {
    range: RANGE,
    queries: [{ refId: 'A', subject: 'sr41', measure: 'pagati', filters: { sede: ['0301', '1503'] } }],
  });
  expect(byOffice.status).toBe(403);
  expect(byOffice.body.error!.message).toBe('The filter "sede" asks for office "1503", outside your scope (region 03).');
});

test('the variables of a regional user hold their region and its offices only', async () => {
  const regions = await call(app, { url: '/api/variables/regione', headers: asUser('campania') });
  expect(regions.body).toEqual([{ text: 'Campania', value: '15' }]);
  const offices = await call(app, { url: '/api/variables/sede', headers: asUser('campania') });
  const [{ n }] = await t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM office WHERE region_code = '15'");
  expect(offices.body).toHaveLength(n);
  expect(offices.body.every((o: { value: string }) => o.value.startsWith('15'))).toBe(true);
  const other = await call(app, { url: '/api/variables/sede?regione=03', headers: asUser('campania') });
  expect(other.status).toBe(403);
  expect(other.body.error.message).toBe('The parameter "regione" asks for region "03", outside your scope (region 15).');
});

test.each(['domande', 'sr41'] as const)('the list of open %s of a regional user holds their region only', async (of) => {
  const own = await postQuery(app, 'lombardia', { range: RANGE, queries: [{ refId: 'L', subject: 'elenco', of, limit: 1000 }] });
  const keys = own.body.results[0].frames![0].fields[0].values as string[];
  expect(keys.length).toBeGreaterThan(0);
  const sql =
    of === 'domande'
      ? 'SELECT DISTINCT region_code FROM application WHERE application_id = ANY($1::text[])'
      : 'SELECT DISTINCT a.region_code FROM sr41 s JOIN application a USING (application_id) WHERE s.sr41_id = ANY($1::text[])';
  expect(await t.db.query(sql, [keys])).toEqual([{ region_code: '03' }]);
});
