/**
 * The store's columnar frames (src/model/query.ts `Frame`) as Grafana data frames: typed fields,
 * the group in the value field's labels, Italian display names and Grafana unit ids, so panels
 * need no per-panel overrides to read "giorni" or "€". Regions and offices arrive as codes (the
 * values filters use); their names, when known, go into legends and table value mappings.
 */
import { createDataFrame, FieldType, MappingType, type DataFrame, type FieldConfig } from '@grafana/data';
import { DIMENSION_LABELS, findMeasure, type Dimension, type Unit } from './model/measures';
import { isListQuery, type Field, type Frame, type StoreQuery } from './model/query';
import type { VariableName } from './types';

/** How each unit of the catalogue is shown: Grafana unit id and decimals. */
export const UNIT_CONFIG: Readonly<Record<Unit, FieldConfig>> = {
  domande: { unit: 'locale', decimals: 0 },
  sr41: { unit: 'locale', decimals: 0 },
  lavoratori: { unit: 'locale', decimals: 0 },
  ore: { unit: 'locale', decimals: 0 },
  giorni: { unit: 'suffix:giorni', decimals: 1 },
  euro: { unit: 'currencyEUR', decimals: 2 },
  percento: { unit: 'percent', decimals: 1 },
};

const FIELD_TYPES: Readonly<Record<Field['type'], FieldType>> = {
  time: FieldType.time,
  number: FieldType.number,
  string: FieldType.string,
};

/** Names of coded groups: region code → "Lazio", office code → "INPS Roma Tuscolano". */
export type GroupNames = Partial<Record<Dimension, ReadonlyMap<string, string>>>;

/** The dimensions whose values the store sends as codes a reader cannot read. */
export const CODED_DIMENSIONS: readonly VariableName[] = ['regione', 'sede'];

/** Grafana frames for one query's answer; `refId` ties each frame to the query that asked. */
export function toDataFrames(frames: readonly Frame[], query: StoreQuery, names: GroupNames = {}): DataFrame[] {
  return frames.map((frame) =>
    createDataFrame({
      refId: query.refId,
      name: frame.name,
      fields: frame.fields.map((field) => ({
        name: field.name,
        type: FIELD_TYPES[field.type],
        values: field.values,
        labels: field.labels,
        config: fieldConfig(field, query, names),
      })),
    })
  );
}

function fieldConfig(field: Field, query: StoreQuery, names: GroupNames): FieldConfig {
  if (field.type === 'string' && field.name in DIMENSION_LABELS) {
    const dimension = field.name as Dimension;
    const named = names[dimension];
    const config: FieldConfig = { displayNameFromDS: DIMENSION_LABELS[dimension] };
    const shown = [...new Set(field.values.map(String))].filter((code) => named?.has(code));
    if (named && shown.length > 0) {
      // A value mapping keeps the code as the cell's value (what links and filters use) and shows the name.
      config.mappings = [
        {
          type: MappingType.ValueToText,
          options: Object.fromEntries(shown.map((code, index) => [code, { text: named.get(code)!, index }])),
        },
      ];
    }
    return config;
  }
  if (field.type !== 'number') {
    return {};
  }
  const measure = isListQuery(query) ? undefined : findMeasure(query.subject, query.measure);
  const unit = (field.unit ?? measure?.unit) as Unit | undefined;
  const config: FieldConfig = unit && unit in UNIT_CONFIG ? { ...UNIT_CONFIG[unit] } : {};
  if (measure) {
    const groups = Object.entries(field.labels ?? {}).map(([d, code]) => names[d as Dimension]?.get(code) ?? code);
    config.displayNameFromDS = groups.length > 0 ? `${measure.label} · ${groups.join(' · ')}` : measure.label;
  }
  return config;
}
