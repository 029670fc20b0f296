/**
 * rawFigure: any figure of MEASURES computed the plain way, from the raw facts, day by day in
 * TypeScript loops: the oracle the rollups and the API are tested against. For tests only.
 *
 *   const rows = await rawFigure(db, { subject: 'domande', measure: 'in_giacenza',
 *     groupBy: ['regione'], interval: 'month', filters: { prestazione: ['CIGO'] } },
 *     { from: '2020-03-01', to: '2020-06-30' });
 *
 * Semantics (API.md, DOMAIN.md):
 * - Buckets: `interval` day / week (Monday to Sunday) / month (calendar) from calendar.ts
 *   bucketStart/bucketEnd, clipped to the range; `none` (or absent) is one bucket, the range.
 *   A row's `bucket` is the bucket's first day (bucketStart, which may precede range.from when
 *   the range starts mid-week or mid-month), or null for `none`.
 * - flow: summed over the bucket's days within the range.
 * - stock: at the bucket's last day within the range (so the last bucket is read at range.to).
 * - mean, p90: over the bucket's events (decisions; payments). p90 is the NEAREST-RANK 90th
 *   percentile: the values sorted ascending, the one at position ceil(0.9 × n) (1-based).
 * - distinct (lavoratori_pagati): distinct workers with an SR41 paid in the bucket.
 * - percentuale_evase: 100 × definite over the bucket ÷ (definite over the bucket + in giacenza
 *   at its last day), per group.
 * - Dimension values as strings: regione '01', sede '0101', plurilocalizzata '1'/'0',
 *   fascia_eta an AGE_BANDS id, stato, motivo as in DOMAIN.md. `group` holds the groupBy
 *   dimensions only (empty without groupBy).
 * - Rows without data are left out: a count or sum of 0, a mean or p90 over no events, a ratio
 *   whose denominator is 0. A missing row means 0 for counts and sums.
 * Rows come sorted by bucket, then by group.
 */
import { bucketStart, eachDay } from '../../src/model/calendar';
import { findMeasure, type Dimension, type Subject } from '../../src/model/measures';
import { checkQuery, type Filters, type Interval } from '../../src/model/query';
import type { Queryable } from '../db/database';
import { dimensionValue, FLOWS, STOCKS, type Observation, type ObservationDimensions } from './definitions';
import { loadRawFacts, type RawFacts, type RawThresholds } from './rawFacts';

export interface RawFigureQuery {
  subject: Subject;
  measure: string;
  groupBy?: Dimension[];
  filters?: Filters;
  interval?: Interval;
}

export interface RawRange {
  from: string;
  to: string;
}

export interface RawFigureRow {
  bucket: string | null;
  group: Partial<Record<Dimension, string>>;
  value: number | null;
}

interface Bucket {
  start: string | null;
  days: string[];
}

function bucketsOf(range: RawRange, interval: Interval): Bucket[] {
  const days = eachDay(range.from, range.to);
  if (interval === 'none') {
    return [{ start: null, days }];
  }
  const buckets = new Map<string, string[]>();
  for (const d of days) {
    const start = bucketStart(d, interval);
    const list = buckets.get(start) ?? [];
    list.push(d); // eachDay stays within the range, so a bucket is clipped to it
    buckets.set(start, list);
  }
  return [...buckets].map(([start, ds]) => ({ start, days: ds }));
}

function passes(dims: ObservationDimensions, filters: Filters | undefined): boolean {
  return Object.entries(filters ?? {}).every(([d, values]) => {
    const v = dimensionValue(dims, d);
    return values === undefined || (v !== undefined && values.includes(v));
  });
}

/** The 90th percentile by nearest rank: sorted ascending, the value at 1-based rank ceil(0.9 n). */
export function nearestRankP90(values: number[]): number | null {
  if (values.length === 0) {
    return null;
  }
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.ceil(0.9 * sorted.length) - 1];
}

const groupKey = (dims: ObservationDimensions, groupBy: readonly Dimension[]) =>
  JSON.stringify(groupBy.map((d) => dimensionValue(dims, d) ?? ''));

/** Per group: the values added (flows) or the keys counted (stocks) in one bucket. */
type Groups = Map<string, { group: Partial<Record<Dimension, string>>; values: number[]; keys: Set<string> }>;

function collect(groups: Groups, dims: ObservationDimensions, groupBy: readonly Dimension[], value: number, key?: string) {
  const k = groupKey(dims, groupBy);
  let g = groups.get(k);
  if (!g) {
    const group = Object.fromEntries(groupBy.map((d) => [d, dimensionValue(dims, d) ?? ''])) as Partial<Record<Dimension, string>>;
    g = { group, values: [], keys: new Set() };
    groups.set(k, g);
  }
  g.values.push(value);
  if (key !== undefined) {
    g.keys.add(key);
  }
}

/** Each flow's observations, computed once per facts object (a figure per day reads them often). */
const observationCache = new WeakMap<RawFacts, Map<string, Observation[]>>();
function observations(facts: RawFacts, id: string): Observation[] {
  const cache = observationCache.get(facts) ?? new Map<string, Observation[]>();
  observationCache.set(facts, cache);
  if (!cache.has(id)) {
    cache.set(id, FLOWS[id](facts));
  }
  return cache.get(id)!;
}

function flowGroups(facts: RawFacts, id: string, q: RawFigureQuery, days: string[]): Groups {
  const first = days[0];
  const last = days[days.length - 1];
  const groups: Groups = new Map();
  for (const o of observations(facts, id)) {
    const inBucket = o.day >= first && o.day <= last;
    if (inBucket && passes(o.dims, q.filters)) {
      collect(groups, o.dims, q.groupBy ?? [], o.value, o.key);
    }
  }
  return groups;
}

function stockGroups(facts: RawFacts, id: string, q: RawFigureQuery, day: string): Groups {
  const groups: Groups = new Map();
  for (const c of STOCKS[id](facts, day)) {
    if (passes(c.dims, q.filters)) {
      collect(groups, c.dims, q.groupBy ?? [], 1, c.key);
    }
  }
  return groups;
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

function bucketRows(facts: RawFacts, q: RawFigureQuery, bucket: Bucket): RawFigureRow[] {
  const measure = findMeasure(q.subject, q.measure)!;
  const id = `${q.subject}/${q.measure}`;
  const lastDay = bucket.days[bucket.days.length - 1];
  const rows: RawFigureRow[] = [];
  const emit = (group: Partial<Record<Dimension, string>>, value: number | null) => {
    const counts = measure.aggregation === 'flow' || measure.aggregation === 'stock' || measure.aggregation === 'distinct';
    if (value !== null && !(counts && value === 0)) {
      rows.push({ bucket: bucket.start, group, value });
    }
  };
  if (measure.aggregation === 'ratio') {
    const decided = flowGroups(facts, 'domande/definite', q, bucket.days);
    const open = stockGroups(facts, 'domande/in_giacenza', q, lastDay);
    for (const k of new Set([...decided.keys(), ...open.keys()])) {
      const d = decided.get(k)?.values.length ?? 0;
      const g = open.get(k)?.keys.size ?? 0;
      emit((decided.get(k) ?? open.get(k))!.group, (100 * d) / (d + g));
    }
  } else if (measure.aggregation === 'stock') {
    for (const g of stockGroups(facts, id, q, lastDay).values()) {
      emit(g.group, g.keys.size);
    }
  } else {
    for (const g of flowGroups(facts, id, q, bucket.days).values()) {
      const value =
        measure.aggregation === 'flow'
          ? sum(g.values)
          : measure.aggregation === 'mean'
            ? sum(g.values) / g.values.length
            : measure.aggregation === 'p90'
              ? nearestRankP90(g.values)
              : g.keys.size;
      emit(g.group, value);
    }
  }
  const keyed = rows.map((r) => ({ key: JSON.stringify(r.group), r }));
  return keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).map((x) => x.r);
}

/**
 * Computes a figure from the raw facts. `source` is a database (read whole) or facts already
 * read with loadRawFacts (faster when computing many figures); `thresholds` overrides the
 * settings when reading from a database.
 */
export async function rawFigure(
  source: Queryable | RawFacts,
  query: RawFigureQuery,
  range: RawRange,
  thresholds?: Partial<RawThresholds>
): Promise<RawFigureRow[]> {
  const problem = checkQuery({ refId: 'raw', ...query });
  if (problem) {
    throw new Error(problem);
  }
  if (range.from > range.to) {
    throw new Error(`The range starts on ${range.from}, after its end ${range.to}.`);
  }
  const facts = 'applications' in source ? source : await loadRawFacts(source, thresholds);
  return bucketsOf(range, query.interval ?? 'none').flatMap((b) => bucketRows(facts, query, b));
}
