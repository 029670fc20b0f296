/**
 * Hostile input (issue 6): a seeded corpus of more than 10,000 bad rows, every reason code and
 * the faults of broken exports, loaded by the real `dasmo load` process. Each bad row must be
 * quarantined with the reason the generator made it for, the rest must load, the counts must
 * add up, and the quarantine files must open in a spreadsheet without running anything.
 * DASMO_HOSTILE_FIELD_MB sets the size of the huge fields (10 by default).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { openDatabase } from '../../db/open';
import type { Database } from '../../db/database';
import { TEST_DATABASE, openTestDatabase, type TestDatabase } from '../../testing/testDatabase';
import { runDasmo, storeEnv } from '../fixtures/childProcess';
import { removeTempDirs, tempDir } from '../fixtures/extractFolder';
import { TEST_KEY } from '../fixtures/loadTesting';
import type { LoadSummary } from '../index';
import { APPLICATION_COLUMNS } from '../applicationRows';
import { SR41_COLUMNS } from '../sr41Rows';
import { QUARANTINE_SUBDIR, quarantineFileName } from '../quarantine';
import { REASONS } from '../reasons';
import { writeHostileCorpus, type Corpus, type ExtractFileName } from './corpus';
import { expectedCounts } from './intent';
import { FORMULA_PREFIXES } from './kinds';

const FIELD_MB = Number(process.env.DASMO_HOSTILE_FIELD_MB ?? 10);
const FILES: ExtractFileName[] = ['domande.csv', 'sr41.csv'];

let server: TestDatabase | null = null;
let db: Database;
let corpus: Corpus;
let summary: LoadSummary;
let exitCode: number | null;
let stderr: string;

beforeAll(async () => {
  corpus = writeHostileCorpus(tempDir('dasmo-hostile-'), {
    seed: 20210630, referenceDate: '2021-06-30', applications: 1500, badPerKind: 320, hugeFieldLength: FIELD_MB * 1_000_000,
  });
  const dataDir = join(tempDir('dasmo-hostile-store-'), 'store');
  if (TEST_DATABASE === 'postgres') {server = await openTestDatabase();}
  const store = server ? { url: server.url } : { dataDir };
  const run = await runDasmo(['load', corpus.folder, '--json'], storeEnv(store, { DASMO_PSEUDONYM_KEY: TEST_KEY }));
  exitCode = run.code;
  stderr = run.stderr;
  summary = JSON.parse(run.stdout) as LoadSummary;
  db = server ? server.db : await openDatabase({ dataDir });
}, 300_000);

afterAll(async () => {
  if (!server) {await db?.close();}
  await server?.close();
  removeTempDirs();
}, 120_000);

/** Bad rows by line, as the generator meant them. */
function intended(file: ExtractFileName): Map<number, string> {
  return new Map([...corpus.files[file].lines].filter(([, e]) => e !== 'LOADED' && e !== 'DUPLICATE'));
}

test('the corpus holds more than 10,000 bad rows, every reason code, and the faults of broken exports', () => {
  const bad = FILES.reduce((n, f) => n + intended(f).size, 0);
  expect(bad).toBeGreaterThan(10_000);
  const codes = new Set(FILES.flatMap((f) => [...intended(f).values()]));
  expect([...codes].sort()).toEqual(Object.keys(REASONS).sort());
  const kinds = new Set(FILES.flatMap((f) => [...corpus.files[f].kinds.values()]));
  for (const k of ['LATIN1', 'WINDOWS_1252', 'OVERLONG_UTF8', 'BOM_LINE_START', 'BOM_IN_FIELD', 'NUL_BYTE', 'GLUED_HEADER', 'HUGE_FIELD', 'TRUNCATED_LAST_LINE', 'DUPLICATE']) {
    expect(kinds).toContain(k);
  }
  const dresses = new Set(FILES.flatMap((f) => [...corpus.files[f].dresses.values()]));
  expect([...dresses].sort()).toEqual(['FORMULA_KEY', 'QUOTED_LINE_BREAK']);
  // The columns come in an order of the corpus's own.
  expect(corpus.files['domande.csv'].columns).not.toEqual([...APPLICATION_COLUMNS]);
  expect(corpus.files['sr41.csv'].columns).not.toEqual([...SR41_COLUMNS]);
});

test('the loader process ends normally and its counts are those of the corpus: read = loaded + duplicates + rejected', () => {
  expect({ exitCode, stderr: stderr.includes('Error') ? stderr : '' }).toEqual({ exitCode: 0, stderr: '' });
  const [folder] = summary.folders;
  expect([folder.outcome, folder.message]).toEqual(['CARICATO', null]);
  for (const file of FILES) {
    const s = folder.files.find((f) => f.file === file)!;
    const e = expectedCounts(corpus.files[file].lines);
    expect({ file, read: s.read, loaded: s.loaded, duplicates: s.duplicates, rejected: s.rejected, rejectsByReason: s.rejectsByReason })
      .toEqual({ file, ...e });
    expect(s.read).toBe(s.loaded + s.duplicates + s.rejected);
  }
});

test.each(FILES)('%s: each bad row is quarantined, with the reason it was made for, in the file and in the load log', async (file) => {
  const records = parse(readFileSync(join(corpus.folder, QUARANTINE_SUBDIR, quarantineFileName(file))), {
    delimiter: ';', bom: true, relax_column_count: false,
  }) as string[][];
  expect(records[0]).toEqual(['riga', 'codice', 'messaggio', 'riga_originale']);
  const fromFile = new Map(records.slice(1).map((r) => [Number(r[0]), r[1]]));
  expect(fromFile).toEqual(intended(file));
  const logged = await db.query<{ line_number: number; reason_code: string }>(
    'SELECT line_number, reason_code FROM rejected_row WHERE file_name = $1', [file]
  );
  expect(new Map(logged.map((r) => [r.line_number, r.reason_code]))).toEqual(intended(file));
});

test.each(FILES)('%s: the quarantine file opens safely in a spreadsheet: no cell starts a formula', (file) => {
  const records = parse(readFileSync(join(corpus.folder, QUARANTINE_SUBDIR, quarantineFileName(file))), { delimiter: ';', bom: true }) as string[][];
  const live = records.flat().filter((cell) => /^[=+\-@\t\r]/.test(cell));
  expect(live).toEqual([]);
  // The formula-like values are there: defused where they open a cell, inert inside a quoted line.
  const payloads = records.slice(1).filter((r) => /(=HYPERLINK|\+39 06|-2\+3|@SUM|=1\+1)/.test(r[3]));
  expect(payloads.length).toBeGreaterThan(100);
});

test('lines that open with a formula are kept with a leading apostrophe, the rest of the line as sent', () => {
  const defused = FILES.flatMap((file) =>
    (parse(readFileSync(join(corpus.folder, QUARANTINE_SUBDIR, quarantineFileName(file))), { delimiter: ';', bom: true }) as string[][])
      .slice(1).map((r) => r[3]).filter((cell) => cell.startsWith("'"))
  );
  // Which column opens a line depends on the corpus's column order; the key does in at least one file.
  expect(defused.length).toBeGreaterThan(10);
  const opensWithDressedKey = (cell: string) => FORMULA_PREFIXES.some((p) => cell.startsWith(`'${p}-B`));
  expect(defused.filter((cell) => !opensWithDressedKey(cell)).map((cell) => cell.slice(0, 60))).toEqual([]);
});

test('only the valid rows reach the store', async () => {
  const [counts] = await db.query<Record<string, number>>(`SELECT
      (SELECT count(*)::int FROM application_event) AS application_events,
      (SELECT count(*)::int FROM sr41_event) AS sr41_events,
      (SELECT count(*)::int FROM application WHERE application_id !~ '^H[0-9]+$') AS foreign_applications,
      (SELECT count(*)::int FROM sr41 WHERE sr41_id !~ '^S[0-9]+$') AS foreign_sr41,
      (SELECT max(length(employer_id))::int FROM application) AS longest_employer`);
  expect(counts).toEqual({
    application_events: expectedCounts(corpus.files['domande.csv'].lines).loaded,
    sr41_events: expectedCounts(corpus.files['sr41.csv'].lines).loaded,
    foreign_applications: 0,
    foreign_sr41: 0,
    longest_employer: 4,
  });
});
