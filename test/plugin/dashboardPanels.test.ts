/**
 * Every panel of every generated dashboard, run as Grafana runs it: its queries go through the
 * plugin's DataSource in Chromium, with the dashboard's variables on "Tutte" (their options listed
 * by the DataSource's variable query, as on dashboard load), over real HTTP to the stand-in of
 * Grafana's data proxy and on to the store, on a small generated history loaded by the real loader,
 * for a national user and a regional one. Each panel must come back with no error, and every query
 * the store answers with data (asked directly over its API) must reach the panel as non-empty frames.
 */
import { readFileSync, readdirSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { addDays, romeDayStartMs } from '../../src/model/calendar';
import type { Frame, StoreQuery } from '../../src/model/query';
import type { DasmoQuery, VariableQuery } from '../../src/types';
import type { VariableDouble } from '../../src/testing/grafanaDoubles';
import { buildApp } from '../../store/api/app';
import { insertUsers, loadGeneratedHistory, postQuery, TEST_TOKEN } from '../../store/api/apiTesting';
import { openTestDatabase, type TestDatabase } from '../../store/testing/testDatabase';
import { FOLDERS } from '../../dashboards/src/layout';
import { bundleForBrowser, launchChromium } from './browser/chromium';
import { startGrafanaProxy, type SignedIn } from './browser/grafanaProxy';

interface Json {
  [key: string]: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

const DAYS = { from: '2020-03-01', to: '2020-03-25' };
/** The dashboard range of those days, as Grafana sends it: Rome midnight to the last millisecond. */
const RANGE = { from: romeDayStartMs(DAYS.from), to: romeDayStartMs(addDays(DAYS.to, 1)) - 1 };
const DASMO_TYPE = 'inps-dasmo-datasource';
const dashboardsDir = path.resolve(__dirname, '..', '..', 'dashboards');
const dashboards: Json[] = FOLDERS.flatMap((f) =>
  readdirSync(path.join(dashboardsDir, f)).map((file) => JSON.parse(readFileSync(path.join(dashboardsDir, f, file), 'utf8')))
);
const signedIn: SignedIn = { user: 'centrale', token: TEST_TOKEN };

let t: TestDatabase;
let store: FastifyInstance;
let proxy: Server;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  t = await openTestDatabase();
  await loadGeneratedHistory(t.db, { scale: 0.001, from: DAYS.from, to: DAYS.to });
  await insertUsers(t.db, [
    { login: 'centrale', role: 'DIREZIONE_CENTRALE', region: null },
    { login: 'dr.lombardia', role: 'DIRETTORE_REGIONALE', region: '03' },
  ]);
  store = await buildApp({ db: t.db, token: TEST_TOKEN });
  await store.listen({ port: 0, host: '127.0.0.1' });
  const script = await bundleForBrowser(path.join(__dirname, 'browser', 'dashboardHarness.ts'));
  const started = await startGrafanaProxy({
    storePort: (store.server.address() as AddressInfo).port,
    script,
    title: 'DASMO dashboards',
    signedIn,
  });
  proxy = started.server;
  browser = await launchChromium();
  page = await browser.newPage();
  await page.goto(started.url);
  await page.waitForFunction(() => 'dasmo' in window && 'dasmoVariables' in window);
}, 480_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => proxy?.close(resolve));
  await store?.close();
  await t?.close();
});

type PanelAnswer = { data: Array<{ refId: string; fields: Array<{ values: unknown[] }> }>; errors: Array<{ refId?: string; message: string }> };

const setVariables = (variables: VariableDouble[]): Promise<void> =>
  page.evaluate((v) => (window as any).dasmoVariables(v), variables);
const variableValues = (q: VariableQuery): Promise<Array<{ value: string }>> =>
  page.evaluate((q) => (window as any).dasmo.variableValues(q), q);
const runPanel = (targets: DasmoQuery[]): Promise<PanelAnswer> =>
  page.evaluate(([targets, range]) => (window as any).dasmo.query(targets, range), [targets, RANGE] as const);

/**
 * The dashboard's variables with their saved selection ("Tutte"); each one's options are what the
 * DataSource lists for it, in dashboard order, since a later variable's query may name an earlier one.
 */
async function openDashboard(dashboard: Json): Promise<void> {
  const variables: VariableDouble[] = [];
  for (const v of dashboard.templating?.list ?? []) {
    variables.push({ name: v.name, current: v.current.value, options: [] });
    await setVariables(variables);
    const options = await variableValues(v.query);
    variables[variables.length - 1].options = options.map((o) => o.value);
  }
  await setVariables(variables);
}

/** The store's own answer to a target with every variable on "Tutte": filters on variables left out. */
function direct(target: Json): StoreQuery {
  const filters = Object.entries(target.filters ?? {}).filter(([, values]) => !(values as string[]).some((v) => v.includes('$')));
  const query: Json = { refId: target.refId, subject: target.subject };
  for (const key of ['measure', 'groupBy', 'interval', 'of', 'limit']) {
    if (target[key] !== undefined) {
      query[key] = target[key];
    }
  }
  return (filters.length ? { ...query, filters: Object.fromEntries(filters) } : query) as StoreQuery;
}

const hasRows = (frames: Array<{ fields: Array<{ values: unknown[] }> }>) => frames.some((f) => f.fields.some((x) => x.values.length > 0));

test.each(['centrale', 'dr.lombardia'])(
  'every panel of every dashboard, through the DataSource, answers without error and shows the data the store has, for %s',
  async (login) => {
    signedIn.user = login;
    const problems: string[] = [];
    let panels = 0;
    let withData = 0;
    for (const dashboard of dashboards) {
      const dasmoPanels = (dashboard.panels as Json[]).filter((p) => p.targets?.some((x: Json) => x.datasource?.type === DASMO_TYPE));
      if (dasmoPanels.length === 0) {
        continue;
      }
      await openDashboard(dashboard);
      for (const panel of dasmoPanels) {
        panels++;
        const where = `${dashboard.title} / ${panel.title}`;
        const targets = (panel.targets as Json[]).filter((x) => !x.hide);
        const answer = await runPanel(panel.targets);
        for (const e of answer.errors) {
          problems.push(`${where} / ${e.refId}: ${e.message}`);
        }
        const stored = await postQuery(store, login, { range: DAYS, queries: targets.map(direct) });
        if (stored.status !== 200) {
          problems.push(`${where}: the store answered ${stored.status}`);
          continue;
        }
        for (const result of stored.body.results as Array<{ refId: string; frames?: Frame[] }>) {
          if (!hasRows(result.frames ?? [])) {
            continue;
          }
          withData++;
          if (!hasRows(answer.data.filter((f) => f.refId === result.refId))) {
            problems.push(`${where} / ${result.refId}: the store has data, the panel shows none`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
    expect(panels).toBeGreaterThan(50);
    // Most queries have data on this history, so the check above is not vacuous.
    expect(withData).toBeGreaterThan(60);
  },
  240_000
);
