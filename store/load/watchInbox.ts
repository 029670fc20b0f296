/**
 * `dasmo watch`: polls an inbox for extract folders. A sub-folder is ready when its
 * manifest.json exists (the producer writes it last); ready folders are loaded in date order,
 * then moved to `archive/` (loaded, or already loaded) or `quarantine/` (refused).
 */
import { existsSync, mkdirSync, readdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from '../db/database';
import { loadFolders, type LoadOptions } from './index';
import { MANIFEST_FILE, readManifest } from './manifest';
import type { FolderSummary } from './summary';

export const ARCHIVE_DIR = 'archive';
export const QUARANTINE_DIR = 'quarantine';

export interface WatchOptions extends LoadOptions {
  /** Milliseconds between two looks at the inbox. */
  intervalMs?: number;
  /** Called after each folder, once it has been moved. */
  onFolder?: (summary: FolderSummary, movedTo: string) => void;
}

function referenceDateOf(folder: string, name: string): string {
  try {
    return readManifest(folder).referenceDate;
  } catch {
    return name;
  }
}

/** Sub-folders whose manifest has arrived, oldest reference date first. */
export function readyFolders(inbox: string): string[] {
  return readdirSync(inbox, { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name !== ARCHIVE_DIR && d.name !== QUARANTINE_DIR)
    .filter((d) => existsSync(join(inbox, d.name, MANIFEST_FILE)))
    .map((d) => ({ path: join(inbox, d.name), date: referenceDateOf(join(inbox, d.name), d.name) }))
    .sort((a, b) => a.date.localeCompare(b.date) || a.path.localeCompare(b.path))
    .map((f) => f.path);
}

/** Moves a folder into `target`, never over an earlier one of the same name. */
function moveInto(folder: string, target: string): string {
  mkdirSync(target, { recursive: true });
  const name = folder.split(/[\\/]/).pop()!;
  let dest = join(target, name);
  for (let n = 2; existsSync(dest); n++) {dest = join(target, `${name}.${n}`);}
  renameSync(folder, dest);
  return dest;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done);
  });
}

/** Runs until `signal` aborts; the folder in progress is finished first. */
export async function watchInbox(db: Database, inbox: string, options: WatchOptions, signal: AbortSignal): Promise<void> {
  if (!existsSync(inbox)) {throw new Error(`The inbox ${inbox} does not exist.`);}
  while (!signal.aborted) {
    for (const folder of readyFolders(inbox)) {
      if (signal.aborted) {break;}
      const { folders: [summary] } = await loadFolders(db, [folder], options);
      const movedTo = moveInto(folder, join(inbox, summary.outcome === 'RIFIUTATO' ? QUARANTINE_DIR : ARCHIVE_DIR));
      options.onFolder?.(summary, movedTo);
    }
    await sleep(options.intervalMs ?? 2000, signal);
  }
}
