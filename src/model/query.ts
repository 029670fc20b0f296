/**
 * The query model of POST /api/query (API.md): TypeBox schemas give the runtime validation,
 * the OpenAPI document and the TypeScript types from one source. `checkQuery` adds the rules a
 * schema cannot say (which measure belongs to which subject, which breakdowns it allows).
 */
import { Type, type Static } from '@sinclair/typebox';
import { DIMENSIONS, DIMENSION_LABELS, findMeasure, SUBJECTS, type Dimension } from './measures';

const IsoDay = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'A calendar day, AAAA-MM-GG.' });
export const INTERVALS = ['day', 'week', 'month', 'none'] as const;
export type Interval = (typeof INTERVALS)[number];
export const MAX_LIST_LIMIT = 1000;
export const MAX_QUERIES_PER_BATCH = 50;
export const MAX_FILTER_VALUES = 500;

/** A string that must be one of `values`; an `enum` in the JSON schema, so errors list the choices. */
const literals = <T extends readonly string[]>(values: T) => Type.Unsafe<T[number]>(Type.String({ enum: [...values] }));

const FilterValues = Type.Array(Type.String({ maxLength: 64 }), { maxItems: MAX_FILTER_VALUES });
export const FiltersSchema = Type.Partial(
  Type.Object(Object.fromEntries(DIMENSIONS.map((d) => [d, FilterValues])) as Record<Dimension, typeof FilterValues>, {
    additionalProperties: false,
  })
);
export type Filters = Static<typeof FiltersSchema>;

export const MeasureQuerySchema = Type.Object(
  {
    refId: Type.String({ minLength: 1, maxLength: 64 }),
    subject: literals(SUBJECTS),
    measure: Type.String({ minLength: 1, maxLength: 64 }),
    groupBy: Type.Optional(Type.Array(literals(DIMENSIONS), { maxItems: DIMENSIONS.length, uniqueItems: true })),
    interval: Type.Optional(literals(INTERVALS)),
    filters: Type.Optional(FiltersSchema),
  },
  { additionalProperties: false }
);
export type MeasureQuery = Static<typeof MeasureQuerySchema>;

export const ListQuerySchema = Type.Object(
  {
    refId: Type.String({ minLength: 1, maxLength: 64 }),
    subject: Type.Literal('elenco'),
    of: literals(SUBJECTS),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_LIST_LIMIT })),
    filters: Type.Optional(FiltersSchema),
  },
  { additionalProperties: false }
);
export type ListQuery = Static<typeof ListQuerySchema>;

export const StoreQuerySchema = Type.Union([MeasureQuerySchema, ListQuerySchema]);
export type StoreQuery = Static<typeof StoreQuerySchema>;

export const QueryRequestSchema = Type.Object(
  {
    range: Type.Object({ from: IsoDay, to: IsoDay }, { additionalProperties: false }),
    queries: Type.Array(StoreQuerySchema, { minItems: 1, maxItems: MAX_QUERIES_PER_BATCH }),
  },
  { additionalProperties: false }
);
export type QueryRequest = Static<typeof QueryRequestSchema>;

/** A column of a frame; time values are epoch milliseconds of the day's start in Europe/Rome. */
export const FieldSchema = Type.Object({
  name: Type.String(),
  type: literals(['time', 'number', 'string'] as const),
  values: Type.Array(Type.Union([Type.Number(), Type.String(), Type.Null()])),
  labels: Type.Optional(Type.Record(Type.String(), Type.String())),
  unit: Type.Optional(Type.String()),
});
export type Field = Static<typeof FieldSchema>;

export const FrameSchema = Type.Object({
  name: Type.Optional(Type.String()),
  fields: Type.Array(FieldSchema),
});
export type Frame = Static<typeof FrameSchema>;

export const ErrorBodySchema = Type.Object({
  code: Type.String(),
  message: Type.String(),
});
export type ErrorBody = Static<typeof ErrorBodySchema>;

export const QueryResultSchema = Type.Object({
  refId: Type.String(),
  frames: Type.Optional(Type.Array(FrameSchema)),
  error: Type.Optional(ErrorBodySchema),
});
export type QueryResult = Static<typeof QueryResultSchema>;

export const QueryResponseSchema = Type.Object({ results: Type.Array(QueryResultSchema) });
export type QueryResponse = Static<typeof QueryResponseSchema>;

export function isListQuery(q: StoreQuery): q is ListQuery {
  return q.subject === 'elenco';
}

/**
 * The rules beyond the schema. Returns null when the query is well formed, otherwise a sentence
 * naming the field that is wrong, for a 400 or for the query editor.
 */
export function checkQuery(q: StoreQuery): string | null {
  if (isListQuery(q)) {
    return checkFilterDimensions(q.filters, q.of === 'domande' ? LIST_FILTERS.domande : LIST_FILTERS.sr41);
  }
  const measure = findMeasure(q.subject, q.measure);
  if (!measure) {
    return `The field "measure" has the value "${q.measure}", which is not a figure of subject "${q.subject}".`;
  }
  for (const d of q.groupBy ?? []) {
    if (!measure.groupBy.includes(d)) {
      return `The field "groupBy" asks for "${d}" (${DIMENSION_LABELS[d]}), which the measure "${q.measure}" cannot be broken down by.`;
    }
  }
  return checkFilterDimensions(q.filters, measure.groupBy);
}

const LIST_FILTERS: Record<'domande' | 'sr41', readonly Dimension[]> = {
  domande: ['regione', 'sede', 'prestazione', 'causale', 'modalita', 'plurilocalizzata', 'stato', 'fascia_eta'],
  sr41: ['regione', 'sede', 'prestazione', 'causale', 'modalita', 'plurilocalizzata', 'stato', 'fascia_eta'],
};

function checkFilterDimensions(filters: Filters | undefined, allowed: readonly Dimension[]): string | null {
  for (const [d, values] of Object.entries(filters ?? {})) {
    if (values && !allowed.includes(d as Dimension)) {
      return `The field "filters.${d}" cannot be applied to this figure.`;
    }
  }
  return null;
}
