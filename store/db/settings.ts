/** Where the store's database is, from the environment: light enough for the command line's error path. */
export interface DatabaseSettings {
  /** PostgreSQL connection URL; unset means embedded PGlite. */
  url?: string;
  /** PGlite's folder when no URL is given. */
  dataDir: string;
}

export function databaseSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseSettings {
  return { url: env.DASMO_DATABASE_URL || undefined, dataDir: env.DASMO_DATA_DIR || './data' };
}
