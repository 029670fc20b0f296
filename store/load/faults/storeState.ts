/**
 * The fault tests' view of a store: a digest of every table (facts, rollups, load log, reference
 * data), and a saved state that each run starts from again, on either database. A load killed
 * at any point must leave a digest equal to the one before the folder or the one after it.
 */
import { cpSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Database, Queryable } from '../../db/database';
import { openDatabase } from '../../db/open';
import { applicationRow, writeExtract } from '../fixtures/extractFolder';
import { TEST_KEY } from '../fixtures/loadTesting';
import { loadFolders } from '../index';
import { admin, SERVER_URL } from '../../testing/testDatabase';

/**
 * Row count and an order-independent checksum of each table of the schema, discovered rather
 * than listed (a new rollup table is covered too); timestamps left out, they record when, not what.
 */
export async function storeDigest(db: Queryable): Promise<Record<string, string>> {
  const columns = await db.query<{ table_name: string; column_name: string }>(
    `SELECT c.table_name, c.column_name FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
      WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE' AND c.data_type NOT LIKE 'timestamp%'
      ORDER BY c.table_name, c.ordinal_position`
  );
  const byTable = new Map<string, string[]>();
  for (const c of columns) {byTable.set(c.table_name, [...(byTable.get(c.table_name) ?? []), `"${c.column_name}"`]);}
  const out: Record<string, string> = {};
  for (const [table, cols] of byTable) {
    const [r] = await db.query<{ n: number; h: string }>(
      `SELECT count(*)::int AS n, md5(coalesce(string_agg(x, '|' ORDER BY x), '')) AS h FROM (SELECT ROW(${cols.join(', ')})::text AS x FROM ${table}) t`
    );
    out[table] = `${r.n}:${r.h}`;
  }
  return out;
}

/** Where a child process finds a store: its environment, and how the test opens it. */
export interface StoreCopy {
  store: { url?: string; dataDir?: string };
  open(): Promise<Database>;
  /** PostgreSQL: waits until no session of a killed loader is left (the server ends it when it notices). */
  settle(): Promise<void>;
  drop(): Promise<void>;
}

/**
 * A store saved once (a PGlite folder, or a PostgreSQL database used as a template) from which
 * each run starts with an exact copy.
 */
export interface SavedStore {
  copy(): Promise<StoreCopy>;
  drop(): Promise<void>;
}

export async function saveStore(kind: 'pglite' | 'postgres', parent: string, fill: (db: Database) => Promise<void>): Promise<SavedStore> {
  if (kind === 'pglite') {
    const base = join(parent, 'saved-store');
    const db = await openDatabase({ dataDir: base });
    await fill(db);
    await db.close();
    let n = 0;
    return {
      async copy() {
        const dataDir = join(parent, `store-${++n}`);
        cpSync(base, dataDir, { recursive: true });
        return {
          store: { dataDir },
          open: () => openDatabase({ dataDir }),
          settle: async () => undefined,
          drop: async () => rmSync(dataDir, { recursive: true, force: true }),
        };
      },
      drop: async () => rmSync(base, { recursive: true, force: true }),
    };
  }
  const urlOf = (name: string) => Object.assign(new URL(SERVER_URL), { pathname: `/${name}` }).toString();
  const template = `dasmo_test_fault_${randomBytes(5).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE ${template}`));
  const db = await openDatabase({ url: urlOf(template), dataDir: '' });
  await fill(db);
  await db.close();
  return {
    async copy() {
      const name = `${template}_${randomBytes(3).toString('hex')}`;
      await admin((c) => c.query(`CREATE DATABASE ${name} TEMPLATE ${template}`));
      return {
        store: { url: urlOf(name) },
        open: () => openDatabase({ url: urlOf(name), dataDir: '' }),
        async settle() {
          for (let i = 0; i < 300; i++) {
            const [r] = await admin((c) => c.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [name])).then((x) => x.rows);
            if (r.n === 0) {return;}
            await new Promise((res) => setTimeout(res, 100));
          }
          throw new Error(`a session of database ${name} is still open 30 s after its loader was killed`);
        },
        drop: () => admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
      };
    },
    drop: () => admin((c) => c.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`)).then(() => undefined),
  };
}

/** Every fault run starts from this: a store holding one earlier folder (one application), saved, and its digest. */
export async function saveStoreWithOneFolder(kind: 'pglite' | 'postgres', dir: string): Promise<{ saved: SavedStore; before: Record<string, string> }> {
  const first = writeExtract(join(dir, 'first'), '2021-03-01', { domande: [applicationRow({ protocollo: 'BEFORE' })] });
  let before: Record<string, string> = {};
  const saved = await saveStore(kind, dir, async (db) => {
    await loadFolders(db, [first], { pseudonymKey: TEST_KEY });
    // A fresh WAL segment: a fault test gives a load a few MB beyond the store's files, and
    // whether the segment in use still has room for its WAL must not depend on how much the
    // first load (and the VACUUM after it) wrote there.
    await db.query('SELECT pg_switch_wal()');
    await db.exec('CHECKPOINT');
    before = await storeDigest(db);
  });
  return { saved, before };
}

/** Tables whose content differs between two digests, the load log aside (where a refusal is recorded). */
export function changedBesideLoadLog(a: Record<string, string>, b: Record<string, string>): string[] {
  return Object.keys({ ...a, ...b }).filter((t) => t !== 'load_run' && a[t] !== b[t]);
}
