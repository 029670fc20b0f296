/**
 * A stand-in of Grafana for the browser tests that talk to a real store: it serves the page and
 * its script, and plays Grafana's data proxy on PROXY, where the route's URL replaces the route
 * path, the route adds the token and send_user_header adds the signed-in user's login.
 */
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pageHtml, PROXY } from './chromium';

/** What Grafana's proxy sends for the signed-in user; tests may change it between requests. */
export interface SignedIn {
  user: string;
  token: string;
}

export async function startGrafanaProxy(o: { storePort: number; script: Uint8Array; title: string; signedIn: SignedIn }): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const url = req.url ?? '/';
    if (url === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(pageHtml(o.title, '/page.js'));
    } else if (url === '/page.js') {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
      res.end(o.script);
    } else if (url.startsWith(`${PROXY}/`)) {
      const forward = httpRequest(
        {
          host: '127.0.0.1',
          port: o.storePort,
          method: req.method,
          path: url.slice(PROXY.length),
          headers: {
            ...(req.headers['content-type'] ? { 'content-type': req.headers['content-type'] } : {}),
            authorization: `Bearer ${o.signedIn.token}`,
            'x-grafana-user': o.signedIn.user,
          },
        },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, { 'content-type': answer.headers['content-type'] ?? 'application/json' });
          answer.pipe(res);
        }
      );
      req.pipe(forward);
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` };
}
