/**
 * `npm run dashboards`: writes every dashboard's JSON to dashboards/<folder>/<file>, the files
 * Grafana's file provisioning reads (folders from the file structure), and the alerting
 * provisioning files. `--check` writes nothing and exits 1 when a committed file differs from
 * what the code generates.
 */
import { join } from 'node:path';
import { writeAlertingFiles } from '../../provisioning/alerting/generate';
import { ALL_DASHBOARDS, renderDashboard } from './all';
import { syncFile } from './syncFile';

const ROOT = join(__dirname, '..');

function main(argv: string[]): number {
  const check = argv.includes('--check');
  const log = (line: string) => (check ? process.stderr : process.stdout).write(`${line}\n`);
  let stale = 0;
  for (const make of ALL_DASHBOARDS) {
    const generated = make();
    const name = `dashboards/${generated.folder}/${generated.file}`;
    if (!syncFile(join(ROOT, generated.folder, generated.file), renderDashboard(generated), check)) {
      log(`${name} differs from its code; run "npm run dashboards".`);
      stale++;
    } else if (!check) {
      log(`wrote ${name}`);
    }
  }
  stale += writeAlertingFiles(check, log);
  return stale ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
