/**
 * Who may use DASMO on a day (EXTRACT.md, DOMAIN.md "Who may see what"): a profile granted on
 * day X (attivo_dal) works from X + 1 through attivo_al included; anyone else sees nothing.
 */
import { NATIONAL_ROLES, type Role } from '../../src/model/domain';
import type { Queryable } from '../db/database';

export interface ActiveUser {
  login: string;
  role: Role;
  /** The region whose rows the user sees; null for the roles that see all of Italy. */
  regionCode: string | null;
}

/** The user's profile in force on `today` ('AAAA-MM-GG', Europe/Rome), or null. */
export async function activeUser(db: Queryable, login: string, today: string): Promise<ActiveUser | null> {
  const [row] = await db.query<{ login: string; role: Role; region_code: string | null }>(
    `SELECT login, role, region_code FROM app_user
      WHERE login = $1 AND active_from < $2::date AND (active_to IS NULL OR $2::date <= active_to)`,
    [login, today]
  );
  if (!row) {return null;}
  return { login: row.login, role: row.role, regionCode: NATIONAL_ROLES.includes(row.role) ? null : row.region_code };
}
