/**
 * How much the API accepts and how long it works for one request, in one place: the HTTP
 * server's options (body size, slow clients) and the deadline of each database statement.
 */
import type { FastifyServerOptions } from 'fastify';

/** The largest request body: a dashboard's batch is a few KB; 50 queries × 500 filter values fits. */
export const BODY_LIMIT_BYTES = 256 * 1024;

/**
 * The longest a statement of the API may take, waiting for its turn included. Grafana's data
 * proxy gives up after 30 s by default; past a minute nobody is waiting for the answer.
 */
export const DEFAULT_QUERY_TIMEOUT_MS = 60_000;

/**
 * The statement deadline of `dasmo serve`: DASMO_QUERY_TIMEOUT_MS when set (e.g. longer for a
 * benchmark of raw-fact figures), otherwise the default; a value that is not a positive number of
 * milliseconds is refused with a sentence.
 */
export function queryTimeoutFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.DASMO_QUERY_TIMEOUT_MS;
  if (raw === undefined || raw === '') {
    return DEFAULT_QUERY_TIMEOUT_MS;
  }
  const ms = Number(raw);
  if (!Number.isInteger(ms) || ms <= 0) {
    throw new Error(`DASMO_QUERY_TIMEOUT_MS is "${raw}": give a whole number of milliseconds above 0, e.g. 60000.`);
  }
  return ms;
}

/** How much longer than the statement deadline a connection may stay silent: time to send the 503 that says so. */
const ANSWER_MARGIN_MS = 10_000;

/**
 * Node's socket inactivity timeout for a statement deadline of `queryTimeoutMs`: a silent client
 * is dropped, but the timeout also runs while an answer is computed, so it must outlast the
 * deadline. Shorter, it dropped slow answers with no status at all (faults/slowAnswer.test.ts).
 */
export const connectionTimeoutFor = (queryTimeoutMs: number): number => queryTimeoutMs + ANSWER_MARGIN_MS;

/**
 * The server options every instance of the API gets, in tests, benchmarks and production alike
 * (app.ts adds the connection timeout of its statement deadline).
 */
export const SERVER_LIMITS = {
  bodyLimit: BODY_LIMIT_BYTES,
  // The whole request must have arrived by then, or Node answers 408 (clientErrors.ts).
  requestTimeout: 120_000,
  // Longer than Grafana's proxy keeps idle connections, so the proxy closes them first.
  keepAliveTimeout: 95_000,
  // The longest URL path parameter (a variable's name) routed; longer ones are 414 (clientErrors.ts).
  routerOptions: { maxParamLength: 100 },
} as const satisfies FastifyServerOptions;

export const describeBytes = (n: number): string => (n % 1024 === 0 ? `${n / 1024} KiB` : `${n} bytes`);
