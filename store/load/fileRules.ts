/**
 * What the reading phase does with each file of the extract: its columns, its staging table,
 * and the checks and COPY line of its rows (applicationRows.ts, sr41Rows.ts).
 */
import { APPLICATION_COLUMNS, applicationRowRules, STAGED_APPLICATION_COLUMNS, type ReferenceData } from './applicationRows';
import type { Fields } from './fields';
import type { Rejection } from './reasons';
import { SR41_COLUMNS, sr41RowRules, STAGED_SR41_COLUMNS } from './sr41Rows';
import { APPLICATION_SUBJECT, type Subject } from './subjects';

/** What is done with each row of a file, its columns' positions taken from the header once. */
export interface RowRules {
  /** The first rule of EXTRACT.md the row breaks on its own, or null when it may be staged. */
  check(f: Fields): Rejection | null;
  /** The row's line of the staging table's COPY (columns in `stageColumns` order), for a row `check` passed. */
  copyLine(line: number, f: Fields): string;
}

export interface FileRules {
  name: string;
  columns: readonly string[];
  stageTable: string;
  stageColumns: readonly string[];
  /** The rules of the file's rows, for a header that put the columns at `position`. */
  rowRules(position: Readonly<Record<string, number>>): RowRules;
}

/** The rules of `subject`'s file in a folder of reference date `referenceDate`. */
export function fileRules(
  subject: Subject,
  referenceDate: string,
  reference: ReferenceData,
  pseudonym: (fiscalCode: string) => string
): FileRules {
  const staging = { name: subject.file, stageTable: subject.stageTable };
  return subject === APPLICATION_SUBJECT
    ? {
        ...staging,
        columns: APPLICATION_COLUMNS,
        stageColumns: STAGED_APPLICATION_COLUMNS,
        rowRules: (position) => applicationRowRules(position, reference, referenceDate),
      }
    : {
        ...staging,
        columns: SR41_COLUMNS,
        stageColumns: STAGED_SR41_COLUMNS,
        rowRules: (position) => sr41RowRules(position, referenceDate, pseudonym),
      };
}
