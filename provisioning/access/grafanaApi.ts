/**
 * The few Grafana HTTP API calls the access script makes, each following the page of Grafana's
 * documentation named beside it (developers/http_api/…). Authentication: a service-account token
 * (GRAFANA_TOKEN) or basic auth as a Grafana admin (GRAFANA_ADMIN_USER / GRAFANA_ADMIN_PASSWORD);
 * the user lookup needs a Grafana admin.
 */

export interface GrafanaAuth {
  url: string;
  token?: string;
  user?: string;
  password?: string;
}

export interface Folder {
  id: number;
  uid: string;
  title: string;
}
export interface Team {
  id: number;
  name: string;
}
export interface TeamMember {
  userId: number;
  login: string;
}
export interface OrgUser {
  userId: number;
  login: string;
  role: string;
}
export interface PermissionItem {
  teamId?: number;
  userId?: number;
  role?: string;
  permission: number;
}

export class GrafanaError extends Error {
  constructor(
    readonly status: number,
    message: string
  ) {
    super(message);
  }
}

export class GrafanaApi {
  constructor(private readonly auth: GrafanaAuth) {}

  /** folder.md "Get all folders": GET /api/folders (limit up to 1000). */
  listFolders(): Promise<Folder[]> {
    return this.call('GET', '/api/folders?limit=1000');
  }

  /** folder.md "Create folder": POST /api/folders { uid, title }. */
  createFolder(uid: string, title: string): Promise<Folder> {
    return this.call('POST', '/api/folders', { uid, title });
  }

  /** team.md "Team Search With Paging", by exact name: GET /api/teams/search?name=…; 404 or no match = none. */
  async findTeam(name: string): Promise<Team | null> {
    try {
      const r = await this.call<{ teams: Team[] }>('GET', `/api/teams/search?name=${encodeURIComponent(name)}`);
      return r.teams.find((t) => t.name === name) ?? null;
    } catch (e) {
      if (e instanceof GrafanaError && e.status === 404) {
        return null;
      }
      throw e;
    }
  }

  /** team.md "Add Team": POST /api/teams { name } → { teamId }. */
  async createTeam(name: string): Promise<Team> {
    const r = await this.call<{ teamId: number }>('POST', '/api/teams', { name });
    return { id: r.teamId, name };
  }

  /** team.md "Get Team Members": GET /api/teams/:teamId/members. */
  teamMembers(teamId: number): Promise<TeamMember[]> {
    return this.call('GET', `/api/teams/${teamId}/members`);
  }

  /** team.md "Add Team Member": POST /api/teams/:teamId/members { userId }. */
  addTeamMember(teamId: number, userId: number): Promise<unknown> {
    return this.call('POST', `/api/teams/${teamId}/members`, { userId });
  }

  /** team.md "Remove Member From Team": DELETE /api/teams/:teamId/members/:userId. */
  removeTeamMember(teamId: number, userId: number): Promise<unknown> {
    return this.call('DELETE', `/api/teams/${teamId}/members/${userId}`);
  }

  /** user.md "Get single user by Username(login) or Email": GET /api/users/lookup?loginOrEmail=…; 404 = no such user. */
  async findUser(login: string): Promise<{ id: number; login: string } | null> {
    try {
      return await this.call('GET', `/api/users/lookup?loginOrEmail=${encodeURIComponent(login)}`);
    } catch (e) {
      if (e instanceof GrafanaError && e.status === 404) {
        return null;
      }
      throw e;
    }
  }

  /** org.md "Get all users within the current organization": GET /api/org/users. */
  orgUsers(): Promise<OrgUser[]> {
    return this.call('GET', '/api/org/users');
  }

  /** org.md "Updates the given user": PATCH /api/org/users/:userId { role }. */
  setOrgRole(userId: number, role: string): Promise<unknown> {
    return this.call('PATCH', `/api/org/users/${userId}`, { role });
  }

  /** folder_permissions.md "Get permissions for a folder": GET /api/folders/:uid/permissions. */
  folderPermissions(uid: string): Promise<PermissionItem[]> {
    return this.call('GET', `/api/folders/${encodeURIComponent(uid)}/permissions`);
  }

  /** folder_permissions.md "Update permissions for a folder": POST /api/folders/:uid/permissions { items }; omitted items are removed. */
  setFolderPermissions(uid: string, items: PermissionItem[]): Promise<unknown> {
    return this.call('POST', `/api/folders/${encodeURIComponent(uid)}/permissions`, { items });
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (this.auth.token) {
      headers.Authorization = `Bearer ${this.auth.token}`;
    } else if (this.auth.user) {
      headers.Authorization = `Basic ${Buffer.from(`${this.auth.user}:${this.auth.password ?? ''}`).toString('base64')}`;
    }
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
    }
    const url = `${this.auth.url.replace(/\/$/, '')}${path}`;
    let res: Response;
    try {
      res = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch (e) {
      throw new GrafanaError(0, `Grafana at ${this.auth.url} cannot be reached (${(e as Error).message}).`);
    }
    const text = await res.text();
    if (!res.ok) {
      let message = text;
      try {
        message = (JSON.parse(text) as { message?: string }).message ?? text;
      } catch {
        // not JSON: keep the text
      }
      throw new GrafanaError(res.status, `Grafana answered ${res.status} to ${method} ${path}: ${message}`);
    }
    return (text ? JSON.parse(text) : null) as T;
  }
}
