/**
 * DASMO plugin targets: the shared query model (src/model/query.ts) plus Grafana's DataQuery
 * fields, built as typed values so a wrong measure or breakdown fails at generation and in tests.
 */
import type { Builder, Dataquery } from '@grafana/grafana-foundation-sdk/cog';
import type { Filters, Interval, MeasureQuery } from '../../src/model/query';
import type { Subject } from '../../src/model/measures';
import { QUERY_VERSION, type AnnotationTarget, type ListTarget, type MeasureTarget } from '../../src/types';
import { DASMO, DASMO_VIEWS } from './datasources';

/** The dashboard's template variables as filters; the plugin expands each to the values chosen. */
export const VARIABLE_FILTERS: Filters = {
  regione: ['$regione'],
  sede: ['$sede'],
  prestazione: ['$prestazione'],
  causale: ['$causale'],
};

class Target<T extends object> implements Builder<Dataquery> {
  constructor(private readonly target: T) {}
  build(): Dataquery {
    return this.target as unknown as Dataquery;
  }
}

export interface MeasureOptions {
  groupBy?: MeasureQuery['groupBy'];
  interval?: Interval;
  /** Replaces the variable filters wholesale (e.g. CIGD plurilocalizzate only). */
  filters?: Filters;
  refId?: string;
}

/** A figure of DOMAIN.md, filtered by the dashboard's variables unless told otherwise. */
export function figure(subject: Subject, measure: string, options: MeasureOptions = {}): Builder<Dataquery> {
  const q: MeasureTarget = {
    refId: options.refId ?? 'A',
    datasource: DASMO,
    version: QUERY_VERSION,
    subject,
    measure,
    interval: options.interval ?? 'none',
    ...(options.groupBy ? { groupBy: options.groupBy } : {}),
    filters: options.filters ?? VARIABLE_FILTERS,
  };
  return new Target(q);
}

/** The oldest open items (subject "elenco"), as a table. */
export function oldestOpen(of: Subject, limit: number, refId = 'A'): Builder<Dataquery> {
  const q: ListTarget = { refId, datasource: DASMO, version: QUERY_VERSION, subject: 'elenco', of, limit, filters: VARIABLE_FILTERS };
  return new Target(q);
}

/** SQL on the store's read-only views (data-status panels), as Grafana's PostgreSQL datasource saves it. */
export function viewSql(rawSql: string, refId = 'A'): Builder<Dataquery> {
  return new Target({ refId, datasource: DASMO_VIEWS, rawSql, format: 'table', rawQuery: true, editorMode: 'code' });
}

/** The plugin's annotations: normative milestones and load events (GET /api/annotations). */
export function milestonesAndLoads(): Builder<Dataquery> {
  const q: AnnotationTarget = { refId: 'Annotazioni', datasource: DASMO, version: QUERY_VERSION, subject: 'annotazioni', include: ['normativa', 'caricamento'] };
  return new Target(q);
}

/** Several figures of one subject for one panel, each query's refId its measure id. */
export function figures(subject: Subject, measures: readonly string[], options: Omit<MeasureOptions, 'refId'> = {}): Array<Builder<Dataquery>> {
  return measures.map((measure) => figure(subject, measure, { ...options, refId: measure }));
}
