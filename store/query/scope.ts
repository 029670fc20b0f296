/**
 * The caller's region scope (DOMAIN.md "Who may see what"): national roles see all of Italy,
 * every other role its own region. A filter reaching outside the scope is refused with a message
 * naming it, never answered with less.
 */
import type { Queryable } from '../db/database';
import { NATIONAL_ROLES, type Role } from '../../src/model/domain';
import type { Filters } from '../../src/model/query';
import { QueryError } from './errors';
import type { Scope } from './sql';

export function scopeOf(user: { role: string; regionCode: string | null }): Scope {
  return { regionCode: NATIONAL_ROLES.includes(user.role as Role) ? null : user.regionCode };
}

export async function checkFiltersInScope(db: Queryable, filters: Filters | undefined, scope: Scope): Promise<void> {
  if (scope.regionCode === null) {
    return;
  }
  for (const region of filters?.regione ?? []) {
    if (region !== scope.regionCode) {
      throw new QueryError('FORBIDDEN', `The filter "regione" asks for region "${region}", outside your scope (region ${scope.regionCode}).`);
    }
  }
  await checkOfficesInScope(db, filters?.sede ?? [], scope.regionCode, 'The filter "sede"');
}

/** Refuses offices of another region; `what` names the filter or parameter in the message. */
export async function checkOfficesInScope(db: Queryable, offices: string[], regionCode: string, what: string): Promise<void> {
  if (offices.length === 0) {
    return;
  }
  const outside = await db.query<{ office_code: string }>(
    'SELECT office_code FROM office WHERE office_code = ANY($1::text[]) AND region_code <> $2 ORDER BY office_code',
    [offices, regionCode]
  );
  if (outside.length) {
    const list = outside.map((o) => `"${o.office_code}"`).join(', ');
    throw new QueryError('FORBIDDEN', `${what} asks for office ${list}, outside your scope (region ${regionCode}).`);
  }
}

export function checkRegionInScope(region: string, scope: Scope, what: string): void {
  if (scope.regionCode !== null && region !== scope.regionCode) {
    throw new QueryError('FORBIDDEN', `${what} asks for region "${region}", outside your scope (region ${scope.regionCode}).`);
  }
}
