/**
 * Who is calling (API.md): the datasource's bearer token, compared in constant time, and the
 * Grafana login it vouches for, which must be active in the roster today (Europe/Rome).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { romeDayOf } from '../../src/model/calendar';
import { NATIONAL_ROLES, ROLES } from '../../src/model/domain';
import type { Queryable } from '../db/database';
import { QueryError } from '../query/errors';
import { scopeOf } from '../query/scope';
import type { Scope } from '../query/sql';
import { activeUser } from '../roster/activeUser';

export interface Caller {
  login: string;
  role: string;
  regionCode: string | null;
  scope: Scope;
}

const digest = (s: string): Buffer => createHash('sha256').update(s, 'utf8').digest();

/** A token checker that takes as long for a wrong token as for a right one. */
export function tokenChecker(token: string): (authorization: string | undefined) => boolean {
  const expected = digest(token);
  return (authorization) => {
    const match = /^Bearer (.+)$/.exec(authorization ?? '');
    return timingSafeEqual(digest(match ? match[1] : ''), expected) && match !== null;
  };
}

export async function identifyCaller(
  db: Queryable,
  headers: { authorization?: string; 'x-grafana-user'?: string | string[] },
  checkToken: (authorization: string | undefined) => boolean,
  now: () => Date
): Promise<Caller> {
  if (!checkToken(headers.authorization)) {
    throw new UnauthorizedError();
  }
  const login = headers['x-grafana-user'];
  if (typeof login !== 'string' || login.trim() === '') {
    throw new QueryError('FORBIDDEN', 'The request names no user: the header "X-Grafana-User" is missing.');
  }
  const today = romeDayOf(now().getTime());
  const user = await activeUser(db, login, today);
  if (!user) {
    throw new QueryError('FORBIDDEN', `The user named by "X-Grafana-User" is not active in the DASMO roster on ${today}.`);
  }
  // The roster loader refuses such rows; a row put in by other means must still not widen anyone's
  // view: a role DOMAIN.md does not name (an intermediary) sees nothing, and a regional role
  // without a region does not become national.
  if (!(ROLES as readonly string[]).includes(user.role)) {
    throw new QueryError('FORBIDDEN', `The user named by "X-Grafana-User" has the role "${user.role}", which has no access to DASMO.`);
  }
  if (!NATIONAL_ROLES.includes(user.role) && !user.regionCode) {
    throw new QueryError('FORBIDDEN', `The user named by "X-Grafana-User" has the regional role "${user.role}" but no region in the roster.`);
  }
  return { ...user, scope: scopeOf(user) };
}

export class UnauthorizedError extends Error {
  readonly status = 401;
  readonly code = 'UNAUTHORIZED';
  constructor() {
    super('The request has no valid token: send "Authorization: Bearer <token>".');
  }
}
