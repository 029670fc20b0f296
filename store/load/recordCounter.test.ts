/** The manifest's row count: records as the reader sees them, whatever the chunking. */
import { RecordCounter } from './recordCounter';

function count(text: string, chunkSize: number): number {
  const bytes = Buffer.from(text, 'utf8');
  const c = new RecordCounter();
  for (let i = 0; i < bytes.length; i += chunkSize) {c.push(bytes.subarray(i, i + chunkSize));}
  return c.finish();
}

test.each([1, 2, 3, 7, 1000])('counts records, not lines, in chunks of %i bytes', (size) => {
  // header, a record with a quoted line break, an empty line, a CRLF record, a "" escape, a last line without end
  const text = 'a;b\n1;"x\ny"\n\r\n2;3\r\n"q""";4\n\n5;6';
  expect(count(text, size)).toBe(5);
  expect(count('a;b\n1;2\n', size)).toBe(2);
  expect(count('\r\n\r\n', size)).toBe(0);
});
