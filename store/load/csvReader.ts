/**
 * Streams a CSV file of the extract (EXTRACT.md "CSV rules": UTF-8 with an optional BOM, `;`,
 * a header, RFC 4180 quoting, LF or CRLF, empty lines skipped) as records with their line
 * number and original text, never holding the file in memory.
 *
 * Hand-written rather than csv-parse: at national scale (tens of millions of rows) the loader
 * must read well over 100,000 rows a second, and most lines carry no quote at all, so they are
 * split natively; only lines with a quote go through the character-by-character parser.
 */
import { createReadStream } from 'node:fs';
import { FolderRefused } from './refusal';

export interface CsvRecord {
  /** Line of the file where the record starts (the header is line 1). */
  line: number;
  fields: string[];
  /** The record as written in the file, without its line end. */
  raw: string;
  /** Why the record's text cannot be trusted (not UTF-8, a BOM or a NUL inside), if it cannot. */
  unreadable?: string;
}

export interface CsvHeader {
  /** Position of each column the caller knows, by name. */
  position: Record<string, number>;
  /** Columns present in the file that the caller does not know: ignored, reported once. */
  ignored: string[];
  width: number;
}

const stripCr = (s: string) => (s.endsWith('\r') ? s.slice(0, -1) : s);

/**
 * Characters no field may hold: U+FFFD is what the UTF-8 decoder leaves for bytes that are not
 * UTF-8 (a Latin-1 export), U+FEFF a BOM past the file's start (files glued together), U+0000 a
 * NUL, which PostgreSQL cannot store and which would fail the whole folder's COPY.
 */
const UNREADABLE = /[\uFFFD\uFEFF\u0000]/;

function unreadable(raw: string): string | undefined {
  if (raw.includes('\uFFFD')) {return 'holds bytes that are not UTF-8 (a Latin-1 or Windows-1252 export?)';}
  if (raw.includes('\uFEFF')) {return 'holds a byte-order mark (U+FEFF), allowed only at the very start of the file';}
  if (raw.includes('\u0000')) {return 'holds a NUL character (byte 0x00)';}
  return undefined;
}

interface Parsed {
  fields: string[];
  /** Index just after the record's line end (or text length at the end of the file). */
  next: number;
  newlines: number;
}

/**
 * Parses one record with quotes starting at `from`. Null when the text ends inside it and more
 * may come; a FolderRefused when the quoting is broken.
 */
function parseQuoted(text: string, from: number, atEnd: boolean, fileName: string, line: number): Parsed | null {
  const fields: string[] = [];
  let i = from;
  let newlines = 0;
  for (;;) {
    if (text.charCodeAt(i) === 0x22) {
      let value = '';
      let j = i + 1;
      for (;;) {
        const q = text.indexOf('"', j);
        if (q === -1) {
          if (atEnd) {throw new FolderRefused(`${fileName} line ${line}: a quoted field is never closed.`);}
          return null;
        }
        value += text.slice(j, q);
        if (text.charCodeAt(q + 1) === 0x22) {
          value += '"';
          j = q + 2;
          continue;
        }
        if (q + 1 >= text.length && !atEnd) {return null;}
        i = q + 1;
        break;
      }
      for (let k = value.indexOf('\n'); k !== -1; k = value.indexOf('\n', k + 1)) {newlines++;}
      fields.push(value);
      if (i < text.length && text[i] === '\r' && text[i + 1] === '\n') {i++;}
      if (i < text.length && text[i] !== ';' && text[i] !== '\n') {
        throw new FolderRefused(`${fileName} line ${line + newlines}: a closing quote must be followed by ; or the end of the line.`);
      }
    } else {
      let end = i;
      while (end < text.length && text[end] !== ';' && text[end] !== '\n') {end++;}
      if (end >= text.length && !atEnd) {return null;}
      fields.push(stripCr(text.slice(i, end)));
      i = end;
    }
    if (i >= text.length) {return { fields, next: i, newlines };}
    if (text[i] === '\n') {return { fields, next: i + 1, newlines };}
    i++; // past ';'
    if (i >= text.length) {
      if (!atEnd) {return null;}
      fields.push('');
      return { fields, next: i, newlines };
    }
  }
}

/** Every record of the file, the header included, in file order. */
export async function* csvRecords(path: string, fileName: string): AsyncGenerator<CsvRecord> {
  for await (const batch of csvBatches(path, fileName)) {yield* batch;}
}

/**
 * The records of the file in file order, the header included, as the batches of each chunk read
 * (a batch may be empty): one await per chunk instead of one per record.
 */
export async function* csvBatches(path: string, fileName: string): AsyncGenerator<CsvRecord[]> {
  let carry = '';
  let line = 0;
  let first = true;
  // Chunks of 64 kB: a chunk's records are alive until the caller has handled them, and with 1 MB
  // chunks they outlived the young generation, so the garbage collector copied and promoted them
  // (a third of the reading time, measured); smaller chunks cost only more awaits.
  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 16 });
  const chunks = stream[Symbol.asyncIterator]();
  for (let atEnd = false; !atEnd; ) {
    const next = await chunks.next();
    atEnd = Boolean(next.done);
    let text = carry + (next.done ? '' : (next.value as string));
    if (first && text.length > 0) {
      if (text.charCodeAt(0) === 0xfeff) {text = text.slice(1);}
      first = false;
    }
    // One search per chunk: only a chunk holding an unreadable character has its records looked at.
    const suspect = UNREADABLE.test(text);
    const batch: CsvRecord[] = [];
    let start = 0;
    while (start < text.length) {
      let nl = text.indexOf('\n', start);
      if (nl === -1) {
        if (!atEnd) {break;}
        nl = text.length;
      }
      const lineText = stripCr(text.slice(start, nl));
      if (lineText.indexOf('"') === -1) {
        line++;
        if (lineText !== '') {batch.push({ line, fields: lineText.split(';'), raw: lineText });}
        start = nl + 1;
        continue;
      }
      const parsed = parseQuoted(text, start, atEnd, fileName, line + 1);
      if (!parsed) {break;}
      line++;
      const end = parsed.next > start && text[parsed.next - 1] === '\n' ? parsed.next - 1 : parsed.next;
      batch.push({ line, fields: parsed.fields, raw: stripCr(text.slice(start, end)) });
      line += parsed.newlines;
      start = parsed.next;
    }
    carry = start < text.length ? text.slice(start) : '';
    if (suspect) {
      for (const rec of batch) {rec.unreadable = unreadable(rec.raw);}
    }
    yield batch;
  }
}

/** Matches the header against the columns the file must have; FolderRefused when one is missing. */
export function checkHeader(fileName: string, header: string[], columns: readonly string[]): CsvHeader {
  // A UTF-16 or Latin-1 file: say so rather than list unreadable column names (NULs cannot even be logged).
  if (header.some((name) => UNREADABLE.test(name))) {
    throw new FolderRefused(`${fileName}: the header row is not UTF-8 text (is the file UTF-16 or Latin-1?); the extract must be UTF-8.`);
  }
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
