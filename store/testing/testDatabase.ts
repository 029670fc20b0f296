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
  await admin(async (c) => {
    await c.query(`CREATE DATABASE ${name}`);
    // The test file that made it: a database left behind after a run names the file that did not drop it.
    await c.query(`COMMENT ON DATABASE ${name} IS ${c.escapeLiteral(creatingTestFile())}`);
  });
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

function creatingTestFile(): string {
  const path = (globalThis as { expect?: { getState?: () => { testPath?: string } } }).expect?.getState?.().testPath;
  return path ? path.slice(path.lastIndexOf('/store/') + 1) : 'outside a test';
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
      // Dropped even when the database was closed already (by a server under test): else it stays behind.
      try {
        await db.close();
      } finally {
        await drop();
      }
    },
  };
}
