/**
 * Disk faults during a load (issue 6): a report folder that cannot be written, a read-only
 * extract folder, a read-only store folder, a full disk, a load log that takes no more rows and a
 * disk too full for the embedded database to go on. Each time: a sentence naming the
 * problem, and the store as before the folder (but for the refusal in the load log); then,
 * with the fault gone, the folder loads. Read-only folders and the full disk are made in a
 * private mount namespace, since the tests run as root, where chmod stops nothing.
 */
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TEST_DATABASE } from '../../testing/testDatabase';
import { storeEnv } from '../fixtures/childProcess';
import { removeTempDirs, tempDir } from '../fixtures/extractFolder';
import { TEST_KEY } from '../fixtures/loadTesting';
import { writeHostileCorpus } from '../hostile/corpus';
import { loadFolders, type LoadSummary } from '../index';
import { CAN_MOUNT, dasmoInNamespace, READ_ONLY } from './mountNamespace';
import { changedBesideLoadLog, saveStoreWithOneFolder, storeDigest, type SavedStore, type StoreCopy } from './storeState';

const dir = tempDir('dasmo-disk-');
let saved: SavedStore;
let before: Record<string, string>;
let folder: string;

beforeAll(async () => {
  ({ saved, before } = await saveStoreWithOneFolder(TEST_DATABASE, dir));
  folder = writeHostileCorpus(join(dir, 'extract'), { seed: 7, referenceDate: '2021-03-31', applications: 1_000, badPerKind: 10, hugeFieldLength: 600, daysBack: 25 }).folder;
}, 300_000);

afterAll(async () => {
  await saved.drop();
  removeTempDirs();
}, 300_000);

/** The store as before the folder but for one more refusal in the load log, whose message is returned. */
async function unchangedButRefusal(copy: StoreCopy): Promise<string> {
  const db = await copy.open();
  try {
    const now = await storeDigest(db);
    expect(changedBesideLoadLog(before, now)).toEqual([]);
    expect(now.load_run).not.toEqual(before.load_run);
    const [last] = await db.query<{ outcome: string; message: string }>('SELECT outcome, message FROM load_run ORDER BY load_id DESC LIMIT 1');
    expect(last.outcome).toBe('RIFIUTATO');
    return last.message;
  } finally {
    await db.close();
  }
}

/** With the fault gone, the same folder loads. */
async function loadsAfterwards(copy: StoreCopy): Promise<void> {
  const db = await copy.open();
  try {
    const { folders: [s] } = await loadFolders(db, [folder], { pseudonymKey: TEST_KEY, quarantineDir: tempDir('dasmo-disk-reports-') });
    expect([s.outcome, s.message]).toEqual(['CARICATO', null]);
  } finally {
    await db.close();
  }
}

/** The store exactly as before the folder, not even a refusal logged; then the folder loads, and the copy goes. */
async function asBeforeAndLoadsAfterwards(copy: StoreCopy): Promise<void> {
  const db = await copy.open();
  try {
    expect(await storeDigest(db)).toEqual(before);
  } finally {
    await db.close();
  }
  await loadsAfterwards(copy);
  await copy.drop();
}

const env = (copy: StoreCopy, extra: Record<string, string> = {}) => storeEnv(copy.store, { DASMO_PSEUDONYM_KEY: TEST_KEY, ...extra });
const mountTest = CAN_MOUNT ? test : test.skip;
const pgliteMountTest = CAN_MOUNT && TEST_DATABASE === 'pglite' ? test : test.skip;

test('a report folder that cannot be written: the load is undone and the message says where and what to do', async () => {
  const copy = await saved.copy();
  const blocker = join(tempDir('dasmo-disk-blocker-'), 'a-file');
  writeFileSync(blocker, 'not a folder');
  const db = await copy.open();
  let message: string | null;
  try {
    ({ folders: [{ message }] } = await loadFolders(db, [folder], { pseudonymKey: TEST_KEY, quarantineDir: join(blocker, 'reports') }));
  } finally {
    await db.close();
  }
  expect(message).toMatch(/^the load report and quarantine files cannot be written in .*a-file[\\/]reports[\\/]2021-03-31 \(ENOTDIR: not a directory.*\), so nothing was loaded: make that folder writable, or set DASMO_QUARANTINE_DIR to one that is, and load the folder again\.$/);
  expect(await unchangedButRefusal(copy)).toBe(message);
  await loadsAfterwards(copy);
  await copy.drop();
}, 180_000);

mountTest('a read-only extract folder (the reports go beside it): refused by dasmo load, store unchanged', async () => {
  const copy = await saved.copy();
  const r = await dasmoInNamespace(READ_ONLY('EXTRACT'), ['load', folder, '--json'], env(copy, { EXTRACT: folder }));
  expect(r.code).toBe(1);
  const [s] = (JSON.parse(r.stdout) as LoadSummary).folders;
  expect(s.outcome).toBe('RIFIUTATO');
  expect(s.message).toMatch(/^the load report and quarantine files cannot be written in .*2021-03-31 \(EROFS: read-only file system, access '.*2021-03-31'\), so nothing was loaded/);
  expect(await unchangedButRefusal(copy)).toBe(s.message);
  await loadsAfterwards(copy);
  await copy.drop();
}, 180_000);

pgliteMountTest('a read-only store folder: dasmo load stops at once, naming the folder, and the store is untouched', async () => {
  const copy = await saved.copy();
  const r = await dasmoInNamespace(READ_ONLY('DASMO_DATA_DIR'), ['load', folder], env(copy));
  expect(r.code).toBe(1);
  expect(r.stderr).toContain(`dasmo: the store's folder ${copy.store.dataDir} (DASMO_DATA_DIR) cannot be written (EROFS)`);
  const db = await copy.open();
  try {
    expect(await storeDigest(db)).toEqual(before);
  } finally {
    await db.close();
  }
  await copy.drop();
}, 180_000);

/** Bytes of every file under a folder. */
function folderBytes(path: string): number {
  return readdirSync(path, { withFileTypes: true }).reduce(
    (n, e) => n + (e.isDirectory() ? folderBytes(join(path, e.name)) : statSync(join(path, e.name)).size), 0
  );
}

pgliteMountTest('a full disk in the middle of a load: refused naming it, the store as before, and loadable once there is room', async () => {
  const copy = await saved.copy();
  const disk = tempDir('dasmo-disk-full-');
  // Room for the store as it is and 4 MB more: the folder's load needs more than that.
  const sizeKb = Math.ceil(folderBytes(copy.store.dataDir!) / 1024) + 4 * 1024;
  const r = await dasmoInNamespace(
    `mount -t tmpfs -o size=${sizeKb}k tmpfs "$DISK" && cp -a "$STORE" "$DISK/store"`,
    ['load', folder, '--json'],
    { ...env(copy), DASMO_DATA_DIR: join(disk, 'store'), DISK: disk, STORE: copy.store.dataDir! },
    // Back onto the real disk, to look at what the load left.
    'rm -rf "$STORE" && cp -a "$DISK/store" "$STORE"'
  );
  expect(r.code).toBe(1);
  const [s] = (JSON.parse(r.stdout) as LoadSummary).folders;
  expect(s.outcome).toBe('RIFIUTATO');
  expect(s.message).toMatch(/^the load failed and was undone: could not (extend|write to) file .*: No space left on device/);
  expect(await unchangedButRefusal(copy)).toBe(s.message);
  await loadsAfterwards(copy);
  await copy.drop();
}, 240_000);

test('a store that cannot take even the refusal: the summary says the load was undone and not logged, and the store is as before', async () => {
  const copy = await saved.copy();
  const db = await copy.open();
  try {
    // Every new row of the load log is refused, as a disk too full for it would (a WAL segment
    // filled to its end made that happen once; it cannot be brought about here at will).
    await db.exec('ALTER TABLE load_run ADD CONSTRAINT load_log_full CHECK (false) NOT VALID');
    const { folders: [s] } = await loadFolders(db, [folder], { pseudonymKey: TEST_KEY, quarantineDir: tempDir('dasmo-disk-reports-') });
    expect([s.outcome, s.loadId]).toEqual(['RIFIUTATO', null]);
    expect(s.message).toMatch(
      /^the load failed and was undone: .*"load_log_full" \(this refusal could not be written to the store's load log either: .*"load_log_full"\)$/
    );
    await db.exec('ALTER TABLE load_run DROP CONSTRAINT load_log_full');
  } finally {
    await db.close();
  }
  await asBeforeAndLoadsAfterwards(copy);
}, 180_000);

pgliteMountTest('a disk full to the brim stops the embedded database: dasmo says so in a sentence, and the store is as before', async () => {
  const copy = await saved.copy();
  const disk = tempDir('dasmo-disk-brim-');
  // Room for the store as it is and 64 kB more: PGlite stops (a WebAssembly abort; with 256 kB the
  // load fails inside the database and its refusal is logged, as in the test above).
  const sizeKb = Math.ceil(folderBytes(copy.store.dataDir!) / 1024) + 64;
  const r = await dasmoInNamespace(
    `mount -t tmpfs -o size=${sizeKb}k tmpfs "$DISK" && cp -a "$STORE" "$DISK/store"`,
    ['load', folder, '--json'],
    { ...env(copy), DASMO_DATA_DIR: join(disk, 'store'), DISK: disk, STORE: copy.store.dataDir! },
    'rm -rf "$STORE" && cp -a "$DISK/store" "$STORE"'
  );
  expect([r.code, r.stdout]).toEqual([1, '']);
  expect(r.stderr).toBe(
    `dasmo: the embedded database stopped abruptly (PGlite: Aborted()), as it does when the disk holding its folder ${join(disk, 'store')} ` +
      '(DASMO_DATA_DIR) is full; the store keeps what it held before the interrupted command: make room there and run it again.\n'
  );
  await asBeforeAndLoadsAfterwards(copy);
}, 240_000);
