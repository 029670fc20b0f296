/**
 * Brings Grafana's teams, team members and folder permissions to what roles.yml and the roster
 * say, changing only what differs (a second run changes nothing). With `dryRun`, only reads are
 * sent and the returned plan lists the changes a real run would make.
 */
import type { RosterUser } from '../../store/roster/roster';
import { PERMISSION_LEVELS, type AccessConfig } from './accessConfig';
import type { GrafanaApi, PermissionItem, Team } from './grafanaApi';

export interface AccessReport {
  /** Changes made (or, in a dry run, to be made), one sentence each. */
  changes: string[];
  /** Roster users Grafana does not know yet (they have never signed in): added on a later run. */
  notYetInGrafana: string[];
}

/** A profile granted on attivo_dal works from the next day through attivo_al included (EXTRACT.md). */
export function isActiveOn(user: RosterUser, today: string): boolean {
  return user.activeFrom < today && (user.activeTo === null || today <= user.activeTo);
}

export async function reconcileAccess(api: GrafanaApi, config: AccessConfig, roster: RosterUser[], today: string, dryRun: boolean): Promise<AccessReport> {
  const report: AccessReport = { changes: [], notYetInGrafana: [] };
  const change = async (sentence: string, write: () => Promise<unknown>) => {
    report.changes.push(sentence);
    if (!dryRun) {
      await write();
    }
  };

  // Folders: provisioned ones must exist already; the workspace is created when missing.
  const existing = await api.listFolders();
  const folderUid = new Map<string, string>();
  for (const f of config.folders) {
    const found = existing.find((x) => x.title === f.title);
    if (found) {
      folderUid.set(f.title, found.uid);
    } else if (f.create && f.uid) {
      const uid = f.uid;
      await change(`create folder "${f.title}" (uid ${uid})`, () => api.createFolder(uid, f.title));
      folderUid.set(f.title, uid);
    } else {
      throw new Error(
        `Grafana has no folder "${f.title}": dashboard provisioning creates it from dashboards/${f.title}/; start Grafana with provisioning/dashboards first.`
      );
    }
  }

  // Teams and their members: exactly the roster's active users of the team's role.
  const userIds = new Map<string, number | null>();
  const lookup = async (login: string) => {
    if (!userIds.has(login)) {
      userIds.set(login, (await api.findUser(login))?.id ?? null);
    }
    return userIds.get(login)!;
  };
  const teamIds = new Map<string, number | null>();
  for (const spec of config.teams) {
    let team: Team | null = await api.findTeam(spec.team);
    if (!team) {
      report.changes.push(`create team "${spec.team}"`);
      team = dryRun ? null : await api.createTeam(spec.team);
    }
    teamIds.set(spec.team, team?.id ?? null);
    const members = team ? await api.teamMembers(team.id) : [];
    const wanted = new Map<number, string>();
    for (const u of roster.filter((x) => x.role === spec.role && isActiveOn(x, today))) {
      const id = await lookup(u.login);
      if (id === null) {
        report.notYetInGrafana.push(u.login);
      } else {
        wanted.set(id, u.login);
      }
    }
    const teamId = team?.id ?? 0;
    for (const [id, login] of wanted) {
      if (!members.some((m) => m.userId === id)) {
        await change(`add ${login} to team "${spec.team}"`, () => api.addTeamMember(teamId, id));
      }
    }
    for (const m of members) {
      if (!wanted.has(m.userId)) {
        await change(`remove ${m.login} from team "${spec.team}"`, () => api.removeTeamMember(teamId, m.userId));
      }
    }
  }

  // Organisation roles of roster users: their team's while active, Viewer once their profile ends.
  const orgUsers = await api.orgUsers();
  for (const u of roster) {
    const id = await lookup(u.login);
    const current = orgUsers.find((o) => o.userId === id);
    if (id === null || !current) {
      continue;
    }
    const wanted = isActiveOn(u, today) ? config.teams.find((t) => t.role === u.role)!.orgRole : 'Viewer';
    if (current.role !== wanted) {
      await change(`set the organisation role of ${u.login} to ${wanted} (was ${current.role})`, () => api.setOrgRole(id, wanted));
    }
  }

  // Folder permissions: exactly the teams roles.yml names, nothing else.
  for (const f of config.folders) {
    const uid = folderUid.get(f.title)!;
    const items: PermissionItem[] = config.teams
      .filter((t) => t.folders[f.title])
      .map((t) => ({ teamId: teamIds.get(t.team) ?? 0, permission: PERMISSION_LEVELS[t.folders[f.title]] }));
    const current = folderExists(existing, f.title) ? await api.folderPermissions(uid) : [];
    if (!samePermissions(current, items)) {
      const described = config.teams.filter((t) => t.folders[f.title]).map((t) => `${t.team}: ${t.folders[f.title]}`);
      await change(`set permissions of folder "${f.title}" to ${described.join(', ')}`, () => api.setFolderPermissions(uid, items));
    }
  }
  report.notYetInGrafana = [...new Set(report.notYetInGrafana)].sort();
  return report;
}

function folderExists(existing: Array<{ title: string }>, title: string): boolean {
  return existing.some((x) => x.title === title);
}

/** Grafana lists admins' implicit access too; only team, user and Viewer/Editor entries are set by us. */
function samePermissions(current: PermissionItem[], wanted: PermissionItem[]): boolean {
  const key = (p: PermissionItem) => (p.teamId ? `team:${p.teamId}` : p.userId ? `user:${p.userId}` : `role:${p.role}`) + `=${p.permission}`;
  const settable = current.filter((p) => p.teamId || p.userId || p.role === 'Viewer' || p.role === 'Editor');
  const a = settable.map(key).sort();
  const b = wanted.map(key).sort();
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
