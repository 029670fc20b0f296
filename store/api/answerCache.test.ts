/**
 * The answer cache through POST /api/query on a store loaded by the real loader: a repeated query
 * is not computed again (the counters of /api/health, and a change made behind the store's back
 * that stays unseen until the data's version moves); a load or a change of the thresholds gives
 * fresh answers, checked against the plain raw-fact computation (store/figures); scopes never
 * share answers; errors are not kept; identical requests at once are computed once.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Dimension } from '../../src/model/measures';
import type { Filters, MeasureQuery, QueryRequest } from '../../src/model/query';
import { loadRawFacts, rawFigure, type RawFigureQuery } from '../figures';
import { loadFolders } from '../load';
import { rebuildAllRollups } from '../rollup/refresh';
import { generateExtracts } from '../seed/generate';
import { openTestDatabase, type TestDatabase } from '../testing/testDatabase';
import { buildApp } from './app';
import type { AnswerCacheStats } from './answerCache';
import { call, frameRows, insertUsers, postQuery, TEST_PSEUDONYM_KEY, TEST_TOKEN, type FrameRow } from './apiTesting';

let t: TestDatabase;
let app: FastifyInstance;
let inbox: string;
let folders: string[];
const FIRST_ASOF = '2020-11-02';
const LAST_DAY = '2020-11-03';
const LOMBARDIA = '03';
const CAMPANIA = '15';

/** A query as the API and the raw computation both take it. */
type Asked = Omit<MeasureQuery, 'refId'> & RawFigureQuery;

/** Every dimension of the daily flow rollup: only the daily table itself keeps them all, no summary. */
const EVERY_FLOW_DIMENSION: Dimension[] = ['sede', 'prestazione', 'causale', 'modalita', 'plurilocalizzata'];

beforeAll(async () => {
  t = await openTestDatabase();
  inbox = mkdtempSync(join(tmpdir(), 'dasmo-cache-'));
  generateExtracts({ scale: 0.0005, from: '2020-10-28', to: LAST_DAY, out: inbox, seed: 11, dirty: 0 });
  folders = readdirSync(inbox).sort().map((f) => join(inbox, f));
  // Every folder but the last: the last is the "next night's" load of the tests below.
  await load(folders.slice(0, -1));
  await insertUsers(t.db, [
    { login: 'centrale', role: 'DIREZIONE_CENTRALE', region: null },
    { login: 'regionale.lombardia', role: 'DIRETTORE_REGIONALE', region: LOMBARDIA },
    { login: 'dirigente.lombardia', role: 'DIRIGENTE', region: LOMBARDIA },
    { login: 'regionale.campania', role: 'DIRETTORE_REGIONALE', region: CAMPANIA },
  ]);
  app = await buildApp({ db: t.db, token: TEST_TOKEN });
});
afterAll(async () => {
  await app?.close();
  await t?.close();
  rmSync(inbox, { recursive: true, force: true });
});

async function load(paths: string[]): Promise<void> {
  const summary = await loadFolders(t.db, paths, { pseudonymKey: TEST_PSEUDONYM_KEY });
  if (summary.refused) {
    throw new Error(`refused: ${summary.folders.map((f) => f.message).join('; ')}`);
  }
}

async function cacheStats(on: FastifyInstance = app): Promise<AnswerCacheStats> {
  return (await call<{ answerCache: AnswerCacheStats }>(on, { url: '/api/health' })).body.answerCache;
}

function ask(login: string, range: QueryRequest['range'], q: Asked, on: FastifyInstance = app) {
  return postQuery(on, login, { range, queries: [{ refId: 'A', ...q }] });
}

/** The answer's rows, zeros and nulls left out as the raw computation leaves them out. */
function rowsOf(answer: Awaited<ReturnType<typeof ask>>): string[] {
  expect(answer.status).toBe(200);
  return comparable(frameRows(answer.body.results[0].frames!));
}

function comparable(rows: Array<Pick<FrameRow, 'bucket' | 'group' | 'value'>>): string[] {
  return rows
    .filter((r) => r.value !== null && r.value !== 0)
    .map((r) => JSON.stringify([r.bucket, Object.entries(r.group).sort(), Math.round(r.value! * 1e6) / 1e6]))
    .sort();
}

async function expected(q: RawFigureQuery, range: { from: string; to: string }): Promise<string[]> {
  const rows = await rawFigure(await loadRawFacts(t.db), q, range);
  return comparable(rows.map((r) => ({ bucket: r.bucket, group: r.group as Record<string, string>, value: r.value })));
}

/** The day's total over every group of a series answer. */
function dayTotal(answer: Awaited<ReturnType<typeof ask>>, day: string): number {
  return frameRows(answer.body.results[0].frames!)
    .filter((r) => r.bucket === day)
    .reduce((sum, r) => sum + (r.value ?? 0), 0);
}

test('a repeated query is answered from the cache; a change behind the store\'s back stays unseen until a load moves the version', async () => {
  const range = { from: '2020-10-20', to: '2020-11-01' };
  const q: Asked = { subject: 'domande', measure: 'presentate', groupBy: EVERY_FLOW_DIMENSION, interval: 'day' };
  const before = await cacheStats();
  const first = await ask('centrale', range, q);
  expect(rowsOf(first)).toEqual(await expected(q, range));
  const again = await ask('centrale', range, q);
  expect(again.body).toEqual(first.body);
  const after = await cacheStats();
  expect({ computed: after.computed - before.computed, hits: after.hits - before.hits }).toEqual({ computed: 1, hits: 1 });

  const day = '2020-10-30';
  const total = dayTotal(first, day);
  expect(total).toBeGreaterThan(0);
  const tamper = (by: number) =>
    t.db.query(
      `UPDATE application_flow_daily SET presented = presented + $2
        WHERE ctid = (SELECT ctid FROM application_flow_daily WHERE day = $1 AND presented > 0 ORDER BY office_code, benefit, cause LIMIT 1)`,
      [day, by]
    );
  await tamper(1000);
  expect(dayTotal(await ask('centrale', range, q), day)).toBe(total);
  // The same folder again: the loader logs it (GIA_CARICATO) and changes no data, but the version moves.
  await load([folders[folders.length - 2]]);
  expect(dayTotal(await ask('centrale', range, q), day)).toBe(total + 1000);
  await tamper(-1000);
  await load([folders[folders.length - 2]]);
  expect(rowsOf(await ask('centrale', range, q))).toEqual(await expected(q, range));
});

test('identical requests at the same time are computed once, and all get the same answer', async () => {
  const range = { from: '2020-09-01', to: '2020-11-01' };
  const q: Asked = { subject: 'domande', measure: 'autorizzate', groupBy: ['regione'], interval: 'week' };
  const before = await cacheStats();
  const answers = await Promise.all(Array.from({ length: 8 }, () => ask('centrale', range, q)));
  const after = await cacheStats();
  expect(answers.map((a) => a.status)).toEqual(Array(8).fill(200));
  for (const a of answers) {
    expect(a.body).toEqual(answers[0].body);
  }
  expect(rowsOf(answers[0])).toEqual(await expected(q, range));
  expect({
    computed: after.computed - before.computed,
    fromOthers: after.hits - before.hits + (after.joined - before.joined),
  }).toEqual({ computed: 1, fromOthers: 7 });
});

test('users share answers within a scope, never across regions or with the national scope', async () => {
  const range = { from: '2020-06-01', to: '2020-11-01' };
  const q: Asked = { subject: 'domande', measure: 'in_giacenza', groupBy: ['prestazione'], interval: 'month' };
  const inRegion = (region: string): Filters => ({ regione: [region] });
  const before = await cacheStats();
  const lombardia = await ask('regionale.lombardia', range, q);
  const campania = await ask('regionale.campania', range, q);
  const italia = await ask('centrale', range, q);
  const lombardiaAgain = await ask('dirigente.lombardia', range, q);
  const after = await cacheStats();

  expect(rowsOf(lombardia)).toEqual(await expected({ ...q, filters: inRegion(LOMBARDIA) }, range));
  expect(rowsOf(campania)).toEqual(await expected({ ...q, filters: inRegion(CAMPANIA) }, range));
  expect(rowsOf(italia)).toEqual(await expected(q, range));
  expect(rowsOf(lombardia)).not.toEqual(rowsOf(campania));
  expect(rowsOf(lombardia)).not.toEqual(rowsOf(italia));
  // Another user of Lombardia gets Lombardia's answer, from the cache.
  expect(lombardiaAgain.body).toEqual(lombardia.body);
  expect({ computed: after.computed - before.computed, hits: after.hits - before.hits }).toEqual({ computed: 3, hits: 1 });
});

test('the scope check runs on answers from the cache too: a filter outside the region is refused', async () => {
  const range = { from: '2020-10-01', to: '2020-11-01' };
  const q: Asked = { subject: 'domande', measure: 'presentate', interval: 'none', filters: { regione: [CAMPANIA] } };
  expect((await ask('regionale.campania', range, q)).status).toBe(200);
  const refused = await ask('regionale.lombardia', range, q);
  expect(refused.status).toBe(403);
  expect(refused.body.error!.message).toContain('"regione"');
});

test('an error is not kept: the next request computes the answer', async () => {
  const range = { from: '2020-10-01', to: '2020-10-31' };
  const q: Asked = { subject: 'domande', measure: 'respinte', groupBy: EVERY_FLOW_DIMENSION, interval: 'day' };
  const before = await cacheStats();
  await t.db.exec('ALTER TABLE application_flow_daily RENAME TO application_flow_daily_away');
  try {
    expect((await ask('centrale', range, q)).status).toBeGreaterThanOrEqual(500);
  } finally {
    await t.db.exec('ALTER TABLE application_flow_daily_away RENAME TO application_flow_daily');
  }
  const answer = await ask('centrale', range, q);
  expect(rowsOf(answer)).toEqual(await expected(q, range));
  const after = await cacheStats();
  expect({ computed: after.computed - before.computed, hits: after.hits - before.hits }).toEqual({ computed: 2, hits: 0 });
});

test('a change of the thresholds (and the rebuild it needs) gives fresh answers', async () => {
  const range = { from: '2020-03-01', to: '2020-11-01' };
  const q: Asked = { subject: 'domande', measure: 'giacenza_cronica', interval: 'month' };
  const byBand: Asked = { ...q, groupBy: ['fascia_eta'] };
  const at90 = rowsOf(await ask('centrale', range, q));
  expect(at90).toEqual(await expected(q, range));
  expect(rowsOf(await ask('centrale', range, byBand))).toEqual(await expected(byBand, range));
  try {
    await t.db.query("UPDATE setting SET value = 60 WHERE name = 'chronic_days'");
    // Asked before the rebuild: the rollups still count at 90 days. The rebuild must move the
    // version by itself, or this answer would outlive it.
    expect((await ask('centrale', range, q)).status).toBe(200);
    await rebuildAllRollups(t.db);
    const at60 = rowsOf(await ask('centrale', range, q));
    expect(at60).toEqual(await expected(q, range));
    expect(at60).not.toEqual(at90);
    expect(rowsOf(await ask('centrale', range, byBand))).toEqual(await expected(byBand, range));
  } finally {
    await t.db.query("UPDATE setting SET value = 90 WHERE name = 'chronic_days'");
    await rebuildAllRollups(t.db);
  }
  expect(rowsOf(await ask('centrale', range, q))).toEqual(at90);
});

test('the next night\'s load gives fresh answers', async () => {
  const range = { from: '2020-10-01', to: LAST_DAY };
  const q: Asked = { subject: 'domande', measure: 'in_giacenza', groupBy: ['regione'], interval: 'day' };
  const before = rowsOf(await ask('centrale', range, q));
  expect(before).toEqual(await expected(q, { from: range.from, to: FIRST_ASOF }));
  await load(folders.slice(-1));
  const after = rowsOf(await ask('centrale', range, q));
  expect(after).toEqual(await expected(q, range));
  expect(after).not.toEqual(before);
});

describe('with a small limit or none', () => {
  let small: FastifyInstance;
  let off: FastifyInstance;
  beforeAll(async () => {
    small = await buildApp({ db: t.db, token: TEST_TOKEN, answerCacheBytes: 20_000 });
    off = await buildApp({ db: t.db, token: TEST_TOKEN, answerCacheBytes: 0 });
  });
  afterAll(async () => {
    await small?.close();
    await off?.close();
  });

  test('the answers kept never pass the limit', async () => {
    const range = { from: '2020-03-01', to: '2020-11-01' };
    for (const measure of ['presentate', 'autorizzate', 'respinte', 'annullate', 'definite', 'in_giacenza']) {
      expect((await ask('centrale', range, { subject: 'domande', measure, groupBy: ['regione'], interval: 'month' }, small)).status).toBe(200);
      const stats = await cacheStats(small);
      expect(stats.bytes).toBeLessThanOrEqual(stats.limitBytes);
    }
    const stats = await cacheStats(small);
    expect(stats.computed).toBe(6);
    expect(stats.entries).toBeGreaterThan(0);
    expect(stats.entries).toBeLessThan(6);
  });

  test('with the cache off every request is computed', async () => {
    const range = { from: '2020-10-01', to: '2020-11-01' };
    const q: Asked = { subject: 'domande', measure: 'presentate', interval: 'none' };
    const first = await ask('centrale', range, q, off);
    const again = await ask('centrale', range, q, off);
    expect(again.body).toEqual(first.body);
    expect(await cacheStats(off)).toEqual({ hits: 0, joined: 0, computed: 2, entries: 0, bytes: 0, limitBytes: 0 });
  });
});
