/**
 * Why the loader rejects a row: one reason code per rule of EXTRACT.md, each with a plain
 * message template. `{field}`, `{value}`, `{from}`, `{to}`… are filled in by `rejection()`.
 * Messages never echo a fiscal code or an IBAN: they end up in the store's load log.
 */
export const REASONS = {
  COLONNE_ERRATE: 'the row has {count} fields, the header has {expected}',
  CAMPO_OBBLIGATORIO: '{field} is required and is empty',
  VALORE_NON_AMMESSO: '{field} "{value}" is not one of {allowed}',
  SEDE_SCONOSCIUTA: 'sede "{value}" is not a known INPS office',
  REGIONE_SCONOSCIUTA: 'regione "{value}" is not a known region',
  REGIONE_NON_COERENTE: 'regione {value} is not the region of sede {office} ({officeRegion}); only CIGD may name another (granting) region',
  PLURILOCALIZZATA_NON_CIGD: 'plurilocalizzata is 1 but prestazione is {value}: only CIGD applications can be plurilocalizzate',
  CIGD_NON_DIRETTO: 'a CIGD application is always paid DIRETTO, not {value}',
  NUMERO_NON_VALIDO: '{field} "{value}" is not {expected} (digits, decimal point, no sign or thousands separator)',
  ORE_AUTORIZZATE_NON_AMMESSE: '{detail}',
  PERIODO_NON_VALIDO: 'periodo_dal {from} is after periodo_al {to}',
  DATA_NON_VALIDA: '{field} "{value}" is not a real date written {format}',
  DATA_FUTURA: '{field} {value} is after the reference date {referenceDate}',
  DATA_STATO_NON_COERENTE: 'data_stato {value} is before {field} {other}',
  CODICE_FISCALE_NON_VALIDO: 'codice_fiscale does not follow the Italian fiscal code pattern (16 characters)',
  IBAN_MANCANTE: 'iban is required when stato is RICEVUTO',
  MOTIVO_SCARTO_NON_COERENTE: '{detail}',
  DOMANDA_SCONOSCIUTA: 'protocollo {value} is not an application known to the store or in this extract',
  DOMANDA_NON_AUTORIZZATA: 'application {value} was not authorised on or before data_ricezione {other}',
  COMPETENZA_FUORI_PERIODO: 'competenza {value} is outside the period of application {other} ({from} – {to})',
  TRANSIZIONE_NON_AMMESSA: '{detail}',
  // Not rules of a column but of the file's text (EXTRACT.md "CSV rules": UTF-8, a BOM only first).
  CODIFICA_NON_VALIDA: 'the line {detail}; the extract must be UTF-8 text',
  CAMPO_TROPPO_LUNGO: '{field} is {length} characters long; no field of the extract may be longer than {max}',
} as const;

export type ReasonCode = keyof typeof REASONS;

export interface Rejection {
  code: ReasonCode;
  message: string;
}

/** A rejection with its message filled in; unknown placeholders are left visible on purpose. */
export function rejection(code: ReasonCode, values: Record<string, string | number> = {}): Rejection {
  const message = REASONS[code].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole
  );
  return { code, message };
}
