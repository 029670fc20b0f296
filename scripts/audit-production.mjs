#!/usr/bin/env node
// `npm audit --omit=dev`, judged: exits 1 when a production dependency has a high or critical
// advisory, listing them; 0 otherwise. When the registry cannot answer audits at all (some
// mirrors refuse the audit endpoint), it says so on one line and exits 0: no finding is not
// the same as no audit, and the line makes the difference visible in CI's log.
// `--report FILE` judges a report saved earlier (`npm audit --omit=dev --json > FILE`) instead.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const saved = process.argv.indexOf('--report');
const run =
  saved > 0
    ? { stdout: readFileSync(process.argv[saved + 1], 'utf8'), stderr: '' }
    : spawnSync('npm', ['audit', '--omit=dev', '--json'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 120_000 });
let report;
try {
  report = JSON.parse(run.stdout);
} catch {
  console.log(`npm audit (production): could not run (${(run.stderr || run.stdout || 'no output').trim().split('\n').pop()}).`);
  process.exit(0);
}
const counts = report.metadata?.vulnerabilities;
if (!counts) {
  const why = report.message ?? report.error?.summary ?? 'no report';
  console.log(`npm audit (production): could not run, the registry answered: ${why}.`);
  process.exit(0);
}
const serious = Object.values(report.vulnerabilities ?? {}).filter((v) => v.severity === 'high' || v.severity === 'critical');
console.log(
  `npm audit (production): ${counts.critical} critical, ${counts.high} high, ${counts.moderate} moderate, ${counts.low} low ` +
    `over ${report.metadata.dependencies?.prod ?? '?'} production dependencies.`
);
for (const v of serious) {
  const via = v.via.map((x) => (typeof x === 'string' ? x : `${x.title} (${x.url})`)).join('; ');
  console.log(`  ${v.severity}: ${v.name} ${v.range}: ${via}${v.fixAvailable ? '; a fix is available' : ''}`);
}
process.exit(serious.length ? 1 : 0);
