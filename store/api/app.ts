/**
 * The store's HTTP API (API.md) as a function that configures a Fastify instance, and
 * `buildApp`, which makes one for tests (`app.inject`) and for server.ts. No SQL here: routes ask
 * the query executor (store/query) and the repositories.
 */
import swagger from '@fastify/swagger';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { Database } from '../db/database';
import { identifyCaller, tokenChecker } from './access';
import { AnswerCache, DEFAULT_ANSWER_CACHE_MB } from './answerCache';
import type { ApiContext } from './context';
import { clientErrorHandler, frameworkErrors } from './clientErrors';
import { readDataState } from './dataState';
import { installErrorHandler } from './errorHandler';
import { installJsonBody } from './jsonBody';
import { connectionTimeoutFor, DEFAULT_QUERY_TIMEOUT_MS, SERVER_LIMITS } from './limits';
import { DEFAULT_DATABASE_CONCURRENCY, gated } from './queryGate';
import { installSecurityHeaders } from './securityHeaders';
import { statementTimeout } from './statementTimeout';
import { annotationRoutes } from './routes/annotations';
import { healthRoutes } from './routes/health';
import { queryRoutes } from './routes/query';
import { variableRoutes } from './routes/variables';

export interface AppOptions {
  db: Database;
  /** The datasource's bearer token. */
  token: string;
  /** The clock that decides "today" in the roster (tests move it). */
  now?: () => Date;
  logger?: FastifyServerOptions['logger'];
  /** Statements the API may run at once: rollup lane, raw-fact lane (default 6 + 3, below the pool's 10 clients). */
  databaseConcurrency?: { rollups: number; rawFacts: number };
  /** The longest a statement may take, its wait for a turn included (default limits.ts). */
  queryTimeoutMs?: number;
  /** The answer cache's limit in bytes (answerCache.ts); 0 computes every answer. Default 64 MB. */
  answerCacheBytes?: number;
}

/** Log lines never carry the token or a user's login. */
export const LOG_REDACT = ['req.headers.authorization', 'req.headers["x-grafana-user"]'];

/** The API's logger: pino at `level`, with LOG_REDACT hidden; `stream` lets tests read the lines. */
export function apiLoggerOptions(level: string, stream?: NodeJS.WritableStream): NonNullable<FastifyServerOptions['logger']> {
  return { level, redact: { paths: LOG_REDACT, censor: '[hidden]' }, ...(stream ? { stream } : {}) };
}

export async function dasmoApi(app: FastifyInstance, options: AppOptions): Promise<void> {
  const lanes = options.databaseConcurrency ?? DEFAULT_DATABASE_CONCURRENCY;
  const timeoutMs = options.queryTimeoutMs ?? DEFAULT_QUERY_TIMEOUT_MS;
  const bounded = statementTimeout(options.db, timeoutMs);
  const db = gated(bounded, lanes.rollups, timeoutMs);
  const now = options.now ?? (() => new Date());
  const checkToken = tokenChecker(options.token);
  // Health asks the database directly: it must answer even while figures queue.
  const ctx: ApiContext = {
    db,
    rawFacts: gated(bounded, lanes.rawFacts, timeoutMs),
    health: options.db,
    dataState: () => readDataState(db),
    answers: new AnswerCache(options.answerCacheBytes ?? DEFAULT_ANSWER_CACHE_MB * 1024 * 1024),
  };

  installErrorHandler(app);
  installSecurityHeaders(app);
  installJsonBody(app);
  await app.register(swagger, {
    openapi: {
      info: { title: 'DASMO ammortizzatori store', version: '1', description: 'The store behind the DASMO Grafana datasource (API.md).' },
      components: { securitySchemes: { token: { type: 'http', scheme: 'bearer' } } },
      security: [{ token: [] }],
    },
  });
  app.decorateRequest('caller', null);

  await healthRoutes(app, ctx);
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await app.register(async (withUser) => {
    withUser.addHook('onRequest', async (request) => {
      request.caller = await identifyCaller(db, request.headers, checkToken, now);
    });
    await queryRoutes(withUser, ctx);
    await variableRoutes(withUser, ctx);
    await annotationRoutes(withUser, ctx);
  });
}

/** The API on its own Fastify instance, with the limits of limits.ts unless `server` overrides them. */
export async function buildApp(options: AppOptions, server: Omit<FastifyServerOptions, 'logger'> = {}): Promise<FastifyInstance> {
  const connectionTimeout = connectionTimeoutFor(options.queryTimeoutMs ?? DEFAULT_QUERY_TIMEOUT_MS);
  const app = Fastify({ logger: options.logger ?? false, ...SERVER_LIMITS, connectionTimeout, frameworkErrors, clientErrorHandler, ...server });
  await dasmoApi(app, options);
  return app;
}
