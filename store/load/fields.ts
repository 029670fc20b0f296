/**
 * Checks of single fields shared by both files of the extract. Each returns the rejection of the
 * first rule the value breaks, or null. Values are taken exactly as written: no trimming.
 */
import { isIsoDay } from '../../src/model/calendar';
import { rejection, type Rejection } from './reasons';

/** A row's fields by column name. */
export type Row = (column: string) => string;

export function firstEmpty(row: Row, columns: readonly string[]): Rejection | null {
  for (const field of columns) {
    if (row(field) === '') {return rejection('CAMPO_OBBLIGATORIO', { field });}
  }
  return null;
}

/** Dates already found valid: an extract holds few distinct days, so each is checked once. */
const knownDays = new Set<string>();

function isDay(value: string): boolean {
  if (knownDays.has(value)) {return true;}
  if (!isIsoDay(value)) {return false;}
  if (knownDays.size > 100_000) {knownDays.clear();}
  knownDays.add(value);
  return true;
}

export function notOneOf(field: string, value: string, allowed: readonly string[]): Rejection | null {
  return allowed.includes(value) ? null : rejection('VALORE_NON_AMMESSO', { field, value, allowed: allowed.join(', ') });
}

const DECIMAL = /^\d{1,12}(\.\d+)?$/;
const WHOLE = /^\d{1,9}$/;

/** A decimal number ≥ 0 (or > 0 when `positive`), with a point and no sign. */
export function notDecimal(field: string, value: string, positive = false): Rejection | null {
  if (DECIMAL.test(value) && (!positive || Number(value) > 0)) {return null;}
  return rejection('NUMERO_NON_VALIDO', { field, value, expected: positive ? 'a number greater than 0' : 'a number of at least 0' });
}

export function notWholeAtLeastOne(field: string, value: string): Rejection | null {
  if (WHOLE.test(value) && Number(value) >= 1) {return null;}
  return rejection('NUMERO_NON_VALIDO', { field, value, expected: 'a whole number of at least 1' });
}

export function firstBadDate(row: Row, columns: readonly string[]): Rejection | null {
  for (const field of columns) {
    if (!isDay(row(field))) {return rejection('DATA_NON_VALIDA', { field, value: row(field), format: 'AAAA-MM-GG' });}
  }
  return null;
}

export function firstFutureDate(row: Row, columns: readonly string[], referenceDate: string): Rejection | null {
  for (const field of columns) {
    if (row(field) > referenceDate) {return rejection('DATA_FUTURA', { field, value: row(field), referenceDate });}
  }
  return null;
}

/** data_stato must not precede the day the item began (presentation or receipt). */
export function stateBeforeStart(row: Row, startColumn: string): Rejection | null {
  return row('data_stato') < row(startColumn)
    ? rejection('DATA_STATO_NON_COERENTE', { value: row('data_stato'), field: startColumn, other: row(startColumn) })
    : null;
}
