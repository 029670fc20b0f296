/**
 * Refusals that happen before a route is found: a URL that does not decode, a path parameter
 * that is too long (Fastify's frameworkErrors), and requests that are not HTTP, have headers too
 * large or arrive too slowly (Node's clientError). All answer in the API's error shape, with the
 * security headers, like every other answer.
 */
import type { Socket } from 'node:net';
import { STATUS_CODES } from 'node:http';
import type { FastifyReply, FastifyServerOptions } from 'fastify';
import { errorBody } from './errorHandler';
import { SECURITY_HEADERS } from './securityHeaders';

/** A piece of the caller's input, short enough to repeat in a message. */
export const excerpt = (s: string, max = 80): string => (s.length > max ? `${s.slice(0, max)}…` : s);

export const frameworkErrors: NonNullable<FastifyServerOptions['frameworkErrors']> = (error, request, reply) => {
  const path = excerpt(request.raw.url ?? '');
  const [status, message] =
    error.code === 'FST_ERR_MAX_PARAM_LENGTH'
      ? [414, `The path "${path}" is too long: a variable's name has at most 100 characters.`]
      : [400, `The path "${path}" is not a valid URL: each "%" must start an escape such as "%20".`];
  (reply as FastifyReply).headers(SECURITY_HEADERS).code(status).send(errorBody(status === 414 ? 'URI_TOO_LONG' : 'BAD_REQUEST', message));
};

function describeClientError(code: string | undefined): [number, string, string] {
  switch (code) {
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return [408, 'REQUEST_TIMEOUT', 'The request did not arrive in time; the store closed the connection.'];
    case 'HPE_HEADER_OVERFLOW':
      return [431, 'HEADERS_TOO_LARGE', 'The request\'s URL and headers are larger than the store accepts (16 KiB).'];
    default:
      return [400, 'BAD_REQUEST', 'The request is not valid HTTP/1.1 (a malformed request line, header or length).'];
  }
}

/** Node's clientError: written on the socket by hand, since no request object exists yet. */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) {
    return;
  }
  const [status, code, message] = describeClientError(error.code);
  const body = JSON.stringify(errorBody(code, message));
  const headers = {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(body)),
    connection: 'close',
    ...SECURITY_HEADERS,
  };
  if (socket.writable) {
    const lines = Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join('');
    socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n${lines}\r\n${body}`);
  }
  socket.destroy(error);
}
