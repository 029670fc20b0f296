/**
 * Values of the template variables (GET /api/variables/{name}), within the caller's scope. The
 * code lists come from src/model/domain.ts; regions and offices from the reference tables.
 */
import {
  AGE_BANDS,
  APPLICATION_STATES,
  BENEFITS,
  CAUSES,
  PAYMENT_MODES,
  REJECTION_REASONS,
  SR41_STATES,
} from '../../../src/model/domain';
import type { Queryable } from '../../db/database';
import { checkRegionInScope } from '../../query/scope';
import type { Scope } from '../../query/sql';
import type { VariableQuery, VariableValues } from '../schemas';

const codes = (values: readonly string[]): VariableValues => values.map((v) => ({ text: v, value: v }));

type VariableSource = (db: Queryable, scope: Scope, query: VariableQuery) => Promise<VariableValues> | VariableValues;

const VARIABLES: Readonly<Record<string, VariableSource>> = {
  regione: (db, scope) =>
    db.query<{ text: string; value: string }>(
      'SELECT name AS text, region_code AS value FROM region WHERE ($1::text IS NULL OR region_code = $1) ORDER BY region_code',
      [scope.regionCode]
    ),
  sede: (db, scope, query) => {
    if (query.regione !== undefined) {
      checkRegionInScope(query.regione, scope, 'The parameter "regione"');
    }
    return db.query<{ text: string; value: string }>(
      `SELECT name AS text, office_code AS value FROM office
        WHERE ($1::text IS NULL OR region_code = $1) AND ($2::text IS NULL OR region_code = $2)
        ORDER BY office_code`,
      [scope.regionCode, query.regione ?? null]
    );
  },
  prestazione: () => codes(BENEFITS),
  causale: () => codes(CAUSES),
  modalita: () => codes(PAYMENT_MODES),
  stato: (_db, _scope, query) => codes(query.of === 'sr41' ? SR41_STATES : APPLICATION_STATES),
  motivo: () => codes(REJECTION_REASONS),
  fascia_eta: () => AGE_BANDS.map((b) => ({ text: b.label, value: b.id })),
};

export const VARIABLE_NAMES = Object.keys(VARIABLES);

export function isVariable(name: string): boolean {
  return Object.hasOwn(VARIABLES, name);
}

export async function variableValues(db: Queryable, name: string, scope: Scope, query: VariableQuery): Promise<VariableValues> {
  return VARIABLES[name](db, scope, query);
}
