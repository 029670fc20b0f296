/**
 * The user roster (EXTRACT.md "The user roster"): `utenti.csv` with
 * `login;nome;ruolo;regione;attivo_dal;attivo_al`, same CSV rules as the extract. The whole
 * roster is checked first; any bad row refuses it, with every problem named by line.
 */
import { isIsoDay } from '../../src/model/calendar';
import { NATIONAL_ROLES, ROLES, type Role } from '../../src/model/domain';
import type { Database } from '../db/database';
import { checkHeader, csvRecords } from '../load/csvReader';
import { FolderRefused } from '../load/refusal';

export const ROSTER_COLUMNS = ['login', 'nome', 'ruolo', 'regione', 'attivo_dal', 'attivo_al'] as const;

export interface RosterUser {
  login: string;
  fullName: string;
  role: Role;
  regionCode: string | null;
  activeFrom: string;
  activeTo: string | null;
}

/** The roster was refused: nothing changed; `problems` lists each bad line. */
export class RosterRefused extends Error {
  constructor(readonly problems: string[]) {
    super(`the roster was refused, nothing changed:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'RosterRefused';
  }
}

type Fields = Record<(typeof ROSTER_COLUMNS)[number], string>;

function rowProblems(f: Fields, regions: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  if (f.login === '') {problems.push('login is empty');}
  if (f.nome === '') {problems.push('nome is empty');}
  const role = f.ruolo as Role;
  if (!ROLES.includes(role)) {problems.push(`ruolo "${f.ruolo}" is not one of ${ROLES.join(', ')}`);}
  if (f.regione === '') {
    if (ROLES.includes(role) && !NATIONAL_ROLES.includes(role)) {problems.push(`regione is required for ruolo ${role}`);}
  } else if (!regions.has(f.regione)) {
    problems.push(`regione "${f.regione}" is not a known region`);
  }
  if (!isIsoDay(f.attivo_dal)) {problems.push(`attivo_dal "${f.attivo_dal}" is not a date written AAAA-MM-GG`);}
  if (f.attivo_al !== '' && !isIsoDay(f.attivo_al)) {
    problems.push(`attivo_al "${f.attivo_al}" is not a date written AAAA-MM-GG (or empty: no end)`);
  } else if (f.attivo_al !== '' && isIsoDay(f.attivo_dal) && f.attivo_al < f.attivo_dal) {
    problems.push(`attivo_al ${f.attivo_al} is before attivo_dal ${f.attivo_dal}`);
  }
  return problems;
}

/** Reads and checks a roster file; RosterRefused listing every problem by line. */
export async function readRoster(path: string, regions: ReadonlySet<string>): Promise<{ users: RosterUser[]; ignoredColumns: string[] }> {
  const name = path.split(/[\\/]/).pop()!;
  const problems: string[] = [];
  const users: RosterUser[] = [];
  const firstLine = new Map<string, number>();
  let ignoredColumns: string[] = [];
  try {
    let header: ReturnType<typeof checkHeader> | null = null;
    for await (const rec of csvRecords(path, name)) {
      if (!header) {
        header = checkHeader(name, rec.fields, ROSTER_COLUMNS);
        ignoredColumns = header.ignored;
        continue;
      }
      if (rec.fields.length !== header.width) {
        problems.push(`line ${rec.line}: the row has ${rec.fields.length} fields, the header has ${header.width}`);
        continue;
      }
      const f = Object.fromEntries(ROSTER_COLUMNS.map((c) => [c, rec.fields[header!.position[c]]])) as Fields;
      const rowIssues = rowProblems(f, regions);
      const earlier = firstLine.get(f.login);
      if (f.login !== '' && earlier !== undefined) {rowIssues.push(`login ${f.login} is already on line ${earlier}`);}
      if (f.login !== '' && earlier === undefined) {firstLine.set(f.login, rec.line);}
      problems.push(...rowIssues.map((p) => `line ${rec.line}: ${p}`));
      if (rowIssues.length === 0) {
        users.push({
          login: f.login, fullName: f.nome, role: f.ruolo as Role, regionCode: f.regione || null,
          activeFrom: f.attivo_dal, activeTo: f.attivo_al || null,
        });
      }
    }
    if (!header) {problems.push(`${name} is empty: it needs a header row`);}
  } catch (e) {
    if (e instanceof FolderRefused) {throw new RosterRefused([e.message]);}
    throw e;
  }
  if (problems.length > 0) {throw new RosterRefused(problems);}
  return { users, ignoredColumns };
}

/** Replaces the roster in one transaction: the old one stays in force until the new one is in. */
export async function loadRoster(db: Database, path: string): Promise<{ users: number; ignoredColumns: string[] }> {
  const regions = new Set((await db.query<{ region_code: string }>('SELECT region_code FROM region')).map((r) => r.region_code));
  const { users, ignoredColumns } = await readRoster(path, regions);
  await db.transaction(async (tx) => {
    await tx.query('DELETE FROM app_user');
    for (const u of users) {
      await tx.query(
        'INSERT INTO app_user (login, full_name, role, region_code, active_from, active_to) VALUES ($1, $2, $3, $4, $5, $6)',
        [u.login, u.fullName, u.role, u.regionCode, u.activeFrom, u.activeTo]
      );
    }
  });
  return { users: users.length, ignoredColumns };
}
