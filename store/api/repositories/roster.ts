/**
 * The roster's answer to "may this login use DASMO today?". A profile granted on active_from
 * works from the next day through active_to included (EXTRACT.md "The user roster").
 */
import type { Queryable } from '../../db/database';

export interface ActiveUser {
  login: string;
  role: string;
  regionCode: string | null;
}

export async function findActiveUser(db: Queryable, login: string, today: string): Promise<ActiveUser | null> {
  const [row] = await db.query<{ login: string; role: string; region_code: string | null }>(
    `SELECT login, role, region_code FROM app_user
      WHERE login = $1 AND active_from < $2::date AND (active_to IS NULL OR active_to >= $2::date)`,
    [login, today]
  );
  return row ? { login: row.login, role: row.role, regionCode: row.region_code } : null;
}
