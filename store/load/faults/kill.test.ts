/**
 * All or nothing under SIGKILL (issue 6): the real `dasmo load` process is killed at seeded
 * random moments of a folder's load, each run from the same saved store; every time, the whole
 * store (every table, by digest) must equal its state before the folder or after it.
 * DASMO_FAULT_KILLS sets the number of kills (20; 3 in CI, where each test file must stay short),
 * DASMO_FAULT_SEED the seed, DASMO_FAULT_REPORT a file to write each run's outcome to (bench/).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Random } from '../../seed/random';
import { TEST_DATABASE } from '../../testing/testDatabase';
import { startDasmo, storeEnv } from '../fixtures/childProcess';
import { removeTempDirs, tempDir } from '../fixtures/extractFolder';
import { TEST_KEY } from '../fixtures/loadTesting';
import { loadFolders } from '../index';
import { writeHostileCorpus, type Corpus } from '../hostile/corpus';
import { expectedCounts } from '../hostile/intent';
import { changedBesideLoadLog, saveStoreWithOneFolder, storeDigest, type SavedStore, type StoreCopy } from './storeState';

const KILLS = Number(process.env.DASMO_FAULT_KILLS ?? (process.env.CI ? 3 : 20));
const SEED = Number(process.env.DASMO_FAULT_SEED ?? 6);
/** The first line the loader prints for the folder: the kill clock starts there, past the process's start-up. */
const FOLDER_STARTED = /: checking manifest/;

const dir = tempDir('dasmo-kill-');
let saved: SavedStore;
let folder: string;
let corpus: Corpus;
let before: Record<string, string>;

beforeAll(async () => {
  ({ saved, before } = await saveStoreWithOneFolder(TEST_DATABASE, dir));
  // Valid rows, duplicates and rows of every reason code, over the last 25 days (few days of figures to recompute).
  corpus = writeHostileCorpus(join(dir, 'extract'), { seed: SEED, referenceDate: '2021-03-31', applications: 1_000, badPerKind: 10, hugeFieldLength: 600, daysBack: 25 });
  folder = corpus.folder;
}, 300_000);

afterAll(async () => {
  await saved.drop();
  removeTempDirs();
}, 300_000);

/** Runs `dasmo load` on a fresh copy of the saved store, killing it `killAfterMs` after the folder started (or never). */
async function loadRun(killAfterMs: number | null): Promise<{ copy: StoreCopy; code: number | null; signal: NodeJS.Signals | null; loadMs: number; said: string }> {
  const copy = await saved.copy();
  const child = startDasmo(['load', folder], storeEnv(copy.store, { DASMO_PSEUDONYM_KEY: TEST_KEY }));
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.process.on('exit', (_code, signal) => resolve(signal)));
  await child.waitForStderr(FOLDER_STARTED, 240_000);
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  const kill = () => {
    try {
      process.kill(-child.process.pid!, 'SIGKILL');
    } catch {
      // The load ended first: nothing left to kill.
    }
  };
  if (killAfterMs !== null) {timer = setTimeout(kill, killAfterMs);}
  const code = await child.exit;
  clearTimeout(timer);
  const signal = await exited;
  const loadMs = Date.now() - started;
  await copy.settle();
  // What the loader said last, when it ended on its own (a refusal would be named there).
  const said = code === null ? '' : `${child.stdout()}${child.stderr()}`.trim().split('\n').slice(-2).join(' / ');
  return { copy, code, signal, loadMs, said };
}

async function digestOf(copy: StoreCopy): Promise<Record<string, string>> {
  const db = await copy.open();
  try {
    return await storeDigest(db);
  } finally {
    await db.close();
  }
}

test(`SIGKILL at ${KILLS} random moments of a load: the store is always as before the folder or as after it`, async () => {
  const reference = await loadRun(null);
  expect(reference.code).toBe(0);
  const after = await digestOf(reference.copy);
  await reference.copy.drop();
  expect(after).not.toEqual(before);

  const rng = new Random(SEED, TEST_DATABASE === 'postgres' ? 2 : 1);
  const runs: Array<{ killAfterMs: number; state: string; code: number | null; signal: string | null; runMs: number; said?: string }> = [];
  for (let i = 0; i < KILLS; i++) {
    // Anywhere from the folder's first step to a little past the uncut load's end (the commit and exit).
    const killAfterMs = Math.round(rng.uniform(0, reference.loadMs * 1.1));
    const runStarted = Date.now();
    const run = await loadRun(killAfterMs);
    const now = await digestOf(run.copy);
    await run.copy.drop();
    const same = (a: Record<string, string>) => JSON.stringify(now) === JSON.stringify(a);
    // A load that ended on its own with a refusal also left the folder out whole (its refusal logged).
    const refused = run.code === 1 && changedBesideLoadLog(before, now).length === 0;
    const state = same(before) ? 'before' : same(after) ? 'after' : refused ? 'refused, store as before' : 'IN BETWEEN';
    runs.push({ killAfterMs, state, code: run.code, signal: run.signal, runMs: Date.now() - runStarted, ...(run.code ? { said: run.said } : {}) });
    // Written after every run, so that a long fault run keeps what it measured even if stopped.
    if (process.env.DASMO_FAULT_REPORT) {
      writeFileSync(process.env.DASMO_FAULT_REPORT, `${JSON.stringify({ database: TEST_DATABASE, seed: SEED, uncutLoadMs: reference.loadMs, runs }, null, 2)}\n`);
    }
  }
  expect(runs.filter((r) => r.state === 'IN BETWEEN')).toEqual([]);
  expect(runs).toHaveLength(KILLS);
}, 300_000 + KILLS * 120_000);

test('after a kill, loading the folder again succeeds', async () => {
  const run = await loadRun(1);
  const db = await run.copy.open();
  try {
    const { folders: [again] } = await loadFolders(db, [folder], { pseudonymKey: TEST_KEY });
    expect([again.outcome, again.message]).toEqual(['CARICATO', null]);
    for (const f of again.files) {
      const { read, loaded, duplicates, rejected } = expectedCounts(corpus.files[f.file as 'domande.csv' | 'sr41.csv'].lines);
      expect([f.file, f.read, f.loaded, f.duplicates, f.rejected]).toEqual([f.file, read, loaded, duplicates, rejected]);
    }
  } finally {
    await db.close();
    await run.copy.drop();
  }
}, 300_000);
