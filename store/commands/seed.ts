/**
 * `dasmo seed --scale <s> --from <date> --to <date> --out <inbox> [--seed n] [--dirty r]`:
 * writes synthetic extract folders (a history folder named --from, then one per day).
 */
import { isIsoDay } from '../../src/model/calendar';
import { generateExtracts, type SeedOptions } from '../seed/generate';
import { parseOptions } from '../seed/options';

export const summary = 'write synthetic extract folders (--scale --from --to --out [--seed] [--dirty])';

const USAGE = 'Usage: dasmo seed --scale <s> --from <AAAA-MM-GG> --to <AAAA-MM-GG> --out <inbox> [--seed n] [--dirty r] [--quiet]';

function number(name: string, raw: string | undefined, fallback?: number): number {
  if (raw === undefined) {
    if (fallback === undefined) {
      throw new Error(`--${name} is required. ${USAGE}`);
    }
    return fallback;
  }
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n)) {
    throw new Error(`--${name} "${raw}" is not a number.`);
  }
  return n;
}

function day(name: string, raw: string | undefined): string {
  if (raw === undefined) {
    throw new Error(`--${name} is required. ${USAGE}`);
  }
  if (!isIsoDay(raw)) {
    throw new Error(`--${name} "${raw}" is not a date written AAAA-MM-GG.`);
  }
  return raw;
}

export async function run(argv: string[]): Promise<number> {
  let options: SeedOptions;
  let quiet: boolean;
  try {
    const { values, flags } = parseOptions(argv, {
      scale: 'value',
      from: 'value',
      to: 'value',
      out: 'value',
      seed: 'value',
      dirty: 'value',
      quiet: 'flag',
    });
    if (!values.out) {
      throw new Error(`--out is required. ${USAGE}`);
    }
    quiet = flags.has('quiet');
    options = {
      scale: number('scale', values.scale),
      from: day('from', values.from),
      to: day('to', values.to),
      out: values.out,
      seed: number('seed', values.seed, 1),
      dirty: number('dirty', values.dirty, 0),
      onMonth: quiet ? undefined : (m) => process.stderr.write(`  generating ${m}\n`),
    };
  } catch (e) {
    process.stderr.write(`dasmo seed: ${(e as Error).message}\n`);
    return 2;
  }
  const started = process.hrtime.bigint();
  let result;
  try {
    result = generateExtracts(options);
  } catch (e) {
    process.stderr.write(`dasmo seed: ${(e as Error).message}\n`);
    return 2;
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const bad = Object.values(result.badRows).reduce((a, b) => a + b, 0);
  process.stdout.write(
    `Wrote ${result.folders.length} folders to ${options.out}: ${result.applicationRows} domande rows, ` +
      `${result.sr41Rows} sr41 rows (${bad} of them bad on purpose), ${(result.bytes / 1e6).toFixed(1)} MB in ${seconds.toFixed(1)} s.\n`
  );
  return 0;
}
