import { openPglite } from './pglite';
import { openPostgres } from './postgres';
import { migrate } from './migrate';
import type { Database } from './database';

export interface DatabaseSettings {
  /** PostgreSQL connection URL; unset means embedded PGlite. */
  url?: string;
  /** PGlite's folder when no URL is given. */
  dataDir: string;
}

export function databaseSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseSettings {
  return { url: env.DASMO_DATABASE_URL || undefined, dataDir: env.DASMO_DATA_DIR || './data' };
}

/** Opens the store's database and brings its schema up to date. */
export async function openDatabase(settings: DatabaseSettings = databaseSettingsFromEnv()): Promise<Database> {
  const db = settings.url ? openPostgres(settings.url) : await openPglite(settings.dataDir);
  try {
    await migrate(db);
  } catch (e) {
    await db.close();
    throw e;
  }
  return db;
}
