/**
 * SIGTERM during a load (issue 6). `dasmo load` undoes the folder in progress and stops, exit
 * status 1 and a sentence saying so; the folder then loads. `dasmo watch`, a service, finishes
 * the folder in progress, archives it and stops with status 0. Either way the store holds the
 * folder whole or not at all.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { TEST_DATABASE } from '../../testing/testDatabase';
import { startDasmo, storeEnv } from '../fixtures/childProcess';
import { removeTempDirs, tempDir } from '../fixtures/extractFolder';
import { TEST_KEY } from '../fixtures/loadTesting';
import { writeHostileCorpus, type Corpus } from '../hostile/corpus';
import { expectedCounts } from '../hostile/intent';
import { loadFolders, type LoadSummary } from '../index';
import { changedBesideLoadLog, saveStoreWithOneFolder, storeDigest, type SavedStore } from './storeState';

const dir = tempDir('dasmo-sigterm-');
let saved: SavedStore;
let before: Record<string, string>;

beforeAll(async () => {
  ({ saved, before } = await saveStoreWithOneFolder(TEST_DATABASE, dir));
}, 300_000);

afterAll(async () => {
  await saved.drop();
  removeTempDirs();
}, 300_000);

const corpusIn = (parent: string): Corpus =>
  writeHostileCorpus(parent, { seed: 8, referenceDate: '2021-03-31', applications: 1_000, badPerKind: 10, hugeFieldLength: 600, daysBack: 25 });

/** The folder's rows as counted by the summary, and as the corpus meant them. */
function countsOf(s: LoadSummary['folders'][number], corpus: Corpus) {
  return {
    got: s.files.map((f) => [f.file, f.read, f.loaded, f.duplicates, f.rejected]),
    meant: (['domande.csv', 'sr41.csv'] as const).map((file) => {
      const e = expectedCounts(corpus.files[file].lines);
      return [file, e.read, e.loaded, e.duplicates, e.rejected];
    }),
  };
}

test('dasmo load on SIGTERM mid-load: the folder is undone, exit status 1 with a sentence, and the folder then loads', async () => {
  const corpus = corpusIn(join(dir, 'load'));
  const copy = await saved.copy();
  const child = startDasmo(['load', corpus.folder, '--json'], storeEnv(copy.store, { DASMO_PSEUDONYM_KEY: TEST_KEY }));
  // Inside the folder's transaction: the applications are staged and being checked.
  await child.waitForStderr(/domande\.csv: checking history/, 240_000);
  child.process.kill('SIGTERM');
  expect(await child.exit).toBe(1);
  expect(child.stderr()).toContain('dasmo load: SIGTERM received, stopping: the folder in progress is undone and the next ones are not loaded.');
  expect(child.stderr()).toContain('dasmo load: stopped before the end; 0 folders were not started.');
  const [s] = (JSON.parse(child.stdout()) as LoadSummary).folders;
  expect([s.outcome, s.message]).toEqual(['RIFIUTATO', 'the load was stopped by SIGTERM before this folder was complete; nothing of it was loaded, load it again']);
  await copy.settle();
  const db = await copy.open();
  try {
    const now = await storeDigest(db);
    expect(changedBesideLoadLog(before, now)).toEqual([]);
    expect(now.load_run).not.toEqual(before.load_run);
    const { folders: [again] } = await loadFolders(db, [corpus.folder], { pseudonymKey: TEST_KEY });
    expect([again.outcome, again.message]).toEqual(['CARICATO', null]);
    const { got, meant } = countsOf(again, corpus);
    expect(got).toEqual(meant);
  } finally {
    await db.close();
    await copy.drop();
  }
}, 300_000);

test('dasmo watch on SIGTERM mid-load: the folder in progress is finished and archived, exit status 0', async () => {
  const inbox = tempDir('dasmo-sigterm-inbox-');
  const corpus = corpusIn(inbox);
  const copy = await saved.copy();
  const child = startDasmo(['watch', inbox], storeEnv(copy.store, { DASMO_PSEUDONYM_KEY: TEST_KEY }));
  await child.waitForStderr(/domande\.csv: checking history/, 240_000);
  child.process.kill('SIGTERM');
  expect(await child.exit).toBe(0);
  expect(child.stderr()).toContain('dasmo watch: SIGTERM received, stopping after the folder in progress.');
  expect(child.stdout()).toContain('2021-03-31 (2021-03-31): CARICATO');
  expect(existsSync(join(inbox, 'archive', '2021-03-31', 'esito.json'))).toBe(true);
  await copy.settle();
  const db = await copy.open();
  try {
    const runs = await db.query<{ outcome: string }>("SELECT outcome FROM load_run WHERE reference_date = '2021-03-31'");
    expect(runs).toEqual([{ outcome: 'CARICATO' }]);
    const [n] = await db.query<{ events: number }>('SELECT count(*)::int AS events FROM application_event');
    // Every valid application row of the folder, and the BEFORE row of the saved store.
    expect(n.events).toBe(expectedCounts(corpus.files['domande.csv'].lines).loaded + 1);
  } finally {
    await db.close();
    await copy.drop();
  }
}, 300_000);
