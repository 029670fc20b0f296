/** The columns of the extract's two files, in EXTRACT.md's order (the order the generator writes). */
export const APPLICATION_COLUMNS = [
  'protocollo',
  'prestazione',
  'causale',
  'sede',
  'regione',
  'plurilocalizzata',
  'matricola',
  'modalita_pagamento',
  'lavoratori',
  'ore_richieste',
  'ore_autorizzate',
  'periodo_dal',
  'periodo_al',
  'data_presentazione',
  'stato',
  'data_stato',
] as const;

export const SR41_COLUMNS = [
  'id_sr41',
  'protocollo',
  'codice_fiscale',
  'iban',
  'competenza',
  'ore',
  'importo',
  'data_ricezione',
  'stato',
  'data_stato',
  'motivo_scarto',
] as const;

export const APPLICATIONS_FILE = 'domande.csv';
export const SR41_FILE = 'sr41.csv';
export const MANIFEST_FILE = 'manifest.json';

/** Index of a column in a row split on ';'. */
export const A = Object.fromEntries(APPLICATION_COLUMNS.map((c, i) => [c, i])) as Record<
  (typeof APPLICATION_COLUMNS)[number],
  number
>;
export const S = Object.fromEntries(SR41_COLUMNS.map((c, i) => [c, i])) as Record<(typeof SR41_COLUMNS)[number], number>;
