/**
 * The real DataSource in a browser page, for the integration test: `window.dasmo` runs its
 * query(), testDatasource() and variableValues() and hands back plain JSON. Its HTTP goes out
 * through a stand-in of Grafana's BackendSrv (real fetch) to the test's stand-in of Grafana's
 * data proxy, which adds the token and the signed-in user's login, as Grafana does.
 */
import { dateTime, type DataFrame } from '@grafana/data';
import { DataSource } from '../../../src/datasource';
import { installBackendSrv, installTemplateSrv } from '../../../src/testing/grafanaDoubles';
import { instanceSettings } from '../../../src/testing/instanceSettings';
import type { DasmoQuery, VariableQuery } from '../../../src/types';

installTemplateSrv([{ name: 'regione', current: '12', options: ['12'] }]);
installBackendSrv(async (request) => {
  const query = request.params ? `?${new URLSearchParams(request.params as Record<string, string>)}` : '';
  const response = await fetch(`${request.url}${query}`, {
    method: request.method ?? 'GET',
    headers: request.data === undefined ? {} : { 'content-type': 'application/json' },
    body: request.data === undefined ? undefined : JSON.stringify(request.data),
  });
  const text = await response.text();
  let data: unknown = text;
  try {
    data = JSON.parse(text);
  } catch {
    // Not JSON: kept as text, as Grafana's BackendSrv does.
  }
  return { status: response.status, data };
});

const datasource = new DataSource(instanceSettings());

function plainFrame(frame: DataFrame) {
  return {
    refId: frame.refId,
    name: frame.name,
    fields: frame.fields.map((f) => ({
      name: f.name,
      type: f.type,
      values: Array.from(f.values),
      labels: f.labels,
      config: f.config,
    })),
  };
}

/** A dashboard time range from its first to its last Rome day, as Grafana would send it. */
async function query(targets: DasmoQuery[], range: { from: number; to: number }) {
  const timeRange = {
    from: dateTime(range.from),
    to: dateTime(range.to),
    raw: { from: dateTime(range.from), to: dateTime(range.to) },
  };
  const response = await datasource.query({
    targets,
    range: timeRange,
    requestId: 'integration',
    interval: '1d',
    intervalMs: 86_400_000,
    timezone: 'Europe/Rome',
    app: 'dashboard',
    scopedVars: {},
    startTime: Date.now(),
  });
  return { data: response.data.map(plainFrame), errors: response.errors ?? [] };
}

Object.assign(window, {
  dasmo: {
    query,
    testDatasource: () => datasource.testDatasource(),
    variableValues: (q: VariableQuery) => datasource.variableValues(q),
  },
});
