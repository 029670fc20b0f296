/**
 * Helpers of the API's tests (not a test file): a roster, requests as a user, frames read back
 * as rows, and a store filled with a small generated history through the real loader.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { romeDayOf } from '../../src/model/calendar';
import type { Frame, QueryRequest, QueryResponse } from '../../src/model/query';
import type { Database } from '../db/database';
import { loadFolders } from '../load';
import { generateExtracts } from '../seed/generate';

export const TEST_TOKEN = 'test-token-not-a-secret';
export const TEST_PSEUDONYM_KEY = 'test-pseudonym-key-for-the-api';

export interface TestUser {
  login: string;
  role: string;
  region: string | null;
  activeFrom?: string;
  activeTo?: string | null;
}

export async function insertUsers(db: Database, users: TestUser[]): Promise<void> {
  for (const u of users) {
    await db.query(
      'INSERT INTO app_user (login, full_name, role, region_code, active_from, active_to) VALUES ($1, $1, $2, $3, $4, $5)',
      [u.login, u.role, u.region, u.activeFrom ?? '2020-01-01', u.activeTo ?? null]
    );
  }
}

export function asUser(login: string): Record<string, string> {
  return { authorization: `Bearer ${TEST_TOKEN}`, 'x-grafana-user': login };
}

export interface Answer<T = any> {
  status: number;
  body: T;
}

/**
 * One HTTP request to the app, over a real socket. (Fastify's app.inject needs light-my-request,
 * whose ESM-only `cookie` dependency jest's CommonJS runtime cannot load.)
 */
export async function call<T = any>(
  app: FastifyInstance,
  r: { method?: string; url: string; headers?: Record<string, string>; payload?: unknown }
): Promise<Answer<T>> {
  if (!app.server.listening) {
    await app.listen({ port: 0, host: '127.0.0.1' });
  }
  const { port } = app.server.address() as AddressInfo;
  const response = await fetch(`http://127.0.0.1:${port}${r.url}`, {
    method: r.method ?? 'GET',
    headers: { ...(r.payload !== undefined ? { 'content-type': 'application/json' } : {}), ...r.headers },
    body: r.payload !== undefined ? JSON.stringify(r.payload) : undefined,
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

export function postQuery(
  app: FastifyInstance,
  login: string,
  body: QueryRequest
): Promise<Answer<QueryResponse & { error?: { code: string; message: string } }>> {
  return call(app, { method: 'POST', url: '/api/query', headers: asUser(login), payload: body });
}

export interface FrameRow {
  /** The bucket's first day; null for `interval: none`. */
  bucket: string | null;
  group: Record<string, string>;
  value: number | null;
}

/** Frames back to rows: a series' time values as Rome days, a table's columns as groups. */
export function frameRows(frames: Frame[]): FrameRow[] {
  const rows: FrameRow[] = [];
  for (const f of frames) {
    const time = f.fields.find((x) => x.type === 'time');
    const value = f.fields.find((x) => x.type === 'number')!;
    if (time) {
      time.values.forEach((t, i) => rows.push({ bucket: romeDayOf(Number(t)), group: { ...(value.labels ?? {}) }, value: value.values[i] as number | null }));
    } else {
      const dims = f.fields.filter((x) => x.type === 'string');
      value.values.forEach((v, i) =>
        rows.push({ bucket: null, group: Object.fromEntries(dims.map((d) => [d.name, String(d.values[i])])), value: v as number | null })
      );
    }
  }
  return rows;
}

/**
 * Writes a generated history (a folder of everything up to `from`, then one per day to `to`) and
 * loads it with the real loader. Returns the reference date of the last folder.
 */
export async function loadGeneratedHistory(db: Database, o: { scale: number; from: string; to: string; seed?: number; dirty?: number }): Promise<string> {
  const inbox = mkdtempSync(join(tmpdir(), 'dasmo-api-'));
  try {
    generateExtracts({ scale: o.scale, from: o.from, to: o.to, out: inbox, seed: o.seed ?? 7, dirty: o.dirty ?? 0 });
    const summary = await loadFolders(db, readdirSync(inbox).map((f) => join(inbox, f)), { pseudonymKey: TEST_PSEUDONYM_KEY });
    if (summary.refused) {
      throw new Error(`the generated history was refused: ${summary.folders.map((f) => f.message).join('; ')}`);
    }
    return o.to;
  } finally {
    rmSync(inbox, { recursive: true, force: true });
  }
}
