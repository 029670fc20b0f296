/**
 * Time buckets across a month's end and the switch to summer time (2021-03-28 in Rome), on a
 * handful of applications worked out by hand, loaded through the real loader.
 */
import type { FastifyInstance } from 'fastify';
import { applicationRow, removeTempDirs, tempDir } from '../load/fixtures/extractFolder';
import { loadSpec } from '../load/fixtures/loadTesting';
import { openTestDatabase, type TestDatabase } from '../testing/testDatabase';
import { buildApp } from './app';
import { insertUsers, postQuery, TEST_TOKEN } from './apiTesting';

let t: TestDatabase;
let app: FastifyInstance;

/** Midnight in Rome as UTC: 23:00 the day before in winter (CET), 22:00 in summer (CEST). */
const romeMidnight = (y: number, m: number, d: number, summer: boolean) => Date.UTC(y, m - 1, d, 0) - (summer ? 2 : 1) * 3600_000;

beforeAll(async () => {
  t = await openTestDatabase();
  const d = (protocollo: string, data_presentazione: string, stato = 'PRESENTATA', data_stato = data_presentazione, extra = {}) =>
    applicationRow({ protocollo, data_presentazione, stato, data_stato, ...extra });
  // D1 Sat 27th, open; D2 Sun 28th (the DST day), authorised Mon 29th after 1 day;
  // D3 Wed 31st, under review from Thu 1 April; D4 Thu 1 April, open.
  const summary = await loadSpec(t.db, tempDir(), '2021-04-02', {
    domande: [
      d('D1', '2021-03-27'),
      d('D2', '2021-03-28'),
      d('D2', '2021-03-28', 'AUTORIZZATA', '2021-03-29', { ore_autorizzate: '500' }),
      d('D3', '2021-03-31'),
      d('D3', '2021-03-31', 'IN_ISTRUTTORIA', '2021-04-01'),
      d('D4', '2021-04-01'),
    ],
  });
  expect(summary.outcome).toBe('CARICATO');
  await insertUsers(t.db, [{ login: 'centrale', role: 'DIREZIONE_CENTRALE', region: null }]);
  app = await buildApp({ db: t.db, token: TEST_TOKEN });
});
afterAll(async () => {
  await app?.close();
  await t?.close();
  removeTempDirs();
});

async function series(measure: string, interval: 'day' | 'week' | 'month', range = { from: '2021-03-27', to: '2021-04-02' }) {
  const r = await postQuery(app, 'centrale', { range, queries: [{ refId: 'A', subject: 'domande', measure, interval }] });
  expect(r.status).toBe(200);
  const [frame] = r.body.results[0].frames!;
  return { time: frame.fields[0].values, values: frame.fields[1].values };
}

test('days: one value per Rome day, midnights 23 h apart across the DST change', async () => {
  expect(await series('presentate', 'day')).toEqual({
    time: [
      romeMidnight(2021, 3, 27, false),
      romeMidnight(2021, 3, 28, false),
      romeMidnight(2021, 3, 29, true),
      romeMidnight(2021, 3, 30, true),
      romeMidnight(2021, 3, 31, true),
      romeMidnight(2021, 4, 1, true),
      romeMidnight(2021, 4, 2, true),
    ],
    values: [1, 1, 0, 0, 1, 1, 0],
  });
  expect(romeMidnight(2021, 3, 29, true) - romeMidnight(2021, 3, 28, false)).toBe(23 * 3600_000);
});

test('weeks from Monday: the DST week holds Saturday and Sunday of the range; stocks at each week end, the last clipped', async () => {
  const weeks = [romeMidnight(2021, 3, 22, false), romeMidnight(2021, 3, 29, true)];
  expect(await series('presentate', 'week')).toEqual({ time: weeks, values: [2, 2] });
  // Sunday 28th: D1, D2 open. Friday 2 April (range end): D1, D3, D4 (D2 authorised).
  expect(await series('in_giacenza', 'week')).toEqual({ time: weeks, values: [2, 3] });
});

test('months across the month end: flows summed, stocks at the month end, means and ratios per month', async () => {
  const months = [romeMidnight(2021, 3, 1, false), romeMidnight(2021, 4, 1, true)];
  expect(await series('presentate', 'month')).toEqual({ time: months, values: [3, 1] });
  // 31 March: D1, D3 open (D2 authorised on the 29th); 2 April: D1, D3, D4.
  expect(await series('in_giacenza', 'month')).toEqual({ time: months, values: [2, 3] });
  expect(await series('autorizzate', 'month')).toEqual({ time: months, values: [1, 0] });
  expect(await series('ore_autorizzate', 'month')).toEqual({ time: months, values: [500, 0] });
  expect(await series('tempo_definizione_medio', 'month')).toEqual({ time: months, values: [1, null] });
  expect(await series('tempo_definizione_p90', 'month')).toEqual({ time: months, values: [1, null] });
  // March: 1 decided ÷ (1 + 2 open at the 31st); April: 0 ÷ (0 + 3).
  const evase = await series('percentuale_evase', 'month');
  expect(evase.time).toEqual(months);
  expect(evase.values[0]).toBeCloseTo(100 / 3, 10);
  expect(evase.values[1]).toBe(0);
});

test('a range past the data ends at the latest loaded day (the data are "dati al" 2 April)', async () => {
  const r = await series('in_giacenza', 'day', { from: '2021-04-01', to: '2021-04-30' });
  expect(r).toEqual({ time: [romeMidnight(2021, 4, 1, true), romeMidnight(2021, 4, 2, true)], values: [3, 3] });
});
