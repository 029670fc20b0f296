/**
 * The query editor's choices as pure steps from one valid query to the next. Every step keeps
 * only what the catalogue (src/model/measures.ts) allows for the figure chosen, so the editor
 * never produces a query that checkQuery refuses.
 */
import { findMeasure, measuresOf, type Dimension, type MeasureDefinition, type Subject } from './model/measures';
import { checkQuery, type Filters, type Interval, type StoreQuery } from './model/query';
import { grafanaFields } from './migrate';
import { QUERY_VERSION, VARIABLE_NAMES, type VariableName, type ListTarget, type MeasureTarget } from './types';

export type EditableQuery = MeasureTarget | ListTarget;
export type EditorSubject = Subject | 'elenco';

/** The figure a subject opens with: its backlog, the first thing a manager looks at. */
const FIRST_MEASURE: Readonly<Record<Subject, string>> = { domande: 'in_giacenza', sr41: 'in_lavorazione' };
/** Rows of a new list. */
export const DEFAULT_LIST_LIMIT = 100;

export function measureOf(query: EditableQuery): MeasureDefinition | undefined {
  return query.subject === 'elenco' ? undefined : findMeasure(query.subject, query.measure);
}

/** The breakdowns the query's figure allows (none for a list). */
export function allowedGroupBy(query: EditableQuery): readonly Dimension[] {
  return measureOf(query)?.groupBy ?? [];
}

/** The filters the query's figure (or list) accepts, among those whose values the store lists. */
export function allowedFilters(query: EditableQuery): VariableName[] {
  return VARIABLE_NAMES.filter((d) => acceptsFilter(query, d));
}

/** Whether the model lets the query's figure (or list) be filtered on `dimension`. */
function acceptsFilter(query: EditableQuery, dimension: Dimension): boolean {
  return checkQuery(probe(query, { [dimension]: ['x'] })) === null;
}

export function withSubject(query: EditableQuery, subject: EditorSubject): EditableQuery {
  if (subject === query.subject) {
    return query;
  }
  const base = { ...grafanaFields(query), version: QUERY_VERSION };
  if (subject === 'elenco') {
    const of = query.subject === 'elenco' ? query.of : query.subject;
    return keepAllowed({ ...base, subject: 'elenco', of, limit: DEFAULT_LIST_LIMIT, filters: query.filters });
  }
  const next: MeasureTarget = {
    ...base,
    subject,
    measure: FIRST_MEASURE[subject],
    groupBy: [],
    interval: query.subject === 'elenco' ? 'day' : (query.interval ?? 'day'),
    filters: query.filters,
  };
  return keepAllowed(next);
}

export function withMeasure(query: MeasureTarget, measure: string): MeasureTarget {
  return keepAllowed({ ...query, measure }) as MeasureTarget;
}

export function withGroupBy(query: MeasureTarget, groupBy: Dimension[]): MeasureTarget {
  const allowed = allowedGroupBy(query);
  return { ...query, groupBy: groupBy.filter((d) => allowed.includes(d)) };
}

export function withInterval(query: MeasureTarget, interval: Interval): MeasureTarget {
  return { ...query, interval };
}

export function withListOf(query: ListTarget, of: Subject): ListTarget {
  return keepAllowed({ ...query, of }) as ListTarget;
}

export function withFilter(query: EditableQuery, dimension: Dimension, values: string[]): EditableQuery {
  const filters: Filters = { ...query.filters };
  if (values.length > 0) {
    filters[dimension] = values;
  } else {
    delete filters[dimension];
  }
  return keepAllowed({ ...query, filters: Object.keys(filters).length > 0 ? filters : undefined });
}

/** Measures of a subject, grouped as the catalogue groups them, in catalogue order. */
export function measureGroups(subject: Subject): Array<{ group: string; measures: MeasureDefinition[] }> {
  const groups: Array<{ group: string; measures: MeasureDefinition[] }> = [];
  for (const measure of measuresOf(subject)) {
    let entry = groups.find((g) => g.group === measure.group);
    if (!entry) {
      entry = { group: measure.group, measures: [] };
      groups.push(entry);
    }
    entry.measures.push(measure);
  }
  return groups;
}

/** Drops the breakdowns and filters the new figure does not allow. */
function keepAllowed(next: EditableQuery): EditableQuery {
  const groupBy =
    next.subject === 'elenco' ? undefined : (next.groupBy ?? []).filter((d) => allowedGroupBy(next).includes(d));
  const filters = Object.fromEntries(
    Object.entries(next.filters ?? {}).filter(([d, v]) => v && acceptsFilter(next, d as Dimension))
  ) as Filters;
  const result = {
    ...next,
    version: QUERY_VERSION,
    filters: Object.keys(filters).length > 0 ? filters : undefined,
  } as EditableQuery;
  if (result.subject !== 'elenco') {
    result.groupBy = groupBy;
  }
  if (result.filters === undefined) {
    delete result.filters;
  }
  return result;
}

function probe(query: EditableQuery, filters: Filters): StoreQuery {
  return query.subject === 'elenco'
    ? { refId: query.refId, subject: 'elenco', of: query.of, filters }
    : { refId: query.refId, subject: query.subject, measure: query.measure, filters };
}

/** Whose states a `stato` filter lists: the subject's, or the listed items'. */
export function statesOf(query: EditableQuery): Subject {
  return query.subject === 'elenco' ? query.of : query.subject;
}
