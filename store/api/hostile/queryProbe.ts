/**
 * Sending hostile bodies to POST /api/query and judging the answers (a helper of the hostile
 * tests, not a test file): status 200 or 4xx, the error shape with a sentence, per-query errors
 * 400/403 only, and a regional user's frames within their region. Counts the statuses seen.
 */
import type { FastifyInstance } from 'fastify';
import type { Frame } from '../../../src/model/query';
import { asUser, call, type Answer } from '../apiTesting';
import { problemsOfError } from './hostileValues';

export class QueryProbe {
  /** Status → how many answers (printed for bench/README.md). */
  readonly statuses = new Map<number, number>();

  constructor(
    private readonly app: FastifyInstance,
    /** The region a scoped login sees, and the offices its items may carry. */
    private readonly scope: { login: string; region: string; offices: Set<string> }
  ) {}

  /** One request as `login` (default: the scoped user): the answer and every problem found in it. */
  async send(payload: unknown, o: { login?: string; raw?: string } = {}): Promise<{ r: Answer; problems: string[] }> {
    const login = o.login ?? this.scope.login;
    const r = o.raw === undefined
      ? await call(this.app, { method: 'POST', url: '/api/query', headers: asUser(login), payload })
      : await this.rawPost(o.raw, login);
    this.statuses.set(r.status, (this.statuses.get(r.status) ?? 0) + 1);
    const problems: string[] = [];
    if (r.status >= 500 || (r.status !== 200 && (r.status < 400 || r.status === 401))) {
      problems.push(`status ${r.status}`);
    }
    if (r.status !== 200) {
      problems.push(...problemsOfError(r.body));
      return { r, problems };
    }
    for (const result of r.body.results) {
      if (result.error) {
        problems.push(...(['BAD_REQUEST', 'FORBIDDEN'].includes(result.error.code) ? [] : [`query error ${result.error.code}`]));
        problems.push(...problemsOfError({ error: result.error }));
      } else if (login === this.scope.login) {
        problems.push(...this.outOfScope(result.frames));
      }
    }
    return { r, problems };
  }

  summary(): string {
    return JSON.stringify(Object.fromEntries([...this.statuses].sort((a, b) => a[0] - b[0])));
  }

  private async rawPost(text: string, login: string): Promise<Answer> {
    const { port } = this.app.server.address() as { port: number };
    const response = await fetch(`http://127.0.0.1:${port}/api/query`, {
      method: 'POST',
      headers: { ...asUser(login), 'content-type': 'application/json' },
      body: text,
    });
    const body = await response.text();
    return { status: response.status, body: body ? JSON.parse(body) : null };
  }

  /** Region and office values of the scoped user's frames, in fields and labels, outside their region. */
  private outOfScope(frames: Frame[]): string[] {
    const found: string[] = [];
    for (const f of frames) {
      for (const field of f.fields) {
        const values = field.name === 'regione' || field.name === 'sede' ? field.values.map(String) : [];
        values.push(...(['regione', 'sede'] as const).flatMap((d) => (field.labels?.[d] !== undefined ? [`${field.labels[d]}`] : [])));
        for (const v of values) {
          if (v !== this.scope.region && !this.scope.offices.has(v)) {
            found.push(`frame "${f.name}" holds "${v}", outside region ${this.scope.region}`);
          }
        }
      }
    }
    return found;
  }
}

export const explain = (problems: string[], body: unknown): string => (problems.length ? `${problems.join('; ')}\nbody: ${JSON.stringify(body)?.slice(0, 500)}` : '');
