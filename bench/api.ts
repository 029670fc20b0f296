/**
 * `npm run bench:api [-- --reps 5 --clients 20 --naive-reps 2 --naive-timeout 120 --only regexp --json file --answer-cache-mb 0]`:
 * the store's API at the scale of the PostgreSQL store in DASMO_DATABASE_URL (load it first,
 * e.g. `dasmo seed` then `dasmo load`). Every figure × the breakdowns the dashboards use ×
 * interval month and none over 2020-03-01..2021-07-31, national scope, by 20 concurrent clients
 * over real HTTP; then the same figures with the naive SQL over the raw facts (apiNaiveSql.ts)
 * from 20 concurrent connections (`--naive-reps 0` skips them). Prints p50/p95 per query for
 * both and their ratio. `--only` keeps the queries whose name (as printed) matches a regexp.
 * The answer cache (store/api/answerCache.ts) is off by default, so every request is computed and
 * the figures measure the queries themselves; `--answer-cache-mb 64` runs as deployed, where every
 * run of a query after its first is answered from memory.
 */
import type { AddressInfo } from 'node:net';
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { Pool } from 'pg';
import { MEASURES, type Dimension, type MeasureDefinition } from '../src/model/measures';
import { answerCacheBytesOf } from '../store/api/answerCache';
import { buildApp } from '../store/api/app';
import { openDatabase } from '../store/db/open';
import { latestReferenceDate } from '../store/load';
import { naiveSql } from './apiNaiveSql';

const RANGE = { from: '2020-03-01', to: '2021-07-31' };
const BENCH_USER = 'bench.api.centrale';
const TOKEN = 'bench-api-token-0123456789';

interface Case {
  measure: MeasureDefinition;
  groupBy: Dimension[];
  interval: 'month' | 'none';
  name: string;
}

/** The breakdowns of the dashboards (dashboards/src): none, region, scheme, age band, rejection reason. */
function cases(): Case[] {
  const out: Case[] = [];
  for (const measure of MEASURES) {
    const groupings: Dimension[][] = [[], ['regione'], ['prestazione']];
    if (measure.groupBy.includes('fascia_eta')) {groupings.push(['fascia_eta']);}
    if (measure.groupBy.includes('motivo')) {groupings.push(['motivo']);}
    for (const interval of ['month', 'none'] as const) {
      for (const groupBy of groupings) {
        out.push({ measure, groupBy, interval, name: `${measure.subject}.${measure.id} [${groupBy.join(',') || '-'}] ${interval}` });
      }
    }
  }
  return out;
}

const percentile = (sorted: number[], p: number) => sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)];

/** Runs every task with `clients` workers pulling from one queue; returns each task's milliseconds. */
async function concurrently<T>(tasks: T[], clients: number, run: (t: T) => Promise<void>): Promise<Map<T, number[]>> {
  const times = new Map<T, number[]>();
  const queue = [...tasks];
  await Promise.all(
    Array.from({ length: clients }, async () => {
      for (let t = queue.shift(); t !== undefined; t = queue.shift()) {
        const started = performance.now();
        await run(t);
        const list = times.get(t) ?? [];
        list.push(performance.now() - started);
        times.set(t, list);
      }
    })
  );
  return times;
}

function shuffled<T>(items: T[]): T[] {
  const a = [...items];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      reps: { type: 'string', default: '5' },
      clients: { type: 'string', default: '20' },
      'naive-reps': { type: 'string', default: '2' },
      'naive-timeout': { type: 'string', default: '120' },
      only: { type: 'string' },
      json: { type: 'string' },
      'answer-cache-mb': { type: 'string', default: '0' },
    },
  });
  const url = process.env.DASMO_DATABASE_URL;
  if (!url) {
    process.stderr.write('bench:api needs DASMO_DATABASE_URL: a PostgreSQL store loaded with data (dasmo seed, then dasmo load).\n');
    return 2;
  }
  const reps = Number(values.reps);
  const clients = Number(values.clients);
  const answerCacheBytes = answerCacheBytesOf(values['answer-cache-mb'], '--answer-cache-mb');
  const cacheNote = answerCacheBytes
    ? `answer cache ON (${values['answer-cache-mb']} MB): runs after a query's first are answered from memory`
    : 'answer cache off: every request computed';
  const db = await openDatabase({ url, dataDir: '' });
  const asOf = await latestReferenceDate(db);
  const [{ applications, sr41 }] = await db.query<{ applications: number; sr41: number }>(
    'SELECT (SELECT count(*) FROM application)::int AS applications, (SELECT count(*) FROM sr41)::int AS sr41'
  );
  process.stdout.write(`Store: ${applications} applications, ${sr41} SR41, dati al ${asOf}; ${clients} clients, ${reps} runs per query; ${cacheNote}.\n`);
  await db.query(
    `INSERT INTO app_user (login, full_name, role, region_code, active_from) VALUES ($1, 'bench', 'DIREZIONE_CENTRALE', NULL, '2020-01-01')
     ON CONFLICT (login) DO NOTHING`,
    [BENCH_USER]
  );
  const app = await buildApp({ db, token: TOKEN, answerCacheBytes });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const endpoint = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/api/query`;
  const only = values.only ? new RegExp(values.only) : null;
  const all = cases().filter((c) => !only || only.test(c.name));
  let failures = 0;
  const api = await concurrently(shuffled(all.flatMap((c) => Array(reps).fill(c) as Case[])), clients, async (c) => {
    let response: Response;
    try {
      response = await fetch(endpoint, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}`, 'x-grafana-user': BENCH_USER, 'content-type': 'application/json' },
        body: JSON.stringify({ range: RANGE, queries: [{ refId: 'A', subject: c.measure.subject, measure: c.measure.id, groupBy: c.groupBy, interval: c.interval }] }),
      });
    } catch (e) {
      // A connection cut or refused is a failure of this request, not the end of the run.
      failures++;
      process.stderr.write(`API failure on ${c.name}: no answer (${String((e as Error & { cause?: unknown }).cause ?? e)})\n`);
      return;
    }
    const body = (await response.json()) as { results?: Array<{ error?: unknown }> };
    if (response.status !== 200 || body.results?.[0]?.error) {
      failures++;
      process.stderr.write(`API failure on ${c.name}: ${response.status} ${JSON.stringify(body).slice(0, 300)}\n`);
    }
  });
  const health = (await (await fetch(endpoint.replace('/api/query', '/api/health'))).json()) as { answerCache?: { hits: number; joined: number; computed: number } };
  await app.close();
  await db.query('DELETE FROM app_user WHERE login = $1', [BENCH_USER]);
  await db.close();

  // The naive baseline: only the breakdowns every figure has (none, region), to keep it finite.
  const naiveCases = Number(values['naive-reps']) > 0 ? all.filter((c) => c.groupBy.length === 0 || c.groupBy[0] === 'regione') : [];
  const timeoutMs = Number(values['naive-timeout']) * 1000;
  const pool = new Pool({ connectionString: url, max: clients, options: `-c statement_timeout=${timeoutMs}` });
  const timedOut = new Set<Case>();
  const naive = await concurrently(shuffled(naiveCases.flatMap((c) => Array(Number(values['naive-reps'])).fill(c) as Case[])), clients, async (c) => {
    const to = asOf && asOf < RANGE.to ? asOf : RANGE.to;
    try {
      await pool.query(naiveSql(c.measure, c.interval, c.groupBy), [RANGE.from, to]);
    } catch (e) {
      if ((e as { code?: string }).code === '57014') {
        timedOut.add(c);
      } else {
        throw e;
      }
    }
  });
  await pool.end();

  const rows = all.map((c) => {
    const a = (api.get(c) ?? []).sort((x, y) => x - y);
    const n = (naive.get(c) ?? []).sort((x, y) => x - y);
    return {
      query: c.name,
      apiP50: Math.round(percentile(a, 0.5)),
      apiP95: Math.round(percentile(a, 0.95)),
      naiveP50: n.length ? (timedOut.has(c) ? null : Math.round(percentile(n, 0.5))) : undefined,
      naiveP95: n.length ? (timedOut.has(c) ? null : Math.round(percentile(n, 0.95))) : undefined,
    };
  });
  const cell = (v: number | null | undefined) => (v === undefined ? '' : v === null ? `>${values['naive-timeout']}s` : `${v}`);
  // How many times faster the API is, p95 against p95; a timed-out naive query counts at the timeout.
  const ratio = (r: (typeof rows)[number]) =>
    r.naiveP95 === undefined ? '' : `${r.naiveP95 === null ? '>' : ''}${Math.round((r.naiveP95 ?? timeoutMs) / Math.max(1, r.apiP95))}×`;
  process.stdout.write(`\n| query | API p50 ms | API p95 ms | naive SQL p50 ms | naive SQL p95 ms | naive ÷ API (p95) |\n| --- | ---: | ---: | ---: | ---: | ---: |\n`);
  for (const r of rows) {
    process.stdout.write(`| ${r.query} | ${r.apiP50} | ${r.apiP95} | ${cell(r.naiveP50)} | ${cell(r.naiveP95)} | ${ratio(r)} |\n`);
  }
  const allApi = [...api.values()].flat().sort((x, y) => x - y);
  const c = health.answerCache;
  process.stdout.write(
    `\nAll API requests: ${allApi.length}, p50 ${Math.round(percentile(allApi, 0.5))} ms, p95 ${Math.round(percentile(allApi, 0.95))} ms, failures ${failures}; naive timeouts: ${timedOut.size} of ${naiveCases.length} queries.\n` +
      `Answers: ${c ? `${c.computed} computed, ${c.hits} from the cache, ${c.joined} joined to one being computed` : 'unknown'} (${cacheNote}).\n`
  );
  if (values.json) {
    writeFileSync(values.json, JSON.stringify({ applications, sr41, asOf, clients, reps, answerCacheBytes, answerCache: c, rows }, null, 2));
  }
  return failures ? 1 : 0;
}

main().then(
  (code) => (process.exitCode = code),
  (e) => {
    process.stderr.write(`bench:api: ${(e as Error).message}\n`);
    process.exitCode = 1;
  }
);
