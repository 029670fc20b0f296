/**
 * Counts the CSV records of a byte stream the way the reader parses it (RFC 4180, `;`, quotes
 * opening a field only at its start, LF or CRLF, empty lines skipped), so the manifest's `righe`
 * can be checked before anything is parsed or loaded.
 */
const QUOTE = 0x22;
const SEPARATOR = 0x3b;
const LF = 0x0a;
const CR = 0x0d;

type State = 'fieldStart' | 'unquoted' | 'quoted' | 'quoteInQuoted';

export class RecordCounter {
  private state: State = 'fieldStart';
  /** Characters of the current record other than CR (an empty line has none). */
  private recordLength = 0;
  records = 0;

  push(chunk: Uint8Array): void {
    let { state, recordLength, records } = this;
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i];
      if (state === 'quoted') {
        if (b === QUOTE) {state = 'quoteInQuoted';}
        recordLength++;
        continue;
      }
      if (b === LF) {
        if (recordLength > 0) {records++;}
        recordLength = 0;
        state = 'fieldStart';
        continue;
      }
      if (b === CR) {continue;}
      recordLength++;
      if (b === SEPARATOR) {
        state = 'fieldStart';
      } else if (state === 'fieldStart') {
        state = b === QUOTE ? 'quoted' : 'unquoted';
      } else if (state === 'quoteInQuoted') {
        state = b === QUOTE ? 'quoted' : 'unquoted';
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
