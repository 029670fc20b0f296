/**
 * The small pieces every query of the executor is made of: numbered parameters, the SQL of a
 * breakdown dimension over a table that carries an application's attributes, the filters and the
 * caller's region scope as WHERE conditions, and the time bucket of a day column.
 */
import type { Dimension } from '../../src/model/measures';
import type { Filters, Interval } from '../../src/model/query';
import { QueryError } from './errors';

/** Collects positional parameters ($1, $2, …) while a statement is written. */
export class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/**
 * The columns an application's attributes have in the raw facts and in the rollups alike
 * (migrations 002 and 003 name them the same). An SR41 takes them from its application.
 */
export const ATTRIBUTE_COLUMNS: Partial<Record<Dimension, string>> = {
  regione: 'region_code',
  sede: 'office_code',
  prestazione: 'benefit',
  causale: 'cause',
  modalita: 'payment_mode',
  plurilocalizzata: 'multi_region',
};

/**
 * Where a source keeps each dimension it can break down by: a column of `alias`, or an SQL
 * expression given by the source (state at a day, rejection reason, age band).
 */
export type DimensionSql = Partial<Record<Dimension, string>>;

export function attributeSql(alias: string, extra: DimensionSql = {}): DimensionSql {
  const out: DimensionSql = {};
  for (const [d, column] of Object.entries(ATTRIBUTE_COLUMNS)) {
    out[d as Dimension] = `${alias}.${column}`;
  }
  return { ...out, ...extra };
}

/** The dimension as the text the API shows: plurilocalizzata as '1'/'0'. */
export function dimensionValueSql(d: Dimension, sql: DimensionSql): string {
  const expr = sql[d];
  if (!expr) {
    throw new Error(`no SQL for dimension ${d}`);
  }
  return d === 'plurilocalizzata' ? `CASE WHEN ${expr} THEN '1' ELSE '0' END` : expr;
}

/** The caller's scope: null sees all of Italy, otherwise the one region code. */
export type Scope = { regionCode: string | null };

/**
 * WHERE conditions for the filters and the scope. `skip` names dimensions the caller applies
 * itself (e.g. fascia_eta, which picks age-band columns rather than rows).
 */
export function whereConditions(
  filters: Filters | undefined,
  scope: Scope,
  sql: DimensionSql,
  params: Params,
  skip: readonly Dimension[] = []
): string[] {
  const out: string[] = [];
  if (scope.regionCode !== null) {
    out.push(`${sql.regione} = ${params.add(scope.regionCode)}`);
  }
  for (const [d, values] of Object.entries(filters ?? {}) as Array<[Dimension, string[] | undefined]>) {
    if (!values || skip.includes(d)) {
      continue;
    }
    const expr = sql[d];
    if (!expr) {
      throw new QueryError('BAD_REQUEST', `The field "filters.${d}" cannot be applied to this figure.`);
    }
    if (d === 'plurilocalizzata') {
      out.push(`${expr} = ANY(${params.add(values.map(plurilocalizzataFlag))}::boolean[])`);
    } else {
      out.push(`${expr} = ANY(${params.add(values)}::text[])`);
    }
  }
  return out;
}

function plurilocalizzataFlag(v: string): boolean {
  if (v !== '1' && v !== '0') {
    throw new QueryError('BAD_REQUEST', `The field "filters.plurilocalizzata" has the value "${v}"; use "1" or "0".`);
  }
  return v === '1';
}

/**
 * The first day of the bucket of `dayColumn`, as calendar.ts's bucketStart defines it (ISO weeks
 * from Monday, months from the 1st). The cast to timestamp keeps the session's time zone out.
 */
export function bucketSql(dayColumn: string, interval: Interval, rangeFrom: string, params: Params): string {
  switch (interval) {
    case 'day':
      return dayColumn;
    case 'week':
      return `date_trunc('week', ${dayColumn}::timestamp)::date`;
    case 'month':
      return `date_trunc('month', ${dayColumn}::timestamp)::date`;
    case 'none':
      return `${params.add(rangeFrom)}::date`;
  }
}

export const and = (conditions: string[]): string => (conditions.length ? conditions.join(' AND ') : 'true');
