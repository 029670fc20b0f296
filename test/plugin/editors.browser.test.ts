/**
 * The editors in a real browser: a page bundling QueryEditor and ConfigEditor with @grafana/ui
 * (esbuild), served on 127.0.0.1 beside a stub store that answers /api/variables, opened in
 * Chromium. A person's clicks must give the query the store expects; the screenshot goes to
 * test-output/ (docs/query-editor.png is a committed copy of one).
 */
import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { bundleForBrowser, launchChromium, pageHtml, PROXY } from './browser/chromium';

const root = path.resolve(__dirname, '..', '..');
/** What the stub store lists, as GET /api/variables/{name} answers. */
const VARIABLES: Record<string, Array<{ text: string; value: string }>> = {
  regione: [
    { text: 'Lombardia', value: '03' },
    { text: 'Lazio', value: '12' },
  ],
  prestazione: ['CIGO', 'CIGD', 'ASO', 'CISOA'].map((v) => ({ text: v, value: v })),
};

let server: Server;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];
const storeCalls: string[] = [];

beforeAll(async () => {
  const script = await bundleForBrowser(path.join(__dirname, 'browser', 'page.tsx'));
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(pageHtml('DASMO editors', '/page.js'));
    } else if (url.pathname === '/page.js') {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
      res.end(script);
    } else if (url.pathname.startsWith(`${PROXY}/api/variables/`)) {
      const name = url.pathname.slice(`${PROXY}/api/variables/`.length);
      storeCalls.push(`${name}${url.search}`);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(VARIABLES[name] ?? []));
    } else {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'NOT_FOUND', message: `No ${url.pathname}` } }));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 640 } });
  page.on('pageerror', (err) => pageErrors.push(err.message));
  await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
  await page.waitForSelector('#dasmo-query-measure');
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

const lastQuery = async () => JSON.parse((await page.textContent('#last-query')) ?? 'null');

async function choose(inputId: string, option: string): Promise<void> {
  await page.click(`#${inputId}`);
  await page.locator('[role="option"]', { hasText: option }).first().click();
  await page.keyboard.press('Escape');
}

test('choosing measure, breakdown and a region from the store gives the query the store expects', async () => {
  await choose('dasmo-query-measure', 'Tempo medio di definizione');
  await choose('dasmo-query-group-by', 'Regione');
  await choose('dasmo-query-filter-regione', 'Lazio');
  expect(await lastQuery()).toEqual({
    refId: 'A',
    version: 1,
    subject: 'domande',
    measure: 'tempo_definizione_medio',
    groupBy: ['regione'],
    interval: 'day',
    filters: { regione: ['12'] },
  });
  expect(await page.textContent('#runs')).toBe('3');
  expect(storeCalls).toContain('regione');
  expect(await page.textContent('[data-testid="dasmo-query-measure-description"]')).toBe(
    'Media dei giorni tra presentazione e decisione, sulle decisioni del periodo.'
  );
  mkdirSync(path.join(root, 'test-output'), { recursive: true });
  await page.locator('#query-editor').screenshot({ path: path.join(root, 'test-output', 'query-editor.png') });
  expect(pageErrors).toEqual([]);
}, 60_000);

test('the config editor shows the token as configured and resets it', async () => {
  expect(await page.inputValue('#dasmo-config-api-token')).toBe('configured');
  await page.locator('#config-editor button', { hasText: 'Reset' }).click();
  expect(JSON.parse((await page.textContent('#settings')) ?? 'null')).toEqual({
    secureJsonFields: { apiToken: false },
    secureJsonData: { apiToken: '' },
  });
  expect(await page.inputValue('#dasmo-config-api-token')).toBe('');
}, 60_000);
