/**
 * Checks of single fields shared by both files of the extract. Each returns the rejection of the
 * first rule the value breaks, or null. Values are taken exactly as written: no trimming.
 *
 * A row is its array of fields as read; where each column sits in it comes from the file's
 * header, resolved once per file into a `Positions` object. The checks run tens of millions of
 * times in a national load, so they read fields by position, not through a lookup by name.
 */
import { isIsoDay } from '../../src/model/calendar';
import { rejection, type Rejection } from './reasons';

/** A row's fields, in the file's column order. */
export type Fields = readonly string[];

/** Where each column of `C` sits in a row of the file. */
export type Positions<C extends string> = { readonly [K in C]: number };

/** A column with its position, for the checks that walk a list of columns. */
export interface Column {
  name: string;
  at: number;
}

/** The positions of `columns`, from the header's (which holds them all: checkHeader refuses it otherwise). */
export function positionsOf<C extends string>(position: Readonly<Record<string, number>>, columns: readonly C[]): Positions<C> {
  const at = {} as Record<C, number>;
  for (const c of columns) {at[c] = position[c];}
  return at;
}

export function columnsAt<C extends string>(at: Positions<C>, names: readonly C[]): Column[] {
  return names.map((name) => ({ name, at: at[name] }));
}

export function firstEmpty(f: Fields, columns: readonly Column[]): Rejection | null {
  for (const c of columns) {
    if (f[c.at] === '') {return rejection('CAMPO_OBBLIGATORIO', { field: c.name });}
  }
  return null;
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

export function firstBadDate(f: Fields, columns: readonly Column[]): Rejection | null {
  for (const c of columns) {
    if (!isIsoDay(f[c.at])) {return rejection('DATA_NON_VALIDA', { field: c.name, value: f[c.at], format: 'AAAA-MM-GG' });}
  }
  return null;
}

export function firstFutureDate(f: Fields, columns: readonly Column[], referenceDate: string): Rejection | null {
  for (const c of columns) {
    if (f[c.at] > referenceDate) {return rejection('DATA_FUTURA', { field: c.name, value: f[c.at], referenceDate });}
  }
  return null;
}

/** data_stato must not precede the day the item began (presentation or receipt). */
export function stateBeforeStart(f: Fields, stateOn: Column, start: Column): Rejection | null {
  return f[stateOn.at] < f[start.at]
    ? rejection('DATA_STATO_NON_COERENTE', { value: f[stateOn.at], field: start.name, other: f[start.at] })
    : null;
}
