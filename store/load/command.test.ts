/** `dasmo load` as users run it: key required, JSON summary, non-zero exit when a folder is refused. */
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { openTestDatabase, TEST_DATABASE, type TestDatabase } from '../testing/testDatabase';
import { runDasmo, storeEnv } from './fixtures/childProcess';
import { applicationRow as app, removeTempDirs, tempDir, writeExtract } from './fixtures/extractFolder';
import { TEST_KEY } from './fixtures/loadTesting';
import type { LoadSummary } from './index';

let t: TestDatabase | null = null;
beforeAll(async () => {
  if (TEST_DATABASE === 'postgres') {t = await openTestDatabase();}
});
afterAll(async () => {
  await t?.close();
  removeTempDirs();
});

const store = () => (t ? { url: t.url } : { dataDir: join(tempDir('dasmo-cmd-store-'), 'store') });

test('refuses to start without DASMO_PSEUDONYM_KEY, saying what to do', async () => {
  const env = storeEnv(store());
  delete env.DASMO_PSEUDONYM_KEY;
  const r = await runDasmo(['load', writeExtract(tempDir(), '2021-03-01', { domande: [app()] })], env);
  expect(r.code).toBe(2);
  expect(r.stderr).toContain('DASMO_PSEUDONYM_KEY is not set');
});

test('--json prints the summary per folder and file; a refused folder makes the exit status 1', async () => {
  const dir = tempDir();
  const good = writeExtract(dir, '2021-03-01', { domande: [app(), app(), app({ protocollo: 'D2', lavoratori: 'tre' })] });
  const bad = writeExtract(dir, '2021-03-02', { domande: [app({ stato: 'IN_ISTRUTTORIA', data_stato: '2021-03-02' })] });
  writeFileSync(join(bad, 'sr41.csv'), 'id_sr41\n');
  const r = await runDasmo(['load', bad, good, '--json'], storeEnv(store(), { DASMO_PSEUDONYM_KEY: TEST_KEY }));
  expect(r.code).toBe(1);
  const summary = JSON.parse(r.stdout) as LoadSummary;
  expect(summary.refused).toBe(1);
  expect(summary.folders.map((f) => [f.referenceDate, f.outcome])).toEqual([['2021-03-01', 'CARICATO'], ['2021-03-02', 'RIFIUTATO']]);
  expect(summary.folders[0].files[0]).toMatchObject({
    file: 'domande.csv', read: 3, loaded: 1, duplicates: 1, rejected: 1, rejectsByReason: { NUMERO_NON_VALIDO: 1 },
  });
  expect(summary.folders[1].message).toMatch(/^sr41\.csv has SHA-256 [0-9a-f]{64}, manifest\.json says [0-9a-f]{64}\.$/);
});
