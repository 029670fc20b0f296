/**
 * The API's only body parser: JSON, refused with a sentence when it is not JSON, nests deeper
 * than any query batch could, or carries a "__proto__" key (prototype pollution). Fastify's own
 * parsers are removed, so any other content type is a 415.
 */
import type { FastifyInstance } from 'fastify';

/** A query batch nests 5 levels (body, queries, query, filters, values); 16 leaves room and no more. */
export const MAX_BODY_DEPTH = 16;

export class BadBodyError extends Error {
  readonly statusCode = 400;
  readonly code = 'BAD_REQUEST';
}

/** Why the parsed body is refused, or null; an explicit stack, so no depth can overflow ours. */
function refusal(body: unknown): string | null {
  const stack: Array<[unknown, number]> = [[body, 1]];
  while (stack.length) {
    const [value, depth] = stack.pop()!;
    if (typeof value !== 'object' || value === null) {
      continue;
    }
    if (depth > MAX_BODY_DEPTH) {
      return `The request body nests deeper than ${MAX_BODY_DEPTH} levels; a query batch needs 5.`;
    }
    for (const key of Object.keys(value)) {
      if (key === '__proto__') {
        return 'The request body has a key "__proto__", which the store refuses.';
      }
      stack.push([(value as Record<string, unknown>)[key], depth + 1]);
    }
  }
  return null;
}

export function parseJsonBody(text: string): unknown {
  if (text.trim() === '') {
    throw new BadBodyError('The request body is empty; send the batch of queries as JSON.');
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (e) {
    throw new BadBodyError(`The request body is not valid JSON (${(e as Error).message}).`);
  }
  const why = refusal(body);
  if (why) {
    throw new BadBodyError(why);
  }
  return body;
}

export function installJsonBody(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, text, done) => {
    try {
      done(null, parseJsonBody(text as string));
    } catch (e) {
      done(e as Error, undefined);
    }
  });
}
