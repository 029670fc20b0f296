/**
 * Figure rows as the columnar frames of API.md: a time series is one frame per group, the group
 * in the value field's labels; `interval: none` is one table frame, a column per breakdown.
 */
import { romeDayStartMs } from '../../src/model/calendar';
import type { Dimension, MeasureDefinition } from '../../src/model/measures';
import type { Frame } from '../../src/model/query';
import type { Bucket } from './buckets';
import type { FigureRow } from './source';

/** Counts and sums of an empty bucket are 0; a mean, percentile or ratio of nothing is unknown. */
export function emptyValue(measure: MeasureDefinition): number | null {
  return measure.aggregation === 'mean' || measure.aggregation === 'p90' || measure.aggregation === 'ratio' ? null : 0;
}

function byGroup(rows: FigureRow[], groupBy: readonly Dimension[]): Map<string, { keys: string[]; values: Map<string, number | null> }> {
  const groups = new Map<string, { keys: string[]; values: Map<string, number | null> }>();
  for (const row of rows) {
    const id = JSON.stringify(row.keys);
    const g = groups.get(id) ?? { keys: row.keys, values: new Map() };
    g.values.set(row.bucket, row.value);
    groups.set(id, g);
  }
  if (groups.size === 0 && groupBy.length === 0) {
    groups.set('[]', { keys: [], values: new Map() });
  }
  return new Map([...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

export function seriesFrames(measure: MeasureDefinition, groupBy: readonly Dimension[], buckets: Bucket[], rows: FigureRow[]): Frame[] {
  const time = buckets.map((b) => romeDayStartMs(b.start));
  const empty = emptyValue(measure);
  return [...byGroup(rows, groupBy).values()].map((g) => {
    const labels = Object.fromEntries(groupBy.map((d, i) => [d, g.keys[i]]));
    return {
      name: [measure.id, ...g.keys].join(' '),
      fields: [
        { name: 'time', type: 'time' as const, values: time },
        {
          name: measure.id,
          type: 'number' as const,
          values: buckets.map((b) => g.values.get(b.start) ?? empty),
          ...(groupBy.length ? { labels } : {}),
          unit: measure.unit,
        },
      ],
    };
  });
}

export function tableFrame(measure: MeasureDefinition, groupBy: readonly Dimension[], rows: FigureRow[]): Frame {
  const groups = [...byGroup(rows, groupBy).values()];
  const empty = emptyValue(measure);
  return {
    name: measure.id,
    fields: [
      ...groupBy.map((d, i) => ({ name: d, type: 'string' as const, values: groups.map((g) => g.keys[i]) })),
      {
        name: measure.id,
        type: 'number' as const,
        values: groups.map((g) => [...g.values.values()][0] ?? empty),
        unit: measure.unit,
      },
    ],
  };
}
