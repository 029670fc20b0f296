/**
 * Stable ids and visible texts of the editors, in one place: the editors render them and the
 * tests (unit and browser) find elements by them.
 */
import type { Dimension } from '../model/measures';

export const selectors = {
  queryEditor: {
    subject: { id: 'dasmo-query-subject', label: 'Oggetto' },
    measure: { id: 'dasmo-query-measure', label: 'Misura' },
    description: { testId: 'dasmo-query-measure-description' },
    groupBy: { id: 'dasmo-query-group-by', label: 'Raggruppa per' },
    interval: { id: 'dasmo-query-interval', label: 'Intervallo' },
    listOf: { id: 'dasmo-query-list-of', label: 'Elenco di' },
    listLimit: { id: 'dasmo-query-list-limit', label: 'Righe' },
    filter: (d: Dimension) => ({ id: `dasmo-query-filter-${d}` }),
    filtersRow: { testId: 'dasmo-query-filters' },
  },
  configEditor: {
    storeUrl: { id: 'dasmo-config-store-url', label: 'URL dello store' },
    apiToken: { id: 'dasmo-config-api-token', label: 'Token API' },
    userHeaderNote: { testId: 'dasmo-config-user-header-note' },
  },
  variableEditor: {
    variable: { id: 'dasmo-variable-name', label: 'Valori di' },
    regione: { id: 'dasmo-variable-regione', label: 'Della regione' },
    statesOf: { id: 'dasmo-variable-states-of', label: 'Stati di' },
  },
  annotationEditor: {
    include: { id: 'dasmo-annotation-include', label: 'Mostra' },
  },
} as const;
