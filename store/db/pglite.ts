import { PGlite, type Transaction } from '@electric-sql/pglite';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { copyStatement, keepDate, parseInt8, parseNumeric, TYPE_OIDS, type Database, type Queryable } from './database';

const parsers = { [TYPE_OIDS.int8]: parseInt8, [TYPE_OIDS.numeric]: parseNumeric, [TYPE_OIDS.date]: keepDate };

function queryable(target: PGlite | Transaction): Queryable {
  return {
    async query(sql, params) {
      const r = await target.query(sql, params as unknown[] | undefined);
      return r.rows as never[];
    },
    async exec(sql) {
      await target.exec(sql);
    },
    async copyCsv(table, columns, csv) {
      await target.query(copyStatement(table, columns, "'/dev/blob'"), [], { blob: new Blob([csv]) });
    },
  };
}

/** PGlite writes even to read: a folder it cannot write gets a sentence, not "PGlite failed to initialize properly". */
function checkWritable(dataDir: string): void {
  const probe = join(dataDir, '.dasmo-write-check');
  try {
    writeFileSync(probe, '');
    rmSync(probe);
  } catch (e) {
    throw new Error(
      `the store's folder ${dataDir} (DASMO_DATA_DIR) cannot be written (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); ` +
        'the embedded database writes there even to read: make it writable, or point DASMO_DATA_DIR to a folder that is.'
    );
  }
}

/** Embedded PostgreSQL in dataDir; `memory://` keeps it in memory (tests). */
export async function openPglite(dataDir: string): Promise<Database> {
  if (!dataDir.startsWith('memory://')) {
    mkdirSync(dataDir, { recursive: true });
    checkWritable(dataDir);
  }
  const db = await PGlite.create({ dataDir, parsers });
  const base = queryable(db);
  return {
    kind: 'pglite',
    ...base,
    transaction: (fn) => db.transaction((tx) => fn(queryable(tx))),
    close: () => db.close(),
  };
}
