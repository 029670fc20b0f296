/**
 * Bulk staging through COPY: rows are buffered as CSV and sent in chunks, the next chunk being
 * parsed while the database ingests the previous one. Never one INSERT per row.
 */
import type { Queryable } from '../db/database';

/** One CSV field for COPY … WITH (FORMAT csv): null is an unquoted empty field, text is quoted when needed. */
export function copyField(value: string | null): string {
  if (value === null) {return '';}
  return value === '' || /[",\r\n\\]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export class CopyWriter {
  private lines: string[] = [];
  private pending: Promise<void> = Promise.resolve();
  rows = 0;

  constructor(
    private readonly tx: Queryable,
    private readonly table: string,
    private readonly columns: readonly string[],
    private readonly chunkRows = 50_000
  ) {}

  async add(values: ReadonlyArray<string | null>): Promise<void> {
    this.lines.push(values.map(copyField).join(','));
    this.rows++;
    if (this.lines.length >= this.chunkRows) {await this.send();}
  }

  private async send(): Promise<void> {
    const csv = this.lines.join('\n') + '\n';
    this.lines = [];
    await this.pending;
    this.pending = this.tx.copyCsv(this.table, this.columns, csv);
    // A failed chunk must surface at the next send or at close, not as an unhandled rejection.
    this.pending.catch(() => undefined);
  }

  /** Sends what is buffered and waits for every chunk to be in. */
  async close(): Promise<void> {
    if (this.lines.length > 0) {await this.send();}
    await this.pending;
  }
}
