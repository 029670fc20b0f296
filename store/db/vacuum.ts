import type { Database } from './database';

/**
 * VACUUM (ANALYZE) of the whole store, outside any transaction. After the history's bulk load no
 * page of the new tables is marked all-visible yet: every index-only lookup of the nightly
 * refreshes would still read the table, and the first statement to read each page would write
 * it again to set its hint bits. Autovacuum would do this too, but it may be off or come late,
 * and the first night should not pay for it.
 */
export async function vacuumStore(db: Database): Promise<void> {
  await db.exec('VACUUM (ANALYZE)');
}
