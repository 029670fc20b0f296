/**
 * Saved queries outlive the code that wrote them: a dashboard saved by an older build must keep
 * working. `migrateQuery` turns any saved shape into the current one (QUERY_VERSION).
 *
 * Version 0 (no `version` field) had no subject: the figure was a bare `measure` or a free-text
 * `queryText` ("in_giacenza" or "sr41/pagati"), `groupBy` could be one comma-separated string and
 * `interval` used Grafana's shorthand ("1d", "1w", "1M").
 */
import type { DataQuery } from '@grafana/schema';
import { MEASURES, type Dimension } from './model/measures';
import { INTERVALS, type Filters, type Interval } from './model/query';
import { DEFAULT_QUERY, QUERY_VERSION, type DasmoQuery, type MeasureTarget } from './types';

type SavedQuery = DataQuery & Record<string, unknown>;

const SHORTHAND_INTERVALS: Readonly<Record<string, Interval>> = {
  '1d': 'day',
  '1w': 'week',
  '1M': 'month',
  '7d': 'week',
};

export function migrateQuery(saved: DataQuery): DasmoQuery {
  const query = saved as SavedQuery;
  if (query.version === QUERY_VERSION && typeof query.subject === 'string') {
    return saved as DasmoQuery;
  }
  const own = grafanaFields(query);
  const figure = figureOf(query);
  if (!figure) {
    return { ...DEFAULT_QUERY, ...own };
  }
  const migrated: MeasureTarget = {
    ...own,
    version: QUERY_VERSION,
    subject: figure.subject,
    measure: figure.measure,
    groupBy: groupByOf(query.groupBy),
    interval: intervalOf(query.interval),
  };
  if (query.filters && typeof query.filters === 'object') {
    migrated.filters = query.filters as Filters;
  }
  return migrated;
}

/** Grafana's own fields of a query (refId, hide, key, queryType, datasource), those that are set. */
export function grafanaFields(query: DataQuery): DataQuery {
  const { refId, hide, key, queryType, datasource } = query;
  const own: DataQuery = { refId, hide, key, queryType, datasource };
  for (const k of Object.keys(own) as Array<keyof DataQuery>) {
    if (own[k] === undefined) {
      delete own[k];
    }
  }
  return own;
}

/** The subject and measure a version-0 query meant; the subject follows from the catalogue. */
function figureOf(query: SavedQuery): { subject: 'domande' | 'sr41'; measure: string } | undefined {
  const text = [query.measure, query.queryText].find((v): v is string => typeof v === 'string' && v.trim() !== '');
  if (!text) {
    return undefined;
  }
  const [first, second] = text.trim().split('/');
  const measure = second ?? first;
  const subject = second !== undefined ? first : (query.subject ?? MEASURES.find((m) => m.id === measure)?.subject);
  // An unknown figure is kept as written, so the panel names it in its error instead of
  // silently showing another one.
  return { subject: subject === 'sr41' ? 'sr41' : 'domande', measure };
}

function groupByOf(value: unknown): Dimension[] {
  const list = typeof value === 'string' ? value.split(',') : Array.isArray(value) ? value : [];
  return list.map((d) => String(d).trim()).filter((d) => d !== '') as Dimension[];
}

function intervalOf(value: unknown): Interval {
  if (typeof value !== 'string') {
    return 'day';
  }
  if ((INTERVALS as readonly string[]).includes(value)) {
    return value as Interval;
  }
  return SHORTHAND_INTERVALS[value] ?? 'day';
}
