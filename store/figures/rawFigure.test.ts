/**
 * The raw computation's own rules, on three hand-written applications: buckets (weeks from
 * Monday, calendar months, clipped to the range), stocks at a bucket's last day, filters, the
 * nearest-rank p90, and the refusals.
 */
import { insertFacts, createLoadRun, type ApplicationRow } from '../testing/randomFacts';
import { openTestDatabase, type TestDatabase } from '../testing/testDatabase';
import { nearestRankP90, rawFigure } from '.';

let t: TestDatabase;

const application = (id: string, presented: string, benefit = 'CIGO'): ApplicationRow => ({
  application_id: id, benefit, cause: 'COVID19_L178', office_code: '0101', region_code: '01', multi_region: false,
  employer_id: 'M1', payment_mode: 'CONGUAGLIO', workers: 2, hours_requested: 100, period_from: presented,
  period_to: presented, presented_on: presented,
});
const event = (id: string, state: string, on: string, line: number) => ({
  application_id: id, state, state_on: on, hours_authorised: state === 'AUTORIZZATA' ? 50 : null, line_number: line,
});

beforeAll(async () => {
  t = await openTestDatabase();
  // 2021-03-01 is a Monday. A: presented Mon 03-01, authorised Wed 03-10 (9 days).
  // B (ASO): presented Sun 03-07, still open. C: presented Wed 03-31, rejected Thu 04-01 (1 day),
  // and a second same-day row for B on 03-07 (IN_ISTRUTTORIA after PRESENTATA: the later line wins).
  await t.db.transaction(async (tx) => {
    const loadId = await createLoadRun(tx, '2021-04-30', 'hand');
    await insertFacts(
      tx,
      {
        applications: [application('A', '2021-03-01'), application('B', '2021-03-07', 'ASO'), application('C', '2021-03-31')],
        applicationEvents: [
          event('A', 'PRESENTATA', '2021-03-01', 1),
          event('B', 'PRESENTATA', '2021-03-07', 2),
          event('B', 'IN_ISTRUTTORIA', '2021-03-07', 3),
          event('A', 'AUTORIZZATA', '2021-03-10', 4),
          event('C', 'PRESENTATA', '2021-03-31', 5),
          event('C', 'RESPINTA', '2021-04-01', 6),
        ],
        sr41: [],
        sr41Events: [],
      },
      loadId
    );
  });
});
afterAll(async () => {
  await t.close();
});

test('weeks start on Monday and are clipped to the range; the first bucket is named by its Monday', async () => {
  const rows = await rawFigure(t.db, { subject: 'domande', measure: 'presentate', interval: 'week' }, { from: '2021-03-03', to: '2021-04-04' });
  expect(rows).toEqual([
    { bucket: '2021-03-01', group: {}, value: 1 }, // B on Sunday 03-07; A (Monday 03-01) is before the range
    { bucket: '2021-03-29', group: {}, value: 1 }, // C
  ]);
});

test('a stock is read at the last day of each bucket within the range', async () => {
  const rows = await rawFigure(
    t.db,
    { subject: 'domande', measure: 'in_giacenza', interval: 'month', groupBy: ['stato'] },
    { from: '2021-03-01', to: '2021-04-15' }
  );
  expect(rows).toEqual([
    { bucket: '2021-03-01', group: { stato: 'IN_ISTRUTTORIA' }, value: 1 }, // 03-31: B
    { bucket: '2021-03-01', group: { stato: 'PRESENTATA' }, value: 1 }, // 03-31: C, presented that day
    { bucket: '2021-04-01', group: { stato: 'IN_ISTRUTTORIA' }, value: 1 }, // 04-15: B only
  ]);
});

test('filters, means, p90 and the ratio over one bucket', async () => {
  const range = { from: '2021-03-01', to: '2021-04-30' };
  expect(await rawFigure(t.db, { subject: 'domande', measure: 'presentate', filters: { prestazione: ['ASO'] } }, range)).toEqual([
    { bucket: null, group: {}, value: 1 },
  ]);
  expect(await rawFigure(t.db, { subject: 'domande', measure: 'tempo_definizione_medio' }, range)).toEqual([
    { bucket: null, group: {}, value: 5 },
  ]);
  expect(await rawFigure(t.db, { subject: 'domande', measure: 'tempo_definizione_p90' }, range)).toEqual([
    { bucket: null, group: {}, value: 9 },
  ]);
  // 2 decided ÷ (2 + 1 open at 04-30) = 66.67 %
  const [ratio] = await rawFigure(t.db, { subject: 'domande', measure: 'percentuale_evase' }, range);
  expect(ratio.value).toBeCloseTo(200 / 3, 9);
  // No data: no row.
  expect(await rawFigure(t.db, { subject: 'sr41', measure: 'tempo_pagamento_medio' }, range)).toEqual([]);
});

test('nearest-rank p90: the value at rank ceil(0.9 n) of the sorted values', () => {
  expect(nearestRankP90([])).toBeNull();
  expect(nearestRankP90([7])).toBe(7);
  expect(nearestRankP90([5, 1, 4, 2, 3, 10, 9, 8, 7, 6])).toBe(9); // rank 9 of 10
  expect(nearestRankP90([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11])).toBe(10); // rank ceil(9.9) = 10
});

test('a figure that cannot be broken down that way, or a reversed range, is refused', async () => {
  await expect(rawFigure(t.db, { subject: 'domande', measure: 'presentate', groupBy: ['stato'] }, { from: '2021-03-01', to: '2021-03-02' })).rejects.toThrow(
    'The field "groupBy" asks for "stato" (Stato), which the measure "presentate" cannot be broken down by.'
  );
  await expect(rawFigure(t.db, { subject: 'domande', measure: 'presentate' }, { from: '2021-03-02', to: '2021-03-01' })).rejects.toThrow(
    'The range starts on 2021-03-02, after its end 2021-03-01.'
  );
});
