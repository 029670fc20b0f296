/**
 * Reads back an extract file this generator wrote (`;`, header, no quoting needed), row by row,
 * streaming: the tally and the rule checker use it on national-scale folders.
 */
import { createReadStream } from 'node:fs';

export type RowVisitor = (fields: string[], lineNumber: number) => void;

/** Calls `visit` for every data row with its fields in `columns`' order; returns the number of rows. */
export async function readExtractFile(path: string, columns: readonly string[], visit: RowVisitor): Promise<number> {
  let header: number[] | null = null;
  let rest = '';
  let lineNumber = 0;
  let rows = 0;
  const handle = (line: string) => {
    lineNumber++;
    if (line.endsWith('\r')) {
      line = line.slice(0, -1);
    }
    if (header === null) {
      const names = line.replace(/^\uFEFF/, '').split(';');
      header = columns.map((c) => {
        const i = names.indexOf(c);
        if (i < 0) {
          throw new Error(`${path}: the header has no column "${c}".`);
        }
        return i;
      });
      return;
    }
    if (line === '') {
      return;
    }
    const raw = line.split(';');
    rows++;
    visit(
      header.map((i) => raw[i] ?? ''),
      lineNumber
    );
  };
  for await (const chunk of createReadStream(path, { encoding: 'utf8', highWaterMark: 4 << 20 })) {
    const text = rest + (chunk as string);
    let start = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
      handle(text.slice(start, nl));
      start = nl + 1;
    }
    rest = text.slice(start);
  }
  if (rest !== '') {
    handle(rest);
  }
  return rows;
}
