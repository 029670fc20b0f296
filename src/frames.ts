/**
 * The store's columnar frames (src/model/query.ts `Frame`) as Grafana data frames: typed fields,
 * the group in the value field's labels, Italian display names and Grafana unit ids, so panels
 * need no per-panel overrides to read "giorni" or "€".
 */
import { createDataFrame, FieldType, type DataFrame, type FieldConfig } from '@grafana/data';
import { DIMENSION_LABELS, findMeasure, type Dimension, type Unit } from './model/measures';
import { isListQuery, type Field, type Frame, type StoreQuery } from './model/query';

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

/** Grafana frames for one query's answer; `refId` ties each frame to the query that asked. */
export function toDataFrames(frames: readonly Frame[], query: StoreQuery): DataFrame[] {
  return frames.map((frame) =>
    createDataFrame({
      refId: query.refId,
      name: frame.name,
      fields: frame.fields.map((field) => ({
        name: field.name,
        type: FIELD_TYPES[field.type],
        values: field.values,
        labels: field.labels,
        config: fieldConfig(field, query),
      })),
    })
  );
}

function fieldConfig(field: Field, query: StoreQuery): FieldConfig {
  if (field.type === 'string' && field.name in DIMENSION_LABELS) {
    return { displayNameFromDS: DIMENSION_LABELS[field.name as Dimension] };
  }
  if (field.type !== 'number') {
    return {};
  }
  const measure = isListQuery(query) ? undefined : findMeasure(query.subject, query.measure);
  const unit = (field.unit ?? measure?.unit) as Unit | undefined;
  const config: FieldConfig = unit && unit in UNIT_CONFIG ? { ...UNIT_CONFIG[unit] } : {};
  if (measure) {
    const groups = Object.values(field.labels ?? {});
    config.displayNameFromDS = groups.length > 0 ? `${measure.label} · ${groups.join(' · ')}` : measure.label;
  }
  return config;
}
