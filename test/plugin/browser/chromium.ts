/**
 * What the browser tests share: the page bundle (esbuild, from node_modules) and Debian's
 * Chromium driven by playwright-core (TOOLCHAIN.md: Playwright cannot download a browser here).
 */
import { build, stop } from 'esbuild';
import { chromium, type Browser } from 'playwright-core';

/** Where the plugin calls the store: Grafana's data proxy path for datasource uid "dasmo", route "dasmo". */
export const PROXY = '/api/datasources/proxy/uid/dasmo/dasmo';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** One script for a page, @grafana/ui and React included (in Grafana they are provided). */
export async function bundleForBrowser(entry: string): Promise<Uint8Array> {
  const bundle = await build({
    entryPoints: [entry],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    jsx: 'automatic',
    minify: true,
    write: false,
    logLevel: 'error',
    define: { 'process.env.NODE_ENV': '"production"', global: 'window' },
    // Styles and fonts of components the pages never show (code editor, charts) are left out.
    loader: { '.css': 'empty', '.svg': 'text', '.woff': 'empty', '.woff2': 'empty', '.ttf': 'empty', '.png': 'empty' },
  });
  // esbuild keeps a service process alive, which would hold Jest open when it runs in band; the
  // next build starts a new one.
  await stop();
  return bundle.outputFiles[0].contents;
}

/** A page that only loads `script`. */
export function pageHtml(title: string, script: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body style="margin:0"><div id="root"></div><script src="${script}"></script></body></html>`;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}
