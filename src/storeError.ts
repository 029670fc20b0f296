/**
 * What went wrong talking to the store, as a sentence a Grafana user can act on (in Italian, as
 * the rest of the plugin). Grafana's data proxy answers 502 when it cannot reach the store's URL;
 * the store itself answers `{ error: { code, message } }` (API.md).
 */
import { isFetchError } from '@grafana/runtime';

export class StoreError extends Error {
  constructor(
    message: string,
    /** HTTP status, 0 when there was no answer at all. */
    readonly status: number
  ) {
    super(message);
    this.name = 'StoreError';
  }
}

export function toStoreError(err: unknown): StoreError {
  if (err instanceof StoreError) {
    return err;
  }
  if (!isFetchError(err)) {
    return new StoreError(
      `Errore inatteso nella chiamata allo store: ${err instanceof Error ? err.message : String(err)}`,
      0
    );
  }
  const body = err.data as { error?: { message?: unknown } } | undefined;
  const detail = typeof body?.error?.message === 'string' ? body.error.message : undefined;
  return new StoreError(messageFor(err.status ?? 0, detail), err.status ?? 0);
}

function messageFor(status: number, detail: string | undefined): string {
  const says = detail ? ` Lo store risponde: "${detail}"` : '';
  switch (status) {
    case 400:
      return `Richiesta non valida (400).${says}`;
    case 401:
      return `Lo store ha rifiutato il token (401): controllare il token API nelle impostazioni del datasource.${says}`;
    case 403:
      return `Accesso negato dallo store (403): l'utente di Grafana non è attivo nell'elenco degli utenti DASMO o chiede dati fuori dal suo ambito.${says}`;
    case 404:
      return `All'URL dello store non risponde uno store DASMO (404): controllare l'URL dello store.${says}`;
    case 503:
      return `Lo store è raggiungibile ma il suo database non risponde (503): riprovare più tardi.${says}`;
    case 0:
    case 502:
    case 504:
      return `Lo store non risponde all'URL configurato${status ? ` (${status})` : ''}: controllare l'URL dello store e che il servizio sia avviato.${says}`;
    default:
      return `Errore dello store (${status}).${says}`;
  }
}
