/**
 * Migration 065: the facts' keys in the C collation. Every stored key column has it (so no table
 * is left comparing with the C library), and on a store as migration 064 left it the migration
 * keeps every row, the alert views' definitions, figures and grant, and the statistics.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Queryable } from './database';
import { refreshRollups } from '../rollup/refresh';
import { insertRandomFacts } from '../testing/randomFacts';
import { openTestDatabase, type TestDatabase } from '../testing/testDatabase';

const MIGRATION = readFileSync(join(__dirname, 'migrations/065_fact_keys_c_collation.sql'), 'utf8');
const KEY_COLUMNS = ['application_id', 'sr41_id', 'worker_pseudonym'];
const VIEWS = ['alert_application_at_as_of', 'alert_sr41_at_as_of', 'alert_high_criticality_worker', 'alert_office_figure'];
const TABLES = ['application', 'application_event', 'sr41', 'sr41_event', 'sr41_open', 'sr41_waiting', 'worker_first_payment'];

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(() => t.close());

/** table.column → collation name, for the key columns of the store's tables (not views). */
async function keyCollations(tx: Queryable): Promise<Record<string, string>> {
  const rows = await tx.query<{ name: string; collation: string }>(
    `SELECT c.relname || '.' || a.attname AS name, co.collname AS collation
       FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_collation co ON co.oid = a.attcollation
      WHERE n.nspname = 'public' AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
        AND a.attname IN (${KEY_COLUMNS.map((k) => `'${k}'`).join(', ')})
      ORDER BY 1`
  );
  return Object.fromEntries(rows.map((r) => [r.name, r.collation]));
}

/** The key columns of the migrated tables that the planner has no statistics for. */
async function keysWithoutStatistics(tx: Queryable): Promise<string[]> {
  const rows = await tx.query<{ name: string }>(
    `SELECT c.table_name || '.' || c.column_name AS name FROM information_schema.columns c
      WHERE c.table_schema = 'public' AND c.table_name IN (${TABLES.map((x) => `'${x}'`).join(', ')})
        AND c.column_name IN (${KEY_COLUMNS.map((k) => `'${k}'`).join(', ')})
        AND NOT EXISTS (SELECT 1 FROM pg_stats s WHERE s.schemaname = 'public' AND s.tablename = c.table_name AND s.attname = c.column_name)
      ORDER BY 1`
  );
  return rows.map((r) => r.name);
}

/** What the migration must keep: every row of the key tables, the views' text, figures and grant. */
async function snapshot(tx: Queryable) {
  const tables: Record<string, { rows: number; digest: string }> = {};
  for (const table of TABLES) {
    const [row] = await tx.query<{ rows: number; digest: string }>(
      `SELECT count(*)::int AS rows, md5(string_agg(x::text, '|' ORDER BY x::text COLLATE "C")) AS digest FROM ${table} x`
    );
    tables[table] = row;
  }
  const views: Record<string, string> = {};
  for (const view of VIEWS) {
    const [{ definition }] = await tx.query<{ definition: string }>(`SELECT pg_get_viewdef('${view}'::regclass) AS definition`);
    views[view] = definition;
  }
  const figures = await tx.query(`SELECT * FROM alert_office_figure ORDER BY figura, regione, sede`);
  const [{ granted }] = await tx.query<{ granted: boolean }>(
    `SELECT has_table_privilege('dasmo_alerts', 'alert_office_figure', 'SELECT') AS granted`
  );
  return { tables, views, figures, granted };
}

test('every stored column holding an application, SR41 or worker key is in the C collation', async () => {
  const collations = await keyCollations(t.db);
  // The tables written by migrations 002, 052, 054 and 060 (a new one would show here too).
  expect(Object.keys(collations)).toEqual(
    expect.arrayContaining(['application.application_id', 'sr41.sr41_id', 'sr41_event.sr41_id', 'sr41.worker_pseudonym', 'paid_worker_member.worker_pseudonym'])
  );
  expect(Object.entries(collations).filter(([, collation]) => collation !== 'C')).toEqual([]);
});

test('migration 065 on a store as 064 left it keeps every row, the alert views and their figures, and the planner statistics', async () => {
  await t.db.transaction((tx) =>
    insertRandomFacts(tx, { seed: 65, applications: 120, from: '2020-06-01', to: '2020-09-30', sr41PerApplication: 4 })
  );
  await t.db.transaction((tx) => refreshRollups(tx, '2020-06-01', '2020-09-30'));
  await t.db.transaction(async (tx) => {
    // The store as 064 left it: the same steps back to the database's default collation.
    await tx.exec(MIGRATION.replaceAll('COLLATE "C"', 'COLLATE "default"'));
    const before = await keyCollations(tx);
    expect(before['sr41.sr41_id']).toBe('default');
    expect(before['worker_first_payment.worker_pseudonym']).toBe('default');
    const kept = await snapshot(tx);
    expect(kept.tables.sr41_event.rows).toBeGreaterThan(0);
    expect(kept.figures.some((f) => Number((f as { valore: number }).valore) > 0)).toBe(true);
    expect(kept.granted).toBe(true);

    await tx.exec(MIGRATION);
    expect(Object.values(await keyCollations(tx)).every((c) => c === 'C')).toBe(true);
    expect(await snapshot(tx)).toEqual(kept);
    // The new type drops a column's statistics; the migration gathers them again, or the planner
    // takes a night's few keys for many (migration 065).
    expect(await keysWithoutStatistics(tx)).toEqual([]);
  });
});

test('no statement of the store compares in the database\'s default collation, which no key index has any more', () => {
  // A key compared in another collation than its index's cannot use the index: each such probe
  // read the whole table (a night's first payments: over two minutes instead of 2 s).
  const storeDir = join(__dirname, '..');
  const offending = (readdirSync(storeDir, { recursive: true }) as string[])
    .filter((file) => /\.(ts|sql)$/.test(file) && !file.endsWith('.test.ts'))
    .filter((file) => /COLLATE\s+"?default"?/i.test(readFileSync(join(storeDir, file), 'utf8')));
  expect(offending).toEqual([]);
});
