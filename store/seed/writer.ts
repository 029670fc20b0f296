/**
 * Writes one extract file in large chunks, hashing and counting as it goes, and the folder's
 * manifest once its files are closed: a national-scale history is gigabytes and must stream.
 */
import { createHash, type Hash } from 'node:crypto';
import { closeSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { romeDayStartMs } from '../../src/model/calendar';
import { dayNumber, isoDay } from './dayNumbers';
import { MANIFEST_FILE } from './columns';

export interface FileSummary {
  righe: number;
  sha256: string;
  bytes: number;
}

export class ExtractFileWriter {
  private readonly fd: number;
  private readonly hash: Hash = createHash('sha256');
  private readonly buffer: Buffer;
  private used = 0;
  private rows = 0;
  private bytes = 0;

  constructor(
    readonly path: string,
    header: readonly string[],
    chunkBytes: number
  ) {
    this.fd = openSync(path, 'w');
    this.buffer = Buffer.allocUnsafe(chunkBytes);
    this.append(header.join(';'));
  }

  /** One data row, already joined with ';' (no field of ours needs quoting). */
  write(line: string): void {
    this.append(line);
    this.rows++;
  }

  // Lines go straight into one reused buffer: holding millions of line strings until a
  // flush would make the garbage collector the slowest part of a national-scale run.
  private append(line: string): void {
    if (this.used + line.length * 3 + 1 > this.buffer.length) {
      this.flush();
    }
    this.used += this.buffer.write(line, this.used, 'utf8');
    this.buffer[this.used++] = 10;
  }

  private flush(): void {
    if (this.used === 0) {
      return;
    }
    const chunk = this.buffer.subarray(0, this.used);
    this.hash.update(chunk);
    writeSync(this.fd, chunk);
    this.bytes += this.used;
    this.used = 0;
  }

  close(): FileSummary {
    this.flush();
    closeSync(this.fd);
    return { righe: this.rows, sha256: this.hash.digest('hex'), bytes: this.bytes };
  }
}

/** When INPS's systems would have produced the extract: 03:12 Rome time the day after. */
export function generatedAt(referenceDate: string): string {
  const next = isoDay(dayNumber(referenceDate) + 1);
  // Clocks change between 02:00 and 03:00, so at 03:12 Rome is already on the offset it has at
  // the end of that day, i.e. at the start of the following one.
  const after = isoDay(dayNumber(referenceDate) + 2);
  const offsetMinutes = (Date.parse(`${after}T00:00:00Z`) - romeDayStartMs(after)) / 60000;
  const hh = String(Math.floor(offsetMinutes / 60)).padStart(2, '0');
  return `${next}T03:12:00+${hh}:00`;
}

export function writeManifest(folder: string, referenceDate: string, files: Record<string, FileSummary>): void {
  const manifest = {
    dataRiferimento: referenceDate,
    generato: generatedAt(referenceDate),
    file: Object.fromEntries(Object.entries(files).map(([name, f]) => [name, { righe: f.righe, sha256: f.sha256 }])),
  };
  writeFileSync(join(folder, MANIFEST_FILE), JSON.stringify(manifest, null, 2) + '\n');
}
