/**
 * Every figure of the catalogue, through POST /api/query, against the plain second computation
 * from the raw facts (store/figures), on a small generated history loaded by the real loader.
 */
import type { FastifyInstance } from 'fastify';
import { MEASURES, type Dimension, type MeasureDefinition } from '../../src/model/measures';
import type { Interval, MeasureQuery } from '../../src/model/query';
import { loadRawFacts, rawFigure, type RawFacts } from '../figures';
import { openTestDatabase, type TestDatabase } from '../testing/testDatabase';
import { buildApp } from './app';
import { frameRows, insertUsers, loadGeneratedHistory, postQuery, TEST_TOKEN, type FrameRow } from './apiTesting';

let t: TestDatabase;
let app: FastifyInstance;
let facts: RawFacts;
const LAST_DAY = '2020-11-03';

beforeAll(async () => {
  t = await openTestDatabase();
  await loadGeneratedHistory(t.db, { scale: 0.0005, from: '2020-10-28', to: LAST_DAY, dirty: 0.01 });
  await insertUsers(t.db, [{ login: 'centrale', role: 'DIREZIONE_CENTRALE', region: null }]);
  app = await buildApp({ db: t.db, token: TEST_TOKEN });
  facts = await loadRawFacts(t.db);
});
afterAll(async () => {
  await app?.close();
  await t?.close();
});

/** The breakdowns checked per figure: none, region, and the ones only some figures allow. */
function breakdowns(m: MeasureDefinition): Dimension[][] {
  const out: Dimension[][] = [[], ['regione'], ['prestazione', 'modalita']];
  for (const d of ['stato', 'fascia_eta', 'motivo', 'plurilocalizzata'] as const) {
    if (m.groupBy.includes(d)) {
      out.push([d]);
    }
  }
  return out;
}

const RANGES: Record<Interval, { from: string; to: string }> = {
  day: { from: '2020-10-25', to: LAST_DAY },
  week: { from: '2020-09-10', to: LAST_DAY },
  month: { from: '2020-03-01', to: LAST_DAY },
  none: { from: '2020-04-15', to: LAST_DAY },
};

/** Rows without data left out (as the oracle does), numbers rounded past float noise. */
function comparable(rows: FrameRow[], m: MeasureDefinition): string[] {
  const counts = ['flow', 'stock', 'distinct'].includes(m.aggregation);
  return rows
    .filter((r) => r.value !== null && !(counts && r.value === 0))
    .map((r) => JSON.stringify([r.bucket, Object.entries(r.group).sort(), Math.round(r.value! * 1e6) / 1e6]))
    .sort();
}

describe.each(MEASURES.map((m) => [`${m.subject} ${m.id}`, m] as const))('%s', (_name, m) => {
  test.each(['day', 'week', 'month', 'none'] as const)('interval %s, every breakdown, as the raw facts give it', async (interval) => {
    const range = RANGES[interval];
    // Every breakdown by month and over the whole range; the finer intervals with fewer, to keep the suite short.
    const groupings = interval === 'day' ? [[]] : interval === 'week' ? breakdowns(m).slice(0, 2) : breakdowns(m);
    const queries: MeasureQuery[] = groupings.map((groupBy, i) => ({ refId: `Q${i}`, subject: m.subject, measure: m.id, groupBy, interval }));
    const answer = await postQuery(app, 'centrale', { range, queries });
    expect(answer.status).toBe(200);
    for (const [i, groupBy] of groupings.entries()) {
      const result = answer.body.results[i];
      expect(result.error).toBeUndefined();
      const expected = await rawFigure(facts, { subject: m.subject, measure: m.id, groupBy, interval }, range);
      const expectedRows = expected.map((r) => ({ bucket: r.bucket, group: r.group as Record<string, string>, value: r.value }));
      expect({ groupBy, rows: comparable(frameRows(result.frames!), m) }).toEqual({ groupBy, rows: comparable(expectedRows, m) });
    }
  });
});

test('the generated history has something in every figure, so the comparisons above compare numbers', async () => {
  for (const m of MEASURES) {
    const rows = await rawFigure(facts, { subject: m.subject, measure: m.id, interval: 'month' }, RANGES.month);
    expect({ measure: m.id, some: rows.some((r) => (r.value ?? 0) > 0) }).toEqual({ measure: m.id, some: true });
  }
});

test('a range of whole months only (read from the monthly summaries alone) gives the raw facts\' figures', async () => {
  const range = { from: '2020-04-01', to: '2020-10-31' };
  for (const m of MEASURES.filter((x) => x.aggregation !== 'stock')) {
    // By scheme too for the percentiles, which read a summary by region and one by scheme (056).
    const groupings: Dimension[][] = m.aggregation === 'p90' ? [['regione'], ['prestazione']] : [['regione']];
    for (const [interval, groupBy] of groupings.flatMap((g) => [['month', g], ['none', g]] as const)) {
      const answer = await postQuery(app, 'centrale', { range, queries: [{ refId: 'A', subject: m.subject, measure: m.id, groupBy, interval }] });
      expect(answer.status).toBe(200);
      const expected = await rawFigure(facts, { subject: m.subject, measure: m.id, groupBy, interval }, range);
      expect({ measure: m.id, groupBy, some: expected.length > 0 }).toEqual({ measure: m.id, groupBy, some: true });
      const expectedRows = expected.map((r) => ({ bucket: r.bucket, group: r.group as Record<string, string>, value: r.value }));
      expect({ measure: m.id, interval, groupBy, rows: comparable(frameRows(answer.body.results[0].frames!), m) }).toEqual({
        measure: m.id, interval, groupBy, rows: comparable(expectedRows, m),
      });
    }
  }
});

test('filters narrow a figure exactly as the raw facts do', async () => {
  const filters = { prestazione: ['CIGO', 'ASO'], plurilocalizzata: ['0'], stato: ['IN_ISTRUTTORIA'], fascia_eta: ['0-30', '31-60'] };
  const range = RANGES.month;
  const answer = await postQuery(app, 'centrale', {
    range,
    queries: [{ refId: 'A', subject: 'domande', measure: 'in_giacenza', groupBy: ['regione'], interval: 'month', filters }],
  });
  const expected = await rawFigure(facts, { subject: 'domande', measure: 'in_giacenza', groupBy: ['regione'], interval: 'month', filters }, range);
  const m = MEASURES.find((x) => x.id === 'in_giacenza')!;
  expect(comparable(frameRows(answer.body.results[0].frames!), m)).toEqual(comparable(expected as FrameRow[], m));
  expect(expected.length).toBeGreaterThan(0);
});
