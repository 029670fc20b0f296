/**
 * Which table a histogram figure reads: the 90th percentiles per month by region or by scheme
 * (the requests of store/api/figures.test.ts, which compares their values with the raw facts)
 * read the narrow monthly summaries of migration 056 (by region alone, by scheme alone) for the
 * whole months, and only what needs more columns falls back to the summary without the office.
 */
import type { Dimension } from '../../src/model/measures';
import type { Interval } from '../../src/model/query';
import { flowRows, monthsOnly } from './rollupSource';
import { Params, type Scope } from './sql';

const NATIONAL: Scope = { regionCode: null };
// figures.test.ts's range for interval month: 2020-03 to 2020-10 whole, 2020-11-01..03 day by day.
const RANGE = { from: '2020-03-01', to: '2020-11-03' };

/** The tables named in the FROM item the figure reads. */
function tablesRead(daily: string, groupBy: Dimension[], interval: Interval, scope = NATIONAL, filters = {}): string[] {
  const from = flowRows(daily, { groupBy, filters, scope }, { ...RANGE, interval }, new Params());
  return [...from.matchAll(/FROM (\w+)/g)].map((m) => m[1]).concat(/^\w+$/.test(from) ? [from] : []);
}

test.each([
  ['decision_days_daily', 'decision_days'],
  ['payment_days_daily', 'payment_days'],
])('%s: by region or by scheme per month, the whole months come from the narrow summaries', (daily, family) => {
  expect(tablesRead(daily, ['regione'], 'month')).toEqual([`${family}_by_region_monthly`, `${family}_region_daily`]);
  expect(tablesRead(daily, ['prestazione'], 'month')).toEqual([`${family}_by_benefit_monthly`, `${family}_region_daily`]);
  expect(tablesRead(daily, ['regione'], 'none')).toEqual([`${family}_by_region_monthly`, `${family}_region_daily`]);
  expect(tablesRead(daily, [], 'month', { regionCode: '12' })).toEqual([`${family}_by_region_monthly`, `${family}_region_daily`]);
});

test.each([
  ['decision_days_daily', 'decision_days'],
  ['payment_days_daily', 'payment_days'],
])('%s: other breakdowns keep their tables', (daily, family) => {
  expect(tablesRead(daily, [], 'month')).toEqual([`${family}_national_monthly`, `${family}_region_daily`]);
  expect(tablesRead(daily, ['prestazione'], 'month', { regionCode: '12' })).toEqual([`${family}_region_monthly`, `${family}_region_daily`]);
  expect(tablesRead(daily, ['regione'], 'month', NATIONAL, { prestazione: ['CIGO'] })).toEqual([
    `${family}_region_monthly`,
    `${family}_region_daily`,
  ]);
  expect(tablesRead(daily, ['prestazione', 'modalita'], 'month')).toEqual([`${family}_region_monthly`, `${family}_region_daily`]);
  expect(tablesRead(daily, ['sede'], 'month')).toEqual([daily]);
  expect(tablesRead(daily, ['regione'], 'week')).toEqual([`${family}_region_daily`]);
});

test('only a range of whole months read from a monthly summary gives rows dated their month alone', () => {
  const needs = { groupBy: ['regione'] as Dimension[], filters: {}, scope: NATIONAL };
  expect(monthsOnly('decision_days_daily', needs, { from: '2020-03-01', to: '2021-07-31', interval: 'month' })).toBe(true);
  expect(monthsOnly('decision_days_daily', needs, { ...RANGE, interval: 'month' })).toBe(false);
  expect(monthsOnly('decision_days_daily', needs, { from: '2020-03-02', to: '2020-10-31', interval: 'month' })).toBe(false);
  expect(monthsOnly('decision_days_daily', needs, { from: '2020-03-01', to: '2020-10-31', interval: 'week' })).toBe(false);
  expect(monthsOnly('decision_days_daily', { ...needs, groupBy: ['sede'] }, { from: '2020-03-01', to: '2020-10-31', interval: 'month' })).toBe(false);
});
