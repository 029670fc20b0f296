/**
 * The HTTP requests one viewer's browser sends to the store when it opens a committed dashboard,
 * in the plugin's own shapes: the variable lists (on dashboard load), the annotations, then one
 * POST /api/query per panel, built by the plugin's migrateQuery + toStoreQuery with every variable
 * on "Tutte" (so the plugin drops those filters) and the dashboard range turned into days by its
 * dayRange. Only the variable requests are written out here: DataSource.variableValues needs
 * Grafana's runtime, which does not load outside a browser.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { DataQuery, TimeRange } from '@grafana/data';
import type { TemplateSrv, VariableInterpolation } from '@grafana/runtime';
import { addDays, romeDayStartMs } from '../../src/model/calendar';
import type { StoreQuery } from '../../src/model/query';
import { migrateQuery } from '../../src/migrate';
import { dayRange, toStoreQuery } from '../../src/storeQuery';
import type { ListTarget, MeasureTarget } from '../../src/types';

const DASMO_TYPE = 'inps-dasmo-datasource';
/** Grafana's value for "All", as interpolate.ts expects it. */
const ALL_VALUE = '$__all';

export interface ViewerRequest {
  /** What a person would call it: the panel title or the list asked for. */
  label: string;
  method: 'GET' | 'POST';
  path: string;
  body?: string;
}

interface Json {
  [key: string]: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/**
 * Grafana's TemplateSrv for a dashboard whose every variable is on "All": each reference to a
 * known variable resolves to "$__all" (so interpolate.ts drops the filter); an unknown one is
 * reported as not found, as Grafana does, and the plugin turns that into the panel's error.
 */
export function allSelected(names: readonly string[]): TemplateSrv {
  const known = new Set(names);
  const reference = /\$(\w+)|\[\[(\w+)(?::\w+)?\]\]|\$\{(\w+)(?::[^}]*)?\}/g;
  return {
    getVariables: () => names.map((name) => ({ name, type: 'custom', current: { text: 'Tutte', value: ALL_VALUE } })),
    containsTemplate: (target?: string) => [...(target ?? '').matchAll(reference)].some((m) => known.has(m[1] ?? m[2] ?? m[3])),
    updateTimeRange: () => undefined,
    replace: (target = '', _scoped?: unknown, format?: unknown, interpolations?: VariableInterpolation[]) =>
      target.replace(reference, (match, a?: string, b?: string, c?: string) => {
        const name = (a ?? b ?? c)!;
        if (!known.has(name)) {
          interpolations?.push({ match, variableName: name, value: match, found: false });
          return match;
        }
        const value = typeof format === 'function' ? String(format(ALL_VALUE)) : ALL_VALUE;
        interpolations?.push({ match, variableName: name, value, found: true });
        return value;
      }),
  } as unknown as TemplateSrv;
}

/** The dashboard's time range over these calendar days (Rome), as Grafana's time picker holds it. */
export function timeRange(from: string, to: string): TimeRange {
  const start = romeDayStartMs(from);
  const end = romeDayStartMs(addDays(to, 1)) - 1;
  return { from: { valueOf: () => start }, to: { valueOf: () => end }, raw: { from, to } } as unknown as TimeRange;
}

const isDasmo = (q: Json | undefined) => q?.datasource?.type === DASMO_TYPE;

/** Every request of one viewer opening `file` with the range from..to; throws when a panel's query is refused by the plugin. */
export function dashboardRequests(file: string, from: string, to: string): { title: string; requests: ViewerRequest[] } {
  const dashboard = JSON.parse(readFileSync(file, 'utf8')) as Json;
  const variables: Json[] = dashboard.templating?.list ?? [];
  const templateSrv = allSelected(variables.map((v) => v.name));
  const range = dayRange(timeRange(from, to));
  const requests: ViewerRequest[] = [];

  for (const v of variables.filter((v) => isDasmo(v) || v.query?.variable)) {
    // DataSource.variableValues: "stato" takes `of`; "sede" narrowed by a region only when one is chosen (never on "Tutte").
    const query = v.query as { variable: string; of?: string };
    const params = query.variable === 'stato' ? `?of=${query.of ?? 'domande'}` : '';
    requests.push({ label: `variabile ${v.name}`, method: 'GET', path: `/api/variables/${query.variable}${params}` });
  }
  if ((dashboard.annotations?.list ?? []).some((a: Json) => a.enable && isDasmo(a))) {
    requests.push({ label: 'annotazioni', method: 'GET', path: `/api/annotations?from=${range.from}&to=${range.to}` });
  }

  const panels = ((dashboard.panels ?? []) as Json[]).flatMap((p) => (p.type === 'row' ? [p, ...(p.panels ?? [])] : [p]));
  for (const panel of panels) {
    const targets = ((panel.targets ?? []) as DataQuery[])
      .filter((t) => isDasmo(t as Json) || (!(t as Json).datasource && isDasmo(panel)))
      .map(migrateQuery)
      .filter((t): t is MeasureTarget | ListTarget => !t.hide && t.subject !== 'annotazioni');
    if (targets.length === 0) {
      continue;
    }
    const queries: StoreQuery[] = targets.map((t) => {
      const prepared = toStoreQuery(t, templateSrv);
      if ('error' in prepared) {
        throw new Error(`${basename(file)}, panel "${panel.title}": ${prepared.error}`);
      }
      return prepared.value;
    });
    requests.push({ label: `pannello "${panel.title}"`, method: 'POST', path: '/api/query', body: JSON.stringify({ range, queries }) });
  }
  if (!requests.some((r) => r.method === 'POST')) {
    throw new Error(`${basename(file)} has no panel on the DASMO datasource: choose another --dashboard.`);
  }
  return { title: dashboard.title ?? basename(file), requests };
}
