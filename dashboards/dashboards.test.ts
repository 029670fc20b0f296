/**
 * The generated dashboards: committed JSON equal to the code's output, every DASMO query valid
 * for the store (schema and checkQuery), the shared variables, links that keep the variables,
 * and thresholds equal to the store's `setting` defaults (the alerts' one place).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Value } from '@sinclair/typebox/value';
import { checkQuery, StoreQuerySchema, type StoreQuery } from '../src/model/query';
import { ALL_DASHBOARDS, renderDashboard } from './src/all';
import { DASHBOARD_UIDS, FOLDERS } from './src/layout';

interface Json {
  [key: string]: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

const generated = ALL_DASHBOARDS.map((make) => make());
const files = FOLDERS.flatMap((folder) =>
  readdirSync(join(__dirname, folder))
    .filter((f) => f.endsWith('.json'))
    .map((file) => ({ folder, file, json: JSON.parse(readFileSync(join(__dirname, folder, file), 'utf8')) as Json }))
);
const panelsOf = (d: Json): Json[] => d.panels ?? [];
const targetsOf = (d: Json): Json[] => panelsOf(d).flatMap((p) => p.targets ?? []);

test('the committed JSON is what the code generates (run "npm run dashboards" after a change)', () => {
  for (const g of generated) {
    expect(readFileSync(join(__dirname, g.folder, g.file), 'utf8')).toBe(renderDashboard(g));
  }
  expect(files.map((f) => `${f.folder}/${f.file}`).sort()).toEqual(generated.map((g) => `${g.folder}/${g.file}`).sort());
});

test('five dashboards with the fixed uids, in the folders of the roles', () => {
  expect(Object.fromEntries(files.map((f) => [f.json.uid, `${f.folder}/${f.json.title}`]))).toEqual({
    [DASHBOARD_UIDS.panoramica]: 'Nazionale/Panoramica nazionale',
    [DASHBOARD_UIDS.statoDati]: 'Nazionale/Stato dati',
    [DASHBOARD_UIDS.domande]: 'Regionale/Domande CIG COVID-19',
    [DASHBOARD_UIDS.sr41]: 'Regionale/Flussi SR41 COVID-19',
    [DASHBOARD_UIDS.giacenze]: 'Sede/Giacenze',
  });
});

test('every DASMO panel query is one the store accepts: the request schema and checkQuery', () => {
  let checked = 0;
  for (const { json } of files) {
    for (const t of targetsOf(json).filter((x) => x.datasource?.type === 'inps-dasmo-datasource')) {
      // What the plugin sends: the target without Grafana's fields and the saved-query version.
      const { datasource: _d, version, hide: _h, ...query } = t;
      expect(version).toBe(1);
      expect(Value.Errors(StoreQuerySchema, query).First()?.message).toBeUndefined();
      expect(checkQuery(query as StoreQuery)).toBeNull();
      checked++;
    }
  }
  expect(checked).toBeGreaterThan(80);
});

test('every panel has an Italian title and description, and a unique id', () => {
  for (const { json } of files) {
    const panels = panelsOf(json).filter((p) => p.type !== 'row');
    for (const p of panels) {
      expect(p.title).toMatch(/\S/);
      expect(p.description).toMatch(/\S/);
    }
    const ids = panelsOf(json).map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
  }
});

test('the time range runs from 1 March 2020 (Rome) to now', () => {
  for (const { json } of files) {
    expect(json.time).toEqual({ from: '2020-02-29T23:00:00.000Z', to: 'now' });
    expect(json.timezone).toBe('Europe/Rome');
  }
});

test('variables regione → sede, prestazione, causale: plugin queries, multi-valued with All', () => {
  for (const { json } of files.filter((f) => f.json.uid !== DASHBOARD_UIDS.statoDati)) {
    const vars: Json[] = json.templating.list;
    expect(vars.map((v) => [v.name, v.query])).toEqual([
      ['regione', { variable: 'regione', refId: 'variabile-regione' }],
      ['sede', { variable: 'sede', regione: '$regione', refId: 'variabile-sede' }],
      ['prestazione', { variable: 'prestazione', refId: 'variabile-prestazione' }],
      ['causale', { variable: 'causale', refId: 'variabile-causale' }],
    ]);
    for (const v of vars) {
      expect([v.type, v.multi, v.includeAll, v.datasource.uid]).toEqual(['query', true, true, 'dasmo']);
    }
  }
});

test('links between dashboards keep variables and time; data links open dashboards that exist', () => {
  const uids = new Set(files.map((f) => f.json.uid));
  let dataLinks = 0;
  for (const { json } of files) {
    expect(json.links).toEqual([expect.objectContaining({ type: 'dashboards', tags: ['dasmo'], includeVars: true, keepTime: true })]);
    expect(json.tags).toContain('dasmo');
    const links: Json[] = panelsOf(json).flatMap((p) => (p.fieldConfig?.overrides ?? []).flatMap((o: Json) => o.properties.filter((x: Json) => x.id === 'links').flatMap((x: Json) => x.value)));
    for (const link of links) {
      const [, uid, query] = /^\/d\/([^?]+)\?(.*)$/.exec(link.url)!;
      expect(uids).toContain(uid);
      expect(query).toContain('${__url_time_range}');
      // Every shared variable is either set from the row or kept as chosen.
      for (const v of ['regione', 'sede', 'prestazione', 'causale']) {
        expect(query).toMatch(new RegExp(`var-${v}=|\\$\\{${v}:queryparam\\}`));
      }
      expect(query).toMatch(/\$\{__data\.fields/);
      dataLinks++;
    }
  }
  expect(dataLinks).toBeGreaterThanOrEqual(6);
});

test('age colours and thresholds are the store setting defaults (the ones the alert views read)', () => {
  // setting (migration 001): chronic_days 90, very_old_days 180, sr41_open_days 30; the alert
  // views' test checks that src/model's DEFAULT_THRESHOLDS, which the dashboards use, agree.
  const setting = { chronic_days: 90, very_old_days: 180, sr41_open_days: 30 };
  const giacenze = files.find((f) => f.json.uid === DASHBOARD_UIDS.giacenze)!.json;
  const ageSteps = (title: string) => {
    const panel = panelsOf(giacenze).find((p) => p.title === title)!;
    const override = panel.fieldConfig.overrides.find((o: Json) => o.properties.some((x: Json) => x.id === 'thresholds'));
    return override.properties.find((x: Json) => x.id === 'thresholds').value.steps;
  };
  // "More than N days" starts at N + 1 days.
  expect(ageSteps('Domande aperte più vecchie')).toEqual([
    { value: null, color: 'green' },
    { value: setting.chronic_days + 1, color: 'orange' },
    { value: setting.very_old_days + 1, color: 'red' },
  ]);
  expect(ageSteps('SR41 aperti più vecchi')[1]).toEqual({ value: setting.sr41_open_days + 1, color: 'orange' });
  // Age bands: 91–180 is chronic (orange), over 180 very old (red), the rest green.
  const bands = panelsOf(giacenze).find((p) => p.title === 'Domande in giacenza per fascia di età')!;
  const colourOf = (id: string) => bands.fieldConfig.overrides.find((o: Json) => o.matcher.options.includes(id)).properties.find((x: Json) => x.id === 'color').value.fixedColor;
  expect(['0-30', '31-60', '61-90', '91-180', 'oltre-180'].map(colourOf)).toEqual(['green', 'green', 'green', 'orange', 'red']);
  const sr41Bands = panelsOf(giacenze).find((p) => p.title === 'SR41 in lavorazione per fascia di età')!;
  expect(sr41Bands.fieldConfig.overrides.map((o: Json) => o.properties[1].value.fixedColor)).toEqual(['green', 'orange', 'orange', 'orange', 'red']);
});
