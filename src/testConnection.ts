/**
 * The message of "Save & test": the store answers, the token and the user are accepted, and
 * what the user will see (the regions of their scope) and how fresh the data are ("dati al").
 */
import type { TestDataSourceResponse } from '@grafana/data';
import type { VariableValue } from './types';

/** The part of GET /api/health the plugin reads. */
export interface HealthAnswer {
  asOf?: string | null;
}

/** How many region names are spelled out before the message only counts them. */
const REGIONS_SPELLED_OUT = 3;

export function describeConnection(health: HealthAnswer, regions: readonly VariableValue[]): TestDataSourceResponse {
  if (!health || typeof health !== 'object' || !('asOf' in health)) {
    return {
      status: 'error',
      message: "All'URL configurato risponde un servizio che non è uno store DASMO: controllare l'URL dello store.",
    };
  }
  const scope =
    regions.length === 0
      ? 'nessuna regione'
      : regions.length <= REGIONS_SPELLED_OUT
        ? regions.map((r) => r.text).join(', ')
        : `${regions.length} regioni`;
  const freshness = health.asOf ? `dati al ${italianDate(health.asOf)}` : 'nessun dato ancora caricato';
  return { status: 'success', message: `Connessione allo store riuscita. Ambito dell'utente: ${scope}; ${freshness}.` };
}

/** 'AAAA-MM-GG' as 'GG/MM/AAAA'. */
function italianDate(day: string): string {
  const [y, m, d] = day.split('-');
  return `${d}/${m}/${y}`;
}
