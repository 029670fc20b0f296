/**
 * manifest.json (EXTRACT.md): the folder's reference date and, for each file, its data rows and
 * SHA-256. It is checked before anything is read: a file missing, another row count or another
 * checksum refuses the whole folder, naming the file and what differs.
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { isIsoDay } from '../../src/model/calendar';
import { RecordCounter } from './recordCounter';
import { FolderRefused } from './refusal';

/** The files of a daily extract, in the order they are loaded (SR41 rows need their applications). */
export const EXTRACT_FILES = ['domande.csv', 'sr41.csv'] as const;
export type ExtractFile = (typeof EXTRACT_FILES)[number];

export const MANIFEST_FILE = 'manifest.json';

export interface Manifest {
  referenceDate: string;
  files: Record<ExtractFile, { rows: number; sha256: string }>;
  /** SHA-256 of manifest.json itself: with the reference date, what makes a load "the same". */
  sha256: string;
}

/** Reads and checks the shape of manifest.json; FolderRefused when it is missing or malformed. */
export function readManifest(folder: string): Manifest {
  const path = join(folder, MANIFEST_FILE);
  if (!existsSync(path)) {
    throw new FolderRefused(`${MANIFEST_FILE} is missing from folder ${basename(folder)}.`);
  }
  const bytes = readFileSync(path);
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new FolderRefused(`${MANIFEST_FILE} is not valid JSON: ${(e as Error).message}.`);
  }
  const m = json as { dataRiferimento?: unknown; file?: Record<string, { righe?: unknown; sha256?: unknown }> };
  if (typeof m.dataRiferimento !== 'string' || !isIsoDay(m.dataRiferimento)) {
    throw new FolderRefused(`${MANIFEST_FILE}: dataRiferimento must be a date written AAAA-MM-GG.`);
  }
  const files = {} as Manifest['files'];
  for (const name of EXTRACT_FILES) {
    const entry = m.file?.[name];
    if (!entry) {
      throw new FolderRefused(`${MANIFEST_FILE} does not describe ${name} (file.${name} is missing).`);
    }
    if (typeof entry.righe !== 'number' || !Number.isInteger(entry.righe) || entry.righe < 0) {
      throw new FolderRefused(`${MANIFEST_FILE}: file.${name}.righe must be a whole number of data rows.`);
    }
    if (typeof entry.sha256 !== 'string' || !/^[0-9a-fA-F]{64}$/.test(entry.sha256)) {
      throw new FolderRefused(`${MANIFEST_FILE}: file.${name}.sha256 must be 64 hexadecimal digits.`);
    }
    files[name] = { rows: entry.righe, sha256: entry.sha256.toLowerCase() };
  }
  // Files the contract does not know: ignoring one would drop a whole file of data in silence.
  const unknown = Object.keys(m.file ?? {}).filter((name) => !(EXTRACT_FILES as readonly string[]).includes(name));
  if (unknown.length > 0) {
    throw new FolderRefused(
      `${MANIFEST_FILE} lists ${unknown.join(', ')}, which ${unknown.length > 1 ? 'are not files' : 'is not a file'} of the daily extract ` +
        `(only ${EXTRACT_FILES.join(' and ')}): the producer and the loader disagree on what the folder holds.`
    );
  }
  const folderDate = basename(folder);
  if (isIsoDay(folderDate) && folderDate !== m.dataRiferimento) {
    throw new FolderRefused(
      `folder ${folderDate} holds a ${MANIFEST_FILE} for reference date ${m.dataRiferimento}; the two must agree.`
    );
  }
  return { referenceDate: m.dataRiferimento, files, sha256: createHash('sha256').update(bytes).digest('hex') };
}

/** SHA-256 and data rows (records minus the header) of one file, in one streaming pass. */
export async function measureFile(path: string): Promise<{ rows: number; sha256: string }> {
  const hash = createHash('sha256');
  const counter = new RecordCounter();
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    hash.update(chunk as Buffer);
    counter.push(chunk as Buffer);
  }
  return { rows: Math.max(0, counter.finish() - 1), sha256: hash.digest('hex') };
}

/** Checks every file against the manifest; FolderRefused naming the first file that differs. */
export async function verifyManifest(folder: string, manifest: Manifest): Promise<void> {
  for (const name of EXTRACT_FILES) {
    const path = join(folder, name);
    if (!existsSync(path)) {
      throw new FolderRefused(`${name} is listed in ${MANIFEST_FILE} but missing from the folder.`);
    }
    const expected = manifest.files[name];
    const actual = await measureFile(path);
    if (actual.rows !== expected.rows) {
      throw new FolderRefused(`${name} has ${actual.rows} data rows, ${MANIFEST_FILE} says ${expected.rows}.`);
    }
    if (actual.sha256 !== expected.sha256) {
      throw new FolderRefused(`${name} has SHA-256 ${actual.sha256}, ${MANIFEST_FILE} says ${expected.sha256}.`);
    }
  }
}
