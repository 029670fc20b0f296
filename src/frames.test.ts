import {
  createTheme,
  FieldType,
  getDisplayProcessor,
  MappingType,
  getFieldDisplayName,
  getTimeField,
  getValueFormat,
  getValueFormatterIndex,
  isTimeSeriesFrames,
  outerJoinDataFrames,
  reduceField,
  ReducerID,
  type DataFrame,
} from '@grafana/data';
import type { Frame, StoreQuery } from './model/query';
import { toDataFrames, UNIT_CONFIG } from './frames';

// Start of the day in Europe/Rome, worked out by hand: midnight UTC of the day minus one hour
// in winter (CET, UTC+1). 2021-01-01T00:00Z = 1609459200000, 2021-02-01 = 1612137600000,
// 2021-03-01 = 1614556800000.
const JAN = 1609459200000 - 3600000;
const FEB = 1612137600000 - 3600000;
const MAR = 1614556800000 - 3600000;

const backlogByRegion: StoreQuery = {
  refId: 'A',
  subject: 'domande',
  measure: 'in_giacenza',
  groupBy: ['regione'],
  interval: 'month',
};

// A store answer as API.md describes it: one frame per group, the group in the value's labels.
const backlogFrames: Frame[] = [
  {
    name: 'in_giacenza',
    fields: [
      { name: 'time', type: 'time', values: [JAN, FEB, MAR] },
      { name: 'in_giacenza', type: 'number', values: [120, 95, 80], labels: { regione: 'Lazio' } },
    ],
  },
  {
    name: 'in_giacenza',
    fields: [
      { name: 'time', type: 'time', values: [JAN, FEB] },
      { name: 'in_giacenza', type: 'number', values: [300, 310], labels: { regione: 'Lombardia' } },
    ],
  },
];

function plain(frame: DataFrame) {
  return {
    refId: frame.refId,
    name: frame.name,
    length: frame.length,
    fields: frame.fields.map((f) => ({
      name: f.name,
      type: f.type,
      values: [...f.values],
      labels: f.labels,
      config: f.config,
    })),
  };
}

test('a time series answer becomes one Grafana frame per group, with labels, unit and refId', () => {
  const frames = toDataFrames(backlogFrames, backlogByRegion);
  expect(frames.map(plain)).toEqual([
    {
      refId: 'A',
      name: 'in_giacenza',
      length: 3,
      fields: [
        { name: 'time', type: FieldType.time, values: [JAN, FEB, MAR], labels: undefined, config: {} },
        {
          name: 'in_giacenza',
          type: FieldType.number,
          values: [120, 95, 80],
          labels: { regione: 'Lazio' },
          config: { unit: 'locale', decimals: 0, displayNameFromDS: 'In giacenza · Lazio' },
        },
      ],
    },
    {
      refId: 'A',
      name: 'in_giacenza',
      length: 2,
      fields: [
        { name: 'time', type: FieldType.time, values: [JAN, FEB], labels: undefined, config: {} },
        {
          name: 'in_giacenza',
          type: FieldType.number,
          values: [300, 310],
          labels: { regione: 'Lombardia' },
          config: { unit: 'locale', decimals: 0, displayNameFromDS: 'In giacenza · Lombardia' },
        },
      ],
    },
  ]);
});

test('Grafana finds the time field and treats the frames as time series', () => {
  const frames = toDataFrames(backlogFrames, backlogByRegion);
  const { timeField, timeIndex } = getTimeField(frames[0]);
  expect(timeIndex).toBe(0);
  expect(timeField?.name).toBe('time');
  expect(isTimeSeriesFrames(frames)).toBe(true);
});

test('the time series panel can join the groups on time; a missing month is empty, not zero', () => {
  const joined = outerJoinDataFrames({ frames: toDataFrames(backlogFrames, backlogByRegion) })!;
  expect(joined.fields.map((f) => [...f.values])).toEqual([
    [JAN, FEB, MAR],
    [120, 95, 80],
    [300, 310, undefined],
  ]);
  expect(joined.fields.slice(1).map((f) => getFieldDisplayName(f, joined))).toEqual([
    'In giacenza · Lazio',
    'In giacenza · Lombardia',
  ]);
});

test('a stat panel reduces a series: last value and sum', () => {
  const [lazio] = toDataFrames(backlogFrames, backlogByRegion);
  const stats = reduceField({ field: lazio.fields[1], reducers: [ReducerID.lastNotNull, ReducerID.sum] });
  expect(stats[ReducerID.lastNotNull]).toBe(80);
  expect(stats[ReducerID.sum]).toBe(295);
});

test('interval "none" gives a table: Italian column names, one row per group', () => {
  const query: StoreQuery = {
    refId: 'T',
    subject: 'sr41',
    measure: 'importo_pagato',
    groupBy: ['prestazione'],
    interval: 'none',
  };
  const [table] = toDataFrames(
    [
      {
        fields: [
          { name: 'prestazione', type: 'string', values: ['CIGD', 'CIGO'] },
          { name: 'importo_pagato', type: 'number', values: [1500.5, 2499.5] },
        ],
      },
    ],
    query
  );
  expect(plain(table)).toEqual({
    refId: 'T',
    name: undefined,
    length: 2,
    fields: [
      {
        name: 'prestazione',
        type: FieldType.string,
        values: ['CIGD', 'CIGO'],
        labels: undefined,
        config: { displayNameFromDS: 'Prestazione' },
      },
      {
        name: 'importo_pagato',
        type: FieldType.number,
        values: [1500.5, 2499.5],
        labels: undefined,
        config: { unit: 'currencyEUR', decimals: 2, displayNameFromDS: 'Importo pagato' },
      },
    ],
  });
  expect(getTimeField(table).timeField).toBeUndefined();
  expect(reduceField({ field: table.fields[1], reducers: [ReducerID.sum] })[ReducerID.sum]).toBe(4000);
});

test('a unit the store names on the field wins over the catalogue', () => {
  const query: StoreQuery = { refId: 'B', subject: 'domande', measure: 'tempo_definizione_medio', interval: 'week' };
  const [frame] = toDataFrames(
    [
      {
        fields: [
          { name: 'time', type: 'time', values: [JAN] },
          { name: 'valore', type: 'number', values: [12.25], unit: 'percento' },
        ],
      },
    ],
    query
  );
  expect(frame.fields[1].config).toEqual({
    unit: 'percent',
    decimals: 1,
    displayNameFromDS: 'Tempo medio di definizione',
  });
});

test('a list (elenco) keeps the store columns; numbers without a unit get no unit', () => {
  const query: StoreQuery = { refId: 'L', subject: 'elenco', of: 'domande', limit: 2 };
  const [frame] = toDataFrames(
    [
      {
        fields: [
          { name: 'protocollo', type: 'string', values: ['D1', 'D2'] },
          { name: 'sede', type: 'string', values: ['Roma Tuscolano', 'Milano Nord'] },
          { name: 'eta_giorni', type: 'number', values: [200, 190], unit: 'giorni' },
        ],
      },
    ],
    query
  );
  expect(frame.fields.map((f) => f.config)).toEqual([
    {},
    { displayNameFromDS: 'Sede' },
    { unit: 'suffix:giorni', decimals: 1 },
  ]);
});

test('every unit id is one Grafana knows, and "giorni" reads as a suffix', () => {
  const known = getValueFormatterIndex();
  for (const config of Object.values(UNIT_CONFIG)) {
    const unit = config.unit!;
    expect(unit.startsWith('suffix:') || unit in known).toBe(true);
  }
  expect(getValueFormat('suffix:giorni')(40.5, 1)).toEqual({ text: '40.5', suffix: ' giorni' });
  expect(getValueFormat('currencyEUR')(1500, 2)).toEqual({ prefix: '€', text: '1.50', suffix: 'K' });
  expect(getValueFormat('percent')(12.5, 1)).toEqual({ text: '12.5', suffix: '%' });
});

test('with names known, legends and table cells read "Lazio", the values stay codes', () => {
  const names = {
    regione: new Map([
      ['12', 'Lazio'],
      ['03', 'Lombardia'],
      ['05', 'Veneto'],
    ]),
  };
  const coded: Frame[] = [
    {
      fields: [
        { name: 'time', type: 'time', values: [JAN] },
        { name: 'in_giacenza', type: 'number', values: [120], labels: { regione: '12' } },
      ],
    },
  ];
  const [series] = toDataFrames(coded, backlogByRegion, names);
  expect(series.fields[1].config.displayNameFromDS).toBe('In giacenza · Lazio');
  const query: StoreQuery = {
    refId: 'T',
    subject: 'domande',
    measure: 'presentate',
    groupBy: ['regione'],
    interval: 'none',
  };
  const [table] = toDataFrames(
    [
      {
        fields: [
          { name: 'regione', type: 'string', values: ['03', '12', '99'] },
          { name: 'presentate', type: 'number', values: [4, 5, 6] },
        ],
      },
    ],
    query,
    names
  );
  expect([...table.fields[0].values]).toEqual(['03', '12', '99']);
  expect(table.fields[0].config).toEqual({
    displayNameFromDS: 'Regione',
    mappings: [
      {
        type: MappingType.ValueToText,
        options: { '03': { text: 'Lombardia', index: 0 }, '12': { text: 'Lazio', index: 1 } },
      },
    ],
  });
  // What a table cell shows: Grafana's display processor applies the mapping.
  const display = getDisplayProcessor({ field: table.fields[0], theme: createTheme() });
  expect([display('12').text, display('99').text]).toEqual(['Lazio', '99']);
});
