/**
 * One folder, all or nothing: manifest check, then a single transaction that stages, validates
 * and saves both files, keeps the rejected rows, records gaps and recomputes the rollups of the
 * days touched. A refusal is logged after the rollback; the quarantine files and the load report
 * are written just before the commit, so a report folder that cannot be written undoes the load
 * instead of leaving it loaded but unreported.
 */
import { accessSync, constants, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Database, Queryable } from '../db/database';
import { vacuumStore } from '../db/vacuum';
import { refreshRollups } from '../rollup/refresh';
import type { ReferenceData } from './applicationRows';
import { CopyWriter } from './copyWriter';
import { setFactIndexesAside, storeIsEmpty } from './factIndexes';
import { firstTouchedDay, insertEvents, saveAttributes, walkHistory } from './facts';
import { finishLoadRun, insertLoadFile, insertLoadRun, latestReferenceDate, lockLoader, recordGaps, wasLoaded } from './loadLog';
import { verifyManifest, type Manifest } from './manifest';
import { maskRow, REPORT_FILE, writeQuarantineFile, type RejectedRow } from './quarantine';
import type { Rejection } from './reasons';
import { fileRules } from './fileRules';
import { readExtractFile, recordsAt, type FileRead } from './readExtractFile';
import { FolderRefused } from './refusal';
import { checkSr41Applications } from './sr41Checks';
import { APPLICATION_SUBJECT, SR41_SUBJECT, STAGING_SQL, type Subject } from './subjects';
import type { FileSummary, FolderSummary } from './summary';

export interface LoadProgress {
  folder: string;
  phase: 'checking manifest' | 'reading' | 'checking history' | 'building indexes' | 'recomputing figures' | 'vacuuming' | 'done';
  file?: string;
  rowsRead?: number;
  /** Data rows of the file, from the manifest. */
  rowsTotal?: number;
}

export interface FolderContext {
  pseudonym: (fiscalCode: string) => string;
  reference: ReferenceData;
  /** Where esito.json and scarti/ go: the folder itself unless a quarantine directory is set. */
  reportDir: string;
  onProgress: (p: LoadProgress) => void;
  /** Aborted to stop (SIGTERM): the folder's transaction is undone at the next phase or 10,000 rows. */
  signal?: AbortSignal;
}

interface SavedFile {
  read: FileRead;
  loaded: number;
  duplicates: number;
  touchedFrom: string | null;
}

/** Reads, checks and saves one file of the folder inside the transaction. */
async function saveFile(
  tx: Queryable, folder: string, subject: Subject, manifest: Manifest, loadId: number, emptyStore: boolean, ctx: FolderContext
): Promise<SavedFile> {
  const progress = (rowsRead: number) =>
    ctx.onProgress({ folder, phase: 'reading', file: subject.file, rowsRead, rowsTotal: manifest.files[subject.file].rows });
  const read = await readExtractFile(tx, folder, fileRules(subject, manifest.referenceDate, ctx.reference, ctx.pseudonym), (_f, n) => progress(n));
  // Once per file, before every statement that joins the staged rows (the SQL checks, the walk).
  await tx.query(`ANALYZE ${subject.stageTable}`);
  ctx.onProgress({ folder, phase: 'checking history', file: subject.file });
  const later = new Map<number, Rejection>();
  const onReject = (line: number, r: Rejection) => later.set(line, r);
  if (subject === SR41_SUBJECT) {await checkSr41Applications(tx, emptyStore, onReject);}
  const { duplicates, firstDay } = await walkHistory(tx, subject, loadId, emptyStore, onReject);
  const touchedFrom = await firstTouchedDay(tx, subject, emptyStore, firstDay);
  await saveAttributes(tx, subject, emptyStore);
  const loaded = await insertEvents(tx, subject, loadId, emptyStore);
  // The SR41 checks join the applications just saved: the planner must know how many there are.
  if (emptyStore) {
    await tx.query(`ANALYZE ${subject.factTable}`);
    await tx.query(`ANALYZE ${subject.eventTable}`);
  }
  // Rows rejected by the SQL checks: their original text is read again from the file.
  const originals = await recordsAt(folder, subject.file, new Set(later.keys()));
  for (const [line, r] of later) {
    const original = originals.get(line)!;
    read.rejected.set(line, { line, ...r, raw: original.raw, fields: original.fields });
  }
  if (read.read !== loaded + duplicates + read.rejected.size) {
    throw new Error(`${subject.file}: ${read.read} rows read but ${loaded} loaded + ${duplicates} duplicates + ${read.rejected.size} rejected (a loader bug).`);
  }
  // A folder that loads no row of the file touches no day through it.
  return { read, loaded, duplicates, touchedFrom: loaded > 0 ? touchedFrom : null };
}

function counts(f: SavedFile): Omit<FileSummary, 'quarantineFile'> {
  const rejectsByReason: Record<string, number> = {};
  for (const r of f.read.rejected.values()) {rejectsByReason[r.code] = (rejectsByReason[r.code] ?? 0) + 1;}
  return {
    file: f.read.name,
    read: f.read.read,
    loaded: f.loaded,
    duplicates: f.duplicates,
    rejected: f.read.rejected.size,
    rejectsByReason,
    ignoredColumns: f.read.header.ignored,
  };
}

async function saveRejectedRows(tx: Queryable, loadId: number, files: SavedFile[], ctx: FolderContext): Promise<void> {
  const writer = new CopyWriter(tx, 'rejected_row', ['load_id', 'file_name', 'line_number', 'reason_code', 'message', 'masked_line']);
  for (const f of files) {
    for (const r of f.read.rejected.values()) {
      await writer.add([String(loadId), f.read.name, String(r.line), r.code, r.message, maskRow(r, f.read.header.position, ctx.pseudonym)]);
    }
  }
  await writer.close();
}

function writeReport(ctx: FolderContext, summary: FolderSummary): string {
  mkdirSync(ctx.reportDir, { recursive: true });
  const path = join(ctx.reportDir, REPORT_FILE);
  writeFileSync(path, `${JSON.stringify({ ...summary, reportFile: undefined }, null, 2)}\n`);
  return path;
}

/**
 * The system's own word for why a folder cannot be written: that of its nearest existing folder
 * when it refuses writes (a recursive mkdir on a read-only disk says only ENOENT), else `e`'s.
 */
function whyNotWritable(dir: string, e: Error): string {
  for (let d = dir; ; d = dirname(d)) {
    if (existsSync(d)) {
      try {
        accessSync(d, constants.W_OK);
      } catch (refused) {
        return (refused as Error).message;
      }
      return e.message;
    }
    if (dirname(d) === d) {return e.message;}
  }
}

/** Quarantine files and report of a loaded folder; a folder that cannot be written refuses the load. */
function writeLoadedReport(ctx: FolderContext, summary: FolderSummary, saved: SavedFile[]): void {
  try {
    summary.files = saved.map((f) => ({ ...counts(f), quarantineFile: writeQuarantineFile(ctx.reportDir, f.read.name, [...f.read.rejected.values()]) }));
    summary.reportFile = writeReport(ctx, summary);
  } catch (e) {
    throw new FolderRefused(
      `the load report and quarantine files cannot be written in ${ctx.reportDir} (${whyNotWritable(ctx.reportDir, e as Error)}), so nothing was loaded: ` +
        'make that folder writable, or set DASMO_QUARANTINE_DIR to one that is, and load the folder again.'
    );
  }
}

function emptySummary(folder: string, manifest: Manifest | null): FolderSummary {
  return {
    folder: basename(folder), referenceDate: manifest?.referenceDate ?? null, outcome: 'CARICATO', message: null,
    loadId: null, files: [], gaps: [], recomputed: null, reportFile: null,
  };
}

/** Logs a refusal outside any transaction, writes its report, and returns its summary. */
export async function refuseFolder(db: Database, folder: string, manifest: Manifest | null, message: string, startedAt: Date, ctx: FolderContext): Promise<FolderSummary> {
  const fallbackDay = /^\d{4}-\d{2}-\d{2}$/.test(basename(folder)) ? basename(folder) : startedAt.toISOString().slice(0, 10);
  let loadId: number | null = null;
  let said = message;
  try {
    loadId = await insertLoadRun(db, {
      referenceDate: manifest?.referenceDate ?? fallbackDay, folderName: basename(folder), manifestSha256: manifest?.sha256 ?? null,
      outcome: 'RIFIUTATO', message, startedAt,
    });
  } catch (e) {
    // A disk too full for even the refusal's row, or a database gone: the summary still says
    // what happened, and that the load log does not.
    said = `${message} (this refusal could not be written to the store's load log either: ${(e as Error).message})`;
  }
  const summary: FolderSummary = { ...emptySummary(folder, manifest), outcome: 'RIFIUTATO', message: said, loadId };
  try {
    summary.reportFile = writeReport(ctx, summary);
  } catch {
    // A folder we may not write into still gets its refusal in the load log and the summary.
  }
  return summary;
}

export async function loadFolder(db: Database, folder: string, manifest: Manifest, ctx: FolderContext): Promise<FolderSummary> {
  const startedAt = new Date();
  const run = { referenceDate: manifest.referenceDate, folderName: basename(folder), manifestSha256: manifest.sha256, startedAt };
  const already = async (q: Queryable): Promise<FolderSummary> => ({
    ...emptySummary(folder, manifest),
    outcome: 'GIA_CARICATO',
    message: 'this folder (same reference date, same manifest) was loaded before; nothing changed',
    loadId: await insertLoadRun(q, { ...run, outcome: 'GIA_CARICATO', message: 'already loaded' }),
  });
  if (await wasLoaded(db, manifest.referenceDate, manifest.sha256)) {return already(db);}
  let summary: FolderSummary;
  // True when the folder went into an empty store: the bulk load that is vacuumed after its commit.
  let bulk = false;
  const onProgress = ctx.onProgress;
  try {
    // Every progress report is also where a stop request undoes the folder's transaction.
    ctx = { ...ctx, onProgress: (p) => (ctx.signal?.throwIfAborted(), onProgress(p)) };
    ctx.onProgress({ folder, phase: 'checking manifest' });
    await verifyManifest(folder, manifest);
    summary = await db.transaction(async (tx): Promise<FolderSummary> => {
      await lockLoader(tx);
      // Sorting the folder's keys with their history must not spill to disk.
      await tx.query(`SET LOCAL work_mem = '${db.kind === 'postgres' ? '256MB' : '64MB'}'`);
      if (db.kind === 'postgres') {await tx.query(`SET LOCAL maintenance_work_mem = '512MB'`);}
      // The load is all or nothing either way; only the wait for the commit's disk flush goes.
      await tx.query('SET LOCAL synchronous_commit = off');
      if (await wasLoaded(tx, manifest.referenceDate, manifest.sha256)) {return already(tx);}
      const loadId = await insertLoadRun(tx, { ...run, outcome: 'CARICATO', message: null });
      await tx.exec(STAGING_SQL);
      const emptyStore = await storeIsEmpty(tx);
      bulk = emptyStore;
      // A folder into a stored store (a night) runs key lookups for a sliver of the facts: compiling
      // its statements (JIT) cost more than they ran, 0.2-0.3 s each in the national night's checks.
      // The bulk load's scans of tens of millions of rows keep it.
      if (!emptyStore) {await tx.query('SET LOCAL jit = off');}
      const restoreIndexes = emptyStore ? await setFactIndexesAside(tx) : null;
      const files: SavedFile[] = [];
      for (const subject of [APPLICATION_SUBJECT, SR41_SUBJECT]) {
        files.push(await saveFile(tx, folder, subject, manifest, loadId, emptyStore, ctx));
      }
      if (restoreIndexes) {
        ctx.onProgress({ folder, phase: 'building indexes' });
        await restoreIndexes();
      }
      await saveRejectedRows(tx, loadId, files, ctx);
      for (const f of files) {await insertLoadFile(tx, loadId, counts(f));}
      const gaps = await recordGaps(tx, loadId, manifest.referenceDate);
      const from = files.map((f) => f.touchedFrom).filter((d): d is string => d !== null).sort()[0];
      const to = (await latestReferenceDate(tx))!;
      if (from) {
        ctx.onProgress({ folder, phase: 'recomputing figures' });
        await refreshRollups(tx, from, to);
      }
      await finishLoadRun(tx, loadId);
      const s: FolderSummary = { ...emptySummary(folder, manifest), loadId, gaps, recomputed: from ? { from, to } : null };
      ctx.signal?.throwIfAborted();
      writeLoadedReport(ctx, s, files);
      return s;
    });
  } catch (e) {
    const message = e instanceof FolderRefused ? e.message : `the load failed and was undone: ${(e as Error).message}`;
    return refuseFolder(db, folder, manifest, message, startedAt, ctx);
  }
  if (bulk && summary.outcome === 'CARICATO') {
    onProgress({ folder, phase: 'vacuuming' });
    try {
      await vacuumStore(db);
    } catch (e) {
      // The folder is loaded and committed; only the upkeep after it failed.
      summary.message = `the folder is loaded, but the VACUUM (ANALYZE) after this first load failed (${(e as Error).message}): run it on the database, or leave it to autovacuum`;
    }
  }
  onProgress({ folder, phase: 'done' });
  return summary;
}
