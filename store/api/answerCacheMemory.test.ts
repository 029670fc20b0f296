/**
 * The answer cache on its own, with answers of known size and computations the test finishes
 * when it wants: the least recently used answer goes first once the limit is passed, an answer
 * larger than the limit is not kept, a computation in progress is shared, a failure is not kept,
 * a new version of the data drops the old answers, and DASMO_ANSWER_CACHE_MB is read or refused.
 */
import type { Frame, StoreQuery } from '../../src/model/query';
import { AnswerCache, answerCacheBytesFromEnv, answerKey } from './answerCache';

const NATIONAL = { regionCode: null };
const RANGE = { from: '2020-03-01', to: '2020-12-31' };
const query = (measure: string): StoreQuery => ({ refId: 'A', subject: 'domande', measure, interval: 'none' });

/** A frame whose answer is about `bytes` long as JSON. */
function frames(bytes: number): Frame[] {
  return [{ name: 'x'.repeat(bytes), fields: [] }];
}

/** Asks `measure` of `cache`; says whether it was computed. */
async function ask(cache: AnswerCache, measure: string, size = 1000, version = 'v1'): Promise<boolean> {
  let computed = false;
  await cache.answering(NATIONAL, version)(query(measure), RANGE, async () => {
    computed = true;
    return frames(size);
  });
  return computed;
}

test('the least recently used answer goes first once the answers kept pass the limit', async () => {
  const cache = new AnswerCache(4000);
  for (const m of ['a', 'b', 'c']) {
    expect(await ask(cache, m)).toBe(true);
  }
  expect(await ask(cache, 'a')).toBe(false); // a is now the most recently used
  expect(await ask(cache, 'd')).toBe(true); // b goes
  expect(cache.stats().bytes).toBeLessThanOrEqual(4000);
  expect(cache.stats().entries).toBe(3);
  expect(await ask(cache, 'a')).toBe(false);
  expect(await ask(cache, 'c')).toBe(false);
  expect(await ask(cache, 'd')).toBe(false);
  expect(await ask(cache, 'b')).toBe(true);
});

test('an answer larger than the whole limit is given but not kept', async () => {
  const cache = new AnswerCache(4000);
  expect(await ask(cache, 'a')).toBe(true);
  expect(await ask(cache, 'huge', 10_000)).toBe(true);
  expect(await ask(cache, 'huge', 10_000)).toBe(true);
  expect(await ask(cache, 'a')).toBe(false);
  expect(cache.stats().entries).toBe(1);
});

test('requests for an answer being computed wait for that computation; a failure is given to them and not kept', async () => {
  const cache = new AnswerCache(1_000_000);
  const answer = cache.answering(NATIONAL, 'v1');
  let calls = 0;
  let fail!: (e: Error) => void;
  const compute = () => {
    calls++;
    return new Promise<Frame[]>((_resolve, reject) => (fail = reject));
  };
  const asked = Array.from({ length: 5 }, () => answer(query('a'), RANGE, compute));
  fail(new Error('statement timeout'));
  const outcomes = await Promise.allSettled(asked);
  expect(outcomes.map((o) => o.status)).toEqual(Array(5).fill('rejected'));
  expect(calls).toBe(1);
  expect(cache.stats()).toMatchObject({ computed: 1, joined: 4, entries: 0 });
  expect(await ask(cache, 'a')).toBe(true);
  expect(await ask(cache, 'a')).toBe(false);
});

test('a new version of the data drops the answers of the old one, and an answer computed on the old one is not kept', async () => {
  const cache = new AnswerCache(1_000_000);
  await ask(cache, 'a', 1000, 'v1');
  let finish!: (f: Frame[]) => void;
  const late = cache.answering(NATIONAL, 'v1')(query('b'), RANGE, () => new Promise<Frame[]>((resolve) => (finish = resolve)));
  expect(await ask(cache, 'a', 1000, 'v2')).toBe(true);
  finish(frames(1000));
  await late;
  expect(cache.stats().entries).toBe(1);
  expect(await ask(cache, 'b', 1000, 'v2')).toBe(true);
});

test('the key is the same however the query\'s keys are ordered, without the refId; it differs by scope, range and version', () => {
  const a = answerKey(NATIONAL, 'v1', { refId: 'A', subject: 'domande', measure: 'presentate', groupBy: ['regione'], filters: { prestazione: ['CIGO'], causale: ['X'] } }, RANGE);
  const b = answerKey(NATIONAL, 'v1', { filters: { causale: ['X'], prestazione: ['CIGO'] }, groupBy: ['regione'], measure: 'presentate', subject: 'domande', refId: 'B' }, RANGE);
  expect(a).toBe(b);
  const q = query('presentate');
  const keys = [
    answerKey(NATIONAL, 'v1', q, RANGE),
    answerKey({ regionCode: '03' }, 'v1', q, RANGE),
    answerKey({ regionCode: '15' }, 'v1', q, RANGE),
    answerKey(NATIONAL, 'v2', q, RANGE),
    answerKey(NATIONAL, 'v1', q, { ...RANGE, to: '2020-12-30' }),
  ];
  expect(new Set(keys).size).toBe(keys.length);
});

test('DASMO_ANSWER_CACHE_MB: default 64 MB, 0 turns the cache off, anything but a size is refused with a sentence', () => {
  expect(answerCacheBytesFromEnv({})).toBe(64 * 1024 * 1024);
  expect(answerCacheBytesFromEnv({ DASMO_ANSWER_CACHE_MB: '0' })).toBe(0);
  expect(answerCacheBytesFromEnv({ DASMO_ANSWER_CACHE_MB: '256' })).toBe(256 * 1024 * 1024);
  for (const bad of ['lots', '-1', ' ', '64MB']) {
    expect(() => answerCacheBytesFromEnv({ DASMO_ANSWER_CACHE_MB: bad })).toThrow(`DASMO_ANSWER_CACHE_MB is "${bad}"`);
  }
});
