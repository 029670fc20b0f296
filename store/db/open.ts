import { openPglite } from './pglite';
import { openPostgres } from './postgres';
import { migrate } from './migrate';
import type { Database } from './database';
import { databaseSettingsFromEnv, type DatabaseSettings } from './settings';

export { databaseSettingsFromEnv, type DatabaseSettings } from './settings';

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
