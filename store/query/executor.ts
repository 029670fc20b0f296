/**
 * Runs a batch of POST /api/query: each query is checked (the model's rules, then the caller's
 * scope), answered from the rollups where they hold the figure and from the raw facts where only
 * they can, and turned into frames. One query's failure is its own result; the batch goes on.
 */
import { isIsoDay } from '../../src/model/calendar';
import { findMeasure, type MeasureDefinition } from '../../src/model/measures';
import { checkQuery, isListQuery, type Frame, type MeasureQuery, type QueryRequest, type StoreQuery } from '../../src/model/query';
import type { Queryable } from '../db/database';
import { bucketsOf } from './buckets';
import { asQueryError, QueryError } from './errors';
import { eventFigure, isEventFigure } from './events';
import { isRollupFlow, rollupFlow } from './flows';
import { seriesFrames, tableFrame } from './frames';
import { openItems } from './openItems';
import { isPercentile, percentile } from './percentiles';
import { decidedPercentage } from './ratio';
import { checkFiltersInScope } from './scope';
import type { FigureRequest, FigureRow } from './source';
import type { Scope } from './sql';
import { isRollupStock, rollupStock } from './stocks';
import type { Thresholds } from './thresholds';
import { waitingWorkers } from './waitingWorkers';

export type QueryOutcome = { refId: string; frames: Frame[] } | { refId: string; error: QueryError };

/** The days a batch's queries cover: the request's range, stopped at the latest reference date. */
export type EffectiveRange = { from: string; to: string };

/**
 * How a query that passed its checks (the model's rules, the caller's scope) gets its frames:
 * `compute` works them out; the API's answer cache (store/api/answerCache.ts) may give the frames
 * it kept for the same query instead.
 */
export type Answering = (query: StoreQuery, range: EffectiveRange, compute: () => Promise<Frame[]>) => Promise<Frame[]>;

const computeAlways: Answering = (_query, _range, compute) => compute();

export interface BatchOptions {
  /** The latest loaded reference date: days after it have no data yet, so ranges stop there. */
  asOf: string | null;
  /** The thresholds in force (read with the latest reference date, store/api/dataState.ts). */
  thresholds: Thresholds;
  /** Default: every query computed. */
  answer?: Answering;
  /**
   * Where the figures that scan the raw facts (percentiles, distinct and waiting workers, lists)
   * run: the API gives them their own few connections, so a burst of them does not hold up
   * the figures the rollups answer in milliseconds. Default: the same database.
   */
  rawFacts?: Queryable;
  /** Told about every failure that is not the caller's fault (500s), for the log. */
  onInternalError?: (refId: string, e: unknown) => void;
}

/** Checks the range; a wrong range fails the whole batch (400), since every query shares it. */
export function checkRange(range: QueryRequest['range']): void {
  for (const key of ['from', 'to'] as const) {
    if (!isIsoDay(range[key])) {
      throw new QueryError('BAD_REQUEST', `The field "range.${key}" has the value "${range[key]}", which is not a calendar day (AAAA-MM-GG).`);
    }
  }
  if (range.from > range.to) {
    throw new QueryError('BAD_REQUEST', `The field "range.from" (${range.from}) is after "range.to" (${range.to}).`);
  }
}

export async function runBatch(db: Queryable, request: QueryRequest, scope: Scope, options: BatchOptions): Promise<QueryOutcome[]> {
  checkRange(request.range);
  const to = options.asOf !== null && options.asOf < request.range.to ? options.asOf : request.range.to;
  const range = { from: request.range.from, to };
  const lanes = { rollups: db, rawFacts: options.rawFacts ?? db };
  const answer = options.answer ?? computeAlways;
  return Promise.all(
    request.queries.map(async (q): Promise<QueryOutcome> => {
      try {
        // The checks run on every request, answered from a cache or not: the scope's among them.
        await checkAllowed(lanes.rollups, q, scope);
        return { refId: q.refId, frames: await answer(q, range, () => computeFrames(lanes, q, range, scope, options.thresholds)) };
      } catch (e) {
        const error = asQueryError(e);
        if (error.code === 'INTERNAL') {
          options.onInternalError?.(q.refId, e);
        }
        return { refId: q.refId, error };
      }
    })
  );
}

interface Lanes {
  rollups: Queryable;
  rawFacts: Queryable;
}

/** The model's rules, then the filters against the caller's scope (403 naming what is outside). */
async function checkAllowed(db: Queryable, q: StoreQuery, scope: Scope): Promise<void> {
  const problem = checkQuery(q);
  if (problem) {
    throw new QueryError('BAD_REQUEST', problem);
  }
  await checkFiltersInScope(db, q.filters, scope);
}

async function computeFrames(lanes: Lanes, q: StoreQuery, range: EffectiveRange, scope: Scope, thresholds: Thresholds): Promise<Frame[]> {
  if (isListQuery(q)) {
    return [await openItems(lanes.rawFacts, q, range.to, scope)];
  }
  const measure = findMeasure(q.subject, q.measure)!;
  const interval = q.interval ?? 'day';
  const request: FigureRequest = {
    db: readsRollups(measure) ? lanes.rollups : lanes.rawFacts,
    rawFacts: lanes.rawFacts,
    measure,
    groupBy: q.groupBy ?? [],
    filters: q.filters,
    interval,
    from: range.from,
    to: range.to,
    buckets: bucketsOf(range.from, range.to, interval),
    scope,
    thresholds,
  };
  const rows = request.buckets.length ? await figureRows(request, q) : [];
  return interval === 'none'
    ? [tableFrame(measure, request.groupBy, rows)]
    : seriesFrames(measure, request.groupBy, request.buckets, rows);
}

/**
 * The figures answered from the rollups, their summaries and the worker counts, in the fast lane;
 * a worker figure whose grouping the counts do not hold moves to the raw facts' lane itself.
 */
function readsRollups(m: MeasureDefinition): boolean {
  return (
    isRollupFlow(m.subject, m.id) ||
    isRollupStock(m.subject, m.id) ||
    isPercentile(m.subject, m.id) ||
    isEventFigure(m.subject, m.id) ||
    ['percentuale_evase', 'lavoratori_in_attesa', 'alta_criticita'].includes(m.id)
  );
}

function figureRows(r: FigureRequest, q: MeasureQuery): Promise<FigureRow[]> {
  const m: MeasureDefinition = r.measure;
  if (isRollupFlow(m.subject, m.id)) {
    return rollupFlow(r);
  }
  if (isPercentile(m.subject, m.id)) {
    return percentile(r);
  }
  if (isRollupStock(m.subject, m.id)) {
    return rollupStock(r);
  }
  if (isEventFigure(m.subject, m.id)) {
    return eventFigure(r);
  }
  if (m.id === 'percentuale_evase') {
    return decidedPercentage(r);
  }
  if (m.id === 'lavoratori_in_attesa' || m.id === 'alta_criticita') {
    return waitingWorkers(r);
  }
  throw new QueryError('BAD_REQUEST', `The field "measure" has the value "${q.measure}", which the store cannot compute yet.`);
}
