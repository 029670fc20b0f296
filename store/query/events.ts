/**
 * Figures only the raw facts can give: exact percentiles of decision and payment times and
 * distinct workers paid. Percentiles are nearest-rank: the value at position ⌈0.9·n⌉ of the
 * sorted times, which is what PostgreSQL's percentile_disc computes.
 */
import { attributeSql, and, bucketSql, dimensionValueSql, Params, whereConditions } from './sql';
import { keyColumns, readRows, type FigureRequest, type FigureRow } from './source';

interface EventFigure {
  /** FROM … of the events, aliased e (event), a (application) and, for SR41, s. */
  from: string;
  /** The event states that count. */
  states: string[];
  value: string;
}

const APPLICATION_EVENTS = 'application_event e JOIN application a ON a.application_id = e.application_id';
const SR41_EVENTS =
  'sr41_event e JOIN sr41 s ON s.sr41_id = e.sr41_id JOIN application a ON a.application_id = s.application_id';

const EVENT_FIGURES: Readonly<Record<string, EventFigure>> = {
  'domande.tempo_definizione_p90': {
    from: APPLICATION_EVENTS,
    states: ['AUTORIZZATA', 'RESPINTA'],
    value: 'percentile_disc(0.9) WITHIN GROUP (ORDER BY e.state_on - a.presented_on)',
  },
  'sr41.tempo_pagamento_p90': {
    from: SR41_EVENTS,
    states: ['PAGATO'],
    value: 'percentile_disc(0.9) WITHIN GROUP (ORDER BY e.state_on - s.received_on)',
  },
  'sr41.lavoratori_pagati': { from: SR41_EVENTS, states: ['PAGATO'], value: 'count(DISTINCT s.worker_pseudonym)' },
};

export function isEventFigure(subject: string, measure: string): boolean {
  return `${subject}.${measure}` in EVENT_FIGURES;
}

export async function eventFigure(r: FigureRequest): Promise<FigureRow[]> {
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
