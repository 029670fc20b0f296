import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from './database';
import { loadReferenceData } from './reference';

const MIGRATIONS_DIR = join(__dirname, 'migrations');

/**
 * Applies the numbered SQL migrations not applied yet, each in its own transaction, in order.
 * An advisory lock keeps two processes starting together from applying the same file twice.
 */
export async function migrate(db: Database): Promise<string[]> {
  const files = readdirSync(MIGRATIONS_DIR).filter((f) => /^\d{3}_.+\.sql$/.test(f)).sort();
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(20210721)');
    await tx.query('CREATE TABLE IF NOT EXISTS schema_migration (file text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
    const done = new Set((await tx.query<{ file: string }>('SELECT file FROM schema_migration')).map((r) => r.file));
    const applied: string[] = [];
    for (const file of files) {
      if (done.has(file)) {continue;}
      await tx.exec(readFileSync(join(MIGRATIONS_DIR, file), 'utf8'));
      await tx.query('INSERT INTO schema_migration (file) VALUES ($1)', [file]);
      applied.push(file);
    }
    await loadReferenceData(tx);
    return applied;
  });
}
