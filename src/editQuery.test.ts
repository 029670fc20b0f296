import fc from 'fast-check';
import { Value } from '@sinclair/typebox/value';
import { DIMENSIONS, MEASURES, SUBJECTS } from './model/measures';
import { INTERVALS, StoreQuerySchema } from './model/query';
import {
  allowedFilters,
  allowedGroupBy,
  measureGroups,
  withFilter,
  withGroupBy,
  withInterval,
  withListOf,
  withMeasure,
  withSubject,
  type EditableQuery,
} from './editQuery';
import { toStoreQuery } from './storeQuery';
import { installTemplateSrv } from './testing/grafanaDoubles';
import { DEFAULT_QUERY, type MeasureTarget } from './types';

const start: EditableQuery = { ...DEFAULT_QUERY, refId: 'A' };

test('switching measure drops the breakdowns and filters the new figure does not allow', () => {
  const backlog: MeasureTarget = {
    ...DEFAULT_QUERY,
    refId: 'A',
    groupBy: ['regione', 'fascia_eta', 'stato'],
    filters: { stato: ['PRESENTATA'], prestazione: ['CIGO'] },
  };
  expect(withMeasure(backlog, 'presentate')).toEqual({
    ...DEFAULT_QUERY,
    refId: 'A',
    measure: 'presentate',
    groupBy: ['regione'],
    filters: { prestazione: ['CIGO'] },
  });
});

test('only the breakdowns of the measure are offered: motivo for scartati, never for in_giacenza', () => {
  expect(allowedGroupBy(start)).toEqual([
    'regione',
    'sede',
    'prestazione',
    'causale',
    'modalita',
    'plurilocalizzata',
    'stato',
    'fascia_eta',
  ]);
  const rejected = withMeasure(withSubject(start, 'sr41') as MeasureTarget, 'scartati');
  expect(allowedGroupBy(rejected)).toEqual([
    'regione',
    'sede',
    'prestazione',
    'causale',
    'modalita',
    'plurilocalizzata',
    'motivo',
  ]);
  expect(withGroupBy(start as MeasureTarget, ['regione', 'motivo']).groupBy).toEqual(['regione']);
});

test('filters offered follow the figure: a list of applications has no rejection reason', () => {
  expect(allowedFilters(withSubject(start, 'elenco'))).toEqual([
    'regione',
    'sede',
    'prestazione',
    'causale',
    'modalita',
    'stato',
    'fascia_eta',
  ]);
  expect(allowedFilters(withMeasure(start as MeasureTarget, 'presentate'))).toEqual([
    'regione',
    'sede',
    'prestazione',
    'causale',
    'modalita',
  ]);
});

test('switching subject: sr41 opens on its backlog, elenco keeps the subject and the filters it allows', () => {
  const filtered = withFilter(start, 'regione', ['$regione']);
  expect(withSubject(filtered, 'sr41')).toEqual({
    refId: 'A',
    version: 1,
    subject: 'sr41',
    measure: 'in_lavorazione',
    groupBy: [],
    interval: 'day',
    filters: { regione: ['$regione'] },
  });
  expect(withSubject(filtered, 'elenco')).toEqual({
    refId: 'A',
    version: 1,
    subject: 'elenco',
    of: 'domande',
    limit: 100,
    filters: { regione: ['$regione'] },
  });
});

test('the measures are grouped as the catalogue groups them', () => {
  expect(measureGroups('sr41').map((g) => [g.group, g.measures.map((m) => m.id)])).toEqual([
    ['Flussi', ['ricevuti', 'pagati', 'scartati', 'annullati']],
    ['Giacenza', ['in_lavorazione']],
    ['Pagamenti', ['importo_pagato', 'ore_pagate']],
    ['Tempi', ['tempo_pagamento_medio', 'tempo_pagamento_p90']],
    ['Lavoratori', ['lavoratori_pagati', 'lavoratori_in_attesa', 'alta_criticita']],
  ]);
});

// Any sequence of editor choices, including ones the UI would not offer (a stale groupBy, a
// filter on any dimension), must end in a query the store's schema and checkQuery accept.
const edit = fc.oneof(
  fc.constantFrom(...SUBJECTS, 'elenco' as const).map((s) => (q: EditableQuery) => withSubject(q, s)),
  fc
    .constantFrom(...MEASURES.map((m) => m.id))
    .map((id) => (q: EditableQuery) => (q.subject === 'elenco' ? q : withMeasure(q, measureOfSubject(q.subject, id)))),
  fc.subarray([...DIMENSIONS]).map((dims) => (q: EditableQuery) => (q.subject === 'elenco' ? q : withGroupBy(q, dims))),
  fc.constantFrom(...INTERVALS).map((i) => (q: EditableQuery) => (q.subject === 'elenco' ? q : withInterval(q, i))),
  fc.constantFrom(...SUBJECTS).map((s) => (q: EditableQuery) => (q.subject === 'elenco' ? withListOf(q, s) : q)),
  fc.tuple(fc.constantFrom(...DIMENSIONS), fc.array(fc.constantFrom('12', 'CIGO', '$regione'), { maxLength: 2 })).map(
    ([d, values]) =>
      (q: EditableQuery) =>
        withFilter(q, d, values)
  )
);

/** A measure of the query's subject: the one asked for if it belongs there, else the first. */
function measureOfSubject(subject: string, id: string): string {
  const own = MEASURES.filter((m) => m.subject === subject);
  return own.find((m) => m.id === id)?.id ?? own[0].id;
}

test('every query the editor produces passes the store schema and checkQuery', () => {
  const templateSrv = installTemplateSrv([{ name: 'regione', current: '12' }]);
  fc.assert(
    fc.property(fc.array(edit, { maxLength: 12 }), (edits) => {
      const query = edits.reduce<EditableQuery>((q, step) => step(q), start);
      const sent = toStoreQuery(query, templateSrv);
      expect(sent).toHaveProperty('value');
      expect(Value.Check(StoreQuerySchema, (sent as { value: unknown }).value)).toBe(true);
    }),
    { numRuns: 300 }
  );
});
