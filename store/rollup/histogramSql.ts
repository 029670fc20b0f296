/**
 * The SQL that recomputes the daily histograms of decision and payment days (migration 050) for a
 * range of days: per day and dimensions, how many decisions (payments) took each number of days.
 * The same events and day counts as the flow rollups' decision_days_sum and payment_days_sum
 * (flowSql.ts): every AUTORIZZATA and RESPINTA change, measured from the presentation; every
 * PAGATO change, measured from the receipt. An exact percentile over any days and groups is then
 * read from the summed counts (store/query/percentiles.ts). `from` and `to` are SQL date literals.
 */
import type { Aliased } from '../db/lookedUp';
import { dimensionKey, positionList, type DimensionSource } from './dimensionTable';
import { DIMENSION_COLUMNS } from './subjects';

const DIMS = DIMENSION_COLUMNS.join(', ');

/** What one histogram counts: the state changes `e` of items, joined to where their dimensions come from. */
interface Histogram {
  table: string;
  count: string;
  /** The changes, as `e`. */
  changes: string;
  /** The item they change, with its key, and whether it is the application itself (dimensionKey). */
  item: Aliased & { key: string; isApplication: boolean };
  days: string;
  states: string;
}

/** Grouped by dimension number on a full rebuild ('numbered'), as the flows are (dimensionTable.ts). */
function histogramSql(h: Histogram, from: string, to: string, source: DimensionSource): string {
  const k = dimensionKey(source);
  const d = k.of(h.item.alias, h.item.isApplication);
  // Grouped by day, key and days by position: a name would mean the application's own column, not the C-collated one.
  const inner = `
SELECT e.state_on AS day, ${d.select}, ${h.days} AS days, count(*) AS ${h.count}
  FROM ${k.itemOf({ table: h.changes, alias: 'e' }, h.item)} ${d.join}
 WHERE e.state_on BETWEEN ${from} AND ${to} AND e.state IN (${h.states})
 GROUP BY ${positionList(k.width + 2)}`;
  return `
INSERT INTO ${h.table} (day, ${DIMS}, days, ${h.count})
${k.wrap(inner, `f.${h.count}`, 'days')}
 ${k.order('days')} -- the primary key's order (see stockSql.ts): day, the six dimensions, days`;
}

export const decisionDaysSql = (from: string, to: string, source: DimensionSource = 'joined'): string =>
  histogramSql(
    {
      table: 'decision_days_daily',
      count: 'decisions',
      changes: 'application_event',
      item: { table: 'application', alias: 'a', key: 'application_id', isApplication: true },
      days: 'e.state_on - a.presented_on',
      states: "'AUTORIZZATA', 'RESPINTA'",
    },
    from, to, source
  );

export const paymentDaysSql = (from: string, to: string, source: DimensionSource = 'joined'): string =>
  histogramSql(
    {
      table: 'payment_days_daily',
      count: 'payments',
      changes: 'sr41_event',
      item: { table: 'sr41', alias: 's', key: 'sr41_id', isApplication: false },
      days: 'e.state_on - s.received_on',
      states: "'PAGATO'",
    },
    from, to, source
  );
