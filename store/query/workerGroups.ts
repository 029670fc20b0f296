/**
 * The groupings for which the loader keeps counts of distinct workers (migrations 052, 057;
 * store/rollup/workerGroupingSql.ts): all of Italy, region, office, scheme, region × scheme, in
 * columns region_code, office_code, benefit where '' means every value. Distinct workers do not add up across groups, so a query
 * can read those counts only when the dimensions it groups or filters by (its scope's region
 * too) are one of these groupings, and every filter on a dimension it does not group by names a
 * single value. `workerGroupConditions` gives the WHERE conditions on alias `c`, or null.
 */
import type { Dimension } from '../../src/model/measures';
import { WORKER_GROUPINGS, type WorkerGroupColumn } from '../rollup/workerGroupingSql';
import type { Params } from './sql';
import type { FigureRequest } from './source';

const COLUMNS: Partial<Record<Dimension, WorkerGroupColumn>> = { regione: 'region_code', sede: 'office_code', prestazione: 'benefit' };
const DIMENSION_OF = Object.fromEntries(Object.entries(COLUMNS).map(([d, c]) => [c, d])) as Record<WorkerGroupColumn, Dimension>;
/** Each grouping as its sorted dimensions, joined by commas. */
const GROUPINGS = WORKER_GROUPINGS.map((g) => g.map((c) => DIMENSION_OF[c]).sort().join(','));

export function workerGroupConditions(r: FigureRequest, params: Params): string[] | null {
  const filters: Partial<Record<Dimension, string[]>> = { ...(r.filters ?? {}) };
  if (r.scope.regionCode !== null) {
    filters.regione = [r.scope.regionCode]; // the scope check let through only this region
  }
  const used = [...new Set([...r.groupBy, ...(Object.keys(filters) as Dimension[])])];
  if (!GROUPINGS.includes([...used].sort().join(',')) || used.some((d) => !r.groupBy.includes(d) && filters[d]!.length !== 1)) {
    return null;
  }
  return Object.entries(COLUMNS).map(([d, column]) => {
    const values = filters[d as Dimension];
    if (!used.includes(d as Dimension)) {
      return `c.${column} = ''`;
    }
    return values ? `c.${column} = ANY(${params.add(values)}::text[])` : `c.${column} <> ''`;
  });
}

/** The group key columns of alias `c`, aliased k0, k1, … as readRows expects. */
export function workerGroupKeys(r: FigureRequest): string {
  return r.groupBy.map((d, i) => `, c.${COLUMNS[d]} AS k${i}`).join('');
}
