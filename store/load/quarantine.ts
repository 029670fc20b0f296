/**
 * Rejected rows, kept twice (EXTRACT.md "Nothing lost, nothing silent"):
 * - as sent, in a quarantine file beside the load report (`scarti/<file>.scarti.csv`), safe to
 *   open in a spreadsheet;
 * - masked, in the store's `rejected_row`: the fiscal code replaced by its pseudonym, the IBAN by
 *   a fixed mask, so that a dump of the store never holds either.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ReasonCode } from './reasons';

export interface RejectedRow {
  line: number;
  code: ReasonCode;
  message: string;
  /** The record as written in the file. */
  raw: string;
  fields: string[];
}

export const IBAN_MASK = 'IBAN-OMESSO';
export const NUL_MARK = '\\0';
const FISCAL_CODE_ANYWHERE = /[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]/gi;
const IBAN_ANYWHERE = /[A-Z]{2}\d{2}[A-Z0-9 ]{11,34}/g;
const CSV_SPECIAL = /[;"\r\n]/;

/** The row as the store keeps it: personal data out, the rest as sent, `;`-separated. */
export function maskRow(
  row: RejectedRow,
  position: Readonly<Record<string, number>>,
  pseudonym: (fiscalCode: string) => string
): string {
  return row.fields
    .map((value, i) => {
      // A row with the wrong number of fields may hold personal data in any column: mask by pattern too.
      if (i === position.codice_fiscale && value !== '') {return pseudonym(value);}
      if (i === position.iban && value !== '') {return IBAN_MASK;}
      return value.replace(FISCAL_CODE_ANYWHERE, (cf) => pseudonym(cf)).replace(IBAN_ANYWHERE, IBAN_MASK);
    })
    // PostgreSQL text cannot hold a NUL (a row rejected for one would fail the whole folder's COPY).
    .map((v) => (v.includes('\u0000') ? v.replace(/\u0000/g, NUL_MARK) : v))
    .map((v) => (CSV_SPECIAL.test(v) ? `"${v.replace(/"/g, '""')}"` : v))
    .join(';');
}

/** A cell a spreadsheet shows as text: formulas (= + - @, tab, CR at the start) are defused with a quote. */
export function spreadsheetCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return CSV_SPECIAL.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export const QUARANTINE_SUBDIR = 'scarti';
export const REPORT_FILE = 'esito.json';

export function quarantineFileName(fileName: string): string {
  return fileName.replace(/\.csv$/, '.scarti.csv');
}

/** Writes `<reportDir>/scarti/<file>.scarti.csv` (or removes a stale one when nothing was rejected). */
export function writeQuarantineFile(reportDir: string, fileName: string, rows: readonly RejectedRow[]): string | null {
  const dir = join(reportDir, QUARANTINE_SUBDIR);
  const path = join(dir, quarantineFileName(fileName));
  if (rows.length === 0) {
    rmSync(path, { force: true });
    return null;
  }
  mkdirSync(dir, { recursive: true });
  const lines = ['riga;codice;messaggio;riga_originale'];
  for (const r of [...rows].sort((a, b) => a.line - b.line)) {
    lines.push([String(r.line), r.code, spreadsheetCell(r.message), spreadsheetCell(r.raw)].join(';'));
  }
  // BOM and CRLF: spreadsheets then open the file as UTF-8 without asking.
  writeFileSync(path, `\uFEFF${lines.join('\r\n')}\r\n`);
  return path;
}

/** Copy rows for table rejected_row. */
export function rejectedRowValues(
  loadId: number,
  fileName: string,
  row: RejectedRow,
  masked: string
): string[] {
  return [String(loadId), fileName, String(row.line), row.code, row.message, masked];
}
