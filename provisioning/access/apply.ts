/**
 * `npm run grafana:access [-- --dry-run] [-- --roster <utenti.csv>]`: applies roles.yml and the
 * user roster to Grafana (teams, memberships, folder permissions). Settings from the environment:
 * GRAFANA_URL (default http://localhost:3000), GRAFANA_TOKEN or GRAFANA_ADMIN_USER and
 * GRAFANA_ADMIN_PASSWORD, DASMO_ROSTER (the roster's path when --roster is not given).
 */
import { join } from 'node:path';
import { romeDayOf } from '../../src/model/calendar';
import { readRegions } from '../../store/db/reference';
import { readRoster } from '../../store/roster/roster';
import { readAccessConfig } from './accessConfig';
import { GrafanaApi } from './grafanaApi';
import { reconcileAccess } from './reconcile';

export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env, out: (line: string) => void = (l) => process.stdout.write(`${l}\n`)): Promise<number> {
  const dryRun = argv.includes('--dry-run');
  const rosterAt = argv.indexOf('--roster');
  const rosterPath = rosterAt >= 0 ? argv[rosterAt + 1] : env.DASMO_ROSTER;
  if (!rosterPath) {
    out('grafana:access: give the roster with --roster <utenti.csv> or DASMO_ROSTER.');
    return 2;
  }
  if (!env.GRAFANA_TOKEN && !env.GRAFANA_ADMIN_USER) {
    out('grafana:access: set GRAFANA_TOKEN (a service account token) or GRAFANA_ADMIN_USER and GRAFANA_ADMIN_PASSWORD.');
    return 2;
  }
  const config = readAccessConfig(env.DASMO_ACCESS_CONFIG || join(__dirname, 'roles.yml'));
  const { users } = await readRoster(rosterPath, new Set(readRegions().map((r) => r.code)));
  const api = new GrafanaApi({ url: env.GRAFANA_URL || 'http://localhost:3000', token: env.GRAFANA_TOKEN, user: env.GRAFANA_ADMIN_USER, password: env.GRAFANA_ADMIN_PASSWORD });
  const today = env.DASMO_TODAY || romeDayOf(Date.now());
  const report = await reconcileAccess(api, config, users, today, dryRun);
  const verb = dryRun ? 'would make' : 'made';
  out(`grafana:access ${verb} ${report.changes.length} change(s) for ${users.length} roster users on ${today}${dryRun ? ' (dry run: nothing sent but reads)' : ''}.`);
  for (const c of report.changes) {
    out(`  ${c}`);
  }
  if (report.notYetInGrafana.length > 0) {
    out(`  not yet Grafana users (never signed in), added on a later run: ${report.notYetInGrafana.join(', ')}`);
  }
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`grafana:access: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exitCode = 1;
    }
  );
}
