/** The loader's promises (EXTRACT.md "What the loader promises"), on small folders worked out by hand. */
import { createHmac } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openTestDatabase, type TestDatabase } from '../testing/testDatabase';
import { APPLICATION_COLUMNS } from './applicationRows';
import { applicationRow as app, csvText, removeTempDirs, sr41Row as sr, tempDir, writeExtract, writeManifest } from './fixtures/extractFolder';
import { fileCounts, fingerprint, loadSpec, resetStore, TEST_KEY } from './fixtures/loadTesting';
import { loadFolders, latestReferenceDate } from './index';
import { IBAN_MASK } from './quarantine';

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
beforeEach(() => resetStore(t.db));
afterAll(async () => {
  await t.close();
  removeTempDirs();
});

const authorised = (d: string, day = '2021-03-05') => [
  app({ protocollo: d }),
  app({ protocollo: d, stato: 'AUTORIZZATA', ore_autorizzate: '700', data_stato: day }),
];

test('CSV rules: BOM, CRLF, quoted fields with ; and line breaks, any column order, unknown columns ignored and reported', async () => {
  const columns = [...APPLICATION_COLUMNS].reverse();
  const header = [...columns, 'note'].join(';');
  const row = (r: Record<string, string>, note: string) => [...columns.map((c) => r[c]), note].join(';');
  const text = `\uFEFF${header}\r\n${row(app({ protocollo: 'D1', matricola: '"M;1\r\nbis"' }), 'x')}\r\n${row(app({ protocollo: 'D2' }), '"a ""b"""')}\r\n`;
  const s = await loadSpec(t.db, tempDir(), '2021-03-31', { domandeText: text, domandeRows: 2 });
  expect(s.outcome).toBe('CARICATO');
  expect(s.files.find((f) => f.file === 'domande.csv')).toMatchObject({ read: 2, loaded: 2, rejected: 0, ignoredColumns: ['note'] });
  const rows = await t.db.query('SELECT application_id, employer_id FROM application ORDER BY 1');
  expect(rows).toEqual([
    { application_id: 'D1', employer_id: 'M;1\r\nbis' },
    { application_id: 'D2', employer_id: 'M001' },
  ]);
  const [lf] = await t.db.query("SELECT ignored_columns FROM load_file WHERE file_name = 'domande.csv'");
  expect(lf).toEqual({ ignored_columns: ['note'] });
});

test('a line number counts physical lines, so a quoted line break moves the next rows down', async () => {
  const text = csvText(APPLICATION_COLUMNS, [app({ protocollo: 'D1', matricola: 'a\nb' }), app({ protocollo: 'D2', sede: '0000' })]);
  const s = await loadSpec(t.db, tempDir(), '2021-03-31', { domandeText: text, domandeRows: 2 });
  expect(fileCounts(s, 'domande.csv')).toMatchObject({ read: 2, loaded: 1, rejected: 1 });
  expect(await t.db.query('SELECT line_number FROM rejected_row')).toEqual([{ line_number: 4 }]);
});

test('a missing required column refuses the folder, naming the column; nothing is loaded', async () => {
  const columns = APPLICATION_COLUMNS.filter((c) => c !== 'sede');
  const before = await fingerprint(t.db);
  const s = await loadSpec(t.db, tempDir(), '2021-03-31', { domandeText: csvText(columns, [app()]), domandeRows: 1 });
  expect(s.outcome).toBe('RIFIUTATO');
  expect(s.message).toContain('domande.csv');
  expect(s.message).toContain('sede');
  expect(await fingerprint(t.db)).toEqual(before);
  const runs = await t.db.query("SELECT outcome, message FROM load_run");
  expect(runs).toEqual([{ outcome: 'RIFIUTATO', message: s.message }]);
});

test('duplicates: a row repeated in the file, and a row already stored, are counted and not loaded twice', async () => {
  const dir = tempDir();
  const first = await loadSpec(t.db, dir, '2021-03-30', { domande: [app(), app()] });
  expect(fileCounts(first, 'domande.csv')).toEqual({ read: 2, loaded: 1, duplicates: 1, rejected: 0, rejectsByReason: {} });
  const second = await loadSpec(t.db, dir, '2021-03-31', {
    domande: [app(), app({ stato: 'IN_ISTRUTTORIA', data_stato: '2021-03-31' })],
  });
  expect(fileCounts(second, 'domande.csv')).toEqual({ read: 2, loaded: 1, duplicates: 1, rejected: 0, rejectsByReason: {} });
  const events = await t.db.query('SELECT state, state_on FROM application_event ORDER BY state_on');
  expect(events).toEqual([
    { state: 'PRESENTATA', state_on: '2021-03-01' },
    { state: 'IN_ISTRUTTORIA', state_on: '2021-03-31' },
  ]);
});

test('same-day changes keep the file order: the last is the state at the end of the day', async () => {
  const s = await loadSpec(t.db, tempDir(), '2021-03-31', {
    domande: [
      app({ protocollo: 'A', data_stato: '2021-03-01' }),
      app({ protocollo: 'A', stato: 'IN_ISTRUTTORIA', data_stato: '2021-03-01' }),
      app({ protocollo: 'A', stato: 'AUTORIZZATA', ore_autorizzate: '10', data_stato: '2021-03-01' }),
      // Reversed: IN_ISTRUTTORIA cannot follow AUTORIZZATA, whatever the day.
      app({ protocollo: 'B', stato: 'AUTORIZZATA', ore_autorizzate: '10', data_stato: '2021-03-02' }),
      app({ protocollo: 'B', stato: 'IN_ISTRUTTORIA', data_stato: '2021-03-02' }),
    ],
  });
  expect(fileCounts(s, 'domande.csv')).toEqual({ read: 5, loaded: 4, duplicates: 0, rejected: 1, rejectsByReason: { TRANSIZIONE_NON_AMMESSA: 1 } });
  const a = await t.db.query("SELECT state, line_number FROM application_event WHERE application_id = 'A' ORDER BY state_on, load_id, line_number");
  expect(a).toEqual([
    { state: 'PRESENTATA', line_number: 2 },
    { state: 'IN_ISTRUTTORIA', line_number: 3 },
    { state: 'AUTORIZZATA', line_number: 4 },
  ]);
});

test("an application's attributes are those of its latest row, even from a later folder", async () => {
  const dir = tempDir();
  await loadSpec(t.db, dir, '2021-03-10', { domande: [app({ lavoratori: '10' })] });
  await loadSpec(t.db, dir, '2021-03-11', {
    domande: [app({ stato: 'IN_ISTRUTTORIA', data_stato: '2021-03-11', lavoratori: '12', ore_richieste: '900' })],
  });
  // A late row dated before the latest event does not override the newer attributes.
  await loadSpec(t.db, dir, '2021-03-12', {
    domande: [app({ stato: 'IN_ISTRUTTORIA', data_stato: '2021-03-05', lavoratori: '99', data_presentazione: '2021-03-01' })],
  });
  const [a] = await t.db.query('SELECT workers, hours_requested FROM application');
  expect(a).toEqual({ workers: 12, hours_requested: 900 });
});

describe('manifest lies refuse the whole folder, naming the file and what differs', () => {
  const lies: Array<[string, (folder: string) => void, RegExp]> = [
    ['a listed file is missing', (f) => rmSync(join(f, 'sr41.csv')), /sr41\.csv.*missing/],
    ['another row count', (f) => writeManifest(f, '2021-03-31', { 'domande.csv': 3, 'sr41.csv': 1 }), /domande\.csv has 2 data rows, manifest\.json says 3/],
    ['another checksum', (f) => writeFileSync(join(f, 'sr41.csv'), readFileSync(join(f, 'sr41.csv'), 'utf8').replace('1100.50', '1100.60')), /sr41\.csv has SHA-256 [0-9a-f]{64}, manifest\.json says/],
    ['no manifest', (f) => rmSync(join(f, 'manifest.json')), /manifest\.json is missing/],
  ];
  test.each(lies)('%s', async (_what, lie, message) => {
    const folder = writeExtract(tempDir(), '2021-03-31', { domande: authorised('D1'), sr41: [sr()] });
    lie(folder);
    const before = await fingerprint(t.db);
    const { folders: [s], refused } = await loadFolders(t.db, [folder], { pseudonymKey: TEST_KEY });
    expect(refused).toBe(1);
    expect(s.outcome).toBe('RIFIUTATO');
    expect(s.message).toMatch(message);
    expect(await fingerprint(t.db)).toEqual(before);
    expect(await t.db.query('SELECT outcome, message FROM load_run')).toEqual([{ outcome: 'RIFIUTATO', message: s.message }]);
    expect(await latestReferenceDate(t.db)).toBeNull();
  });
});

test('loading a folder twice changes nothing and says GIA_CARICATO', async () => {
  const folder = writeExtract(tempDir(), '2021-03-31', { domande: authorised('D1'), sr41: [sr(), sr({ id_sr41: 'S2', ore: '0' })] });
  const first = await loadFolders(t.db, [folder], { pseudonymKey: TEST_KEY });
  expect(first.folders[0].outcome).toBe('CARICATO');
  const before = await fingerprint(t.db);
  const again = await loadFolders(t.db, [folder], { pseudonymKey: TEST_KEY });
  expect(again.folders[0]).toMatchObject({ outcome: 'GIA_CARICATO', files: [] });
  expect(again.refused).toBe(0);
  expect(await fingerprint(t.db)).toEqual(before);
  expect(await t.db.query('SELECT outcome FROM load_run ORDER BY load_id')).toEqual([{ outcome: 'CARICATO' }, { outcome: 'GIA_CARICATO' }]);
  expect(await latestReferenceDate(t.db)).toBe('2021-03-31');
});

/** Loads the `stored` rows in the folder of 2021-03-25, then `rows` in that of 2021-03-26; the second load's summary. */
async function loadAfterStored(stored: Array<ReturnType<typeof app>>, rows: Array<ReturnType<typeof app>>) {
  const dir = tempDir();
  await loadSpec(t.db, dir, '2021-03-25', { domande: stored });
  return loadSpec(t.db, dir, '2021-03-26', { domande: rows });
}

describe('corrections: a late row is accepted when the history stays valid', () => {
  const stored = [app({ protocollo: 'D1' }), app({ protocollo: 'D1', stato: 'AUTORIZZATA', ore_autorizzate: '700', data_stato: '2021-03-20' })];

  test('a late IN_ISTRUTTORIA between PRESENTATA and AUTORIZZATA is accepted, and the figures from its day recomputed', async () => {
    const s = await loadAfterStored(stored, [app({ protocollo: 'D1', stato: 'IN_ISTRUTTORIA', data_stato: '2021-03-10' })]);
    expect(fileCounts(s, 'domande.csv')).toEqual({ read: 1, loaded: 1, duplicates: 0, rejected: 0, rejectsByReason: {} });
    expect(s.recomputed).toEqual({ from: '2021-03-10', to: '2021-03-26' });
    const events = await t.db.query("SELECT state FROM application_event ORDER BY state_on");
    expect(events).toEqual([{ state: 'PRESENTATA' }, { state: 'IN_ISTRUTTORIA' }, { state: 'AUTORIZZATA' }]);
  });

  test('a late ANNULLATA before a stored AUTORIZZATA breaks the history and is rejected', async () => {
    const dir = tempDir();
    await loadSpec(t.db, dir, '2021-03-25', { domande: stored });
    const before = await fingerprint(t.db, ['application', 'application_event']);
    const s = await loadSpec(t.db, dir, '2021-03-26', { domande: [app({ protocollo: 'D1', stato: 'ANNULLATA', data_stato: '2021-03-10' })] });
    expect(fileCounts(s, 'domande.csv')).toEqual({ read: 1, loaded: 0, duplicates: 0, rejected: 1, rejectsByReason: { TRANSIZIONE_NON_AMMESSA: 1 } });
    const [r] = await t.db.query<{ message: string }>('SELECT message FROM rejected_row');
    expect(r.message).toMatch(/ANNULLATA.*AUTORIZZATA/);
    expect(await fingerprint(t.db, ['application', 'application_event'])).toEqual(before);
    expect(s.recomputed).toBeNull();
  });
});

describe('rows after the stored history (the nightly case): checked against the stored latest change', () => {
  const stored = [app({ protocollo: 'D2' }), app({ protocollo: 'D2', stato: 'AUTORIZZATA', ore_autorizzate: '700', data_stato: '2021-03-20' })];

  test('an allowed change after the stored one is loaded', async () => {
    const s = await loadAfterStored(stored, [app({ protocollo: 'D2', stato: 'ANNULLATA', data_stato: '2021-03-26' })]);
    expect(fileCounts(s, 'domande.csv')).toEqual({ read: 1, loaded: 1, duplicates: 0, rejected: 0, rejectsByReason: {} });
    const events = await t.db.query('SELECT state FROM application_event ORDER BY state_on');
    expect(events).toEqual([{ state: 'PRESENTATA' }, { state: 'AUTORIZZATA' }, { state: 'ANNULLATA' }]);
  });

  test('a change not allowed after the stored state is rejected, though it is dated later', async () => {
    const s = await loadAfterStored(stored, [app({ protocollo: 'D2', stato: 'IN_ISTRUTTORIA', data_stato: '2021-03-26' })]);
    expect(fileCounts(s, 'domande.csv')).toEqual({ read: 1, loaded: 0, duplicates: 0, rejected: 1, rejectsByReason: { TRANSIZIONE_NON_AMMESSA: 1 } });
  });

  test('the stored latest change sent again is a duplicate', async () => {
    const s = await loadAfterStored(stored, [stored[1]]);
    expect(fileCounts(s, 'domande.csv')).toEqual({ read: 1, loaded: 0, duplicates: 1, rejected: 0, rejectsByReason: {} });
  });
});

test('folders given in any order load in date order; a missing day is recorded as a gap, and cleared when it arrives', async () => {
  const dir = tempDir();
  const f4 = writeExtract(dir, '2021-03-04', { domande: [app({ stato: 'IN_ISTRUTTORIA', data_stato: '2021-03-04' })] });
  const f1 = writeExtract(dir, '2021-03-01', { domande: [app()] });
  const s = await loadFolders(t.db, [f4, f1], { pseudonymKey: TEST_KEY });
  expect(s.folders.map((f) => [f.referenceDate, f.outcome, f.gaps])).toEqual([
    ['2021-03-01', 'CARICATO', []],
    ['2021-03-04', 'CARICATO', ['2021-03-02', '2021-03-03']],
  ]);
  // Loaded in date order, the IN_ISTRUTTORIA of the 4th follows the PRESENTATA of the 1st.
  expect(fileCounts(s.folders[1], 'domande.csv').loaded).toBe(1);
  expect(await t.db.query('SELECT gap_date FROM data_gap ORDER BY 1')).toEqual([{ gap_date: '2021-03-02' }, { gap_date: '2021-03-03' }]);
  await loadSpec(t.db, dir, '2021-03-02', { domande: [] });
  expect(await t.db.query('SELECT gap_date FROM data_gap ORDER BY 1')).toEqual([{ gap_date: '2021-03-03' }]);
});

test('quarantine: the file beside the report keeps the line as sent, safe for spreadsheets; the store keeps it masked', async () => {
  const dir = tempDir();
  const cf = 'BNCGVN75C41F205Z';
  const iban = 'IT02L1234512345123456789012';
  const s = await loadSpec(t.db, dir, '2021-03-31', {
    domande: [...authorised('D1'), app({ protocollo: '=1+1', sede: '0000' })],
    sr41: [sr({ codice_fiscale: cf, iban, ore: '-5' })],
  });
  const dQuarantine = readFileSync(join(dir, '2021-03-31', 'scarti', 'domande.scarti.csv'), 'utf8');
  expect(dQuarantine).toBe(
    '\uFEFFriga;codice;messaggio;riga_originale\r\n' +
      `4;SEDE_SCONOSCIUTA;"sede ""0000"" is not a known INPS office";"'=1+1;CIGO;COVID19_L178;0000;01;0;M001;DIRETTO;10;800;;2021-01-01;2021-03-31;2021-03-01;PRESENTATA;2021-03-01"\r\n`
  );
  const sQuarantine = readFileSync(join(dir, '2021-03-31', 'scarti', 'sr41.scarti.csv'), 'utf8');
  expect(sQuarantine).toContain(`2;NUMERO_NON_VALIDO;`);
  expect(sQuarantine).toContain(`S1;D1;${cf};${iban};2021-02;-5;`);
  const report = JSON.parse(readFileSync(join(dir, '2021-03-31', 'esito.json'), 'utf8'));
  expect(report.files.map((f: { file: string; rejected: number }) => [f.file, f.rejected])).toEqual([['domande.csv', 1], ['sr41.csv', 1]]);
  const pseudonym = createHmac('sha256', TEST_KEY).update(cf).digest('hex');
  const masked = await t.db.query("SELECT line_number, masked_line FROM rejected_row WHERE file_name = 'sr41.csv'");
  expect(masked).toEqual([{ line_number: 2, masked_line: `S1;D1;${pseudonym};${IBAN_MASK};2021-02;-5;1100.50;2021-03-10;RICEVUTO;2021-03-10;` }]);
  expect(s.outcome).toBe('CARICATO');
});

test('the fiscal code is stored as its HMAC-SHA-256 under the key, the IBAN not at all', async () => {
  await loadSpec(t.db, tempDir(), '2021-03-31', { domande: authorised('D1'), sr41: [sr({ codice_fiscale: 'RSSMRA80A01L219X' })] });
  const expected = createHmac('sha256', TEST_KEY).update('RSSMRA80A01L219X').digest('hex');
  expect(await t.db.query('SELECT sr41_id, worker_pseudonym, period_month, hours, amount, received_on FROM sr41')).toEqual([
    { sr41_id: 'S1', worker_pseudonym: expected, period_month: '2021-02-01', hours: 120, amount: 1100.5, received_on: '2021-03-10' },
  ]);
});

test('the rollups of the days touched are recomputed in the same transaction', async () => {
  await loadSpec(t.db, tempDir(), '2021-03-31', { domande: authorised('D1'), sr41: [sr()] });
  const flows = await t.db.query<{ day: string; presented: number; authorised: number }>(
    'SELECT day, presented, authorised FROM application_flow_daily WHERE presented > 0 OR authorised > 0 ORDER BY day'
  );
  expect(flows).toEqual([
    { day: '2021-03-01', presented: 1, authorised: 0 },
    { day: '2021-03-05', presented: 0, authorised: 1 },
  ]);
  const received = await t.db.query('SELECT day, received FROM sr41_flow_daily WHERE received > 0');
  expect(received).toEqual([{ day: '2021-03-10', received: 1 }]);
});

test('every event has its application or SR41, and every SR41 its application (the loader keeps what no foreign key checks)', async () => {
  const dir = tempDir();
  await loadSpec(t.db, dir, '2021-03-30', { domande: [...authorised('D1'), app({ protocollo: 'D2', sede: '0000' })], sr41: [sr(), sr({ id_sr41: 'S2', protocollo: 'D2' })] });
  await loadSpec(t.db, dir, '2021-03-31', { domande: [app({ protocollo: 'D3', stato: 'ANNULLATA', data_stato: '2021-03-31' })], sr41: [sr({ id_sr41: 'S3', protocollo: 'D3' })] });
  const [orphans] = await t.db.query(`SELECT
      (SELECT count(*)::int FROM application_event e WHERE NOT EXISTS (SELECT 1 FROM application a WHERE a.application_id = e.application_id)) AS application_events,
      (SELECT count(*)::int FROM sr41_event e WHERE NOT EXISTS (SELECT 1 FROM sr41 s WHERE s.sr41_id = e.sr41_id)) AS sr41_events,
      (SELECT count(*)::int FROM sr41 s WHERE NOT EXISTS (SELECT 1 FROM application a WHERE a.application_id = s.application_id)) AS sr41,
      (SELECT count(*)::int FROM application a WHERE NOT EXISTS (SELECT 1 FROM office o WHERE o.office_code = a.office_code AND o.region_code = a.region_code) AND a.benefit <> 'CIGD') AS offices,
      (SELECT count(*)::int FROM application_event e WHERE NOT EXISTS (SELECT 1 FROM load_run r WHERE r.load_id = e.load_id)) AS loads`);
  expect(orphans).toEqual({ application_events: 0, sr41_events: 0, sr41: 0, offices: 0, loads: 0 });
  expect(await t.db.query('SELECT sr41_id FROM sr41')).toEqual([{ sr41_id: 'S1' }]);
});

test('the first load into an empty store is vacuumed after its commit; a later load is left to autovacuum', async () => {
  const vacuums = async () => {
    const [r] = await t.db.query<{ n: number }>("SELECT vacuum_count::int AS n FROM pg_stat_user_tables WHERE relname = 'sr41'");
    return r.n;
  };
  const load = async (dir: string, day: string, spec: Parameters<typeof loadSpec>[3]) => {
    const phases: string[] = [];
    const summary = await loadSpec(t.db, dir, day, spec, (p) => phases.push(p.phase));
    return { summary, phases };
  };
  const dir = tempDir();
  const before = await vacuums();
  const first = await load(dir, '2021-03-30', { domande: authorised('D1'), sr41: [sr()] });
  expect(first.summary).toMatchObject({ outcome: 'CARICATO', message: null });
  expect(first.phases.slice(-2)).toEqual(['vacuuming', 'done']);
  expect(await vacuums()).toBeGreaterThan(before);
  const second = await load(dir, '2021-03-31', { domande: authorised('D2'), sr41: [] });
  expect(second.summary.outcome).toBe('CARICATO');
  expect(second.phases).not.toContain('vacuuming');
});

/** The keys of `table` in the order its rows lie in the table (ctid), not sorted by anything else. */
const stored = async (table: string, key: string): Promise<string[]> =>
  (await t.db.query<{ k: string }>(`SELECT ${key} AS k FROM ${table} ORDER BY ctid`)).map((r) => r.k);

const inWork = (id: string, d: string) => [
  sr({ id_sr41: id, protocollo: d }),
  sr({ id_sr41: id, protocollo: d, stato: 'IN_LAVORAZIONE', data_stato: '2021-03-20' }),
];

// The full rebuild's merged joins (store/db/mergedJoins.ts) read the facts through their key
// indexes in one pass only when the tables lie in that order.
test('an empty store gets the facts of its first folder in key order, from an extract in another order', async () => {
  // Keys and rows deliberately out of order: a later key first, an item's rows apart.
  const domande = [...authorised('D3'), ...authorised('D1'), ...authorised('D2')];
  const sr41 = [inWork('S3', 'D2')[0], ...inWork('S1', 'D3'), inWork('S3', 'D2')[1], ...inWork('S2', 'D1')];
  const s = await loadSpec(t.db, tempDir(), '2021-03-31', { domande: [domande[4], domande[1], domande[0], domande[5], domande[3], domande[2]], sr41 });
  expect(s.outcome).toBe('CARICATO');
  expect(await stored('application', 'application_id')).toEqual(['D1', 'D2', 'D3']);
  expect(await stored('application_event', 'application_id')).toEqual(['D1', 'D1', 'D2', 'D2', 'D3', 'D3']);
  expect(await stored('sr41', 'sr41_id')).toEqual(['S1', 'S2', 'S3']);
  expect(await stored('sr41_event', 'sr41_id')).toEqual(['S1', 'S1', 'S2', 'S2', 'S3', 'S3']);
  // Within a key, its changes in history order.
  const states = await t.db.query<{ state: string }>(`SELECT state FROM sr41_event WHERE sr41_id = 'S3' ORDER BY ctid`);
  expect(states.map((r) => r.state)).toEqual(['RICEVUTO', 'IN_LAVORAZIONE']);
});
