/**
 * sr41.csv (EXTRACT.md): the columns, and the checks a row must pass on its own before it is
 * staged. Its application (known, authorised, period) and its transitions are checked in SQL
 * and in the history walk.
 */
import { REJECTION_REASONS, SR41_STATES } from '../../src/model/domain';
import {
  firstBadDate,
  firstEmpty,
  firstFutureDate,
  notDecimal,
  notOneOf,
  stateBeforeStart,
  type Row,
} from './fields';
import { rejection, type Rejection } from './reasons';

export const SR41_COLUMNS = [
  'id_sr41', 'protocollo', 'codice_fiscale', 'iban', 'competenza', 'ore', 'importo', 'data_ricezione', 'stato',
  'data_stato', 'motivo_scarto',
] as const;

const REQUIRED = SR41_COLUMNS.filter((c) => c !== 'iban' && c !== 'motivo_scarto');

/** The Italian fiscal code of a person: surname, name, birth date and place, check letter. */
export const FISCAL_CODE = /^[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]$/i;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const DATES = ['data_ricezione', 'data_stato'] as const;

export const STAGED_SR41_COLUMNS = [
  'line', 'sr41_id', 'application_id', 'worker_pseudonym', 'period_month', 'hours', 'amount', 'received_on',
  'state', 'state_on', 'rejection_reason',
] as const;

function rejectionReasonRule(row: Row): Rejection | null {
  const reason = row('motivo_scarto');
  if (row('stato') === 'SCARTATO') {
    return reason === ''
      ? rejection('MOTIVO_SCARTO_NON_COERENTE', { detail: 'motivo_scarto is required when stato is SCARTATO' })
      : notOneOf('motivo_scarto', reason, REJECTION_REASONS);
  }
  return reason === ''
    ? null
    : rejection('MOTIVO_SCARTO_NON_COERENTE', { detail: `motivo_scarto must be empty when stato is ${row('stato')}` });
}

/** The first rule of EXTRACT.md the row breaks on its own, or null when it may be staged. */
export function checkSr41Row(row: Row, referenceDate: string): Rejection | null {
  // `??` runs each check only while the previous ones passed: one reason per row, no closures per row.
  return (
    firstEmpty(row, REQUIRED) ??
    notOneOf('stato', row('stato'), SR41_STATES) ??
    rejectionReasonRule(row) ??
    (FISCAL_CODE.test(row('codice_fiscale')) ? null : rejection('CODICE_FISCALE_NON_VALIDO')) ??
    (row('stato') === 'RICEVUTO' && row('iban') === '' ? rejection('IBAN_MANCANTE') : null) ??
    (MONTH.test(row('competenza')) ? null : rejection('DATA_NON_VALIDA', { field: 'competenza', value: row('competenza'), format: 'AAAA-MM' })) ??
    notDecimal('ore', row('ore'), true) ??
    notDecimal('importo', row('importo')) ??
    firstBadDate(row, DATES) ??
    firstFutureDate(row, DATES, referenceDate) ??
    stateBeforeStart(row, 'data_ricezione')
  );
}

/** The staged values of a valid row, in STAGED_SR41_COLUMNS order; the IBAN goes no further. */
export function stagedSr41(line: number, row: Row, pseudonym: (fiscalCode: string) => string): Array<string | null> {
  return [
    String(line), row('id_sr41'), row('protocollo'), pseudonym(row('codice_fiscale')), `${row('competenza')}-01`,
    row('ore'), row('importo'), row('data_ricezione'), row('stato'), row('data_stato'), row('motivo_scarto') || null,
  ];
}
