/**
 * The store's HTTP server: the only place that creates the Fastify instance for real, with its
 * logger (no token, no logins), timeouts, body limit, and a graceful close on SIGTERM/SIGINT:
 * requests in flight finish, then the database pool closes.
 */
import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/database';
import { apiLoggerOptions, buildApp } from './app';
import { answerCacheBytesFromEnv } from './answerCache';
import { queryTimeoutFromEnv } from './limits';

export interface ServerOptions {
  db: Database;
  token: string;
  port: number;
  host: string;
  logLevel?: string;
}

export interface RunningServer {
  app: FastifyInstance;
  url: string;
  /** Resolves once the server has closed (after a signal or `close()`). */
  closed: Promise<void>;
  close(): Promise<void>;
}

export const MIN_TOKEN_LENGTH = 16;

/** Null when the token will do, otherwise why not, for the command to print. */
export function tokenProblem(token: string | undefined): string | null {
  if (!token) {
    return 'DASMO_API_TOKEN is not set: the API needs the token the Grafana datasource will send (at least 16 characters).';
  }
  if (token.length < MIN_TOKEN_LENGTH) {
    return `DASMO_API_TOKEN is too short (${token.length} characters): use at least ${MIN_TOKEN_LENGTH}.`;
  }
  return null;
}

export async function startServer(o: ServerOptions): Promise<RunningServer> {
  const queryTimeoutMs = queryTimeoutFromEnv();
  const answerCacheBytes = answerCacheBytesFromEnv();
  const app = await buildApp(
    { db: o.db, token: o.token, logger: apiLoggerOptions(o.logLevel ?? 'info'), queryTimeoutMs, answerCacheBytes },
    {
      // Body size and the other timeouts: limits.ts, the same in tests.
      forceCloseConnections: 'idle',
      return503OnClosing: true,
    }
  );
  let shuttingDown = false;
  // Keep-alive connections (Grafana's proxy holds them) would keep close() waiting; once closing,
  // each answer tells its client to hang up, so the connection ends with its last request.
  app.addHook('onSend', async (_request, reply) => {
    if (shuttingDown) {
      reply.header('connection', 'close');
    }
  });
  let resolveClosed!: () => void;
  const closed = new Promise<void>((resolve) => (resolveClosed = resolve));
  let closing: Promise<void> | null = null;
  const close = () => {
    // app.close() waits for the requests in flight; only then may the pool go.
    shuttingDown = true;
    closing ??= app
      .close()
      .then(() => o.db.close())
      .then(() => resolveClosed());
    return closing;
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      app.log.info({ signal }, 'closing: requests in flight finish first');
      void close();
    });
  }
  const url = await app.listen({ port: o.port, host: o.host });
  return { app, url, closed, close };
}
