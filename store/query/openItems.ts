/**
 * `elenco`: the oldest items still open at the range's end (applications or SR41), with key,
 * office, scheme, age in days, state and the date of the last change, from the raw facts. The
 * state at a day is the last change dated on or before it; same-day changes keep the extract's
 * order (load, line); before its first change an item is in its initial state (as the rollups read it).
 */
import { romeDayStartMs } from '../../src/model/calendar';
import { AGE_BANDS, OPEN_APPLICATION_STATES, OPEN_SR41_STATES } from '../../src/model/domain';
import type { Frame, ListQuery } from '../../src/model/query';
import type { Queryable } from '../db/database';
import { attributeSql, and, Params, whereConditions, type Scope } from './sql';

export const DEFAULT_LIST_LIMIT = 100;

interface ListSource {
  keyName: string;
  /** FROM with the item aliased i (key `id`, `since` = day it entered the backlog) and its application a. */
  from: string;
  events: string;
  open: readonly string[];
  /** The state before any change is dated: the item was just presented or received. */
  initial: string;
}

const SOURCES: Readonly<Record<ListQuery['of'], ListSource>> = {
  domande: {
    keyName: 'protocollo',
    from: `(SELECT application_id AS id, application_id, presented_on AS since FROM application) i
           JOIN application a ON a.application_id = i.application_id`,
    events: 'application_event e WHERE e.application_id = i.id',
    open: OPEN_APPLICATION_STATES,
    initial: 'PRESENTATA',
  },
  sr41: {
    keyName: 'id_sr41',
    from: `(SELECT sr41_id AS id, application_id, received_on AS since FROM sr41) i
           JOIN application a ON a.application_id = i.application_id`,
    events: 'sr41_event e WHERE e.sr41_id = i.id',
    open: OPEN_SR41_STATES,
    initial: 'RICEVUTO',
  },
};

/** The age band (AGE_BANDS id) of an age in days given as SQL. */
const ageBandSql = (age: string): string =>
  `CASE ${AGE_BANDS.map((b) => (b.max === null ? `ELSE '${b.id}'` : `WHEN ${age} <= ${b.max} THEN '${b.id}'`)).join(' ')} END`;

export async function openItems(db: Queryable, q: ListQuery, at: string, scope: Scope): Promise<Frame> {
  const source = SOURCES[q.of];
  const params = new Params();
  const day = `${params.add(at)}::date`;
  const state = `coalesce(last.state, ${params.add(source.initial)})`;
  const dims = attributeSql('a', { stato: state, fascia_eta: ageBandSql('aged.age') });
  const conditions = [...whereConditions(q.filters, scope, dims, params), `${state} = ANY(${params.add(source.open)}::text[])`];
  const rows = await db.query<{ id: string; office_code: string; benefit: string; age: number; state: string; state_on: string }>(
    `SELECT i.id, a.office_code, a.benefit, aged.age, ${state} AS state, coalesce(last.state_on, i.since)::text AS state_on
       FROM ${source.from}
       LEFT JOIN LATERAL (SELECT e.state, e.state_on FROM ${source.events} AND e.state_on <= ${day}
                           ORDER BY e.state_on DESC, e.load_id DESC, e.line_number DESC LIMIT 1) last ON true
       CROSS JOIN LATERAL (SELECT ${day} - i.since AS age) aged
      WHERE i.since <= ${day} AND ${and(conditions)}
      ORDER BY i.since, i.id
      LIMIT ${params.add(q.limit ?? DEFAULT_LIST_LIMIT)}`,
    params.values
  );
  return {
    name: `elenco ${q.of}`,
    fields: [
      { name: source.keyName, type: 'string', values: rows.map((r) => r.id) },
      { name: 'sede', type: 'string', values: rows.map((r) => r.office_code) },
      { name: 'prestazione', type: 'string', values: rows.map((r) => r.benefit) },
      { name: 'eta_giorni', type: 'number', values: rows.map((r) => Number(r.age)), unit: 'giorni' },
      { name: 'stato', type: 'string', values: rows.map((r) => r.state) },
      { name: 'data_stato', type: 'time', values: rows.map((r) => romeDayStartMs(r.state_on)) },
    ],
  };
}
