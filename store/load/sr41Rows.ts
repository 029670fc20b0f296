/**
 * sr41.csv (EXTRACT.md): the columns, and the checks a row must pass on its own before it is
 * staged. Its application (known, authorised, period) and its transitions are checked in SQL
 * and in the history walk.
 */
import { REJECTION_REASONS, SR41_STATES } from '../../src/model/domain';
import { copyField } from './copyWriter';
import {
  columnsAt,
  firstBadDate,
  firstEmpty,
  firstFutureDate,
  notDecimal,
  notOneOf,
  positionsOf,
  stateBeforeStart,
  type Fields,
} from './fields';
import type { RowRules } from './fileRules';
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

/** Columns of the staging table, in the order `copyLine` writes them. */
export const STAGED_SR41_COLUMNS = [
  'line', 'sr41_id', 'application_id', 'worker_pseudonym', 'period_month', 'hours', 'amount', 'received_on',
  'state', 'state_on', 'rejection_reason',
] as const;

/**
 * The checks a row of sr41.csv must pass on its own (`check`: the first rule of EXTRACT.md it
 * breaks, or null) and its line of the staging table's COPY, the fiscal code replaced by its
 * pseudonym and the IBAN left out, for a file whose header put the columns at `position`.
 */
export function sr41RowRules(
  position: Readonly<Record<string, number>>,
  referenceDate: string,
  pseudonym: (fiscalCode: string) => string
): RowRules {
  const at = positionsOf(position, SR41_COLUMNS);
  const required = columnsAt(at, REQUIRED);
  const dates = columnsAt(at, DATES);
  const [stateOn, receivedOn] = columnsAt(at, ['data_stato', 'data_ricezione']);

  function rejectionReasonRule(f: Fields): Rejection | null {
    const reason = f[at.motivo_scarto];
    const state = f[at.stato];
    if (state === 'SCARTATO') {
      return reason === ''
        ? rejection('MOTIVO_SCARTO_NON_COERENTE', { detail: 'motivo_scarto is required when stato is SCARTATO' })
        : notOneOf('motivo_scarto', reason, REJECTION_REASONS);
    }
    return reason === '' ? null : rejection('MOTIVO_SCARTO_NON_COERENTE', { detail: `motivo_scarto must be empty when stato is ${state}` });
  }

  return {
    check(f) {
      // `??` runs each check only while the previous ones passed: one reason per row, no closures per row.
      return (
        firstEmpty(f, required) ??
        notOneOf('stato', f[at.stato], SR41_STATES) ??
        rejectionReasonRule(f) ??
        (FISCAL_CODE.test(f[at.codice_fiscale]) ? null : rejection('CODICE_FISCALE_NON_VALIDO')) ??
        (f[at.stato] === 'RICEVUTO' && f[at.iban] === '' ? rejection('IBAN_MANCANTE') : null) ??
        (MONTH.test(f[at.competenza]) ? null : rejection('DATA_NON_VALIDA', { field: 'competenza', value: f[at.competenza], format: 'AAAA-MM' })) ??
        notDecimal('ore', f[at.ore], true) ??
        notDecimal('importo', f[at.importo]) ??
        firstBadDate(f, dates) ??
        firstFutureDate(f, dates, referenceDate) ??
        stateBeforeStart(f, stateOn, receivedOn)
      );
    },
    // Only the free-text keys may need quoting: every other value has passed a check of its
    // form (digits, a date, a listed code, hex), and an empty motivo_scarto is COPY's NULL.
    copyLine(line, f) {
      return `${line},${copyField(f[at.id_sr41])},${copyField(f[at.protocollo])},${pseudonym(f[at.codice_fiscale])},` +
        `${f[at.competenza]}-01,${f[at.ore]},${f[at.importo]},${f[at.data_ricezione]},${f[at.stato]},${f[at.data_stato]},` +
        `${f[at.motivo_scarto]}`;
    },
  };
}
