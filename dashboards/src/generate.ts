/**
 * `npm run dashboards`: writes every dashboard's JSON to dashboards/<folder>/<file>, the files
 * Grafana's file provisioning reads (folders from the file structure), and the alerting
 * provisioning files. `--check` writes nothing and exits 1 when a committed file differs from
 * what the code generates.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { writeAlertingFiles } from '../../provisioning/alerting/generate';
import { ALL_DASHBOARDS, renderDashboard } from './all';

const ROOT = join(__dirname, '..');

function main(argv: string[]): number {
  const check = argv.includes('--check');
  let stale = 0;
  for (const make of ALL_DASHBOARDS) {
    const generated = make();
    const path = join(ROOT, generated.folder, generated.file);
    const json = renderDashboard(generated);
    if (check) {
      let current = '';
      try {
        current = readFileSync(path, 'utf8');
      } catch {
        // missing counts as stale
      }
      if (current !== json) {
        process.stderr.write(`dashboards/${generated.folder}/${generated.file} differs from its code; run "npm run dashboards".\n`);
        stale++;
      }
      continue;
    }
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, json);
    process.stdout.write(`wrote dashboards/${generated.folder}/${generated.file}\n`);
  }
  stale += writeAlertingFiles(check, (line) => (check ? process.stderr : process.stdout).write(`${line}\n`));
  return stale ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
