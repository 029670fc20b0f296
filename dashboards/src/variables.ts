/**
 * The template variables every DASMO dashboard shares: regione → sede (narrowed to the regions
 * chosen), prestazione, causale. All come from the plugin's variable query, which lists what
 * GET /api/variables/{name} returns within the user's scope; multi-valued, with "Tutte".
 */
import { QueryVariableBuilder, VariableRefresh, VariableSort } from '@grafana/grafana-foundation-sdk/dashboard';
import type { VariableQuery } from '../../src/types';
import { DASMO } from './datasources';

function listVariable(query: Omit<VariableQuery, 'refId'>, label: string, description: string): QueryVariableBuilder {
  return new QueryVariableBuilder(query.variable)
    .label(label)
    .description(description)
    .datasource(DASMO)
    .query({ ...query, refId: `variabile-${query.variable}` })
    .definition(query.regione ? `${query.variable} (regione: ${query.regione})` : query.variable)
    .refresh(VariableRefresh.OnDashboardLoad)
    .sort(VariableSort.AlphabeticalAsc)
    .multi(true)
    .includeAll(true)
    .allowCustomValue(false)
    .current({ text: ['Tutte'], value: ['$__all'], selected: true });
}

export function dashboardVariables(): QueryVariableBuilder[] {
  return [
    listVariable({ variable: 'regione' }, 'Regione', 'Direzione regionale; si vedono solo le regioni del proprio profilo.'),
    // Grafana refreshes a variable whose query names another one when that one changes.
    listVariable({ variable: 'sede', regione: '$regione' }, 'Sede', 'Sede INPS, tra quelle delle regioni scelte.'),
    listVariable({ variable: 'prestazione' }, 'Prestazione', 'CIGO, CIGD, ASO, CISOA.'),
    listVariable({ variable: 'causale' }, 'Causale', 'Causale COVID-19 della domanda.'),
  ];
}
