/**
 * What every figure's computation receives, and the rows it gives back: one value per time
 * bucket and group, the group's values in the order of the query's groupBy.
 */
import type { Queryable } from '../db/database';
import type { Dimension, MeasureDefinition } from '../../src/model/measures';
import type { Filters, Interval } from '../../src/model/query';
import type { Bucket } from './buckets';
import type { Scope } from './sql';
import type { Thresholds } from './thresholds';

export interface FigureRequest {
  /** Where the figure reads its rollups and counts. */
  db: Queryable;
  /** Where a figure falls back to scanning the raw facts (the API's slow lane). */
  rawFacts: Queryable;
  measure: MeasureDefinition;
  groupBy: readonly Dimension[];
  filters: Filters | undefined;
  interval: Interval;
  from: string;
  to: string;
  buckets: Bucket[];
  scope: Scope;
  thresholds: Thresholds;
}

export interface FigureRow {
  /** The bucket's first day (AAAA-MM-GG). */
  bucket: string;
  keys: string[];
  value: number | null;
}

/** SELECT list and GROUP BY list of the group keys, aliased k0, k1, …; rows read back by readRows. */
export function keyColumns(groupBy: readonly Dimension[], valueSql: (d: Dimension) => string): { select: string; group: string } {
  const exprs = groupBy.map(valueSql);
  return {
    select: exprs.map((e, i) => `, ${e} AS k${i}`).join(''),
    group: exprs.map((e) => `, ${e}`).join(''),
  };
}

export function readRows(rows: Array<Record<string, unknown>>, groupBy: readonly Dimension[]): FigureRow[] {
  return rows.map((r) => ({
    bucket: String(r.bucket),
    keys: groupBy.map((_, i) => String(r[`k${i}`])),
    value: r.value === null || r.value === undefined ? null : Number(r.value),
  }));
}
