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

/**
 * A FROM item (to be aliased by the caller) holding the rows of `daily`'s days from..to, or their
 * sums: whole months from a monthly summary where the interval allows, other days day by day.
 */
export function flowRows(daily: string, needs: Needs, range: { from: string; to: string; interval: Interval }, params: Params): string {
  const columns = neededColumns(needs);
  const days = coarsest(daily, 'day', columns)!;
  const months = range.interval === 'month' || range.interval === 'none' ? coarsest(daily, 'month', columns) : null;
  const firstMonth = bucketStart(range.from, 'month') === range.from ? range.from : addDays(bucketEnd(range.from, 'month'), 1);
  const lastMonthEnd = bucketEnd(range.to, 'month') === range.to ? range.to : addDays(bucketStart(range.to, 'month'), -1);
  if (!months || firstMonth > lastMonthEnd) {
    return days.table;
  }
  const select = ['day', ...months.keys, ...months.values].join(', ');
  const between = (from: string, to: string) => `day BETWEEN ${params.add(from)}::date AND ${params.add(to)}::date`;
  // The partial months at either end, day by day; only the ranges that hold days, so that a range
  // of whole months never scans the daily table (a condition the planner could not see is empty).
  const edges = [
    range.from < firstMonth ? between(range.from, addDays(firstMonth, -1)) : null,
    lastMonthEnd < range.to ? between(addDays(lastMonthEnd, 1), range.to) : null,
  ].filter((e): e is string => e !== null);
  return `(${[
    `SELECT ${select} FROM ${months.table} WHERE ${between(firstMonth, lastMonthEnd)}`,
    ...edges.map((edge) => `SELECT ${select} FROM ${days.table} WHERE ${edge}`),
  ].join('\n           UNION ALL\n           ')})`;
}
