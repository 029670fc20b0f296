import type { DataSourceInstanceSettings, DataSourcePluginMeta, DataSourceSettings } from '@grafana/data';
import pluginJson from '../plugin.json';
import type { DasmoOptions, DasmoSecureJsonData } from '../types';

/** What Grafana hands the datasource: `url` is the data proxy's path for this instance. */
export function instanceSettings(
  jsonData: DasmoOptions = { storeUrl: 'http://store:3000' }
): DataSourceInstanceSettings<DasmoOptions> {
  return {
    id: 7,
    uid: 'dasmo',
    type: pluginJson.id,
    name: 'DASMO',
    access: 'proxy',
    url: '/api/datasources/proxy/uid/dasmo',
    jsonData,
    readOnly: false,
    meta: pluginJson as unknown as DataSourcePluginMeta<DasmoOptions>,
  };
}

/** What the config editor edits: the datasource's saved settings, the token set or not. */
export function dataSourceSettings(apiTokenConfigured: boolean): DataSourceSettings<DasmoOptions, DasmoSecureJsonData> {
  return {
    id: 1,
    uid: 'dasmo',
    orgId: 1,
    name: 'DASMO',
    typeLogoUrl: '',
    type: pluginJson.id,
    typeName: 'DASMO',
    access: 'proxy',
    url: '',
    user: '',
    database: '',
    basicAuth: false,
    basicAuthUser: '',
    isDefault: false,
    jsonData: { storeUrl: 'http://store:3000' },
    secureJsonFields: { apiToken: apiTokenConfigured },
    readOnly: false,
    withCredentials: false,
  };
}
