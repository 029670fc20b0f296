/**
 * Reads one CSV file of a folder: checks the header, checks each row on its own, stages the
 * valid ones through COPY and keeps the rejected ones (with their original text) for the
 * quarantine. Streams: only the rejected rows stay in memory.
 */
import { join } from 'node:path';
import type { Queryable } from '../db/database';
import { CopyWriter } from './copyWriter';
import { checkHeader, csvBatches, csvRecords, type CsvHeader, type CsvRecord } from './csvReader';
import type { FileRules } from './fileRules';
import type { RejectedRow } from './quarantine';
import { rejection, type Rejection } from './reasons';
import { FolderRefused } from './refusal';

export interface FileRead {
  name: string;
  header: CsvHeader;
  read: number;
  staged: number;
  /** Rejected rows by line number: those of this pass, and later those of the SQL checks. */
  rejected: Map<number, RejectedRow>;
}

export type RowsProgress = (file: string, rowsRead: number) => void;

const PROGRESS_EVERY = 10_000;

/**
 * No field of the extract comes near this (the longest, an IBAN, has 34 characters): a longer
 * one is a broken export, and as a key it could not even be indexed (one bad row would then fail
 * the whole folder).
 */
export const MAX_FIELD_LENGTH = 500;

function tooLong(fields: readonly string[], header: CsvHeader): Rejection | null {
  const i = fields.findIndex((f) => f.length > MAX_FIELD_LENGTH);
  if (i === -1) {return null;}
  const field = Object.keys(header.position).find((c) => header.position[c] === i) ?? `field ${i + 1}`;
  return rejection('CAMPO_TROPPO_LUNGO', { field, length: fields[i].length, max: MAX_FIELD_LENGTH });
}

/** The header record: the first of the file, which may come after empty batches (a long first line). */
async function headerRecord(batches: AsyncGenerator<CsvRecord[]>, fileName: string): Promise<{ header: CsvRecord; rest: CsvRecord[] }> {
  for (;;) {
    const next = await batches.next();
    if (next.done) {throw new FolderRefused(`${fileName} is empty: it needs at least its header row.`);}
    if (next.value.length > 0) {return { header: next.value[0], rest: next.value.slice(1) };}
  }
}

export async function readExtractFile(
  tx: Queryable,
  folder: string,
  rules: FileRules,
  onRows: RowsProgress = () => undefined
): Promise<FileRead> {
  const batches = csvBatches(join(folder, rules.name), rules.name);
  const first = await headerRecord(batches, rules.name);
  const header = checkHeader(rules.name, first.header.fields, rules.columns);
  const rows = rules.rowRules(header.position);
  const writer = new CopyWriter(tx, rules.stageTable, rules.stageColumns);
  const rejected = new Map<number, RejectedRow>();
  let read = 0;
  const readBatch = (batch: readonly CsvRecord[]) => {
    for (const rec of batch) {
      read++;
      // The text first (encoding, fields, length), then the rules of the row's columns.
      const problem: Rejection | null = rec.unreadable
        ? rejection('CODIFICA_NON_VALIDA', { detail: rec.unreadable })
        : rec.fields.length !== header.width
          ? rejection('COLONNE_ERRATE', { count: rec.fields.length, expected: header.width })
          : rec.raw.length > MAX_FIELD_LENGTH
            ? tooLong(rec.fields, header) ?? rows.check(rec.fields)
            : rows.check(rec.fields);
      if (problem) {
        rejected.set(rec.line, { line: rec.line, ...problem, raw: rec.raw, fields: rec.fields });
      } else {
        writer.addLine(rows.copyLine(rec.line, rec.fields));
      }
      if (read % PROGRESS_EVERY === 0) {onRows(rules.name, read);}
    }
  };
  readBatch(first.rest);
  // One await per chunk of the file: the next chunk is parsed while COPY sends the previous one.
  for await (const batch of batches) {
    if (writer.full) {await writer.flush();}
    readBatch(batch);
  }
  await writer.close();
  onRows(rules.name, read);
  return { name: rules.name, header, read, staged: writer.rows, rejected };
}

/** The original text and fields of the given lines, read again from the file (rows rejected by SQL checks). */
export async function recordsAt(folder: string, fileName: string, lines: ReadonlySet<number>): Promise<Map<number, { raw: string; fields: string[] }>> {
  const found = new Map<number, { raw: string; fields: string[] }>();
  if (lines.size === 0) {return found;}
  for await (const rec of csvRecords(join(folder, fileName), fileName)) {
    if (lines.has(rec.line)) {found.set(rec.line, { raw: rec.raw, fields: rec.fields });}
    if (found.size === lines.size) {break;}
  }
  return found;
}
