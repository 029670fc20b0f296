/**
 * A TCP proxy to the PostgreSQL server on a fixed local port, that a test stops (every connection
 * through it cut at once, new ones refused, as when the database host goes down) and starts again.
 */
import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';

export class TcpProxy {
  private server: Server | null = null;
  private sockets = new Set<Socket>();
  port = 0;
  constructor(private readonly target: { host: string; port: number }) {}

  /** Listens (again) on the same port as before, or a free one the first time. */
  async start(): Promise<void> {
    this.server = createServer((client) => {
      const upstream = connect(this.target.port, this.target.host);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  /** Cuts every connection through the proxy and stops listening. */
  async stop(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server!.close(() => resolve()));
    this.sockets.forEach((s) => s.destroy());
    await closed;
  }

  /** The database URL `url` rewritten to go through this proxy. */
  via(url: string): string {
    const proxied = new URL(url);
    proxied.hostname = '127.0.0.1';
    proxied.port = String(this.port);
    return proxied.toString();
  }
}

/** A proxy in front of the server of the PostgreSQL database `url`, already listening. */
export async function startProxyFor(url: string): Promise<TcpProxy> {
  const target = new URL(url);
  const proxy = new TcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
  await proxy.start();
  return proxy;
}
