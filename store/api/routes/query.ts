/**
 * POST /api/query: a batch of queries, each answered or failed on its own. The body's envelope
 * (range, a list of queries with refIds) is checked by Fastify; each query by its own schema, so
 * one malformed query is that query's error, not the batch's. When no query of the batch could
 * be answered, the answer takes the first error's status (400, 403, 503…).
 */
import { Type } from '@sinclair/typebox';
import Ajv, { type ValidateFunction } from 'ajv';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  ListQuerySchema,
  MAX_QUERIES_PER_BATCH,
  MeasureQuerySchema,
  QueryRequestSchema,
  QueryResponseSchema,
  type QueryRequest,
  type QueryResult,
  type StoreQuery,
} from '../../../src/model/query';
import { runBatch, type QueryOutcome } from '../../query/executor';
import { QueryError } from '../../query/errors';
import { describeSchemaError, errorBody } from '../errorHandler';
import { BODY_ERROR_RESPONSES, ERROR_RESPONSES } from '../schemas';
import type { ApiContext } from '../context';

const ajv = new Ajv({ allErrors: false, strict: false });

/** The batch without its queries' details: those are checked one by one. */
const envelope = ajv.compile(
  Type.Object(
    {
      range: QueryRequestSchema.properties.range,
      queries: Type.Array(Type.Object({ refId: Type.String({ minLength: 1, maxLength: 64 }) }), {
        minItems: 1,
        maxItems: MAX_QUERIES_PER_BATCH,
      }),
    },
    { additionalProperties: false }
  )
);
const measureQuery = ajv.compile(MeasureQuerySchema);
const listQuery = ajv.compile(ListQuerySchema);

function malformedQuery(q: { subject?: unknown }, index: number): QueryError | null {
  const validate: ValidateFunction = q.subject === 'elenco' ? listQuery : measureQuery;
  if (validate(q)) {
    return null;
  }
  return new QueryError('BAD_REQUEST', describeSchemaError(validate.errors![0], `queries[${index}]`));
}

/** One read of the data's state (reference date, thresholds, version), then each query computed or taken from the cache. */
async function answerBatch(ctx: ApiContext, batch: QueryRequest, request: FastifyRequest): Promise<QueryOutcome[]> {
  const state = await ctx.dataState();
  const scope = request.caller!.scope;
  return runBatch(ctx.db, batch, scope, {
    asOf: state.asOf,
    thresholds: state.thresholds,
    answer: ctx.answers.answering(scope, state.version),
    rawFacts: ctx.rawFacts,
    onInternalError: (refId, e) => request.log.error({ err: e, refId }, 'query failed'),
  });
}

export async function queryRoutes(app: FastifyInstance, ctx: ApiContext): Promise<void> {
  app.post<{ Body: QueryRequest }>(
    '/api/query',
    {
      schema: {
        summary: 'Runs a batch of queries; each gets frames or an error.',
        body: QueryRequestSchema,
        response: { 200: QueryResponseSchema, ...ERROR_RESPONSES, ...BODY_ERROR_RESPONSES },
      },
      validatorCompiler: ({ httpPart }) => (httpPart === 'body' ? envelope : () => true),
    },
    async (request, reply) => {
      const { range, queries } = request.body;
      const malformed = queries.map((q, i) => malformedQuery(q, i));
      const wellFormed = queries.filter((_, i) => malformed[i] === null) as StoreQuery[];
      const answered = wellFormed.length ? await answerBatch(ctx, { range, queries: wellFormed }, request) : [];
      const outcomes = [...answered];
      const errors: QueryError[] = [];
      const results: QueryResult[] = queries.map((q, i) => {
        const outcome = malformed[i] ? { refId: q.refId, error: malformed[i]! } : outcomes.shift()!;
        if ('frames' in outcome) {
          return { refId: outcome.refId, frames: outcome.frames };
        }
        errors.push(outcome.error);
        return { refId: outcome.refId, error: { code: outcome.error.code, message: outcome.error.message } };
      });
      if (errors.length === results.length) {
        const [first] = errors;
        const message = results.length > 1 ? `No query of the batch could be answered. ${first.message}` : first.message;
        return reply.code(first.status).send(errorBody(first.code, message));
      }
      return { results };
    }
  );
}
