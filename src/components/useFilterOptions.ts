import { useEffect, useState } from 'react';
import type { SelectableValue } from '@grafana/data';
import { getTemplateSrv } from '@grafana/runtime';
import type { Subject } from '../model/measures';
import type { DataSource } from '../datasource';
import type { VariableName, VariableValue } from '../types';

export type FilterOptions = Partial<Record<VariableName, Array<SelectableValue<string>>>>;

/**
 * The choices of each filter: the dashboard's variables first (so `$regione` is one click away),
 * then the values the store lists for the user's scope, fetched once per list.
 */
export function useFilterOptions(
  datasource: DataSource,
  dimensions: readonly VariableName[],
  states: Subject
): FilterOptions {
  const [lists, setLists] = useState<Record<string, VariableValue[]>>({});
  const keyOf = (d: VariableName) => (d === 'stato' ? `stato:${states}` : d);
  const missing = dimensions.filter((d) => !(keyOf(d) in lists)).join(',');

  useEffect(() => {
    let active = true;
    for (const d of missing ? (missing.split(',') as VariableName[]) : []) {
      const key = d === 'stato' ? `stato:${states}` : d;
      datasource.variableValues({ refId: 'filter', variable: d, of: states }).then(
        (list) => active && setLists((prev) => ({ ...prev, [key]: list })),
        // An unreachable store leaves the list empty; variables and typed values still work.
        () => active && setLists((prev) => ({ ...prev, [key]: [] }))
      );
    }
    return () => {
      active = false;
    };
  }, [datasource, missing, states]);

  const variables = getTemplateSrv()
    .getVariables()
    .map((v) => ({ label: `$${v.name}`, value: `$${v.name}`, description: 'Variabile della dashboard' }));
  return Object.fromEntries(
    dimensions.map((d) => [
      d,
      [...variables, ...(lists[keyOf(d)] ?? []).map((v) => ({ label: v.text, value: v.value }))],
    ])
  );
}
