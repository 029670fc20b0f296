/** What a load reports, per folder and per file (`dasmo load --json` prints a LoadSummary). */
import type { LoadOutcome } from './loadLog';

export interface FileSummary {
  file: string;
  /** Data rows read (header excluded): always loaded + duplicates + rejected. */
  read: number;
  loaded: number;
  /** Rows whose (key, stato, data_stato) was already stored or came earlier in the file. */
  duplicates: number;
  rejected: number;
  /** Rejected rows by reason code (store/load/reasons.ts). */
  rejectsByReason: Record<string, number>;
  /** Columns of the file the loader does not know: ignored. */
  ignoredColumns: string[];
  /** The quarantine file of the rejected rows, as sent; null when none was rejected. */
  quarantineFile: string | null;
}

export interface FolderSummary {
  folder: string;
  /** From manifest.json; null when the manifest could not be read. */
  referenceDate: string | null;
  outcome: LoadOutcome;
  /** Why the folder was refused, or a note for GIA_CARICATO; null for a plain load. */
  message: string | null;
  /** The load_run row of this attempt. */
  loadId: number | null;
  /** Per file; empty when the folder was refused or already loaded. */
  files: FileSummary[];
  /** Days found missing before this folder, recorded in data_gap. */
  gaps: string[];
  /** First and last day whose rollups were recomputed; null when nothing was loaded. */
  recomputed: { from: string; to: string } | null;
  /** The load report (esito.json) written for the folder, if any. */
  reportFile: string | null;
}

export interface LoadSummary {
  /** In the order loaded: by reference date. */
  folders: FolderSummary[];
  /** How many folders were refused (the command's exit status is non-zero when any). */
  refused: number;
}

/** The summary in plain sentences, one block per folder. */
export function formatSummary(s: LoadSummary): string {
  const out: string[] = [];
  for (const f of s.folders) {
    const head = `${f.folder} (${f.referenceDate ?? 'no reference date'}): ${f.outcome}`;
    out.push(f.message ? `${head}: ${f.message}` : head);
    for (const file of f.files) {
      const reasons = Object.entries(file.rejectsByReason).map(([code, n]) => `${code} ${n}`).join(', ');
      out.push(
        `  ${file.file}: ${file.read} read, ${file.loaded} loaded, ${file.duplicates} duplicates, ${file.rejected} rejected` +
          (reasons ? ` (${reasons})` : '')
      );
      if (file.ignoredColumns.length > 0) {out.push(`    ignored columns: ${file.ignoredColumns.join(', ')}`);}
      if (file.quarantineFile) {out.push(`    rejected rows: ${file.quarantineFile}`);}
    }
    if (f.gaps.length > 0) {out.push(`  no extract for: ${f.gaps.join(', ')} (recorded as gaps)`);}
    if (f.recomputed) {out.push(`  figures recomputed from ${f.recomputed.from} to ${f.recomputed.to}`);}
  }
  out.push(
    `${s.folders.length} folder${s.folders.length === 1 ? '' : 's'}, ${s.refused} refused.`
  );
  return out.join('\n');
}
