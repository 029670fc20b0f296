/**
 * `npm run bench:load [-- --viewers 50 --duration 60 --rounds 2 --dashboard <json> --timeout 120 --json out.json --answer-cache-mb <n>]`:
 * the store under a crowd of dashboard viewers. Starts a real `dasmo serve` in its own process on
 * the PostgreSQL store of DASMO_DATABASE_URL, adds a national bench user to the roster for the run
 * (and removes it), and from this process (autocannon) replays every request a browser sends when
 * it opens the dashboard (variables "Tutte", range 2020-03-01..2021-07-31), one viewer per
 * connection asking one request at a time, each starting at its own panel and reopening the
 * dashboard as soon as its last panel came back, for
 * --duration seconds; then a second identical round. Prints requests/s, p50/p95/p99 (overall and
 * per panel), errors (non-2xx, a query answered with an error, timeouts, connection errors) and the
 * store process's resident memory before, after the first round and after the second.
 * The store runs as deployed, its answer cache (store/api/answerCache.ts) at DASMO_ANSWER_CACHE_MB
 * or its default; `--answer-cache-mb 0` turns it off for a comparison. After each round the
 * store's own counts say how many answers were computed and how many came from the cache.
 */
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { answerCacheBytesOf, type AnswerCacheStats } from '../../store/api/answerCache';
import { openDatabase } from '../../store/db/open';
import { latestReferenceDate } from '../../store/load';
import { residentBytes, startServeProcess, type ServeProcess } from '../../store/testing/serveProcess';
import { dashboardRequests, type ViewerRequest } from './dashboardRequests';

const RANGE = { from: '2020-03-01', to: '2021-07-31' };
const BENCH_USER = 'bench.load.centrale';
const DEFAULT_DASHBOARD = join(__dirname, '..', '..', 'dashboards', 'Nazionale', 'panoramica-nazionale.json');
/** Seconds between the end of a round and the memory reading: requests cut off at the end finish, sockets close. */
const SETTLE_SECONDS = 10;

interface Round {
  seconds: number;
  responses: number;
  requestsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  non2xx: number;
  queryErrors: number;
  timeouts: number;
  connectionErrors: number;
  /** Requests sent but not answered when the round ended (autocannon drops them; not in the latencies). */
  unanswered: number;
  perRequest: Array<{ label: string; count: number; p50: number; p95: number }>;
  rssAfterMb: number;
  /** The store's answer cache after the round (totals since the store started). */
  answerCache: AnswerCacheStats | null;
}

const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] : NaN);
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

/** A 200 whose body carries a query's error is a failed panel for its viewer: counted as an error. */
function answeredWithError(body: string): boolean {
  try {
    const parsed = JSON.parse(body) as { results?: Array<{ error?: unknown }> };
    return (parsed.results ?? []).some((r) => r.error);
  } catch {
    return true;
  }
}

async function round(store: ServeProcess, token: string, requests: ViewerRequest[], o: { viewers: number; duration: number; timeout: number }): Promise<Round> {
  const latencies = new Map<string, number[]>();
  let lastLabel = '';
  let non2xx = 0;
  let queryErrors = 0;
  const examples: string[] = [];
  const note = (what: string) => examples.length < 5 && examples.push(what);
  const asked = requests.map((r) => ({
    method: r.method,
    path: r.path,
    body: r.body,
    // Called just before autocannon's 'response' event of the same request: it names the latency.
    onResponse: (status: number, body: string) => {
      lastLabel = r.label;
      if (status < 200 || status > 299) {
        non2xx++;
        note(`${r.label}: ${status} ${body.slice(0, 200)}`);
      } else if (r.method === 'POST' && answeredWithError(body)) {
        queryErrors++;
        note(`${r.label}: ${body.slice(0, 200)}`);
      }
    },
  }));
  // One autocannon instance per viewer, each starting at its own place in the dashboard (spread
  // evenly), as viewers who opened it at different moments: with one shared order every viewer
  // would sit on the same slow panel and the later ones would never be asked within the round.
  const runs = Array.from({ length: o.viewers }, (_, viewer) => {
    const start = Math.floor((viewer * asked.length) / o.viewers);
    const options: autocannon.Options = {
      url: store.url,
      connections: 1,
      duration: o.duration,
      timeout: o.timeout,
      headers: { authorization: `Bearer ${token}`, 'x-grafana-user': BENCH_USER, 'content-type': 'application/json' },
      requests: [...asked.slice(start), ...asked.slice(0, start)],
    };
    return new Promise<autocannon.Result>((resolve, reject) => {
      const instance = autocannon(options, (err, done) => (err ? reject(err) : resolve(done)));
      instance.on('response', (_client, _status, _bytes, ms) => {
        const list = latencies.get(lastLabel) ?? [];
        list.push(ms);
        latencies.set(lastLabel, list);
      });
    });
  });
  const done = await Promise.all(runs);
  const result = {
    duration: Math.max(...done.map((d) => d.duration)),
    errors: done.reduce((n, d) => n + d.errors, 0),
    timeouts: done.reduce((n, d) => n + d.timeouts, 0),
    sent: done.reduce((n, d) => n + (d.requests as unknown as { sent: number }).sent, 0),
  };
  await new Promise((resolve) => setTimeout(resolve, SETTLE_SECONDS * 1000));
  for (const e of examples) {
    process.stderr.write(`  error: ${e}\n`);
  }
  const all = [...latencies.values()].flat().sort((a, b) => a - b);
  return {
    seconds: result.duration,
    responses: all.length,
    requestsPerSecond: Math.round((all.length / result.duration) * 10) / 10,
    p50: Math.round(percentile(all, 0.5)),
    p95: Math.round(percentile(all, 0.95)),
    p99: Math.round(percentile(all, 0.99)),
    max: Math.round(all[all.length - 1] ?? NaN),
    non2xx,
    queryErrors,
    timeouts: result.timeouts,
    connectionErrors: result.errors - result.timeouts,
    unanswered: Math.max(0, result.sent - all.length - result.errors),
    perRequest: requests
      .filter((r, i) => requests.findIndex((x) => x.label === r.label) === i)
      .map((r) => {
        const list = (latencies.get(r.label) ?? []).sort((a, b) => a - b);
        return { label: r.label, count: list.length, p50: Math.round(percentile(list, 0.5)), p95: Math.round(percentile(list, 0.95)) };
      }),
    rssAfterMb: mb(residentBytes(store.serverPid)),
    answerCache: ((await (await fetch(`${store.url}/api/health`)).json()) as { answerCache?: AnswerCacheStats }).answerCache ?? null,
  };
}

function cacheCounts(c: AnswerCacheStats | null): string {
  if (!c) {
    return 'answer cache counts unknown';
  }
  const cached = `${c.hits} from the answer cache, ${c.joined} joined to one being computed, ${c.entries} answers kept (${(c.bytes / 1024 / 1024).toFixed(1)} MB)`;
  return `answers since the start: ${c.computed} computed${c.limitBytes ? `, ${cached}` : ' (answer cache off)'}`;
}

function report(n: number, r: Round): void {
  process.stdout.write(
    `\nRound ${n}: ${r.responses} responses in ${r.seconds.toFixed(1)} s = ${r.requestsPerSecond} req/s; ` +
      `latency p50 ${r.p50} ms, p95 ${r.p95} ms, p99 ${r.p99} ms, max ${r.max} ms; ` +
      `errors: ${r.non2xx} non-2xx, ${r.queryErrors} answered with a query error, ${r.timeouts} timeouts, ${r.connectionErrors} connection errors; ` +
      `${r.unanswered} still in flight when the round ended (not counted); ` +
      `store RSS ${r.rssAfterMb} MB ${SETTLE_SECONDS} s after the round; ${cacheCounts(r.answerCache)}.\n\n| request | answered | p50 ms | p95 ms |\n| --- | ---: | ---: | ---: |\n`
  );
  for (const p of r.perRequest) {
    process.stdout.write(`| ${p.label} | ${p.count} | ${p.count ? p.p50 : '–'} | ${p.count ? p.p95 : '–'} |\n`);
  }
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      viewers: { type: 'string', default: '50' },
      duration: { type: 'string', default: '60' },
      rounds: { type: 'string', default: '2' },
      dashboard: { type: 'string', default: DEFAULT_DASHBOARD },
      timeout: { type: 'string', default: '120' },
      json: { type: 'string' },
      'answer-cache-mb': { type: 'string' },
    },
  });
  const url = process.env.DASMO_DATABASE_URL;
  if (!url) {
    process.stderr.write('bench:load needs DASMO_DATABASE_URL: a PostgreSQL store loaded with data (dasmo seed, then dasmo load).\n');
    return 2;
  }
  const o = { viewers: Number(values.viewers), duration: Number(values.duration), timeout: Number(values.timeout) };
  const rounds = Number(values.rounds);
  for (const [name, v] of Object.entries({ ...o, rounds })) {
    if (!Number.isInteger(v) || v < 1) {
      process.stderr.write(`bench:load: --${name} must be a whole number of at least 1.\n`);
      return 2;
    }
  }
  const { title, requests } = dashboardRequests(values.dashboard!, RANGE.from, RANGE.to);
  if (values['answer-cache-mb'] !== undefined) {
    try {
      answerCacheBytesOf(values['answer-cache-mb'], '--answer-cache-mb');
    } catch (e) {
      process.stderr.write(`bench:load: ${(e as Error).message}\n`);
      return 2;
    }
    // dasmo serve reads it from its environment, which it takes from this process's.
    process.env.DASMO_ANSWER_CACHE_MB = values['answer-cache-mb'];
  }
  const cacheMb = process.env.DASMO_ANSWER_CACHE_MB ?? 'default';

  const db = await openDatabase({ url, dataDir: '' });
  const asOf = await latestReferenceDate(db);
  const [{ applications, sr41 }] = await db.query<{ applications: number; sr41: number }>(
    'SELECT (SELECT count(*) FROM application)::int AS applications, (SELECT count(*) FROM sr41)::int AS sr41'
  );
  await db.query(
    `INSERT INTO app_user (login, full_name, role, region_code, active_from) VALUES ($1, 'bench', 'DIREZIONE_CENTRALE', NULL, '2020-01-01')
     ON CONFLICT (login) DO NOTHING`,
    [BENCH_USER]
  );
  // A token made for this run only: the bench never needs the deployment's.
  const token = randomBytes(24).toString('hex');
  let store: ServeProcess | undefined;
  const results: Round[] = [];
  try {
    store = await startServeProcess({ databaseUrl: url, token });
    process.stdout.write(
      `Store: ${applications} applications, ${sr41} SR41, dati al ${asOf}; dasmo serve pid ${store.serverPid} at ${store.url}.\n` +
        `Dashboard "${title}": ${requests.length} requests per viewer (${requests.filter((r) => r.method === 'POST').length} panels); ` +
        `${o.viewers} viewers for ${o.duration} s, ${rounds} rounds, request timeout ${o.timeout} s; ` +
        `answer cache ${cacheMb === '0' ? 'off' : `on (DASMO_ANSWER_CACHE_MB ${cacheMb})`}.\n`
    );
    const rssBeforeMb = mb(residentBytes(store.serverPid));
    process.stdout.write(`Store RSS before: ${rssBeforeMb} MB.\n`);
    for (let n = 1; n <= rounds; n++) {
      const r = await round(store, token, requests, o);
      results.push(r);
      report(n, r);
    }
    const exitCode = await store.stop();
    store = undefined;
    const errors = results.reduce((sum, r) => sum + r.non2xx + r.queryErrors + r.timeouts + r.connectionErrors, 0);
    process.stdout.write(
      `\nStore RSS: before ${rssBeforeMb} MB, ${results.map((r, i) => `after round ${i + 1} ${r.rssAfterMb} MB`).join(', ')}; ` +
        `dasmo serve exited with code ${exitCode} on SIGTERM. Errors over all rounds: ${errors}.\n`
    );
    if (values.json) {
      writeFileSync(values.json, JSON.stringify({ applications, sr41, asOf, dashboard: title, ...o, answerCacheMb: cacheMb, rssBeforeMb, rounds: results, exitCode }, null, 2));
    }
    return errors === 0 && exitCode === 0 ? 0 : 1;
  } finally {
    await store?.stop();
    await db.query('DELETE FROM app_user WHERE login = $1', [BENCH_USER]);
    await db.close();
  }
}

main().then(
  (code) => (process.exitCode = code),
  (e) => {
    process.stderr.write(`bench:load: ${(e as Error).message}\n`);
    process.exitCode = 1;
  }
);
