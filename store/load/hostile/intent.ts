/** What the hostile corpus means each line to become, and the counts that follow from it. */
import type { ReasonCode } from '../reasons';

/** A row by column name. */
export type Row = Record<string, string>;

/** Loaded, a duplicate of a row already seen, or rejected with this reason. */
export type Expected = 'LOADED' | 'DUPLICATE' | ReasonCode;

/** One record the generator writes, with its intent. */
export interface Made {
  /** Fields by column, or the whole line as text for faults of the line itself (given the file's column order). */
  row: Row | ((columns: readonly string[]) => string);
  expect: Expected;
  /** The kind of fault it was made as, when finer than its reason code (LATIN1, HUGE_FIELD…). */
  kind?: string;
  /** Bytes written in place of each RAW_BYTES_MARK of the text: what a wrong encoding leaves. */
  rawBytes?: number[];
  /** A hostile dressing that must not change the outcome: FORMULA_KEY, QUOTED_LINE_BREAK. */
  dress?: string;
  /** The last line of a file cut short: no line end. */
  noLineEnd?: boolean;
}

export interface ExpectedCounts {
  read: number;
  loaded: number;
  duplicates: number;
  rejected: number;
  rejectsByReason: Record<string, number>;
}

/** read = loaded + duplicates + rejected, worked out from the intents alone. */
export function expectedCounts(lines: ReadonlyMap<number, Expected>): ExpectedCounts {
  const out: ExpectedCounts = { read: 0, loaded: 0, duplicates: 0, rejected: 0, rejectsByReason: {} };
  for (const e of lines.values()) {
    out.read++;
    if (e === 'LOADED') {out.loaded++;}
    else if (e === 'DUPLICATE') {out.duplicates++;}
    else {
      out.rejected++;
      out.rejectsByReason[e] = (out.rejectsByReason[e] ?? 0) + 1;
    }
  }
  return out;
}
