/**
 * The API's only body parser: JSON, refused with a sentence when it is not JSON, nests deeper
 * than any query batch could, carries a "__proto__" key (prototype pollution), or a string with
 * NUL or a lone surrogate. Fastify's own parsers are removed, so any other content type is a 415.
 */
import type { FastifyInstance } from 'fastify';

/** A query batch nests 5 levels (body, queries, query, filters, values); 16 leaves room and no more. */
export const MAX_BODY_DEPTH = 16;

export class BadBodyError extends Error {
  readonly statusCode = 400;
  readonly code = 'BAD_REQUEST';
}

/** A high surrogate not followed by a low one, or a low one not after a high one. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** A field's place for a message, e.g. `queries[0].filters.sede[1]`. */
const placeOf = (parent: string, key: string, isIndex: boolean): string => (isIndex ? `${parent}[${key}]` : parent ? `${parent}.${key}` : key);

/**
 * Why the parsed body is refused, or null; an explicit stack, so no depth can overflow ours.
 * PostgreSQL's text cannot hold NUL, and a lone surrogate is no character at all: both are
 * refused here, naming the field, rather than failing inside the database.
 */
function refusal(body: unknown): string | null {
  const stack: Array<[unknown, number, string]> = [[body, 1, '']];
  while (stack.length) {
    const [value, depth, place] = stack.pop()!;
    if (typeof value === 'string') {
      if (value.includes('\u0000')) {
        return `The field "${place || 'body'}" holds a NUL character (\\u0000), which the store refuses.`;
      }
      if (LONE_SURROGATE.test(value)) {
        return `The field "${place || 'body'}" holds a lone UTF-16 surrogate, which is not a character.`;
      }
      continue;
    }
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
      if (key.includes('\u0000') || LONE_SURROGATE.test(key)) {
        return `The request body has a key in "${place || 'body'}" with a NUL character or a lone surrogate, which the store refuses.`;
      }
      stack.push([(value as Record<string, unknown>)[key], depth + 1, placeOf(place, key, Array.isArray(value))]);
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
