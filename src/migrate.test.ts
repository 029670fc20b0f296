import { checkQuery, type StoreQuery } from './model/query';
import { migrateQuery } from './migrate';
import type { DataQuery } from '@grafana/schema';

const old = (q: Record<string, unknown>) => q as unknown as DataQuery;

test('a current query is returned as saved', () => {
  const q = {
    refId: 'A',
    version: 1,
    subject: 'sr41',
    measure: 'pagati',
    groupBy: ['regione'],
    interval: 'week',
  } as const;
  expect(migrateQuery(old(q))).toBe(q);
});

test('an empty query (a new panel) becomes the default backlog query', () => {
  expect(migrateQuery({ refId: 'B', hide: false })).toEqual({
    refId: 'B',
    hide: false,
    version: 1,
    subject: 'domande',
    measure: 'in_giacenza',
    groupBy: [],
    interval: 'day',
  });
});

test('version 0: a bare measure gets its subject from the catalogue; groupBy string and "1M" are converted', () => {
  expect(
    migrateQuery(
      old({
        refId: 'A',
        measure: 'lavoratori_in_attesa',
        groupBy: 'regione, prestazione',
        interval: '1M',
        filters: { regione: ['$regione'] },
      })
    )
  ).toEqual({
    refId: 'A',
    version: 1,
    subject: 'sr41',
    measure: 'lavoratori_in_attesa',
    groupBy: ['regione', 'prestazione'],
    interval: 'month',
    filters: { regione: ['$regione'] },
  });
});

test('version 0: queryText "subject/measure" or a bare measure; the scaffold constant is dropped', () => {
  expect(migrateQuery(old({ refId: 'A', queryText: 'sr41/scartati', constant: 6.5 }))).toEqual({
    refId: 'A',
    version: 1,
    subject: 'sr41',
    measure: 'scartati',
    groupBy: [],
    interval: 'day',
  });
  expect(migrateQuery(old({ refId: 'C', queryText: ' presentate ', interval: '1w' }))).toEqual({
    refId: 'C',
    version: 1,
    subject: 'domande',
    measure: 'presentate',
    groupBy: [],
    interval: 'week',
  });
});

test('an unknown figure is kept, so the panel names it in its error instead of showing another', () => {
  const migrated = migrateQuery(old({ refId: 'D', measure: 'giacenza_totale' }));
  expect(migrated).toEqual({
    refId: 'D',
    version: 1,
    subject: 'domande',
    measure: 'giacenza_totale',
    groupBy: [],
    interval: 'day',
  });
  expect(checkQuery(migrated as StoreQuery)).toBe(
    'The field "measure" has the value "giacenza_totale", which is not a figure of subject "domande".'
  );
});
