/**
 * The store's HTTP API (API.md) as a function that configures a Fastify instance, and
 * `buildApp`, which makes one for tests (`app.inject`) and for server.ts. No SQL here: routes ask
 * the query executor (store/query) and the repositories.
 */
import swagger from '@fastify/swagger';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { Database } from '../db/database';
import { latestReferenceDate } from '../load/loadLog';
import { identifyCaller, tokenChecker } from './access';
import type { ApiContext } from './context';
import { installErrorHandler } from './errorHandler';
import { DEFAULT_DATABASE_CONCURRENCY, gated } from './queryGate';
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
}

/** Log lines never carry the token or a user's login. */
export const LOG_REDACT = ['req.headers.authorization', 'req.headers["x-grafana-user"]'];

export async function dasmoApi(app: FastifyInstance, options: AppOptions): Promise<void> {
  const lanes = options.databaseConcurrency ?? DEFAULT_DATABASE_CONCURRENCY;
  const db = gated(options.db, lanes.rollups);
  const now = options.now ?? (() => new Date());
  const checkToken = tokenChecker(options.token);
  // Health asks the database directly: it must answer even while figures queue.
  const ctx: ApiContext = { db, rawFacts: gated(options.db, lanes.rawFacts), health: options.db, asOf: () => latestReferenceDate(db) };

  installErrorHandler(app);
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

export async function buildApp(options: AppOptions, server: Omit<FastifyServerOptions, 'logger'> = {}): Promise<FastifyInstance> {
  const app = Fastify({ logger: options.logger ?? false, ...server });
  await dasmoApi(app, options);
  return app;
}
