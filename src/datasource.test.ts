import { dateTime, FieldType, type DataQueryRequest, type DataQueryResponse } from '@grafana/data';
import type { BackendSrvRequest } from '@grafana/runtime';
import { lastValueFrom } from 'rxjs';
import pluginJson from './plugin.json';
import { DataSource, STORE_ROUTE } from './datasource';
import { installBackendSrv, installTemplateSrv, type Answer } from './testing/grafanaDoubles';
import { instanceSettings } from './testing/instanceSettings';
import { DasmoVariableSupport } from './variables';
import type { DasmoQuery, VariableQuery } from './types';

installTemplateSrv([
  { name: 'regione', current: '12', options: ['12', '03'] },
  { name: 'regioni', current: ['12', '03'], options: ['12', '03', '05'] },
]);

const QUERY_URL = '/api/datasources/proxy/uid/dasmo/dasmo/api/query';
// 1-31 March 2021 in Rome: from 00:00 CET (23:00 UTC the day before) to 23:59:59 CEST (DST
// began on the 28th), so the UTC days would be wrong at both ends.
const MARCH_2021 = { from: dateTime('2021-02-28T23:00:00Z'), to: dateTime('2021-03-31T21:59:59Z') };

function request(targets: DasmoQuery[]): DataQueryRequest<DasmoQuery> {
  return {
    targets,
    range: { ...MARCH_2021, raw: MARCH_2021 },
    requestId: 'r1',
    interval: '1d',
    intervalMs: 86400000,
    timezone: 'Europe/Rome',
    app: 'dashboard',
    scopedVars: {},
    startTime: 0,
  };
}

const series = (value: number) => [
  {
    name: 'x',
    fields: [
      { name: 'time', type: 'time', values: [1614553200000] },
      { name: 'valore', type: 'number', values: [value] },
    ],
  },
];

test('the route of plugin.json is the one the datasource calls, and it adds the token', () => {
  expect(pluginJson.routes).toEqual([
    {
      path: STORE_ROUTE,
      url: '{{ .JsonData.storeUrl }}',
      headers: [{ name: 'Authorization', content: 'Bearer {{ .SecureJsonData.apiToken }}' }],
    },
  ]);
});

test('one POST per panel with every visible query; Rome days; variables replaced; hidden ones left out', async () => {
  const seen = installBackendSrv(() => ({
    status: 200,
    data: {
      results: [
        { refId: 'A', frames: series(5) },
        { refId: 'C', error: { code: 'forbidden', message: 'Region Veneto is outside your scope.' } },
        { refId: 'D', frames: series(7) },
      ],
    },
  }));
  const ds = new DataSource(instanceSettings());
  const response = await ds.query(
    request([
      {
        refId: 'A',
        version: 1,
        subject: 'domande',
        measure: 'in_giacenza',
        groupBy: ['regione'],
        interval: 'month',
        filters: { regione: ['$regione'] },
      },
      { refId: 'B', version: 1, subject: 'sr41', measure: 'pagati', interval: 'day', hide: true },
      { refId: 'C', version: 1, subject: 'elenco', of: 'domande', limit: 10 },
      { refId: 'D', measure: 'presentate' } as unknown as DasmoQuery,
    ])
  );
  expect(seen).toHaveLength(1);
  expect(seen[0]).toMatchObject({ url: QUERY_URL, method: 'POST', showErrorAlert: false });
  expect(seen[0].data).toEqual({
    range: { from: '2021-03-01', to: '2021-03-31' },
    queries: [
      {
        refId: 'A',
        subject: 'domande',
        measure: 'in_giacenza',
        groupBy: ['regione'],
        interval: 'month',
        filters: { regione: ['12'] },
      },
      { refId: 'C', subject: 'elenco', of: 'domande', limit: 10 },
      { refId: 'D', subject: 'domande', measure: 'presentate', interval: 'day' },
    ],
  });
  expect(response.data.map((f) => [f.refId, [...f.fields[1].values]])).toEqual([
    ['A', [5]],
    ['D', [7]],
  ]);
  expect(response.errors).toEqual([
    { refId: 'C', message: 'Lo store non ha potuto eseguire la query C: Region Veneto is outside your scope.' },
  ]);
});

test('a query the model refuses, or with an unknown variable, fails on its own; the others still run', async () => {
  const seen = installBackendSrv(() => ({ status: 200, data: { results: [{ refId: 'C', frames: [] }] } }));
  const ds = new DataSource(instanceSettings());
  const response = await ds.query(
    request([
      { refId: 'A', version: 1, subject: 'domande', measure: 'in_giacenza', groupBy: ['motivo'], interval: 'day' },
      {
        refId: 'B',
        version: 1,
        subject: 'domande',
        measure: 'presentate',
        interval: 'day',
        filters: { sede: ['$sedi'] },
      },
      { refId: 'C', version: 1, subject: 'sr41', measure: 'ricevuti', interval: 'week' },
    ])
  );
  expect((seen[0].data as { queries: unknown[] }).queries).toEqual([
    { refId: 'C', subject: 'sr41', measure: 'ricevuti', interval: 'week' },
  ]);
  expect(response.errors).toEqual([
    {
      refId: 'A',
      message:
        'La query A non è valida: The field "groupBy" asks for "motivo" (Motivo di scarto), which the measure "in_giacenza" cannot be broken down by.',
    },
    { refId: 'B', message: 'Il filtro "Sede" usa la variabile $sedi, che non esiste in questa dashboard.' },
  ]);
});

test('when nothing is left to send, no request is made', async () => {
  const seen = installBackendSrv(() => ({ status: 500, data: {} }));
  const response = await new DataSource(instanceSettings()).query(
    request([{ refId: 'A', version: 1, subject: 'sr41', measure: 'pagati', hide: true }])
  );
  expect(seen).toHaveLength(0);
  expect(response).toEqual({ data: [], errors: undefined });
});

test('a refused batch (wrong token) shows the reason on every panel query', async () => {
  installBackendSrv(() => ({
    status: 401,
    data: { error: { code: 'unauthorized', message: 'Missing or invalid token.' } },
  }));
  const response: DataQueryResponse = await new DataSource(instanceSettings()).query(
    request([
      { refId: 'A', version: 1, subject: 'domande', measure: 'presentate' },
      { refId: 'B', version: 1, subject: 'domande', measure: 'definite' },
    ])
  );
  const message =
    'Lo store ha rifiutato il token (401): controllare il token API nelle impostazioni del datasource. Lo store risponde: "Missing or invalid token."';
  expect(response.errors).toEqual([
    { refId: 'A', message, status: 401 },
    { refId: 'B', message, status: 401 },
  ]);
});

function storeAnswering(health: Answer, regions: Answer) {
  return installBackendSrv((r: BackendSrvRequest) => (r.url.endsWith('/api/health') ? health : regions));
}

test('Save & test: connection, the user scope and the date of the data', async () => {
  const seen = storeAnswering(
    { status: 200, data: { status: 'ok', asOf: '2021-03-31' } },
    { status: 200, data: [{ text: 'Lazio', value: 'LAZIO' }] }
  );
  expect(await new DataSource(instanceSettings()).testDatasource()).toEqual({
    status: 'success',
    message: "Connessione allo store riuscita. Ambito dell'utente: Lazio; dati al 31/03/2021.",
  });
  expect(seen.map((r) => r.url)).toEqual([
    '/api/datasources/proxy/uid/dasmo/dasmo/api/health',
    '/api/datasources/proxy/uid/dasmo/dasmo/api/variables/regione',
  ]);
});

test('Save & test: a national user, and a store with no data yet', async () => {
  const regions = Array.from({ length: 21 }, (_, i) => ({ text: `R${i}`, value: `R${i}` }));
  storeAnswering({ status: 200, data: { asOf: null } }, { status: 200, data: regions });
  expect((await new DataSource(instanceSettings()).testDatasource()).message).toBe(
    "Connessione allo store riuscita. Ambito dell'utente: 21 regioni; nessun dato ancora caricato."
  );
});

test('Save & test: wrong URL (the proxy cannot reach it), or something that is not a store', async () => {
  storeAnswering({ status: 502, data: { message: 'Bad Gateway' } }, { status: 200, data: [] });
  expect(await new DataSource(instanceSettings()).testDatasource()).toEqual({
    status: 'error',
    message:
      "Lo store non risponde all'URL configurato (502): controllare l'URL dello store e che il servizio sia avviato.",
  });
  storeAnswering({ status: 200, data: '<html>Welcome</html>' }, { status: 200, data: [] });
  expect((await new DataSource(instanceSettings()).testDatasource()).message).toBe(
    "All'URL configurato risponde un servizio che non è uno store DASMO: controllare l'URL dello store."
  );
});

test('Save & test: wrong token, user not in the roster, no URL at all', async () => {
  storeAnswering(
    { status: 200, data: { asOf: '2021-03-31' } },
    { status: 401, data: { error: { code: 'unauthorized', message: 'Invalid token.' } } }
  );
  expect((await new DataSource(instanceSettings()).testDatasource()).message).toBe(
    'Lo store ha rifiutato il token (401): controllare il token API nelle impostazioni del datasource. Lo store risponde: "Invalid token."'
  );
  storeAnswering(
    { status: 200, data: { asOf: '2021-03-31' } },
    { status: 403, data: { error: { code: 'forbidden', message: 'User mrossi is not active in the roster.' } } }
  );
  expect((await new DataSource(instanceSettings()).testDatasource()).message).toBe(
    'Accesso negato dallo store (403): l\'utente di Grafana non è attivo nell\'elenco degli utenti DASMO o chiede dati fuori dal suo ambito. Lo store risponde: "User mrossi is not active in the roster."'
  );
  expect(await new DataSource(instanceSettings({})).testDatasource()).toEqual({
    status: 'error',
    message: "Manca l'URL dello store: inserirlo nelle impostazioni del datasource.",
  });
});

test('variables: offices narrowed by the region variable, as a text/value frame', async () => {
  const seen = installBackendSrv(() => ({ status: 200, data: [{ text: 'Roma Tuscolano', value: '7001' }] }));
  const ds = new DataSource(instanceSettings());
  const support = new DasmoVariableSupport(ds, () => null);
  const query: VariableQuery = { refId: 'V', variable: 'sede', regione: '$regione' };
  const response = await lastValueFrom(
    support.query({ ...request([]), targets: [query] } as unknown as DataQueryRequest<VariableQuery>)
  );
  expect(seen.map((r) => [r.url, r.params])).toEqual([
    ['/api/datasources/proxy/uid/dasmo/dasmo/api/variables/sede', { regione: '12' }],
  ]);
  expect(
    response.data[0].fields.map((f: { name: string; type: FieldType; values: unknown[] }) => [
      f.name,
      f.type,
      [...f.values],
    ])
  ).toEqual([
    ['text', FieldType.string, ['Roma Tuscolano']],
    ['value', FieldType.string, ['7001']],
  ]);
});

test('variables: several regions are one call each (the store takes one); states of SR41', async () => {
  const seen = installBackendSrv((r) => ({
    status: 200,
    data: [{ text: `sede di ${r.params?.regione}`, value: String(r.params?.regione) }],
  }));
  const ds = new DataSource(instanceSettings());
  expect(await ds.variableValues({ refId: 'V', variable: 'sede', regione: '${regioni}' })).toEqual([
    { text: 'sede di 12', value: '12' },
    { text: 'sede di 03', value: '03' },
  ]);
  await ds.variableValues({ refId: 'V', variable: 'stato', of: 'sr41' });
  expect(seen.map((r) => r.params)).toEqual([{ regione: '12' }, { regione: '03' }, { of: 'sr41' }]);
});

test('annotations: the store events of the range, only the kinds asked for', async () => {
  const milestone = {
    time: Date.parse('2021-03-21T23:00:00Z'),
    title: 'DL 41/2021 "Sostegni"',
    text: 'DL 41/2021 "Sostegni"',
    tags: ['normativa'],
  };
  const gap = {
    time: Date.parse('2021-03-08T23:00:00Z'),
    title: 'Dati mancanti',
    text: 'Nessun estratto per il 2021-03-09.',
    tags: ['caricamento', 'lacuna'],
  };
  const seen = installBackendSrv(() => ({ status: 200, data: [gap, milestone] }));
  const ds = new DataSource(instanceSettings());
  const target = ds.annotations!.prepareQuery!({
    name: 'Eventi',
    enable: true,
    iconColor: 'red',
    target: { refId: 'Anno', subject: 'annotazioni', version: 1, include: ['normativa'] },
  } as never)!;
  const response = await ds.query(request([target]));
  expect(seen[0]).toMatchObject({
    url: '/api/datasources/proxy/uid/dasmo/dasmo/api/annotations',
    params: { from: '2021-03-01', to: '2021-03-31' },
  });
  expect(response.data[0].refId).toBe('Anno');
  expect(response.data[0].fields.map((f: { name: string; values: unknown[] }) => [f.name, [...f.values]])).toEqual([
    ['time', [milestone.time]],
    ['title', [milestone.title]],
    ['text', [milestone.text]],
    ['tags', [['normativa']]],
  ]);
});

test('annotations: a new annotation asks for both kinds', () => {
  const ds = new DataSource(instanceSettings());
  expect(ds.annotations!.getDefaultQuery!()).toEqual({
    subject: 'annotazioni',
    version: 1,
    include: ['normativa', 'caricamento'],
  });
  expect(ds.annotations!.prepareQuery!({ name: 'x', enable: true, iconColor: 'red' } as never)).toEqual({
    refId: 'Anno',
    subject: 'annotazioni',
    version: 1,
    include: ['normativa', 'caricamento'],
  });
});

test('region codes in the answer are named once per datasource, from the store list', async () => {
  const seen = installBackendSrv((r) =>
    r.url.endsWith('/api/variables/regione')
      ? { status: 200, data: [{ text: 'Lazio', value: '12' }] }
      : {
          status: 200,
          data: {
            results: [
              {
                refId: 'A',
                frames: [
                  {
                    fields: [
                      { name: 'time', type: 'time', values: [1614553200000] },
                      { name: 'in_giacenza', type: 'number', values: [3], labels: { regione: '12' } },
                    ],
                  },
                ],
              },
            ],
          },
        }
  );
  const ds = new DataSource(instanceSettings());
  const target: DasmoQuery = {
    refId: 'A',
    version: 1,
    subject: 'domande',
    measure: 'in_giacenza',
    groupBy: ['regione'],
  };
  const first = await ds.query(request([target]));
  await ds.query(request([target]));
  expect(first.data[0].fields[1].config.displayNameFromDS).toBe('In giacenza · Lazio');
  expect(seen.map((r) => r.url.split('/dasmo/dasmo')[1])).toEqual([
    '/api/query',
    '/api/variables/regione',
    '/api/query',
  ]);
});

test('when the region list cannot be read, the codes are shown and the figures still arrive', async () => {
  installBackendSrv((r) =>
    r.url.endsWith('/api/variables/regione')
      ? { status: 503, data: {} }
      : {
          status: 200,
          data: {
            results: [
              {
                refId: 'A',
                frames: [
                  {
                    fields: [
                      { name: 'regione', type: 'string', values: ['12'] },
                      { name: 'presentate', type: 'number', values: [4] },
                    ],
                  },
                ],
              },
            ],
          },
        }
  );
  const response = await new DataSource(instanceSettings()).query(
    request([
      { refId: 'A', version: 1, subject: 'domande', measure: 'presentate', groupBy: ['regione'], interval: 'none' },
    ])
  );
  expect(response.errors).toBeUndefined();
  expect(response.data[0].fields[0].config).toEqual({ displayNameFromDS: 'Regione' });
  expect([...response.data[0].fields[1].values]).toEqual([4]);
});
