/**
 * The store and loader services started natively with the commands and environment that
 * docker-compose.yml gives them, only container paths, the port and the database replaced by
 * this machine's (the local PostgreSQL) and a smaller demo: the store loads the roster and writes
 * the demo extracts, the loader loads them, the API answers a query for a roster user, and both
 * stop cleanly on SIGTERM. Needs PostgreSQL, so it runs with DASMO_TEST_DATABASE=postgres.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { Client } from 'pg';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPostgresDatabase, TEST_DATABASE } from '../store/testing/testDatabase';
import { composeServices, ROOT, type ComposeService } from './composeFile';

const SERVE_EXISTS = existsSync(join(ROOT, 'store', 'commands', 'serve.ts'));
const skipReason = TEST_DATABASE !== 'postgres' ? 'needs the local PostgreSQL (DASMO_TEST_DATABASE=postgres)' : !SERVE_EXISTS ? '`dasmo serve` does not exist yet' : null;
const maybe = skipReason ? test.skip : test;
if (skipReason) {
  // eslint-disable-next-line no-console
  console.info(`compose services natively: skipped, ${skipReason}.`);
}

const DEMO_TO = '2020-03-31';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** The container's paths as this machine's: each volume's container side → its host side. */
function hostPaths(service: ComposeService, named: Record<string, string>): Array<[string, string]> {
  return (service.volumes ?? []).map((v) => {
    const [host, container] = v.split(':');
    return [container, host.startsWith('.') ? join(ROOT, host) : named[host]];
  });
}

function localise(value: string, paths: Array<[string, string]>): string {
  for (const [container, host] of paths) {
    if (value === container || value.startsWith(`${container}/`)) {
      return host + value.slice(container.length);
    }
  }
  return value;
}

function start(service: ComposeService, env: Record<string, string>, paths: Array<[string, string]>, log: string[]): ChildProcess {
  const [cmd, ...args] = service.command!.map((a) => localise(a, paths));
  const child = spawn(cmd, args, { cwd: ROOT, env: { PATH: process.env.PATH!, HOME: process.env.HOME ?? ROOT, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (d) => log.push(String(d)));
  child.stderr!.on('data', (d) => log.push(String(d)));
  return child;
}

function stopped(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) {
      resolve(child.exitCode);
    } else {
      child.once('exit', (code) => resolve(code));
    }
  });
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, ms: number, log: string[]): Promise<T> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) {
      return value;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${what} did not happen in ${ms / 1000} s. Output:\n${log.join('')}`);
}

maybe('store and loader start with the compose commands and environment, load the demo and answer', async () => {
  const services = composeServices();
  const db = await createPostgresDatabase();
  const inbox = mkdtempSync(join(tmpdir(), 'dasmo-inbox-'));
  const port = await freePort();
  const log: string[] = [];
  const children: ChildProcess[] = [];
  try {
    const named = { inbox };
    const local = (service: ComposeService, extra: Record<string, string> = {}): { env: Record<string, string>; paths: Array<[string, string]> } => {
      const paths = hostPaths(service, named);
      const env = Object.fromEntries(Object.entries(service.environment ?? {}).map(([k, v]) => [k, localise(String(v), paths)]));
      return { env: { ...env, DASMO_DATABASE_URL: db.url, ...extra }, paths };
    };
    // The store: the compose command as is; a smaller demo than the compose default.
    const store = local(services.store, { DASMO_PORT: String(port), DASMO_DEMO_SCALE: '0.001', DASMO_DEMO_TO: DEMO_TO });
    expect(store.env.DASMO_ROSTER).toBe(join(ROOT, 'docker/roster/utenti.csv'));
    children.push(start(services.store, store.env, store.paths, log));
    const base = `http://127.0.0.1:${port}`;
    await waitFor('the store answering /api/health', async () => ((await fetch(`${base}/api/health`)).ok ? true : undefined), 120_000, log);
    expect(existsSync(join(inbox, '.demo-written'))).toBe(true);

    const loader = local(services.loader);
    children.push(start(services.loader, loader.env, loader.paths, log));
    const health = await waitFor(
      `the loader loading the demo up to ${DEMO_TO}`,
      async () => {
        const h = (await (await fetch(`${base}/api/health`)).json()) as { asOf?: string };
        return h.asOf === DEMO_TO ? h : undefined;
      },
      150_000,
      log
    );
    expect(health).toMatchObject({ asOf: DEMO_TO });
    expect(readdirSync(join(inbox, 'archive')).length).toBeGreaterThan(10);

    // Grafana's data proxy: the datasource token and the signed-in user (the roster's admin).
    const answer = await fetch(`${base}/api/query`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${store.env.DASMO_API_TOKEN}`, 'X-Grafana-User': 'admin' },
      body: JSON.stringify({ range: { from: '2020-03-01', to: DEMO_TO }, queries: [{ refId: 'A', subject: 'domande', measure: 'presentate', interval: 'none' }] }),
    });
    expect(answer.status).toBe(200);
    const body = (await answer.json()) as { results: Array<{ refId: string; frames?: Array<{ fields: Array<{ values: number[] }> }> }> };
    // The same figure counted straight from the loaded facts.
    const client = new Client({ connectionString: db.url });
    await client.connect();
    const counted = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM application WHERE presented_on BETWEEN $1 AND $2', ['2020-03-01', DEMO_TO]);
    await client.end();
    expect(counted.rows[0].n).toBeGreaterThan(0);
    expect(body.results[0].frames?.[0].fields.at(-1)?.values).toEqual([counted.rows[0].n]);
    // Someone not in the roster gets nothing, even through Grafana with the right token.
    const stranger = await fetch(`${base}/api/query`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${store.env.DASMO_API_TOKEN}`, 'X-Grafana-User': 'non.nel.roster' },
      body: JSON.stringify({ range: { from: '2020-03-01', to: DEMO_TO }, queries: [{ refId: 'A', subject: 'domande', measure: 'presentate', interval: 'none' }] }),
    });
    expect(stranger.status).toBe(403);

    for (const child of children) {
      child.kill('SIGTERM');
    }
    expect(await Promise.all(children.map(stopped))).toEqual([0, 0]);
  } finally {
    for (const child of children) {
      if (child.exitCode === null) {
        child.kill('SIGKILL');
      }
    }
    rmSync(inbox, { recursive: true, force: true });
    await db.drop();
  }
}, 300_000);
