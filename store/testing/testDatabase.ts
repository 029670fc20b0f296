/**
 * A fresh, migrated database for one test file. DASMO_TEST_DATABASE=postgres runs the suite on
 * the local PostgreSQL (a new database per call, dropped on close); otherwise on in-memory PGlite.
 */
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { openDatabase } from '../db/open';
import type { Database } from '../db/database';

export const TEST_DATABASE = process.env.DASMO_TEST_DATABASE === 'postgres' ? 'postgres' : 'pglite';
export const SERVER_URL = process.env.DASMO_TEST_POSTGRES_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  db: Database;
  /** The URL of the test database (PostgreSQL) or undefined (PGlite). */
  url?: string;
  close(): Promise<void>;
}

export async function admin<T>(fn: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: SERVER_URL });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** Creates an empty PostgreSQL database and returns its URL (for child processes too). */
export async function createPostgresDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `dasmo_test_${randomBytes(6).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

export async function openTestDatabase(): Promise<TestDatabase> {
  if (TEST_DATABASE === 'pglite') {
    const db = await openDatabase({ dataDir: 'memory://' });
    return { db, close: () => db.close() };
  }
  const { url, drop } = await createPostgresDatabase();
  const db = await openDatabase({ url, dataDir: '' });
  return {
    db,
    url,
    close: async () => {
      await db.close();
      await drop();
    },
  };
}
