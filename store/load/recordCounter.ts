/**
 * Counts the CSV records of a byte stream the way the reader parses it (RFC 4180, `;`, quotes
 * opening a field only at its start, LF or CRLF, empty lines skipped), so the manifest's `righe`
 * can be checked before anything is parsed or loaded. Chunks without a quote, the usual case,
 * are counted with native searches for line ends.
 */
const QUOTE = 0x22;
const SEPARATOR = 0x3b;
const LF = 0x0a;
const CR = 0x0d;

const FIELD_START = 0;
const UNQUOTED = 1;
const QUOTED = 2;
const QUOTE_IN_QUOTED = 3;

export class RecordCounter {
  private state = FIELD_START;
  /** Characters of the current record other than CR (an empty line has none). */
  private recordLength = 0;
  records = 0;

  push(chunk: Buffer): void {
    if (this.state !== QUOTED && this.state !== QUOTE_IN_QUOTED && chunk.indexOf(QUOTE) === -1) {
      this.pushWithoutQuotes(chunk);
    } else {
      this.pushBytes(chunk);
    }
  }

  private pushWithoutQuotes(chunk: Buffer): void {
    let start = 0;
    for (let nl = chunk.indexOf(LF); nl !== -1; nl = chunk.indexOf(LF, start)) {
      const length = nl - start - (nl > start && chunk[nl - 1] === CR ? 1 : 0);
      if (this.recordLength + length > 0) {this.records++;}
      this.recordLength = 0;
      start = nl + 1;
    }
    let rest = chunk.length - start;
    if (rest > 0 && chunk[chunk.length - 1] === CR) {rest--;}
    this.recordLength += rest;
    // A quote in the next chunk opens a field only if this one ended at a field's start.
    let last = chunk.length - 1;
    while (last >= start && chunk[last] === CR) {last--;}
    this.state = last < start ? (this.recordLength > 0 ? this.state : FIELD_START) : chunk[last] === SEPARATOR ? FIELD_START : UNQUOTED;
  }

  private pushBytes(chunk: Buffer): void {
    let { state, recordLength, records } = this;
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i];
      if (state === QUOTED) {
        if (b === QUOTE) {state = QUOTE_IN_QUOTED;}
        recordLength++;
        continue;
      }
      if (b === LF) {
        if (recordLength > 0) {records++;}
        recordLength = 0;
        state = FIELD_START;
        continue;
      }
      if (b === CR) {continue;}
      recordLength++;
      if (b === SEPARATOR) {
        state = FIELD_START;
      } else if (state === FIELD_START || state === QUOTE_IN_QUOTED) {
        state = b === QUOTE ? QUOTED : UNQUOTED;
      }
    }
    this.state = state;
    this.recordLength = recordLength;
    this.records = records;
  }

  /** Records seen, counting a last line without a line end. */
  finish(): number {
    if (this.recordLength > 0) {this.records++;}
    this.recordLength = 0;
    return this.records;
  }
}
