/**
 * A real `dasmo serve` in a child process, as an operator starts it (bin/dasmo.js, which runs the
 * CLI through tsx): for the load benchmark and the SIGTERM fault test. It listens on a free port
 * of 127.0.0.1; its first log line ("Server listening at …") gives the URL and the pid of the
 * Node process that serves (bin/dasmo.js and tsx each sit in between and pass signals on).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const DASMO_BIN = join(__dirname, '..', '..', 'bin', 'dasmo.js');

export interface ServeProcess {
  /** The store's base URL, e.g. http://127.0.0.1:41234. */
  url: string;
  /** The pid of the Node process that serves (its RSS is the store's memory). */
  serverPid: number;
  child: ChildProcess;
  /** Every log line the store wrote so far (pino JSON, one per line), when `keepLog` was asked. */
  log: string[];
  /** Resolves once a log line matches (keepLog only). */
  waitForLog(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** Resolves with the exit code of `dasmo serve` (null when killed by a signal). */
  exited: Promise<number | null>;
  /** Stops the store with SIGTERM (as an orchestrator does) and waits for it to exit. */
  stop(): Promise<number | null>;
}

export interface ServeOptions {
  /** DASMO_DATABASE_URL of the store. */
  databaseUrl: string;
  token: string;
  /** Keep every log line in `log` (tests); otherwise only the first lines until listening. */
  keepLog?: boolean;
  /** Milliseconds to wait for the store to listen. */
  startTimeoutMs?: number;
}

export async function startServeProcess(o: ServeOptions): Promise<ServeProcess> {
  const env: NodeJS.ProcessEnv = { ...process.env, DASMO_DATABASE_URL: o.databaseUrl, DASMO_API_TOKEN: o.token, DASMO_LOG_LEVEL: 'info' };
  // Jest's flags and an embedded store's folder are the caller's, not the store's.
  delete env.NODE_OPTIONS;
  delete env.DASMO_DATA_DIR;
  const child = spawn(process.execPath, [DASMO_BIN, 'serve', '--port', '0', '--host', '127.0.0.1'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const log: string[] = [];
  const waiters: Array<{ pattern: RegExp; resolve: (line: string) => void }> = [];
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const listening = new Promise<{ url: string; pid: number }>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`dasmo serve did not start listening within ${(o.startTimeoutMs ?? 60_000) / 1000} s. ${stderr}`)),
      o.startTimeoutMs ?? 60_000
    );
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`dasmo serve exited with code ${code} before listening. ${stderr}`));
    });
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (o.keepLog || log.length < 20) {
        log.push(line);
      }
      for (const w of waiters.filter((w) => w.pattern.test(line))) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(line);
      }
      const at = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(line);
      if (at) {
        clearTimeout(timer);
        resolve({ url: at[1], pid: (JSON.parse(line) as { pid: number }).pid });
      }
    });
  });
  let started: { url: string; pid: number };
  try {
    started = await listening;
  } catch (e) {
    child.kill('SIGKILL');
    throw e;
  }
  return {
    url: started.url,
    serverPid: started.pid,
    child,
    log,
    exited,
    waitForLog: (pattern, timeoutMs = 60_000) => {
      const seen = log.find((line) => pattern.test(line));
      if (seen) {
        return Promise.resolve(seen);
      }
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`dasmo serve never logged ${pattern}; its log: ${log.join('\n')} ${stderr}`)), timeoutMs);
        waiters.push({ pattern, resolve: (line) => (clearTimeout(timer), resolve(line)) });
      });
    },
    stop: () => {
      child.kill('SIGTERM');
      return exited;
    },
  };
}

/** Resident memory of a process in bytes, from /proc (Linux). */
export function residentBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /^VmRSS:\s+(\d+) kB/m.exec(status);
  if (!kb) {
    throw new Error(`/proc/${pid}/status has no VmRSS line: is the process still running?`);
  }
  return Number(kb[1]) * 1024;
}
