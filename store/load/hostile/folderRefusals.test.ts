/**
 * Hostile input that no single row explains: the folder is refused whole, with a sentence naming
 * the file and what is wrong, and the store keeps exactly what it had (EXTRACT.md "manifest",
 * "CSV rules"). Why these are refusals and not quarantined rows: a header that is ambiguous or
 * unreadable says nothing trustworthy about any row; broken quoting leaves no way to know where
 * rows end; a manifest that does not match means the folder is not what the producer sent.
 */
import { readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openTestDatabase, type TestDatabase } from '../../testing/testDatabase';
import { APPLICATION_COLUMNS } from '../applicationRows';
import { applicationRow as app, csvText, removeTempDirs, sr41Row as sr, tempDir, writeExtract } from '../fixtures/extractFolder';
import { FACT_TABLES, fingerprint, resetStore, TEST_KEY } from '../fixtures/loadTesting';
import { loadFolders } from '../index';
import { measureFile } from '../manifest';

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
beforeEach(() => resetStore(t.db));
afterAll(async () => {
  await t.close();
  removeTempDirs();
});

const DAY = '2021-03-31';
const rows = [app({ protocollo: 'D1' }), app({ protocollo: 'D1', stato: 'AUTORIZZATA', ore_autorizzate: '700', data_stato: '2021-03-05' })];

/** Rewrites manifest.json, its entries measured from the files as they now are, then bent by `edit`. */
async function remanifest(folder: string, edit: (m: { dataRiferimento: string; file: Record<string, unknown> }) => void = () => undefined): Promise<void> {
  const m = { dataRiferimento: DAY, generato: `${DAY}T03:00:00+02:00`, file: {} as Record<string, unknown> };
  for (const name of ['domande.csv', 'sr41.csv']) {
    const { rows: righe, sha256 } = await measureFile(join(folder, name));
    m.file[name] = { righe, sha256 };
  }
  edit(m);
  writeFileSync(join(folder, 'manifest.json'), JSON.stringify(m, null, 2));
}

const domande = (f: string) => join(f, 'domande.csv');
const header = APPLICATION_COLUMNS.join(';');

const refusals: Array<[string, (folder: string) => Promise<void> | void, RegExp]> = [
  ['a column twice in the header', async (f) => {
    writeFileSync(domande(f), csvText([...APPLICATION_COLUMNS, 'sede'], rows.map((r) => ({ ...r }))));
    await remanifest(f);
  }, /^domande\.csv: column "sede" appears twice in the header\.$/],
  ['a column name misspelled', async (f) => {
    writeFileSync(domande(f), readFileSync(domande(f), 'utf8').replace('data_stato', 'data stato'));
    await remanifest(f);
  }, /^domande\.csv: the header lacks the required column data_stato \(names must be exact; found: .*data stato\)\.$/],
  ['a file in UTF-16', async (f) => {
    writeFileSync(domande(f), Buffer.from(`\uFEFF${readFileSync(domande(f), 'utf8')}`, 'utf16le'));
    await remanifest(f);
  }, /^domande\.csv: the header row is not UTF-8 text/],
  ['a quoted field never closed (the file cut inside quotes)', async (f) => {
    writeFileSync(domande(f), `${header}\n${csvText(APPLICATION_COLUMNS, rows).split('\n')[1]}\nD2;CIGO;"COVID19_L178;0101`);
    await remanifest(f);
  }, /^domande\.csv line 3: a quoted field is never closed\.$/],
  ['text after a closing quote', async (f) => {
    writeFileSync(domande(f), `${header}\n"D2"x;CIGO;COVID19_L178;0101;01;0;M001;DIRETTO;10;800;;2021-01-01;2021-03-31;2021-03-01;PRESENTATA;2021-03-01\n`);
    await remanifest(f);
  }, /^domande\.csv line 2: a closing quote must be followed by ; or the end of the line\.$/],
  ['an empty file', async (f) => {
    writeFileSync(domande(f), '');
    await remanifest(f);
  }, /^domande\.csv is empty: it needs at least its header row\.$/],
  ['the file cut short after the manifest was written', (f) => truncateSync(domande(f), readFileSync(domande(f)).length - 20),
    /^domande\.csv has SHA-256 [0-9a-f]{64}, manifest\.json says [0-9a-f]{64}\.$/],
  ['the manifest counts more rows', (f) => remanifest(f, (m) => ((m.file['domande.csv'] as { righe: number }).righe = 5)),
    /^domande\.csv has 2 data rows, manifest\.json says 5\.$/],
  ['the manifest counts fewer rows', (f) => remanifest(f, (m) => ((m.file['sr41.csv'] as { righe: number }).righe = 0)),
    /^sr41\.csv has 1 data rows, manifest\.json says 0\.$/],
  ['the manifest has another checksum', (f) => remanifest(f, (m) => ((m.file['sr41.csv'] as { sha256: string }).sha256 = 'ab'.repeat(32))),
    /^sr41\.csv has SHA-256 [0-9a-f]{64}, manifest\.json says (ab){32}\.$/],
  ['a listed file is missing', (f) => rmSync(join(f, 'sr41.csv')), /^sr41\.csv is listed in manifest\.json but missing from the folder\.$/],
  ['the manifest lists an unknown file that is missing', (f) => remanifest(f, (m) => (m.file['pagamenti.csv'] = { righe: 3, sha256: 'ab'.repeat(32) })),
    /^manifest\.json lists pagamenti\.csv, which is not a file of the daily extract \(only domande\.csv and sr41\.csv\)/],
  ['the manifest lists an unknown file that is there', async (f) => {
    writeFileSync(join(f, 'pagamenti.csv'), 'id;importo\n1;10\n');
    await remanifest(f, (m) => (m.file['pagamenti.csv'] = { righe: 1, sha256: 'ab'.repeat(32) }));
  }, /^manifest\.json lists pagamenti\.csv, which is not a file of the daily extract/],
  ['the manifest leaves a file out', (f) => remanifest(f, (m) => delete m.file['sr41.csv']), /^manifest\.json does not describe sr41\.csv \(file\.sr41\.csv is missing\)\.$/],
  ['the manifest is not JSON', (f) => writeFileSync(join(f, 'manifest.json'), '{"dataRiferimento": "2021-03-31", '), /^manifest\.json is not valid JSON: /],
  ['the manifest is of another day', (f) => remanifest(f, (m) => (m.dataRiferimento = '2021-03-30')),
    /^folder 2021-03-31 holds a manifest\.json for reference date 2021-03-30; the two must agree\.$/],
  ['the manifest counts rows in words', (f) => remanifest(f, (m) => ((m.file['domande.csv'] as { righe: unknown }).righe = 'due')),
    /^manifest\.json: file\.domande\.csv\.righe must be a whole number of data rows\.$/],
  ['no manifest at all', (f) => rmSync(join(f, 'manifest.json')), /^manifest\.json is missing from folder 2021-03-31\.$/],
];

test.each(refusals)('%s: the folder is refused, saying so, and the store is unchanged', async (_what, fault, message) => {
  const folder = writeExtract(tempDir(), DAY, { domande: rows, sr41: [sr()] });
  await fault(folder);
  const before = await fingerprint(t.db, FACT_TABLES);
  const { folders: [s], refused } = await loadFolders(t.db, [folder], { pseudonymKey: TEST_KEY });
  expect([refused, s.outcome]).toEqual([1, 'RIFIUTATO']);
  expect(s.message).toMatch(message);
  expect(await fingerprint(t.db, FACT_TABLES)).toEqual(before);
  expect(await t.db.query('SELECT outcome, message FROM load_run')).toEqual([{ outcome: 'RIFIUTATO', message: s.message }]);
});

test('a file the manifest does not list is left alone (the folder also receives the load report): the folder loads', async () => {
  const folder = writeExtract(tempDir(), DAY, { domande: rows, sr41: [sr()] });
  writeFileSync(join(folder, 'domande.csv.bak'), 'anything');
  const { folders: [s] } = await loadFolders(t.db, [folder], { pseudonymKey: TEST_KEY });
  expect([s.outcome, s.message]).toEqual(['CARICATO', null]);
});
