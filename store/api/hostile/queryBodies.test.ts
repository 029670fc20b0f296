/**
 * POST /api/query under generated hostile bodies (fast-check): arbitrary JSON, valid batches with
 * one field replaced by something hostile, and raw text that is barely JSON. Every answer is a
 * 200 (per-query errors 400/403 only) or a 4xx in the error shape with a sentence; never a 5xx,
 * never a stack or SQL. The store is empty but for the roster: these are about the request, the
 * data a regional user may see is queryScope.test.ts's.
 */
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { AGE_BANDS, APPLICATION_STATES, BENEFITS, CAUSES, PAYMENT_MODES, REJECTION_REASONS, SR41_STATES } from '../../../src/model/domain';
import { DIMENSIONS, MEASURES, type Dimension } from '../../../src/model/measures';
import { openTestDatabase, type TestDatabase } from '../../testing/testDatabase';
import { apiLoggerOptions, buildApp } from '../app';
import { insertUsers, TEST_TOKEN } from '../apiTesting';
import { logCapture } from '../security/logCapture';
import { hostileValue, SQL_FRAGMENTS } from './hostileValues';
import { explain, QueryProbe } from './queryProbe';

let t: TestDatabase;
let app: FastifyInstance;
let probe: QueryProbe;
const log = logCapture();
const RANGE = { from: '2020-09-01', to: '2020-10-31' };
const REGIONAL = 'dirigente.lombardia.h2';
/** Cases per property; DASMO_HOSTILE_RUNS raises it for a longer hunt (bench/README.md). */
const RUNS = Number(process.env.DASMO_HOSTILE_RUNS ?? 100);

beforeAll(async () => {
  t = await openTestDatabase();
  await insertUsers(t.db, [{ login: REGIONAL, role: 'DIRIGENTE', region: '03' }]);
  const offices = new Set((await t.db.query<{ office_code: string }>("SELECT office_code FROM office WHERE region_code = '03'")).map((o) => o.office_code));
  app = await buildApp({ db: t.db, token: TEST_TOKEN, logger: apiLoggerOptions('trace', log.stream) });
  probe = new QueryProbe(app, { login: REGIONAL, region: '03', offices });
});
afterAll(async () => {
  await app?.close();
  await t?.close();
  console.log(`hostile query bodies: ${RUNS} cases per property; statuses ${probe?.summary()}`);
});

const CODES: Record<Dimension, readonly string[]> = {
  regione: ['03', '01', '15'],
  sede: ['0301', '0302', '0101', '1501'],
  prestazione: BENEFITS,
  causale: CAUSES,
  modalita: PAYMENT_MODES,
  plurilocalizzata: ['0', '1'],
  stato: [...APPLICATION_STATES, ...SR41_STATES],
  fascia_eta: AGE_BANDS.map((b) => b.id),
  motivo: REJECTION_REASONS,
};

/** A well-formed query of the model: a figure, its breakdowns, an interval, filters of real codes. */
const validQuery = fc
  .record({
    measure: fc.constantFrom(...MEASURES),
    interval: fc.constantFrom('day', 'week', 'month', 'none'),
    breakdown: fc.subarray([...DIMENSIONS], { maxLength: 2 }),
    filterDims: fc.subarray([...DIMENSIONS], { maxLength: 2 }),
  })
  .chain(({ measure, interval, breakdown, filterDims }) => {
    const dims = filterDims.filter((d) => measure.groupBy.includes(d));
    return fc
      .tuple(...dims.map((d) => fc.subarray([...CODES[d]], { minLength: 1 })))
      .map((values) => ({
        refId: 'A',
        subject: measure.subject,
        measure: measure.id,
        interval,
        groupBy: breakdown.filter((d) => measure.groupBy.includes(d)),
        filters: Object.fromEntries(dims.map((d, i) => [d, values[i]])),
      }));
  });

const validBatch = fc.array(validQuery, { minLength: 1, maxLength: 3 }).map((queries) => ({
  range: RANGE,
  queries: queries.map((q, i) => ({ ...q, refId: `Q${i}` })),
}));

/** Every place in a batch a value can be put, existing or not. */
const PATHS = [
  [],
  ['range'],
  ['range', 'from'],
  ['range', 'to'],
  ['range', 'extra'],
  ['queries'],
  ['queries', 0],
  ['queries', 0, 'refId'],
  ['queries', 0, 'subject'],
  ['queries', 0, 'measure'],
  ['queries', 0, 'groupBy'],
  ['queries', 0, 'groupBy', 0],
  ['queries', 0, 'interval'],
  ['queries', 0, 'filters'],
  ...DIMENSIONS.flatMap((d) => [
    ['queries', 0, 'filters', d],
    ['queries', 0, 'filters', d, 0],
  ]),
  ['queries', 0, 'of'],
  ['queries', 0, 'limit'],
  ['queries', 0, 'constructor'],
  ['queries', 0, 'prototype'],
  ['queries', 0, 'toString'],
  ['extra'],
] as Array<Array<string | number>>;

function withValueAt(body: unknown, path: Array<string | number>, value: unknown): unknown {
  if (path.length === 0) {
    return value;
  }
  const copy: any = Array.isArray(body) ? [...body] : typeof body === 'object' && body !== null ? { ...body } : {};
  const [head, ...rest] = path;
  copy[head] = withValueAt(copy[head], rest, value);
  return copy;
}

test('any JSON value as the body: a 400 naming what is wrong, never a 5xx', async () => {
  await fc.assert(
    fc.asyncProperty(fc.oneof(fc.jsonValue({ maxDepth: 4 }), hostileValue), async (body) => {
      const { r, problems } = await probe.send(body);
      expect(explain(problems, body)).toBe('');
      expect(r.status).toBe(400);
    }),
    { numRuns: RUNS }
  );
});

test('a valid batch with one field made hostile: a 200 with per-query errors or a 4xx, never a 5xx', async () => {
  await fc.assert(
    fc.asyncProperty(validBatch, fc.constantFrom(...PATHS), hostileValue, async (batch, path, value) => {
      const body = withValueAt(batch, path, value);
      const { problems } = await probe.send(body);
      expect(explain(problems, body)).toBe('');
    }),
    { numRuns: RUNS }
  );
});

test('text that is barely JSON (giant numbers, duplicated keys, __proto__, NUL, truncation): a 4xx sentence', async () => {
  const valid = JSON.stringify({ range: RANGE, queries: [{ refId: 'A', subject: 'domande', measure: 'presentate' }] });
  const edits = fc.oneof(
    fc.constant(valid.replace('"presentate"', '1e400')),
    fc.constant(valid.replace('{"range"', '{"__proto__":{"admin":true},"range"')),
    fc.constant(valid.replace('"refId"', '"\\u005f_proto__":{},"refId"')),
    fc.constant(valid.replace('{"range"', '{"range":{},"range"')),
    fc.constant(valid.replace('"A"', '"A\\ud800"')),
    fc.constant(valid.replace('"A"', '"A\\u0000"')),
    fc.constant(`${valid}${valid}`),
    fc.constant(`[${valid}]`),
    fc.constant(`${'['.repeat(100_000)}${']'.repeat(100_000)}`),
    fc.nat({ max: valid.length - 1 }).map((n) => valid.slice(0, n)),
    fc
      .tuple(fc.nat({ max: valid.length }), fc.constantFrom(...SQL_FRAGMENTS, '\u0000', '\\', '"', '}', ']'))
      .map(([n, s]) => valid.slice(0, n) + s + valid.slice(n)),
    fc.string({ unit: 'binary', maxLength: 200 })
  );
  await fc.assert(
    fc.asyncProperty(edits, async (text) => {
      const { problems } = await probe.send(undefined, { raw: text });
      expect(explain(problems, text)).toBe('');
    }),
    { numRuns: RUNS }
  );
});

test('the log of every request above holds neither the token nor the login', () => {
  expect(log.lines.length).toBeGreaterThan(RUNS * 3);
  expect(log.lines.filter((l) => l.includes(TEST_TOKEN) || l.includes(REGIONAL))).toEqual([]);
});
