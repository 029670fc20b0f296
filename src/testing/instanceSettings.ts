import type { DataSourceInstanceSettings, DataSourcePluginMeta } from '@grafana/data';
import pluginJson from '../plugin.json';
import type { DasmoOptions } from '../types';

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
