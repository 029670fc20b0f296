/**
 * A stand-in for Grafana in tests (Grafana cannot run here): a real HTTP server on 127.0.0.1
 * keeping folders, teams, members, users and folder permissions, that answers only the requests
 * Grafana documents (developers/http_api: folder.md, folder_permissions.md, org.md, team.md, user.md) and
 * records every request that strays from them (path, method, body, auth) as a violation.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

interface Perm {
  teamId: number;
  userId: number;
  role: string;
  permission: number;
}

export interface DoubleState {
  /** Users of the organisation, with their organisation role. */
  users: Array<{ id: number; login: string; role: string }>;
  folders: Array<{ id: number; uid: string; title: string }>;
  teams: Array<{ id: number; name: string; members: number[] }>;
  permissions: Record<string, Perm[]>;
}

export interface LoggedRequest {
  method: string;
  path: string;
  body?: unknown;
}

const PERMISSION_NAMES: Record<number, string> = { 1: 'View', 2: 'Edit', 4: 'Admin' };

export class GrafanaDouble {
  readonly requests: LoggedRequest[] = [];
  readonly violations: string[] = [];
  private server?: Server;

  constructor(
    readonly state: DoubleState,
    private readonly basicAuth: string
  ) {}

  /** Grafana's defaults for a new folder: Viewer may view, Editor may edit (folder_permissions.md). */
  static defaultPermissions(): Perm[] {
    return [
      { teamId: 0, userId: 0, role: 'Viewer', permission: 1 },
      { teamId: 0, userId: 0, role: 'Editor', permission: 2 },
    ];
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      let raw = '';
      req.on('data', (c) => (raw += c));
      req.on('end', () => this.handle(req, res, raw));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server!.close(() => resolve()));
  }

  writes(): LoggedRequest[] {
    return this.requests.filter((r) => r.method !== 'GET');
  }

  private handle(req: IncomingMessage, res: ServerResponse, raw: string): void {
    const url = new URL(req.url ?? '/', 'http://grafana');
    const method = req.method ?? 'GET';
    let body: unknown;
    if (raw) {
      if (!String(req.headers['content-type']).startsWith('application/json')) {
        this.violations.push(`${method} ${url.pathname}: a body without Content-Type application/json`);
      }
      try {
        body = JSON.parse(raw);
      } catch {
        this.violations.push(`${method} ${url.pathname}: the body is not JSON`);
      }
    }
    this.requests.push({ method, path: url.pathname + url.search, ...(body === undefined ? {} : { body }) });
    const send = (status: number, json: unknown) => {
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(json));
    };
    if (req.headers.authorization !== `Basic ${Buffer.from(this.basicAuth).toString('base64')}`) {
      this.violations.push(`${method} ${url.pathname}: no valid Authorization header`);
      return send(401, { message: 'Unauthorized' });
    }
    const route = `${method} ${url.pathname}`;
    const fail = (why: string) => {
      this.violations.push(`${route}: ${why}`);
      return send(400, { message: why });
    };
    let m: RegExpMatchArray | null;

    // folder.md "Get all folders"
    if (route === 'GET /api/folders') {
      return send(200, this.state.folders.map(({ id, uid, title }) => ({ id, uid, title })));
    }
    // folder.md "Create folder": uid optional, title required, parentUid optional.
    if (route === 'POST /api/folders') {
      const b = body as { uid?: unknown; title?: unknown };
      if (!b || typeof b.title !== 'string' || Object.keys(b).some((k) => !['uid', 'title', 'parentUid'].includes(k))) {
        return fail('the body must be { uid?, title, parentUid? }');
      }
      if (this.state.folders.some((f) => f.uid === b.uid || f.title === b.title)) {
        return send(409, { message: 'a folder with the same name or uid already exists' });
      }
      const folder = { id: this.state.folders.length + 100, uid: String(b.uid ?? `auto${this.state.folders.length}`), title: b.title };
      this.state.folders.push(folder);
      this.state.permissions[folder.uid] = GrafanaDouble.defaultPermissions();
      return send(200, { ...folder, url: `/dashboards/f/${folder.uid}/`, version: 1 });
    }
    // folder_permissions.md "Get permissions for a folder" / "Update permissions for a folder".
    if ((m = url.pathname.match(/^\/api\/folders\/([^/]+)\/permissions$/))) {
      const uid = decodeURIComponent(m[1]);
      const folder = this.state.folders.find((f) => f.uid === uid);
      if (!folder) {
        return send(404, { message: 'Folder not found' });
      }
      if (method === 'GET') {
        return send(
          200,
          this.state.permissions[uid].map((p, i) => ({
            id: i + 1,
            folderId: folder.id,
            userId: p.userId,
            userLogin: this.state.users.find((u) => u.id === p.userId)?.login ?? '',
            teamId: p.teamId,
            team: this.state.teams.find((t) => t.id === p.teamId)?.name ?? '',
            role: p.role,
            permission: p.permission,
            permissionName: PERMISSION_NAMES[p.permission],
            uid,
            title: folder.title,
            isFolder: true,
          }))
        );
      }
      if (method === 'POST') {
        const items = (body as { items?: unknown })?.items;
        if (!Array.isArray(items) || Object.keys(body as object).length !== 1) {
          return fail('the body must be { items: [...] }');
        }
        const next: Perm[] = [];
        for (const it of items as Array<Record<string, unknown>>) {
          const who = ['teamId', 'userId', 'role'].filter((k) => it[k] !== undefined);
          if (who.length !== 1 || Object.keys(it).length !== 2 || !PERMISSION_NAMES[it.permission as number]) {
            return fail(`each item names one of teamId, userId, role and a permission 1, 2 or 4: ${JSON.stringify(it)}`);
          }
          if (it.teamId !== undefined && !this.state.teams.some((t) => t.id === it.teamId)) {
            return fail(`team ${String(it.teamId)} does not exist`);
          }
          if (it.role !== undefined && it.role !== 'Viewer' && it.role !== 'Editor') {
            return fail('permissions can be set for the roles Viewer and Editor only');
          }
          next.push({ teamId: Number(it.teamId ?? 0), userId: Number(it.userId ?? 0), role: String(it.role ?? ''), permission: it.permission as number });
        }
        this.state.permissions[uid] = next;
        return send(200, { message: 'Folder permissions updated', id: folder.id, title: folder.title });
      }
    }
    // team.md "Team Search With Paging", by name: a single team, 404 when none.
    if (route === 'GET /api/teams/search') {
      const name = url.searchParams.get('name');
      if (name === null) {
        return fail('the access script searches teams by exact name');
      }
      const team = this.state.teams.find((t) => t.name === name);
      if (!team) {
        return send(404, { message: 'Team not found' });
      }
      return send(200, { totalCount: 1, teams: [{ id: team.id, orgId: 1, name: team.name, email: '', memberCount: team.members.length }], page: 1, perPage: 1000 });
    }
    // team.md "Add Team": name required and unique, email optional.
    if (route === 'POST /api/teams') {
      const b = body as { name?: unknown };
      if (!b || typeof b.name !== 'string' || Object.keys(b).some((k) => !['name', 'email'].includes(k))) {
        return fail('the body must be { name, email? }');
      }
      if (this.state.teams.some((t) => t.name === b.name)) {
        return send(409, { message: 'Team name taken' });
      }
      const team = { id: this.state.teams.length + 1, name: b.name, members: [] };
      this.state.teams.push(team);
      return send(200, { message: 'Team created', teamId: team.id, uid: `team${team.id}` });
    }
    // team.md "Get Team Members" / "Add Team Member" / "Remove Member From Team".
    if ((m = url.pathname.match(/^\/api\/teams\/(\d+)\/members(?:\/(\d+))?$/))) {
      const team = this.state.teams.find((t) => t.id === Number(m![1]));
      if (!team) {
        return send(404, { message: 'Team not found' });
      }
      if (method === 'GET' && !m[2]) {
        return send(
          200,
          team.members.map((id) => ({ orgId: 1, teamId: team.id, userId: id, login: this.state.users.find((u) => u.id === id)!.login, email: '', avatarUrl: '' }))
        );
      }
      if (method === 'POST' && !m[2]) {
        const b = body as { userId?: unknown };
        if (!b || typeof b.userId !== 'number' || Object.keys(b).length !== 1) {
          return fail('the body must be { userId }');
        }
        if (!this.state.users.some((u) => u.id === b.userId)) {
          return fail(`user ${b.userId} does not exist`);
        }
        if (team.members.includes(b.userId)) {
          return send(400, { message: 'User is already added to this team' });
        }
        team.members.push(b.userId);
        return send(200, { message: 'Member added to Team' });
      }
      if (method === 'DELETE' && m[2]) {
        const userId = Number(m[2]);
        if (!team.members.includes(userId)) {
          return send(404, { message: 'Team member not found' });
        }
        team.members = team.members.filter((id) => id !== userId);
        return send(200, { message: 'Team Member removed' });
      }
    }
    // org.md "Get all users within the current organization" / "Updates the given user".
    if (route === 'GET /api/org/users') {
      return send(200, this.state.users.map((u) => ({ orgId: 1, userId: u.id, email: `${u.login}@inps.example`, login: u.login, role: u.role, lastSeenAt: '', lastSeenAtAge: '' })));
    }
    if (method === 'PATCH' && (m = url.pathname.match(/^\/api\/org\/users\/(\d+)$/))) {
      const user = this.state.users.find((u) => u.id === Number(m![1]));
      const b = body as { role?: unknown };
      if (!b || !['Viewer', 'Editor', 'Admin', 'None'].includes(String(b.role)) || Object.keys(b).length !== 1) {
        return fail('the body must be { role: Viewer | Editor | Admin | None }');
      }
      if (!user) {
        return send(404, { message: 'user not found' });
      }
      user.role = String(b.role);
      return send(200, { message: 'Organization user updated' });
    }
    // user.md "Get single user by Username(login) or Email".
    if (route === 'GET /api/users/lookup') {
      const login = url.searchParams.get('loginOrEmail');
      const user = this.state.users.find((u) => u.login === login);
      return user ? send(200, { id: user.id, email: `${user.login}@inps.example`, name: user.login, login: user.login, orgId: 1, isGrafanaAdmin: false }) : send(404, { message: 'user not found' });
    }
    this.violations.push(`${route}: not a request of the documented API`);
    return send(404, { message: 'Not found' });
  }
}
