/**
 * fast-check arbitraries of hostile input for the API's tests (not a test file): SQL fragments,
 * unicode oddities, NUL and lone surrogates, giant and odd numbers, huge arrays, deep nesting,
 * prototype-pollution keys; and the checks every answer of the API must pass.
 */
import fc from 'fast-check';

export const SQL_FRAGMENTS = [
  "'",
  "''",
  "' OR '1'='1",
  "03' OR region_code <> '03",
  "03') OR ('1'='1",
  "'; DROP TABLE sr41; --",
  '1; SELECT pg_sleep(30)--',
  "UNION SELECT login, role FROM app_user--",
  "; COPY app_user TO PROGRAM 'id'",
  '$1',
  '$$ $$',
  '\\',
  '%',
  '_',
  '/*',
  '*/',
  "E'\\\\x00'",
  "ANY(ARRAY['01','02'])",
  'NULL',
  '" OR ""="',
  'regione',
  'region_code',
];

export const ODD_STRINGS = [
  '',
  ' ',
  '\u0000',
  '03\u0000',
  'a\u0000b',
  '\ud800',
  '\udfff',
  '\ufeff03',
  '\u202e03',
  '０３',
  '03 ',
  ' 03',
  '3',
  '003',
  '𝕏',
  'è',
  '\n',
  '\r\n',
  'x'.repeat(64),
  'x'.repeat(65),
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
];

const loneSurrogates = fc.string({ unit: fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)), minLength: 1, maxLength: 4 });

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom(...SQL_FRAGMENTS, ...ODD_STRINGS), weight: 4 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 2 },
  { arbitrary: loneSurrogates, weight: 1 },
  { arbitrary: fc.string({ minLength: 1000, maxLength: 5000 }), weight: 1 }
);

export const oddNumber = fc.oneof(
  fc.constantFrom(1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, -0, 0.5, -1, 0, 1001, 2 ** 31, 2 ** 63, 1e21, Number.MIN_VALUE),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer()
);

/** Nested arrays or objects `depth` levels deep. */
export const deeplyNested = fc
  .tuple(fc.integer({ min: 2, max: 60 }), fc.boolean())
  .map(([depth, arrays]) => {
    let v: unknown = '03';
    for (let i = 0; i < depth; i++) {
      v = arrays ? [v] : { regione: v };
    }
    return v;
  });

export const hugeArray = fc.tuple(fc.integer({ min: 501, max: 3000 }), fc.constantFrom('03', '01', 1, null)).map(([n, v]) => Array<unknown>(n).fill(v));

export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: hostileString, weight: 5 },
  { arbitrary: oddNumber, weight: 2 },
  { arbitrary: fc.constantFrom(true, false, null), weight: 1 },
  { arbitrary: fc.array(hostileString, { maxLength: 6 }), weight: 2 },
  { arbitrary: fc.dictionary(fc.constantFrom(...SQL_FRAGMENTS, ...ODD_STRINGS), hostileString, { maxKeys: 3 }), weight: 1 },
  { arbitrary: fc.jsonValue({ maxDepth: 3 }), weight: 2 },
  { arbitrary: deeplyNested, weight: 1 },
  { arbitrary: hugeArray, weight: 1 }
);

/** What every error answer must look like: the API's shape, one sentence, nothing from inside. */
export function problemsOfError(body: unknown): string[] {
  const problems: string[] = [];
  const error = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  if (!error || typeof error.code !== 'string' || typeof error.message !== 'string') {
    return [`not in the error shape: ${JSON.stringify(body)?.slice(0, 200)}`];
  }
  if (Object.keys(body as object).length !== 1) {
    problems.push('the error answer carries more than "error"');
  }
  const m = error.message;
  if (!/^[A-Z]/.test(m) || !/[.)]$/.test(m)) {
    problems.push(`not a sentence: ${m.slice(0, 200)}`);
  }
  // The caller's own input, quoted in the message, may hold anything: look outside the quotes.
  const ours = m.replace(/"[^"]*"/g, '""');
  if (/\n\s+at |node_modules|\.ts:\d+|SELECT |FROM |syntax error|Error:/.test(ours)) {
    problems.push(`carries internals: ${m.slice(0, 200)}`);
  }
  return problems;
}
