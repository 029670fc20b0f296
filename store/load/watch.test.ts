/** `dasmo watch`: ready folders load in date order and move to archive/ or quarantine/; a stop is clean. */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openTestDatabase, TEST_DATABASE, type TestDatabase } from '../testing/testDatabase';
import { runDasmo, startDasmo, storeEnv } from './fixtures/childProcess';
import { applicationRow as app, removeTempDirs, tempDir, writeExtract } from './fixtures/extractFolder';
import { TEST_KEY } from './fixtures/loadTesting';
import { watchInbox } from './watchInbox';

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(async () => {
  await t.close();
  removeTempDirs();
});

async function until(condition: () => boolean, timeoutMs = 120_000): Promise<void> {
  for (const started = Date.now(); !condition(); ) {
    if (Date.now() - started > timeoutMs) {throw new Error('timed out');}
    await new Promise((r) => setTimeout(r, 50));
  }
}

test('loads ready folders in date order, archives or quarantines them, leaves folders without manifest', async () => {
  const inbox = tempDir('dasmo-inbox-');
  writeExtract(inbox, '2021-03-02', { domande: [app({ stato: 'IN_ISTRUTTORIA', data_stato: '2021-03-02' })] });
  writeExtract(inbox, '2021-03-01', { domande: [app()] });
  const broken = writeExtract(inbox, '2021-03-03', { domande: [app({ stato: 'RESPINTA', data_stato: '2021-03-03' })] });
  writeFileSync(join(broken, 'domande.csv'), 'changed after the manifest\n');
  mkdirSync(join(inbox, '2021-03-04')); // still being written: no manifest yet
  const stop = new AbortController();
  const seen: string[] = [];
  const watching = watchInbox(t.db, inbox, { pseudonymKey: TEST_KEY, intervalMs: 50, onFolder: (s) => seen.push(`${s.referenceDate} ${s.outcome}`) }, stop.signal);
  await until(() => seen.length === 3);
  stop.abort();
  await watching;
  expect(seen).toEqual(['2021-03-01 CARICATO', '2021-03-02 CARICATO', '2021-03-03 RIFIUTATO']);
  expect(readdirSync(join(inbox, 'archive')).sort()).toEqual(['2021-03-01', '2021-03-02']);
  expect(readdirSync(join(inbox, 'quarantine'))).toEqual(['2021-03-03']);
  expect(existsSync(join(inbox, '2021-03-04'))).toBe(true);
  expect(existsSync(join(inbox, 'archive', '2021-03-01', 'esito.json'))).toBe(true);
  const events = await t.db.query('SELECT state FROM application_event ORDER BY state_on');
  expect(events).toEqual([{ state: 'PRESENTATA' }, { state: 'IN_ISTRUTTORIA' }]);
});

describe('the command', () => {
  const store = () => (TEST_DATABASE === 'postgres' ? { url: t.url } : { dataDir: join(tempDir('dasmo-watch-store-'), 'store') });

  test('stops cleanly on SIGTERM with exit status 0', async () => {
    const inbox = tempDir('dasmo-inbox-');
    const child = startDasmo(['watch', inbox], storeEnv(store(), { DASMO_PSEUDONYM_KEY: TEST_KEY }));
    await child.waitForStderr(/watching/);
    writeExtract(inbox, '2021-03-01', { domande: [app({ protocollo: 'W1' })] });
    await until(() => existsSync(join(inbox, 'archive', '2021-03-01')));
    child.process.kill('SIGTERM');
    expect(await child.exit).toBe(0);
    expect(child.stdout()).toContain('2021-03-01 (2021-03-01): CARICATO');
  });

  test('refuses to start without DASMO_PSEUDONYM_KEY', async () => {
    const env = storeEnv(store());
    delete env.DASMO_PSEUDONYM_KEY;
    const r = await runDasmo(['watch', tempDir()], env);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('DASMO_PSEUDONYM_KEY is not set');
  });
});
