/**
 * The plugin against the real store: the DataSource runs in Chromium (where Grafana runs it),
 * its requests go over real HTTP to a stand-in of Grafana's data proxy, which adds the token and
 * the signed-in user's login and forwards to the store (Fastify, buildApp) on a database filled by
 * the generator and the real loader. Expected figures come from plain SQL over the raw facts and
 * from the reference files, not from the store's query code.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { romeDayStartMs } from '../../src/model/calendar';
import { NORMATIVE_MILESTONES } from '../../src/model/domain';
import type { DasmoQuery, VariableQuery } from '../../src/types';
import { buildApp } from '../../store/api/app';
import { loadFolders } from '../../store/load';
import { loadRoster } from '../../store/roster/roster';
import { generateExtracts } from '../../store/seed/generate';
import { openTestDatabase, type TestDatabase } from '../../store/testing/testDatabase';
import { bundleForBrowser, launchChromium } from './browser/chromium';
import { startGrafanaProxy } from './browser/grafanaProxy';

const root = path.resolve(__dirname, '..', '..');
const TOKEN = 'integration-token-not-a-secret';
const FIRST_DAY = '2021-03-29';
const LAST_DAY = '2021-03-31';
/** The dashboard range of those three days: Rome midnight to the last millisecond before 1 April. */
const RANGE = { from: romeDayStartMs(FIRST_DAY), to: romeDayStartMs('2021-04-01') - 1 };
/** What Grafana's proxy would send for the signed-in user; the tests switch users and tokens. */
const grafana = { user: 'centrale', token: TOKEN };

let t: TestDatabase;
let store: FastifyInstance;
let proxy: Server;
let browser: Browser;
let page: Page;

type Plain = {
  data: Array<{
    refId: string;
    fields: Array<{
      name: string;
      values: unknown[];
      labels?: Record<string, string>;
      config: Record<string, unknown>;
    }>;
  }>;
  errors: Array<{ refId: string; message: string }>;
};

beforeAll(async () => {
  t = await openTestDatabase();
  const work = mkdtempSync(path.join(tmpdir(), 'dasmo-integration-'));
  try {
    const inbox = path.join(work, 'inbox');
    generateExtracts({ scale: 0.0005, from: FIRST_DAY, to: LAST_DAY, out: inbox, seed: 11, dirty: 0 });
    const loaded = await loadFolders(
      t.db,
      readdirSync(inbox).map((f) => path.join(inbox, f)),
      { pseudonymKey: 'integration-pseudonym-key' }
    );
    expect(loaded.refused).toBeFalsy();
    const roster = path.join(work, 'utenti.csv');
    writeFileSync(
      roster,
      [
        'login;nome;ruolo;regione;attivo_dal;attivo_al',
        'centrale;Direzione centrale;DIREZIONE_CENTRALE;;2020-01-01;',
        'lazio;Direzione Lazio;DIRETTORE_REGIONALE;12;2020-01-01;',
        '',
      ].join('\n')
    );
    await loadRoster(t.db, roster);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  store = await buildApp({ db: t.db, token: TOKEN });
  await store.listen({ port: 0, host: '127.0.0.1' });
  const storePort = (store.server.address() as AddressInfo).port;

  const script = await bundleForBrowser(path.join(__dirname, 'browser', 'harness.ts'));
  let pageUrl: string;
  ({ server: proxy, url: pageUrl } = await startGrafanaProxy({ storePort, script, title: 'DASMO integration', signedIn: grafana }));
  browser = await launchChromium();
  page = await browser.newPage();
  await page.goto(pageUrl);
  await page.waitForFunction(() => 'dasmo' in window);
}, 480_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => proxy?.close(resolve));
  await store?.close();
  await t?.close();
});

beforeEach(() => {
  grafana.user = 'centrale';
  grafana.token = TOKEN;
});

const runQuery = (targets: DasmoQuery[]): Promise<Plain> =>
  page.evaluate(([targets, range]) => (window as any).dasmo.query(targets, range), [targets, RANGE] as const);
const testDatasource = (): Promise<{ status: string; message: string }> =>
  page.evaluate(() => (window as any).dasmo.testDatasource());
const variableValues = (q: VariableQuery): Promise<Array<{ text: string; value: string }>> =>
  page.evaluate((q) => (window as any).dasmo.variableValues(q), q);

/** Rows of a reference CSV (plain `a,b,"c"` lines, as store/reference keeps them). */
function referenceRows(file: string): string[][] {
  const lines = readFileSync(path.join(root, 'store', 'reference', file), 'utf8')
    .trim()
    .split('\n')
    .slice(1);
  return lines.map((l) => l.split(',').map((c) => c.replace(/^"|"$/g, '')));
}

test('Save & test: a national user sees every region, with the date of the last load', async () => {
  const regions = referenceRows('regioni.csv').length;
  expect(await testDatasource()).toEqual({
    status: 'success',
    message: `Connessione allo store riuscita. Ambito dell'utente: ${regions} regioni; dati al 31/03/2021.`,
  });
});

test('Save & test: a regional director sees Lazio; a user not in the roster and a wrong token are named', async () => {
  grafana.user = 'lazio';
  expect((await testDatasource()).message).toBe(
    "Connessione allo store riuscita. Ambito dell'utente: Lazio; dati al 31/03/2021."
  );
  grafana.user = 'ospite';
  const notInRoster = await testDatasource();
  expect(notInRoster.status).toBe('error');
  expect(notInRoster.message).toMatch(
    /^Accesso negato dallo store \(403\): l'utente di Grafana non è attivo nell'elenco degli utenti DASMO/
  );
  grafana.token = 'wrong';
  expect((await testDatasource()).message).toMatch(/^Lo store ha rifiutato il token \(401\): controllare il token API/);
});

test('one panel, one request: applications presented per region and per day equal the raw facts', async () => {
  const perRegion = await t.db.query<{ region_code: string; n: number }>(
    'SELECT region_code, count(*)::int AS n FROM application WHERE presented_on BETWEEN $1 AND $2 GROUP BY region_code ORDER BY region_code',
    [FIRST_DAY, LAST_DAY]
  );
  const perDay = await t.db.query<{ day: string; n: number }>(
    `SELECT d::date::text AS day, (SELECT count(*)::int FROM application WHERE presented_on = d::date) AS n
       FROM generate_series($1::date, $2::date, interval '1 day') d ORDER BY 1`,
    [FIRST_DAY, LAST_DAY]
  );
  expect(perRegion.length).toBeGreaterThan(1);
  const answer = await runQuery([
    { refId: 'A', version: 1, subject: 'domande', measure: 'presentate', groupBy: ['regione'], interval: 'none' },
    { refId: 'B', version: 1, subject: 'domande', measure: 'presentate', interval: 'day' },
    { refId: 'C', version: 1, subject: 'sr41', measure: 'pagati', interval: 'day', hide: true },
  ]);
  expect(answer.errors).toEqual([]);
  expect(answer.data.map((f) => f.refId)).toEqual(['A', 'B']);
  const [table, series] = answer.data;
  expect(table.fields.map((f) => f.name)).toEqual(['regione', 'presentate']);
  // The store may list a region with 0 (it had other activity); SQL lists only regions with some.
  const answered = table.fields[0].values
    .map((region, i) => [region, table.fields[1].values[i]])
    .filter(([, n]) => n !== 0);
  expect(answered).toEqual(perRegion.map((r) => [r.region_code, r.n]));
  expect(table.fields[1].config).toEqual({ unit: 'locale', decimals: 0, displayNameFromDS: 'Presentate' });
  // Region codes are shown with the names of the reference file.
  const regionNames = new Map(referenceRows('regioni.csv').map(([code, name]) => [code, name]));
  const mapped = (table.fields[0].config.mappings as Array<{ options: Record<string, { text: string }> }>)[0].options;
  expect((table.fields[0].values as string[]).map((code) => [code, mapped[code]?.text])).toEqual(
    (table.fields[0].values as string[]).map((code) => [code, regionNames.get(code)])
  );
  expect(series.fields.map((f) => f.values)).toEqual([
    perDay.map((d) => romeDayStartMs(d.day)),
    perDay.map((d) => d.n),
  ]);
});

test("a regional director's panel: other regions refused on their own query, own region answered", async () => {
  grafana.user = 'lazio';
  const answer = await runQuery([
    {
      refId: 'A',
      version: 1,
      subject: 'domande',
      measure: 'presentate',
      interval: 'none',
      filters: { regione: ['03'] },
    },
    { refId: 'B', version: 1, subject: 'domande', measure: 'presentate', groupBy: ['regione'], interval: 'none' },
  ]);
  expect(answer.errors.map((e) => e.refId)).toEqual(['A']);
  expect(answer.data.map((f) => f.refId)).toEqual(['B']);
  expect(answer.data[0].fields[0].values).toEqual(['12']);
});

test('variables: the offices of Lazio, as the reference file lists them', async () => {
  const lazio = referenceRows('sedi.csv')
    .filter((r) => r[3] === '12')
    .map((r) => ({ text: r[1], value: r[0] }));
  expect(await variableValues({ refId: 'V', variable: 'sede', regione: '$regione' })).toEqual(lazio);
});

test('annotations: the normative milestones of the range', async () => {
  const answer = await page.evaluate(
    (range) =>
      (window as any).dasmo.query(
        [{ refId: 'Anno', subject: 'annotazioni', version: 1, include: ['normativa'] }],
        range
      ),
    { from: romeDayStartMs('2021-01-01'), to: romeDayStartMs('2021-04-01') - 1 }
  );
  const expected = NORMATIVE_MILESTONES.filter((m) => m.date >= '2021-01-01' && m.date <= '2021-03-31');
  const titles = answer.data[0].fields.find((f: { name: string }) => f.name === 'title').values;
  expect(titles).toEqual(expected.map((m) => m.title));
});
