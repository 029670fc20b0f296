/**
 * A page with the plugin's query and config editors as Grafana renders them (@grafana/ui, the
 * dark theme), for the browser test. Grafana's two services are the same stand-ins as the unit
 * tests', with fetch() going over real HTTP to the test's server; the page shows the last query
 * the editor produced and how many times it asked to run it.
 */
import React, { useState } from 'react';
import { createRoot } from 'react-dom/client';
import { useTheme2 } from '@grafana/ui';
import { ConfigEditor } from '../../../src/components/ConfigEditor';
import { QueryEditor } from '../../../src/components/QueryEditor';
import { DataSource } from '../../../src/datasource';
import { installBackendSrv, installTemplateSrv } from '../../../src/testing/grafanaDoubles';
import { dataSourceSettings, instanceSettings } from '../../../src/testing/instanceSettings';
import { DEFAULT_QUERY, type DasmoQuery } from '../../../src/types';

installTemplateSrv([{ name: 'regione', current: '12', options: ['12', '03'] }]);
installBackendSrv(async (request) => {
  const query = request.params ? `?${new URLSearchParams(request.params as Record<string, string>)}` : '';
  const response = await fetch(`${request.url}${query}`, {
    method: request.method ?? 'GET',
    headers: { 'content-type': 'application/json' },
    body: request.data === undefined ? undefined : JSON.stringify(request.data),
  });
  return { status: response.status, data: await response.json() };
});

const datasource = new DataSource(instanceSettings());
const initialSettings = dataSourceSettings(true);

function Page() {
  const theme = useTheme2();
  const [query, setQuery] = useState<DasmoQuery>({ ...DEFAULT_QUERY, refId: 'A' });
  const [runs, setRuns] = useState(0);
  const [settings, setSettings] = useState(initialSettings);
  return (
    <div
      style={{
        background: theme.colors.background.primary,
        color: theme.colors.text.primary,
        fontFamily: theme.typography.fontFamily,
        fontSize: theme.typography.fontSize,
        padding: 16,
        minHeight: '100vh',
      }}
    >
      <section id="query-editor" style={{ padding: 8, background: theme.colors.background.secondary }}>
        <QueryEditor
          query={query}
          onChange={setQuery}
          onRunQuery={() => setRuns((n) => n + 1)}
          datasource={datasource}
        />
      </section>
      <pre id="last-query">{JSON.stringify(query)}</pre>
      <pre id="runs">{runs}</pre>
      <section id="config-editor" style={{ padding: 8, marginTop: 16 }}>
        <ConfigEditor options={settings} onOptionsChange={setSettings} />
      </section>
      <pre id="settings">
        {JSON.stringify({ secureJsonFields: settings.secureJsonFields, secureJsonData: settings.secureJsonData })}
      </pre>
    </div>
  );
}

createRoot(document.getElementById('root')!).render(<Page />);
