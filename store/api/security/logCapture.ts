/** The API's log lines, kept in memory for a test to search (a helper, not a test file). */
import { Writable } from 'node:stream';

export function logCapture(): { stream: Writable; lines: string[] } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  return { stream, lines };
}

/** Patterns of personal data the store's logs must never hold (EXTRACT.md "Personal data"). */
export const FISCAL_CODE = /[A-Z]{6}\d{2}[A-EHLMPRST]\d{2}[A-Z]\d{3}[A-Z]/;
export const IBAN = /IT\d{2}[A-Z]\d{10}[0-9A-Z]{12}/;
