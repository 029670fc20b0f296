/**
 * The nightly loader (EXTRACT.md): `loadFolders(db, folders, options)` loads extract folders in
 * date order, each all or nothing, and returns what happened to every folder and file.
 */
import { basename, join } from 'node:path';
import type { Database } from '../db/database';
import type { ReferenceData } from './applicationRows';
import { loadFolder, refuseFolder, type FolderContext, type LoadProgress } from './loadFolder';
import { readManifest, type Manifest } from './manifest';
import { pseudonymiser } from './pseudonym';
import { FolderRefused } from './refusal';
import type { FolderSummary, LoadSummary } from './summary';

export type { FileSummary, FolderSummary, LoadSummary } from './summary';
export type { LoadProgress } from './loadFolder';
export { formatSummary } from './summary';
export { latestReferenceDate } from './loadLog';
export { pseudonymKeyForCommand, pseudonymKeyFromEnv, PSEUDONYM_KEY_VARIABLE } from './pseudonym';

export interface LoadOptions {
  /** HMAC key for the workers' fiscal codes (DASMO_PSEUDONYM_KEY; the demo passes a generated one). */
  pseudonymKey: string;
  onProgress?: (p: LoadProgress) => void;
  /** Where reports and quarantine files go (`<dir>/<folder name>/`); default: inside each folder. */
  quarantineDir?: string;
  /** Aborted to stop: the folder in progress is undone (its reason becomes the refusal), later ones are not started. */
  signal?: AbortSignal;
}

async function referenceData(db: Database): Promise<ReferenceData> {
  const offices = await db.query<{ office_code: string; region_code: string }>('SELECT office_code, region_code FROM office');
  const regions = await db.query<{ region_code: string }>('SELECT region_code FROM region');
  return {
    officeRegion: new Map(offices.map((o) => [o.office_code, o.region_code])),
    regions: new Set(regions.map((r) => r.region_code)),
  };
}

interface Candidate {
  folder: string;
  manifest: Manifest | null;
  refusal: string | null;
}

function candidate(folder: string): Candidate {
  try {
    return { folder, manifest: readManifest(folder), refusal: null };
  } catch (e) {
    if (!(e instanceof FolderRefused)) {throw e;}
    return { folder, manifest: null, refusal: e.message };
  }
}

/** Loads the folders in reference-date order (given in any order); never throws for a refused folder. */
export async function loadFolders(db: Database, folders: string[], options: LoadOptions): Promise<LoadSummary> {
  const pseudonym = pseudonymiser(options.pseudonymKey);
  const reference = await referenceData(db);
  const sortKey = (c: Candidate) => c.manifest?.referenceDate ?? basename(c.folder);
  const candidates = folders.map(candidate).sort((a, b) => sortKey(a).localeCompare(sortKey(b)));
  const results: FolderSummary[] = [];
  for (const c of candidates) {
    if (options.signal?.aborted) {break;}
    const ctx: FolderContext = {
      pseudonym,
      reference,
      reportDir: options.quarantineDir ? join(options.quarantineDir, basename(c.folder)) : c.folder,
      onProgress: options.onProgress ?? (() => undefined),
      signal: options.signal,
    };
    results.push(
      c.manifest
        ? await loadFolder(db, c.folder, c.manifest, ctx)
        : await refuseFolder(db, c.folder, null, c.refusal!, new Date(), ctx)
    );
  }
  return { folders: results, refused: results.filter((r) => r.outcome === 'RIFIUTATO').length };
}
