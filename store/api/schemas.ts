/**
 * TypeBox schemas of the API's answers beside the query model's (src/model/query.ts): the same
 * objects validate, serialise and make the OpenAPI document.
 */
import { Type, type Static } from '@sinclair/typebox';
import { SUBJECTS, type Subject } from '../../src/model/measures';
import { ErrorBodySchema } from '../../src/model/query';

export const ErrorResponseSchema = Type.Object({ error: ErrorBodySchema }, { description: 'What went wrong, in a sentence naming the field.' });
export type ErrorResponse = Static<typeof ErrorResponseSchema>;

/** The error answers every authenticated route can give. */
export const ERROR_RESPONSES = {
  400: ErrorResponseSchema,
  401: ErrorResponseSchema,
  403: ErrorResponseSchema,
  500: ErrorResponseSchema,
  503: ErrorResponseSchema,
} as const;

/** What a route with a JSON body adds: too large (413), not JSON (415). */
export const BODY_ERROR_RESPONSES = {
  413: ErrorResponseSchema,
  415: ErrorResponseSchema,
} as const;

const IsoDayOrNull = Type.Union([Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }), Type.Null()]);

export const HealthSchema = Type.Object({
  status: Type.Literal('up'),
  database: Type.Union([Type.Literal('reachable'), Type.Literal('unreachable')]),
  asOf: IsoDayOrNull,
  lastLoad: Type.Union([
    Type.Object({ referenceDate: Type.String(), outcome: Type.String(), finishedAt: Type.String() }),
    Type.Null(),
  ]),
  answerCache: Type.Optional(
    Type.Object(
      {
        hits: Type.Integer(),
        joined: Type.Integer(),
        computed: Type.Integer(),
        entries: Type.Integer(),
        bytes: Type.Integer(),
        limitBytes: Type.Integer(),
      },
      { description: 'Answers of /api/query given from the cache, joined to one being computed, computed; what the cache holds (answerCache.ts).' }
    )
  ),
});
export type Health = Static<typeof HealthSchema>;

export const VariableValuesSchema = Type.Array(Type.Object({ text: Type.String(), value: Type.String() }));
export type VariableValues = Static<typeof VariableValuesSchema>;

export const VariableParamsSchema = Type.Object({ name: Type.String() });
export const VariableQuerySchema = Type.Object(
  {
    regione: Type.Optional(Type.String({ pattern: '^\\d{2}$', description: 'Narrows `sede` to one region.' })),
    of: Type.Optional(Type.Unsafe<Subject>(Type.String({ enum: [...SUBJECTS], description: 'Whose states `stato` lists.' }))),
  },
  { additionalProperties: false }
);
export type VariableQuery = Static<typeof VariableQuerySchema>;

const DayOrEpochMs = Type.String({
  pattern: '^(\\d{4}-\\d{2}-\\d{2}|\\d{1,15})$',
  description: 'A calendar day (AAAA-MM-GG) or epoch milliseconds, as Grafana sends them.',
});
export const AnnotationQuerySchema = Type.Object({ from: DayOrEpochMs, to: DayOrEpochMs }, { additionalProperties: false });
export type AnnotationQuery = Static<typeof AnnotationQuerySchema>;

export const AnnotationsSchema = Type.Array(
  Type.Object({ time: Type.Number(), title: Type.String(), text: Type.String(), tags: Type.Array(Type.String()) })
);
export type Annotations = Static<typeof AnnotationsSchema>;
