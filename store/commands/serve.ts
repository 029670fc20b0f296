/**
 * `dasmo serve [--port 8080] [--host 0.0.0.0]`: the store's HTTP API (API.md) over the store of
 * DASMO_DATABASE_URL (PostgreSQL) or DASMO_DATA_DIR (embedded). Needs DASMO_API_TOKEN.
 */
import { parseArgs } from 'node:util';
import { openDatabase } from '../db/open';
import { startServer, tokenProblem } from '../api/server';

export const summary = 'serve the HTTP API (--port 8080, --host 0.0.0.0); needs DASMO_API_TOKEN';

const USAGE = 'Usage: dasmo serve [--port 8080] [--host 0.0.0.0]';

export function listenOptions(argv: string[], env: NodeJS.ProcessEnv = process.env): { port: number; host: string } {
  const { values } = parseArgs({ args: argv, options: { port: { type: 'string' }, host: { type: 'string' } }, strict: true });
  const raw = values.port ?? env.DASMO_PORT ?? '8080';
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--port "${raw}" is not a port number (0–65535).`);
  }
  return { port, host: values.host ?? env.DASMO_HOST ?? '0.0.0.0' };
}

export async function run(argv: string[]): Promise<number> {
  let listen: { port: number; host: string };
  try {
    listen = listenOptions(argv);
  } catch (e) {
    process.stderr.write(`dasmo serve: ${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const token = process.env.DASMO_API_TOKEN;
  const problem = tokenProblem(token);
  if (problem) {
    process.stderr.write(`dasmo serve: ${problem}\n`);
    return 2;
  }
  const db = await openDatabase();
  const server = await startServer({ db, token: token!, ...listen, logLevel: process.env.DASMO_LOG_LEVEL });
  await server.closed;
  // Said once the pool is closed: the operator (and store/api/faults/sigterm.test.ts) can tell a clean stop.
  server.app.log.info('closed: no request left in flight, database pool closed');
  return 0;
}
