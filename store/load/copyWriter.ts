/**
 * Bulk staging through COPY: rows are buffered as CSV and sent in chunks, the next chunk being
 * parsed while the database ingests the previous one. Never one INSERT per row.
 */
import type { Queryable } from '../db/database';

const COPY_SPECIAL = /[",\r\n\\]/;

/** One CSV field for COPY … WITH (FORMAT csv): null is an unquoted empty field, text is quoted when needed. */
export function copyField(value: string | null): string {
  if (value === null) {return '';}
  return value === '' || COPY_SPECIAL.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Bytes of text a chunk starts with room for; a chunk grows past it only for a very long line. */
const CHUNK_BYTES = 8 << 20;
const LF = 0x0a;

/**
 * The rows of a chunk are written as UTF-8 into one buffer as they come, not kept as strings:
 * fifty thousand strings alive until the chunk is sent would outlive the young generation and
 * make the garbage collector the loader's main cost.
 */
export class CopyWriter {
  private filled: Buffer[] = [];
  private buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  private used = 0;
  private buffered = 0;
  private pending: Promise<void> = Promise.resolve();
  rows = 0;

  constructor(
    private readonly tx: Queryable,
    private readonly table: string,
    private readonly columns: readonly string[],
    private readonly chunkRows = 50_000
  ) {}

  async add(values: ReadonlyArray<string | null>): Promise<void> {
    this.addLine(values.map(copyField).join(','));
    if (this.full) {await this.flush();}
  }

  /**
   * One row already written as a COPY line (its fields joined by commas, each as `copyField`
   * writes it). No await per row: the caller sends a chunk with `flush` once `full` says so.
   */
  addLine(line: string): void {
    // A UTF-16 code unit takes at most 3 bytes of UTF-8, plus the line end.
    const room = 3 * line.length + 1;
    if (this.used + room > this.buffer.length) {
      this.filled.push(this.buffer.subarray(0, this.used));
      this.buffer = Buffer.allocUnsafe(Math.max(CHUNK_BYTES, room));
      this.used = 0;
    }
    this.used += this.buffer.write(line, this.used);
    this.buffer[this.used++] = LF;
    this.buffered++;
    this.rows++;
  }

  /** Whether a chunk is ready to be sent. */
  get full(): boolean {
    return this.buffered >= this.chunkRows;
  }

  /** Starts sending the buffered rows once the previous chunk is in; resolves when it has started. */
  async flush(): Promise<void> {
    if (this.buffered === 0) {return;}
    const bytes = this.filled.length === 0 ? this.buffer.subarray(0, this.used) : Buffer.concat([...this.filled, this.buffer.subarray(0, this.used)]);
    // The text is copied out, so the buffer takes the next chunk's rows.
    const csv = bytes.toString('utf8');
    this.filled = [];
    this.used = 0;
    this.buffered = 0;
    await this.pending;
    this.pending = this.tx.copyCsv(this.table, this.columns, csv);
    // A failed chunk must surface at the next flush or at close, not as an unhandled rejection.
    this.pending.catch(() => undefined);
  }

  /** Sends what is buffered and waits for every chunk to be in. */
  async close(): Promise<void> {
    await this.flush();
    await this.pending;
  }
}
