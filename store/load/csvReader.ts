/**
 * Streams a CSV file of the extract (EXTRACT.md "CSV rules": UTF-8 with an optional BOM, `;`,
 * a header, RFC 4180 quoting, LF or CRLF) as records with their line number and original text,
 * never holding the file in memory.
 */
import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';
import { FolderRefused } from './refusal';

export interface CsvRecord {
  /** Line of the file where the record starts (the header is line 1). */
  line: number;
  fields: string[];
  /** The record as written in the file, without its line end. */
  raw: string;
}

export interface CsvHeader {
  /** Position of each column the caller knows, by name. */
  position: Record<string, number>;
  /** Columns present in the file that the caller does not know: ignored, reported once. */
  ignored: string[];
  width: number;
}

function newlinesIn(fields: string[]): number {
  let n = 0;
  for (const f of fields) {
    for (let i = f.indexOf('\n'); i !== -1; i = f.indexOf('\n', i + 1)) {n++;}
  }
  return n;
}

/** Every record of the file, the header included, in file order. */
export async function* csvRecords(path: string, fileName: string): AsyncGenerator<CsvRecord> {
  const parser = createReadStream(path, { highWaterMark: 1 << 20 }).pipe(
    parse({
      delimiter: ';',
      bom: true,
      raw: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      record_delimiter: ['\r\n', '\n'],
    })
  );
  try {
    for await (const item of parser) {
      const { record, raw, info } = item as { record: string[]; raw: string; info: { lines: number } };
      yield { line: info.lines - newlinesIn(record), fields: record, raw: raw.replace(/^[\r\n]+|[\r\n]+$/g, '') };
    }
  } catch (e) {
    if (e instanceof FolderRefused) {throw e;}
    const err = e as Error & { lines?: number };
    throw new FolderRefused(`${fileName} cannot be read as CSV${err.lines ? ` at line ${err.lines}` : ''}: ${err.message}`);
  }
}

/** Matches the header against the columns the file must have; FolderRefused when one is missing. */
export function checkHeader(fileName: string, header: string[], columns: readonly string[]): CsvHeader {
  const position: Record<string, number> = {};
  const seen = new Set<string>();
  header.forEach((name, i) => {
    if (seen.has(name)) {
      throw new FolderRefused(`${fileName}: column "${name}" appears twice in the header.`);
    }
    seen.add(name);
    if (columns.includes(name)) {position[name] = i;}
  });
  const missing = columns.filter((c) => !(c in position));
  if (missing.length > 0) {
    throw new FolderRefused(
      `${fileName}: the header lacks the required column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} ` +
        `(names must be exact; found: ${header.join(';')}).`
    );
  }
  return { position, ignored: header.filter((h) => !columns.includes(h)), width: header.length };
}
