/**
 * Which rollup table a figure reads: the daily table it is defined on, or a summary of it
 * (store/rollup/summaries.ts) holding the same sums over fewer rows, when the summary keeps every
 * column the query groups or filters by (the caller's region scope too).
 *
 * - A stock is read at single days: the coarsest day-grain table that keeps the columns.
 * - A flow (or histogram) over a time range: the months wholly inside the range from the coarsest
 *   monthly summary that keeps the columns, the days of the range's partial months from the
 *   coarsest daily table. Both hold the same sums, so the figure is the same either way.
 */
import type { Dimension } from '../../src/model/measures';
import { addDays, bucketEnd, bucketStart } from '../../src/model/calendar';
import { DAILY_ROLLUPS, SUMMARIES, type RollupTable } from '../rollup/summaries';
import { ATTRIBUTE_COLUMNS, type Params, type Scope } from './sql';
import type { Filters, Interval } from '../../src/model/query';

/** The rollup column of each dimension; fascia_eta is a choice of columns, not a column. */
const DIMENSION_COLUMN: Partial<Record<Dimension, string>> = { ...ATTRIBUTE_COLUMNS, stato: 'state', motivo: 'rejection_reason' };

export interface Needs {
  groupBy: readonly Dimension[];
  filters: Filters | undefined;
  scope: Scope;
}

function neededColumns(n: Needs): string[] {
  const dims = new Set<Dimension>([...n.groupBy, ...(Object.keys(n.filters ?? {}) as Dimension[])]);
  if (n.scope.regionCode !== null) {
    dims.add('regione');
  }
  return [...dims].map((d) => DIMENSION_COLUMN[d]).filter((c): c is string => c !== undefined);
}

/** The first (coarsest) table of the daily table's family with this grain that keeps the columns. */
function coarsest(daily: string, grain: 'day' | 'month', columns: string[]): RollupTable | null {
  const family: RollupTable[] = [...SUMMARIES.filter((s) => s.source === daily), DAILY_ROLLUPS[daily]];
  return family.find((t) => t.grain === grain && columns.every((c) => t.keys.includes(c))) ?? null;
}

/** The table a stock reads at single days. */
export function stockTable(daily: string, needs: Needs): string {
  return coarsest(daily, 'day', neededColumns(needs))!.table;
}

interface FlowPlan {
  /** The table of the days outside whole months (all of them when `months` is null). */
  days: RollupTable;
  /** The monthly summary and the whole months it is read for, if any. */
  months: { table: RollupTable; from: string; to: string } | null;
  /** The partial months at either end, read day by day; only those that hold days. */
  edges: Array<{ from: string; to: string }>;
}

function flowPlan(daily: string, needs: Needs, range: { from: string; to: string; interval: Interval }): FlowPlan {
  const columns = neededColumns(needs);
  const days = coarsest(daily, 'day', columns)!;
  const months = range.interval === 'month' || range.interval === 'none' ? coarsest(daily, 'month', columns) : null;
  const firstMonth = bucketStart(range.from, 'month') === range.from ? range.from : addDays(bucketEnd(range.from, 'month'), 1);
  const lastMonthEnd = bucketEnd(range.to, 'month') === range.to ? range.to : addDays(bucketStart(range.to, 'month'), -1);
  if (!months || firstMonth > lastMonthEnd) {
    return { days, months: null, edges: [] };
  }
  // Only the edges that hold days, so that a range of whole months never scans the daily table
  // (a condition the planner could not see is empty).
  const edges = [
    range.from < firstMonth ? { from: range.from, to: addDays(firstMonth, -1) } : null,
    lastMonthEnd < range.to ? { from: addDays(lastMonthEnd, 1), to: range.to } : null,
  ].filter((e): e is { from: string; to: string } => e !== null);
  return { days, months: { table: months, from: firstMonth, to: lastMonthEnd }, edges };
}

/**
 * Whether every row flowRows gives for this range is a monthly summary's, dated its month's first
 * day: a range of whole months whose columns a monthly summary keeps. A figure by month can then
 * take `day` itself as the bucket, a column the summary's primary key already orders by.
 */
export function monthsOnly(daily: string, needs: Needs, range: { from: string; to: string; interval: Interval }): boolean {
  const plan = flowPlan(daily, needs, range);
  return plan.months !== null && plan.edges.length === 0;
}

/**
 * A FROM item (to be aliased by the caller) holding the rows of `daily`'s days from..to, or their
 * sums: whole months from a monthly summary where the interval allows, other days day by day.
 */
export function flowRows(daily: string, needs: Needs, range: { from: string; to: string; interval: Interval }, params: Params): string {
  const { days, months, edges } = flowPlan(daily, needs, range);
  if (!months) {
    return days.table;
  }
  const select = ['day', ...months.table.keys, ...months.table.values].join(', ');
  const between = (r: { from: string; to: string }) => `day BETWEEN ${params.add(r.from)}::date AND ${params.add(r.to)}::date`;
  return `(${[
    `SELECT ${select} FROM ${months.table.table} WHERE ${between(months)}`,
    ...edges.map((edge) => `SELECT ${select} FROM ${days.table} WHERE ${between(edge)}`),
  ].join('\n           UNION ALL\n           ')})`;
}
