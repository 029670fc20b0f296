/**
 * All or nothing (EXTRACT.md): a real loader process killed (SIGKILL) in the middle of a big
 * folder leaves the store exactly as before, and loading the folder again then succeeds.
 */
import { join } from 'node:path';
import { openDatabase } from '../db/open';
import type { Database } from '../db/database';
import { TEST_DATABASE, openTestDatabase, type TestDatabase } from '../testing/testDatabase';
import { writeBigExtract } from './fixtures/bigExtract';
import { startDasmo, storeEnv } from './fixtures/childProcess';
import { applicationRow, removeTempDirs, tempDir } from './fixtures/extractFolder';
import { FACT_TABLES, fileCounts, fingerprint, loadSpec, TEST_KEY } from './fixtures/loadTesting';
import { loadFolders } from './index';

const dir = tempDir('dasmo-crash-');
let db: Database;
let server: TestDatabase | null = null;
const dataDir = join(dir, 'store');

async function openStore(): Promise<Database> {
  return TEST_DATABASE === 'postgres' ? openDatabase({ url: server!.url, dataDir: '' }) : openDatabase({ dataDir });
}

beforeAll(async () => {
  if (TEST_DATABASE === 'postgres') {server = await openTestDatabase();}
  db = await openStore();
}, 300_000);
afterAll(async () => {
  await db.close();
  await server?.close();
  removeTempDirs();
}, 300_000);

test('a load killed halfway leaves the store as before; the reload succeeds', async () => {
  await loadSpec(db, dir, '2021-03-01', { domande: [applicationRow({ protocollo: 'BEFORE' })] });
  const before = await fingerprint(db, ['load_run', ...FACT_TABLES]);
  // 15,000 applications (45,000 rows) and 30,000 SR41 (120,000 rows).
  const { folder, rows } = writeBigExtract(join(dir, 'big'), '2021-03-31', 15_000, 2);
  if (TEST_DATABASE === 'pglite') {await db.close();} // one process at a time on a PGlite folder
  const child = startDasmo(['load', folder], storeEnv(TEST_DATABASE === 'postgres' ? { url: server!.url } : { dataDir }, { DASMO_PSEUDONYM_KEY: TEST_KEY }));
  // The applications are saved (uncommitted) and SR41 rows are being staged: kill there.
  await child.waitForStderr(/sr41\.csv: 100000\/120000 rows read/, 240_000);
  process.kill(-child.process.pid!, 'SIGKILL');
  await child.exit;
  if (TEST_DATABASE === 'pglite') {db = await openStore();}
  // PostgreSQL ends the killed session's transaction when it notices the client is gone.
  for (let i = 0; i < 100 && TEST_DATABASE === 'postgres'; i++) {
    const busy = await db.query(
      "SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND state <> 'idle'"
    );
    if (busy.length === 0) {break;}
    await new Promise((r) => setTimeout(r, 200));
  }
  expect(await fingerprint(db, ['load_run', ...FACT_TABLES])).toEqual(before);
  const { folders: [again] } = await loadFolders(db, [folder], { pseudonymKey: TEST_KEY });
  expect([again.outcome, again.message]).toEqual(['CARICATO', null]);
  expect(fileCounts(again, 'domande.csv')).toEqual({ read: 45_000, loaded: 45_000, duplicates: 0, rejected: 0, rejectsByReason: {} });
  expect(fileCounts(again, 'sr41.csv')).toEqual({ read: 120_000, loaded: 120_000, duplicates: 0, rejected: 0, rejectsByReason: {} });
  expect(rows).toBe(165_000);
}, 300_000);
