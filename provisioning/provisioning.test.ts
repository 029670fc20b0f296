/**
 * The provisioning files hold together: datasource uids that dashboards and rules name exist,
 * rule folders exist, rule expressions reference existing refIds, every region has a contact
 * point and a route, generated files are up to date, and every SQL query Grafana will send runs
 * as the read-only role on the store's views.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { DASMO, DASMO_VIEWS } from '../dashboards/src/datasources';
import { FOLDERS } from '../dashboards/src/layout';
import { readRegions } from '../store/db/reference';
import { openTestDatabase } from '../store/testing/testDatabase';
import { readAccessConfig } from './access/accessConfig';
import { writeAlertingFiles } from './alerting/generate';

interface Json {
  [key: string]: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

const here = (...p: string[]) => join(__dirname, ...p);
const yamlOf = (...p: string[]): Json => parse(readFileSync(here(...p), 'utf8'));
const datasources: Json[] = yamlOf('datasources', 'dasmo.yml').datasources;
const rules: Json[] = yamlOf('alerting', 'rules.yml').groups.flatMap((g: Json) => g.rules.map((r: Json) => ({ ...r, folder: g.folder })));
const contactPoints: Json[] = yamlOf('alerting', 'contact-points.yml').contactPoints;
const policy: Json = yamlOf('alerting', 'notification-policies.yml').policies[0];
const dashboards: Json[] = FOLDERS.flatMap((f) => readdirSync(join(__dirname, '..', 'dashboards', f)).map((file) => JSON.parse(readFileSync(join(__dirname, '..', 'dashboards', f, file), 'utf8'))));
const access = readAccessConfig(here('access', 'roles.yml'));

test('the alerting files are what the code generates', () => {
  const stale: string[] = [];
  expect(writeAlertingFiles(true, (l) => stale.push(l))).toBe(0);
  expect(stale).toEqual([]);
});

test('datasources: the plugin and the read-only views, fixed uids, secrets only from the environment', () => {
  expect(datasources.map((d) => [d.uid, d.type])).toEqual([
    [DASMO.uid, DASMO.type],
    [DASMO_VIEWS.uid, DASMO_VIEWS.type],
  ]);
  expect(datasources[0].jsonData.storeUrl).toBe('http://store:8080');
  expect(datasources[0].secureJsonData).toEqual({ apiToken: '$DASMO_API_TOKEN' });
  expect(datasources[1].user).toBe('dasmo_alerts');
  expect(datasources[1].secureJsonData).toEqual({ password: '$DASMO_ALERTS_PASSWORD' });
});

test('every datasource a dashboard names is provisioned', () => {
  const uids = new Set(datasources.map((d) => d.uid));
  const named: Json[] = [];
  const walk = (x: unknown) => {
    if (x && typeof x === 'object') {
      const o = x as Json;
      if (o.datasource && typeof o.datasource === 'object') {
        named.push(o.datasource);
      }
      Object.values(o).forEach(walk);
    }
  };
  dashboards.forEach(walk);
  expect(named.length).toBeGreaterThan(100);
  for (const ds of named) {
    expect(uids).toContain(ds.uid);
  }
});

test('dashboard provisioning reads the folders from the file structure', () => {
  const provider = yamlOf('dashboards', 'dasmo.yml').providers[0];
  expect(provider.options).toEqual({ path: '/var/lib/grafana/dashboards', foldersFromFilesStructure: true });
  // roles.yml gives permissions on exactly the provisioned folders plus the workspace it creates.
  expect(access.folders.filter((f) => !f.create).map((f) => f.title)).toEqual([...FOLDERS]);
});

test('alert rules: folders that exist, datasources that exist, expressions on existing refIds', () => {
  const folders = new Set(access.folders.map((f) => f.title));
  const uids = new Set([...datasources.map((d) => d.uid), '__expr__']);
  expect(rules.map((r) => r.uid)).toEqual(['dasmo-giacenza-cronica', 'dasmo-giacenza-molto-risalente', 'dasmo-sr41-oltre-soglia', 'dasmo-alta-criticita', 'dasmo-dati-non-aggiornati']);
  for (const r of rules) {
    expect(folders).toContain(r.folder);
    const refIds = r.data.map((d: Json) => d.refId);
    expect(refIds).toEqual(['A', 'B', 'C']);
    expect(refIds).toContain(r.condition);
    for (const d of r.data) {
      expect(uids).toContain(d.datasourceUid);
      expect(d.model.refId).toBe(d.refId);
      if (d.datasourceUid === '__expr__') {
        expect(refIds.slice(0, refIds.indexOf(d.refId))).toContain(d.model.expression);
      }
    }
    expect([r.data[1].model.type, r.data[2].model.type]).toEqual(['reduce', 'threshold']);
  }
});

test('a contact point per regional directorate and the central one; every alert to the centre, each region to its own', () => {
  const regions = readRegions();
  expect(contactPoints).toHaveLength(regions.length + 1);
  const names = new Set(contactPoints.map((c) => c.name));
  expect(names.has(policy.receiver)).toBe(true);
  const [everything, ...regional] = policy.routes;
  expect(everything).toEqual({ receiver: 'DASMO Direzione centrale', continue: true });
  expect(regional.map((r: Json) => r.object_matchers)).toEqual(regions.map((r) => [['regione', '=', r.code]]));
  for (const route of policy.routes) {
    expect(names.has(route.receiver)).toBe(true);
  }
  for (const c of contactPoints) {
    expect(c.receivers[0].settings.addresses).toMatch(/@inps\.invalid$/);
  }
});

/** Grafana's PostgreSQL macros, replaced by the SQL they expand to for a wide range. */
function expandMacros(sql: string): string {
  return sql
    .replace(/\$__timeFilter\((\w+)\)/g, "$1 BETWEEN '2020-03-01T00:00:00Z' AND '2030-01-01T00:00:00Z'")
    .replace(/\$__timeFrom\(\)/g, "'2020-03-01T00:00:00Z'::timestamptz")
    .replace(/\$__timeTo\(\)/g, "'2030-01-01T00:00:00Z'::timestamptz");
}

test('every SQL query of the rules and the Stato dati dashboard runs as dasmo_alerts', async () => {
  const t = await openTestDatabase();
  try {
    const ruleQueries = rules.map((r) => ({ sql: r.data[0].model.rawSql as string, perOffice: r.uid !== 'dasmo-dati-non-aggiornati' }));
    const panelQueries = dashboards
      .flatMap((d) => d.panels)
      .flatMap((p: Json) => p.targets ?? [])
      .filter((x: Json) => x.datasource?.uid === DASMO_VIEWS.uid)
      .map((x: Json) => expandMacros(x.rawSql));
    expect(panelQueries.length).toBe(7);
    await t.db.query("INSERT INTO load_run (reference_date, folder_name, outcome, started_at) VALUES ('2021-03-31', '2021-03-31', 'CARICATO', now())");
    await expect(
      t.db.transaction(async (tx) => {
        await tx.query('SET LOCAL ROLE dasmo_alerts');
        for (const q of ruleQueries) {
          const rows = await tx.query<Record<string, unknown>>(q.sql);
          // Grafana's multi-dimensional alerts: string columns are labels, exactly one number.
          const numeric = Object.entries(rows[0]).filter(([, v]) => typeof v === 'number');
          expect(numeric).toHaveLength(1);
          if (q.perOffice) {
            expect(rows.length).toBe(107);
            expect(Object.keys(rows[0]).sort()).toEqual(['regione', 'regione_nome', 'sede', 'sede_nome', numeric[0][0]].sort());
          }
        }
        for (const sql of panelQueries) {
          await tx.query(sql);
        }
        throw new Error('roll back');
      })
    ).rejects.toThrow('roll back');
  } finally {
    await t.close();
  }
});
