/**
 * Requests written byte by byte on a socket, for what fetch refuses to send (bad request lines,
 * NUL bytes, oversized headers, lying lengths), and the answer read back as status, headers and
 * body. A helper of the hostile-input tests, not a test file.
 */
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';

export interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export async function portOf(app: FastifyInstance): Promise<number> {
  if (!app.server.listening) {
    await app.listen({ port: 0, host: '127.0.0.1' });
  }
  return (app.server.address() as AddressInfo).port;
}

/** Sends `request` and reads until the server closes; a server that never answers fails the test. */
export function rawRequest(port: number, request: string | Buffer, timeoutMs = 20_000): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    // write, not end: a half-closed socket makes Node drop a request still in the handler.
    const socket = net.connect(port, '127.0.0.1', () => socket.write(request));
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer within ${timeoutMs} ms to ${JSON.stringify(String(request).slice(0, 80))}`));
    }, timeoutMs);
    socket.on('data', (d) => chunks.push(d));
    // The server may reset after answering (it destroys the socket on a client error).
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      const text = Buffer.concat(chunks).toString('utf8');
      const [head, ...rest] = text.split('\r\n\r\n');
      const [statusLine, ...lines] = head.split('\r\n');
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(statusLine)?.[1] ?? 0);
      const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
      resolve({ status, headers, body: rest.join('\r\n\r\n') });
    });
  });
}

/** A whole HTTP/1.1 request with Connection: close; `body` gets its Content-Length. */
export function httpRequest(o: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer }): Buffer {
  const body = o.body === undefined ? Buffer.alloc(0) : Buffer.from(o.body);
  const headers = { host: '127.0.0.1', connection: 'close', ...(o.body !== undefined ? { 'content-length': String(body.length) } : {}), ...o.headers };
  const head = `${o.method ?? 'GET'} ${o.path} HTTP/1.1\r\n${Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`;
  return Buffer.concat([Buffer.from(head, 'latin1'), body]);
}
