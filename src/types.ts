/**
 * The plugin's types. A panel's query is the store's query (src/model/query.ts) as Grafana keeps
 * it: without its own refId rule, with Grafana's DataQuery fields, a `version` for migrations
 * (src/migrate.ts), and filters that may hold template variables such as `$regione`.
 */
import type { DataSourceJsonData } from '@grafana/data';
import type { DataQuery } from '@grafana/schema';
import type { Dimension, Subject } from './model/measures';
import type { ListQuery, MeasureQuery } from './model/query';

/** The shape of saved queries this build writes; older ones go through migrateQuery. */
export const QUERY_VERSION = 1;

/** A figure over time or per group (subject `domande` or `sr41`). */
export type MeasureTarget = DataQuery & Omit<MeasureQuery, 'refId'> & { version: number };

/** The oldest open items as a table (subject `elenco`). */
export type ListTarget = DataQuery & Omit<ListQuery, 'refId'> & { version: number };

/** Annotation query: normative milestones and load events from /api/annotations. */
export type AnnotationTarget = DataQuery & {
  subject: 'annotazioni';
  version: number;
  /** Which kinds of events to show; both when absent. */
  include?: AnnotationKind[];
};
export const ANNOTATION_KINDS = ['normativa', 'caricamento'] as const;
export type AnnotationKind = (typeof ANNOTATION_KINDS)[number];

/** What a panel, Explore or an annotation stores for this datasource. */
export type DasmoQuery = MeasureTarget | ListTarget | AnnotationTarget;

/** A new panel's query: the backlog of applications, day by day. */
export const DEFAULT_QUERY: Omit<MeasureTarget, 'refId'> = {
  version: QUERY_VERSION,
  subject: 'domande',
  measure: 'in_giacenza',
  groupBy: [],
  interval: 'day',
};

/** The template variables the store answers at GET /api/variables/{name} (API.md, and the age bands). */
export const VARIABLE_NAMES = [
  'regione',
  'sede',
  'prestazione',
  'causale',
  'modalita',
  'stato',
  'motivo',
  'fascia_eta',
] as const satisfies readonly Dimension[];
export type VariableName = (typeof VARIABLE_NAMES)[number];

/**
 * A variable's query: which values; for `sede` the region code (or `$variable`) that narrows
 * them, for `stato` whose states (applications' or SR41's).
 */
export interface VariableQuery extends DataQuery {
  variable: VariableName;
  regione?: string;
  of?: Subject;
}

/** One value of GET /api/variables/{name}. */
export interface VariableValue {
  text: string;
  value: string;
}

/** Settings of a datasource instance that the browser may see. */
export interface DasmoOptions extends DataSourceJsonData {
  /** Where Grafana's data proxy finds the store, e.g. http://store:3000. */
  storeUrl?: string;
}

/** Settings only Grafana's server sees: the route in plugin.json adds the token to every call. */
export interface DasmoSecureJsonData {
  apiToken?: string;
}
