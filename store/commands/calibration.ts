/**
 * `dasmo calibration [--json] [--scale s]`: DOMAIN.md's published reference figures beside the
 * store's own values (plain SQL over the raw facts), with the deviation and a flag for those
 * outside tolerance. --scale compares a scaled-down dataset (counts and hours times s).
 */
import { openDatabase } from '../db/open';
import { parseOptions } from '../seed/options';
import { compareFigures, formatComparison } from '../seed/referenceFigures';
import { storeFigures } from '../seed/storeFigures';

export const summary = "compare the store's data with DOMAIN.md's reference figures ([--json] [--scale s])";

export async function run(argv: string[]): Promise<number> {
  let json: boolean;
  let scale: number;
  try {
    const { values, flags, rest } = parseOptions(argv, { json: 'flag', scale: 'value' });
    if (rest.length > 0) {
      throw new Error(`unexpected argument "${rest[0]}". Usage: dasmo calibration [--json] [--scale s]`);
    }
    json = flags.has('json');
    scale = values.scale === undefined ? 1 : Number(values.scale);
    if (!(scale > 0)) {
      throw new Error(`--scale "${values.scale}" is not a number above 0.`);
    }
  } catch (e) {
    process.stderr.write(`dasmo calibration: ${(e as Error).message}\n`);
    return 2;
  }
  const db = await openDatabase();
  try {
    const started = process.hrtime.bigint();
    const rows = compareFigures(await storeFigures(db), scale);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const outside = rows.filter((r) => !r.withinTolerance).length;
    if (json) {
      process.stdout.write(`${JSON.stringify({ scale, seconds, outside, figures: rows }, null, 2)}\n`);
    } else {
      process.stdout.write(formatComparison(rows));
      process.stdout.write(
        `${outside === 0 ? 'All figures within tolerance' : `${outside} figure(s) outside tolerance`} ` +
          `(scale ${scale}; measured in ${seconds.toFixed(1)} s).\n`
      );
    }
    return outside === 0 ? 0 : 1;
  } finally {
    await db.close();
  }
}
