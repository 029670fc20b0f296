/**
 * Distinct workers paid: from the monthly counts the loader keeps (paidWorkers.ts) when every
 * bucket is a whole month and the grouping is one they hold, otherwise from the raw facts.
 * (Percentiles of decision and payment times come from the day histograms: percentiles.ts.)
 */
import { paidWorkerMonths } from './paidWorkers';
import { attributeSql, and, bucketSql, dimensionValueSql, Params, whereConditions } from './sql';
import { keyColumns, readRows, type FigureRequest, type FigureRow } from './source';

interface EventFigure {
  /** FROM … of the events, aliased e (event), a (application) and, for SR41, s. */
  from: string;
  /** The event states that count. */
  states: string[];
  value: string;
}

const SR41_EVENTS =
  'sr41_event e JOIN sr41 s ON s.sr41_id = e.sr41_id JOIN application a ON a.application_id = s.application_id';

const EVENT_FIGURES: Readonly<Record<string, EventFigure>> = {
  'sr41.lavoratori_pagati': { from: SR41_EVENTS, states: ['PAGATO'], value: 'count(DISTINCT s.worker_pseudonym)' },
};

export function isEventFigure(subject: string, measure: string): boolean {
  return `${subject}.${measure}` in EVENT_FIGURES;
}

export async function eventFigure(r: FigureRequest): Promise<FigureRow[]> {
  return (await paidWorkerMonths(r)) ?? eventFigureFromRawFacts({ ...r, db: r.rawFacts });
}

async function eventFigureFromRawFacts(r: FigureRequest): Promise<FigureRow[]> {
  const def = EVENT_FIGURES[`${r.measure.subject}.${r.measure.id}`];
  const params = new Params();
  const dims = attributeSql('a');
  const keys = keyColumns(r.groupBy, (d) => dimensionValueSql(d, dims));
  const conditions = [
    `e.state = ANY(${params.add(def.states)}::text[])`,
    `e.state_on BETWEEN ${params.add(r.from)}::date AND ${params.add(r.to)}::date`,
    ...whereConditions(r.filters, r.scope, dims, params),
  ];
  const bucket = bucketSql('e.state_on', r.interval, r.from, params);
  const rows = await r.db.query(
    `SELECT ${bucket} AS bucket${keys.select}, ${def.value} AS value
       FROM ${def.from}
      WHERE ${and(conditions)}
      GROUP BY 1${keys.group}`,
    params.values
  );
  return readRows(rows, r.groupBy);
}
