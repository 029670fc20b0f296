/**
 * Template variables in filters. A filter value may be a literal ("CIGO") or a variable in any of
 * Grafana's syntaxes (`$prestazione`, `${prestazione}`, `[[prestazione]]`); a multi-value variable
 * becomes several values, and "All" drops the filter, since the store already limits every query
 * to the user's scope and a list of every office would only make the request longer.
 */
import type { ScopedVars } from '@grafana/data';
import type { TemplateSrv, VariableInterpolation } from '@grafana/runtime';
import { DIMENSION_LABELS, type Dimension } from './model/measures';
import type { Filters } from './model/query';

/** Grafana's value for "All" in a variable's current selection. */
const ALL_VALUE = '$__all';
/** A whole value that is just one variable reference, in any of Grafana's syntaxes. */
const WHOLE_REFERENCE = /^(?:\$(\w+)|\$\{(\w+)(?::[^}]*)?\}|\[\[(\w+)(?::[^\]]*)?\]\])$/;
const ANY_REFERENCE = /\$\w+|\$\{\w+(?::[^}]*)?\}|\[\[\w+(?::[^\]]*)?\]\]/;

export type Interpolated<T> = { value: T } | { error: string };

/** Every filter with its variables replaced; an unknown variable is an error naming the filter. */
export function interpolateFilters(
  filters: Filters | undefined,
  templateSrv: TemplateSrv,
  scopedVars: ScopedVars = {}
): Interpolated<Filters | undefined> {
  if (!filters) {
    return { value: undefined };
  }
  const out: Filters = {};
  for (const [dimension, values] of Object.entries(filters) as Array<[Dimension, string[] | undefined]>) {
    if (!values || values.length === 0) {
      continue;
    }
    const result = interpolateValues(values, DIMENSION_LABELS[dimension], templateSrv, scopedVars);
    if ('error' in result) {
      return result;
    }
    if (result.value !== 'all') {
      out[dimension] = result.value;
    }
  }
  return { value: Object.keys(out).length > 0 ? out : undefined };
}

/**
 * The values a list of literals and variable references stands for, or 'all' when one of the
 * variables is set to "All". `what` names the field in the error message.
 */
export function interpolateValues(
  values: readonly string[],
  what: string,
  templateSrv: TemplateSrv,
  scopedVars: ScopedVars = {}
): Interpolated<string[] | 'all'> {
  const out: string[] = [];
  for (const raw of values) {
    const value = raw.trim();
    if (!ANY_REFERENCE.test(value)) {
      out.push(value);
      continue;
    }
    const interpolations: VariableInterpolation[] = [];
    const collected: string[] = [];
    const text = templateSrv.replace(
      value,
      scopedVars,
      (current: string | string[]) => {
        const list = Array.isArray(current) ? current : [current];
        collected.push(...list.map(String));
        return list.join(',');
      },
      interpolations
    );
    const missing = interpolations.find((i) => i.found === false);
    if (missing || (interpolations.length === 0 && text === value)) {
      return {
        error: `Il filtro "${what}" usa la variabile ${missing?.match ?? value}, che non esiste in questa dashboard.`,
      };
    }
    const whole = WHOLE_REFERENCE.exec(value);
    const name = whole ? (whole[1] ?? whole[2] ?? whole[3]) : undefined;
    if ((name && isAllSelected(name, templateSrv, scopedVars)) || collected.includes(ALL_VALUE)) {
      return { value: 'all' };
    }
    out.push(...(whole ? collected : [text]));
  }
  return { value: [...new Set(out)] };
}

/** Whether the dashboard variable `name` has "All" selected (a repeated panel's own value wins). */
function isAllSelected(name: string, templateSrv: TemplateSrv, scopedVars: ScopedVars): boolean {
  const scoped = scopedVars[name]?.value;
  if (scoped !== undefined) {
    return scoped === ALL_VALUE || (Array.isArray(scoped) && scoped.includes(ALL_VALUE));
  }
  const variable = templateSrv.getVariables().find((v) => v.name === name);
  const current = variable && 'current' in variable ? variable.current?.value : undefined;
  return current === ALL_VALUE || (Array.isArray(current) && current.includes(ALL_VALUE));
}
