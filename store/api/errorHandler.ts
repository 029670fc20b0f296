/**
 * The one error handler: every failure becomes `{ error: { code, message } }` with its status.
 * Validation failures name the field; 5xx answers hide what happened inside (the log keeps it);
 * no answer ever carries a stack trace.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorObject } from 'ajv';
import { DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailable, QueryError } from '../query/errors';
import { UnauthorizedError } from './access';
import { excerpt } from './clientErrors';
import { describeBytes } from './limits';

/** An ajv error as a sentence naming the field, e.g. `The field "queries[0].interval" must be one of: day, week.` */
export function describeSchemaError(e: ErrorObject, prefix: string): string {
  const inner = e.instancePath.replace(/\/(\d+)/g, '[$1]').replace(/\//g, '.').replace(/^\./, '');
  const path = [prefix, inner].filter(Boolean).join(inner.startsWith('[') ? '' : '.');
  const field = (name: string) => (path ? `${path}.${name}` : name);
  switch (e.keyword) {
    case 'required':
      return `The field "${field(String(e.params.missingProperty))}" is required.`;
    case 'additionalProperties':
      return `The field "${field(String(e.params.additionalProperty))}" is not allowed here.`;
    case 'enum':
      return `The field "${path}" must be one of: ${(e.params.allowedValues as unknown[]).join(', ')}.`;
    default:
      return `The field "${path || 'body'}" ${e.message ?? 'is not valid'}.`;
  }
}

export function errorBody(code: string, message: string) {
  return { error: { code, message } };
}

/** Fastify's refusals of a body, as sentences that say what to send instead. */
function fastifyRefusal(error: FastifyError, request: FastifyRequest): [string, string] | null {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return ['PAYLOAD_TOO_LARGE', `The request body is larger than the store accepts (${describeBytes(request.routeOptions.bodyLimit)}); send fewer queries or filter values per request.`];
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return ['UNSUPPORTED_MEDIA_TYPE', `The request body must be JSON, sent with "Content-Type: application/json" (this one was "${excerpt(String(request.headers['content-type'] ?? ''))}").`];
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return ['BAD_REQUEST', 'The request body is not as long as its "Content-Length" header says.'];
    default:
      return null;
  }
}

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (error.validation && error.validation.length) {
      const where = error.validationContext === 'body' ? '' : (error.validationContext ?? '');
      return reply.code(400).send(errorBody('BAD_REQUEST', describeSchemaError(error.validation[0] as ErrorObject, where)));
    }
    if (error instanceof UnauthorizedError) {
      return reply.code(401).send(errorBody(error.code, error.message));
    }
    if (error instanceof QueryError) {
      if (error.status >= 500) {
        request.log.error({ err: error }, 'query failed');
      }
      return reply.code(error.status).send(errorBody(error.code, error.message));
    }
    if (isDatabaseUnavailable(error)) {
      request.log.warn({ err: { message: error.message, code: error.code } }, 'database unreachable');
      return reply.code(503).send(errorBody('DATABASE_UNAVAILABLE', DATABASE_UNAVAILABLE_MESSAGE));
    }
    const status = error.statusCode ?? 500;
    if (status < 500) {
      // Fastify's own client errors (body too large, wrong content type) and the JSON parser's (jsonBody.ts).
      const [code, message] = fastifyRefusal(error, request) ?? [error.code ?? 'BAD_REQUEST', error.message];
      return reply.code(status).send(errorBody(code, message));
    }
    request.log.error({ err: error }, 'request failed');
    return reply.code(500).send(errorBody('INTERNAL', 'The store failed to answer; the error is in its log.'));
  });
  app.setNotFoundHandler((request, reply) => {
    reply.code(404).send(errorBody('NOT_FOUND', `There is no ${request.method} ${request.url.split('?')[0]} in this API.`));
  });
}
