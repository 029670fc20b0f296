/**
 * provisioning/access/roles.yml, read and checked: every INPS role has one team, every folder a
 * team names is declared, every permission is one Grafana knows.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { ROLES, type Role } from '../../src/model/domain';

/** Grafana's folder permission levels (Folder Permissions HTTP API: 1 = View, 2 = Edit, 4 = Admin). */
export const PERMISSION_LEVELS = { View: 1, Edit: 2, Admin: 4 } as const;
export type PermissionName = keyof typeof PERMISSION_LEVELS;

/** Grafana's organisation roles (org.md "Updates the given user"). */
export const ORG_ROLES = ['Viewer', 'Editor', 'Admin'] as const;
export type OrgRole = (typeof ORG_ROLES)[number];

export interface FolderSpec {
  title: string;
  /** Only for folders this script creates; provisioned folders are found by title. */
  uid?: string;
  create: boolean;
}

export interface TeamSpec {
  role: Role;
  team: string;
  orgRole: OrgRole;
  folders: Record<string, PermissionName>;
}

export interface AccessConfig {
  folders: FolderSpec[];
  teams: TeamSpec[];
}

export function readAccessConfig(path: string): AccessConfig {
  const raw = parse(readFileSync(path, 'utf8')) as { folders?: unknown; teams?: unknown };
  const problems: string[] = [];
  const folders = asList(raw.folders, 'folders', problems).map((f, i) => {
    const o = f as Record<string, unknown>;
    if (typeof o.title !== 'string' || o.title === '') {
      problems.push(`folders[${i}].title is missing`);
    }
    if (o.create === true && typeof o.uid !== 'string') {
      problems.push(`folders[${i}] (${String(o.title)}) is created by the script, so it needs a uid`);
    }
    return { title: String(o.title), uid: typeof o.uid === 'string' ? o.uid : undefined, create: o.create === true };
  });
  const titles = new Set(folders.map((f) => f.title));
  const teams = asList(raw.teams, 'teams', problems).map((t, i) => {
    const o = t as Record<string, unknown>;
    const where = `teams[${i}]`;
    if (!ROLES.includes(o.role as Role)) {
      problems.push(`${where}.role "${String(o.role)}" is not one of ${ROLES.join(', ')}`);
    }
    if (typeof o.team !== 'string' || o.team === '') {
      problems.push(`${where}.team is missing`);
    }
    if (!ORG_ROLES.includes(o.orgRole as OrgRole)) {
      problems.push(`${where}.orgRole is "${String(o.orgRole)}"; use ${ORG_ROLES.join(', ')}`);
    }
    const perms = (o.folders ?? {}) as Record<string, unknown>;
    for (const [folder, perm] of Object.entries(perms)) {
      if (!titles.has(folder)) {
        problems.push(`${where}.folders names "${folder}", which is not in the list of folders`);
      }
      if (!(typeof perm === 'string' && perm in PERMISSION_LEVELS)) {
        problems.push(`${where}.folders.${folder} is "${String(perm)}"; use View, Edit or Admin`);
      }
    }
    return { role: o.role as Role, team: String(o.team), orgRole: o.orgRole as OrgRole, folders: perms as Record<string, PermissionName> };
  });
  for (const role of ROLES) {
    const n = teams.filter((t) => t.role === role).length;
    if (n !== 1) {
      problems.push(`role ${role} must have exactly one team (it has ${n})`);
    }
  }
  if (problems.length > 0) {
    throw new Error(`${path} is not valid:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  }
  return { folders, teams };
}

function asList(v: unknown, name: string, problems: string[]): unknown[] {
  if (!Array.isArray(v)) {
    problems.push(`${name} must be a list`);
    return [];
  }
  return v;
}
