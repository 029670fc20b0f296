/**
 * The tally-based calibration: DOMAIN.md's reference figures counted straight from generated
 * extract folders, without a store (`npx tsx bench/calibration.ts <inbox> [--scale s] [--json]`).
 * `dasmo calibration` measures the same figures in a loaded store.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseOptions } from '../store/seed/options';
import { compareFigures, formatComparison } from '../store/seed/referenceFigures';
import { tallyFigures, tallyFolders } from '../store/seed/tally';

async function main(argv: string[]): Promise<number> {
  const { values, flags, rest } = parseOptions(argv, { scale: 'value', json: 'flag' });
  if (rest.length !== 1) {
    process.stderr.write('Usage: npx tsx bench/calibration.ts <inbox> [--scale s] [--json]\n');
    return 2;
  }
  const scale = Number(values.scale ?? '1');
  const folders = readdirSync(rest[0])
    .filter((f) => /^\d{4}-\d{2}-\d{2}$/.test(f))
    .sort()
    .map((f) => join(rest[0], f));
  const started = process.hrtime.bigint();
  const tally = await tallyFolders(folders, ['2020-06-04', '2020-06-29', '2020-07-09', '2021-03-31']);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const rows = compareFigures(tallyFigures(tally), scale);
  if (flags.has('json')) {
    process.stdout.write(`${JSON.stringify({ scale, seconds, rowsRead: tally.rowsRead, figures: rows, days: tally.days }, null, 2)}\n`);
  } else {
    process.stdout.write(formatComparison(rows));
    process.stdout.write(`${tally.rowsRead} rows read in ${seconds.toFixed(1)} s.\n`);
    for (const d of tally.days) {
      process.stdout.write(`${JSON.stringify(d)}\n`);
    }
  }
  return rows.every((r) => r.withinTolerance) ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  }
);
