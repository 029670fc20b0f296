/**
 * A panel's query as the store receives it (POST /api/query): Grafana's own fields and the
 * saved-query version dropped, variables in the filters replaced, and the rules of checkQuery
 * applied before anything leaves the browser, so a bad query fails on its own panel only.
 */
import type { ScopedVars, TimeRange } from '@grafana/data';
import type { TemplateSrv } from '@grafana/runtime';
import { romeDayOf } from './model/calendar';
import { checkQuery, type QueryRequest, type StoreQuery } from './model/query';
import { interpolateFilters, type Interpolated } from './interpolate';
import type { ListTarget, MeasureTarget } from './types';

/** The dashboard's time range as the calendar days (Europe/Rome) it touches, both included. */
export function dayRange(range: TimeRange): QueryRequest['range'] {
  return { from: romeDayOf(range.from.valueOf()), to: romeDayOf(range.to.valueOf()) };
}

export function toStoreQuery(
  target: MeasureTarget | ListTarget,
  templateSrv: TemplateSrv,
  scopedVars?: ScopedVars
): Interpolated<StoreQuery> {
  const filters = interpolateFilters(target.filters, templateSrv, scopedVars);
  if ('error' in filters) {
    return filters;
  }
  const query: StoreQuery =
    target.subject === 'elenco'
      ? { refId: target.refId, subject: 'elenco', of: target.of, limit: target.limit }
      : {
          refId: target.refId,
          subject: target.subject,
          measure: target.measure,
          groupBy: target.groupBy?.length ? target.groupBy : undefined,
          interval: target.interval ?? 'day',
        };
  if (filters.value) {
    query.filters = filters.value;
  }
  dropUndefined(query);
  const problem = checkQuery(query);
  return problem ? { error: `La query ${target.refId} non è valida: ${problem}` } : { value: query };
}

function dropUndefined(query: StoreQuery): void {
  const record = query as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (record[key] === undefined) {
      delete record[key];
    }
  }
}
