/**
 * lavoratori_pagati over ranges of whole months (interval none), through POST /api/query, against
 * the plain second computation from the raw facts (store/figures), for the groupings whose counts
 * the loader keeps; then the same answers with the payments gone from the raw facts, so they came
 * from those counts (paid_worker_previous_month), not from a scan of the payments.
 */
import type { FastifyInstance } from 'fastify';
import type { Dimension } from '../../src/model/measures';
import type { MeasureQuery } from '../../src/model/query';
import { loadRawFacts, rawFigure, type RawFacts } from '../figures';
import { openTestDatabase, type TestDatabase } from '../testing/testDatabase';
import { buildApp } from './app';
import { frameRows, insertUsers, loadGeneratedHistory, postQuery, TEST_TOKEN } from './apiTesting';

let t: TestDatabase;
let app: FastifyInstance;
let facts: RawFacts;

beforeAll(async () => {
  t = await openTestDatabase();
  await loadGeneratedHistory(t.db, { scale: 0.0005, from: '2020-10-28', to: '2020-11-03', dirty: 0.01 });
  await insertUsers(t.db, [{ login: 'centrale', role: 'DIREZIONE_CENTRALE', region: null }]);
  // No answer cache: the last test asks again after the raw facts changed.
  app = await buildApp({ db: t.db, token: TEST_TOKEN, answerCacheBytes: 0 });
  facts = await loadRawFacts(t.db);
});
afterAll(async () => {
  await app?.close();
  await t?.close();
});

const INTERVALS = ['none', 'month'] as const;
const GROUPINGS: Dimension[][] = [[], ['regione'], ['sede'], ['prestazione'], ['regione', 'prestazione']];
/**
 * Several whole months, from the first month of the history and from later ones; one month alone;
 * and ranges ending on the last loaded day (2020-11-03), as the dashboards' ranges that end today.
 */
const RANGES = [
  { from: '2020-03-01', to: '2020-11-03' },
  { from: '2020-11-01', to: '2020-11-03' },
  { from: '2020-03-01', to: '2020-10-31' },
  { from: '2020-05-01', to: '2020-08-31' },
  { from: '2020-09-01', to: '2020-10-31' },
  { from: '2020-07-01', to: '2020-07-31' },
];

/** Rows with workers, as sorted "bucket group value" lines. */
const lines = (rows: Array<{ bucket: string | null; group: Partial<Record<string, string>>; value: number | null }>) =>
  rows.filter((r) => (r.value ?? 0) > 0).map((r) => `${r.bucket ?? ''} ${JSON.stringify(Object.entries(r.group).sort())} ${r.value}`).sort();

async function expectAnswersEqual(expected: (range: (typeof RANGES)[number], interval: (typeof INTERVALS)[number], groupBy: Dimension[]) => Promise<string[]>) {
  for (const range of RANGES) {
    for (const interval of INTERVALS) {
      const queries: MeasureQuery[] = GROUPINGS.map((groupBy, i) => ({ refId: `Q${i}`, subject: 'sr41', measure: 'lavoratori_pagati', groupBy, interval }));
      const answer = await postQuery(app, 'centrale', { range, queries });
      expect(answer.status).toBe(200);
      for (const [i, groupBy] of GROUPINGS.entries()) {
        const result = answer.body.results[i];
        expect(result.error).toBeUndefined();
        expect({ range, interval, groupBy, rows: lines(frameRows(result.frames!)) }).toEqual({ range, interval, groupBy, rows: await expected(range, interval, groupBy) });
      }
    }
  }
}

const rawLines = async (range: (typeof RANGES)[number], interval: (typeof INTERVALS)[number], groupBy: Dimension[]) =>
  lines(await rawFigure(facts, { subject: 'sr41', measure: 'lavoratori_pagati', groupBy, interval }, range));

test('workers paid over ranges of whole months, per grouping, are those of the raw facts', async () => {
  await expectAnswersEqual(rawLines);
  // Workers paid in more than one month of the range: the range counts fewer than its months add up to.
  const [whole] = await rawFigure(facts, { subject: 'sr41', measure: 'lavoratori_pagati', interval: 'none' }, RANGES[0]);
  const months = await rawFigure(facts, { subject: 'sr41', measure: 'lavoratori_pagati', interval: 'month' }, RANGES[0]);
  expect(whole.value!).toBeGreaterThan(0);
  expect(whole.value!).toBeLessThan(months.reduce((sum, m) => sum + m.value!, 0));
});

test('the answers come from the counts the loader keeps: the same with the payments gone from the raw facts', async () => {
  await t.db.query(`DELETE FROM sr41_event WHERE state = 'PAGATO'`);
  await expectAnswersEqual(rawLines);
});
