/**
 * Stand-ins for the two Grafana services the plugin calls, registered through @grafana/runtime's
 * own setters exactly as Grafana registers the real ones. They follow Grafana's published types:
 * fetch() emits a FetchResponse or errors with a FetchError; replace() follows Grafana's variable
 * syntax, format functions, "All" and the interpolations list.
 */
import type { ScopedVars, TypedVariableModel } from '@grafana/data';
import {
  setBackendSrv,
  setTemplateSrv,
  type BackendSrv,
  type BackendSrvRequest,
  type FetchError,
  type FetchResponse,
  type TemplateSrv,
  type VariableInterpolation,
} from '@grafana/runtime';
import { Observable } from 'rxjs';

/** What a stand-in server answers to one request. */
export interface Answer {
  status: number;
  data: unknown;
}
export type Handler = (request: BackendSrvRequest) => Answer | Promise<Answer>;

/** Installs a BackendSrv whose fetch() asks `handler`; returns the requests it saw. */
export function installBackendSrv(handler: Handler): BackendSrvRequest[] {
  const seen: BackendSrvRequest[] = [];
  const fetch = <T>(request: BackendSrvRequest) =>
    new Observable<FetchResponse<T>>((subscriber) => {
      seen.push(request);
      Promise.resolve(handler(request)).then(
        ({ status, data }) => {
          if (status >= 200 && status < 300) {
            subscriber.next(response<T>(request, status, data as T));
            subscriber.complete();
          } else {
            const error: FetchError = { status, statusText: `HTTP ${status}`, data, config: request };
            subscriber.error(error);
          }
        },
        (err) => subscriber.error(err)
      );
    });
  // Only fetch() is used by the plugin (STYLE.md: every request through one fetch()).
  setBackendSrv({ fetch } as unknown as BackendSrv);
  return seen;
}

function response<T>(config: BackendSrvRequest, status: number, data: T): FetchResponse<T> {
  return {
    data,
    status,
    statusText: 'OK',
    ok: true,
    headers: new Headers(),
    redirected: false,
    type: 'basic',
    url: config.url,
    config,
  };
}

/** A dashboard variable as Grafana's TemplateSrv lists it (the fields the plugin reads). */
export interface VariableDouble {
  name: string;
  /** The selection; '$__all' for "All". */
  current: string | string[];
  /** Every option's value, what "All" stands for when the variable has no custom all value. */
  options?: string[];
}

const VARIABLE_REGEX = /\$(\w+)|\[\[(\w+?)(?::(\w+))?\]\]|\${(\w+)(?:\.([^:^}]+))?(?::([^}]+))?}/g;

export function installTemplateSrv(variables: VariableDouble[]): TemplateSrv {
  const byName = new Map(variables.map((v) => [v.name, v]));
  const templateSrv: TemplateSrv = {
    getVariables: () =>
      variables.map(
        (v) =>
          ({
            name: v.name,
            type: 'custom',
            current: { text: v.current, value: v.current },
            options: (v.options ?? []).map((o) => ({ text: o, value: o, selected: false })),
          }) as unknown as TypedVariableModel
      ),
    containsTemplate: (target) =>
      [...(target ?? '').matchAll(VARIABLE_REGEX)].some((m) => byName.has(m[1] ?? m[2] ?? m[4])),
    updateTimeRange: () => undefined,
    replace: (
      target = '',
      scopedVars: ScopedVars = {},
      format?: string | Function,
      interpolations?: VariableInterpolation[]
    ) =>
      target.replace(VARIABLE_REGEX, (match, name1, name2, format2, name3, _path, format3) => {
        const name = name1 ?? name2 ?? name3;
        const scoped = scopedVars[name];
        const variable = byName.get(name);
        let value: string | string[] | undefined = scoped ? (scoped.value as string | string[]) : variable?.current;
        if (value === undefined) {
          interpolations?.push({ match, variableName: name, value: match, found: false });
          return match;
        }
        if (value === '$__all' || (Array.isArray(value) && value.includes('$__all'))) {
          value = variable?.options ?? [];
        }
        const formatted =
          typeof format === 'function'
            ? format(value, variable)
            : Array.isArray(value)
              ? formatList(value, (format2 ?? format3 ?? format) as string | undefined)
              : value;
        interpolations?.push({ match, variableName: name, value: formatted, found: true });
        return formatted;
      }),
  };
  setTemplateSrv(templateSrv);
  return templateSrv;
}

function formatList(values: string[], format: string | undefined): string {
  return format === 'csv' || format === undefined ? values.join(',') : `{${values.join(',')}}`;
}
