import { useEffect, useState } from 'react';
import type { SelectableValue } from '@grafana/data';
import { getTemplateSrv } from '@grafana/runtime';
import type { Dimension } from '../model/measures';
import { AGE_BAND_OPTIONS } from '../editQuery';
import type { DataSource } from '../datasource';
import type { VariableName, VariableValue } from '../types';

export type FilterOptions = Partial<Record<Dimension, Array<SelectableValue<string>>>>;

/**
 * The choices of each filter: the dashboard's variables first (so `$regione` is one click away),
 * then the values the store lists for the user's scope, fetched once per dimension.
 */
export function useFilterOptions(datasource: DataSource, dimensions: readonly Dimension[]): FilterOptions {
  const [values, setValues] = useState<Partial<Record<Dimension, VariableValue[]>>>({ fascia_eta: AGE_BAND_OPTIONS });
  const missing = dimensions.filter((d) => !(d in values));
  const missingKey = missing.join(',');

  useEffect(() => {
    let active = true;
    for (const d of missingKey ? (missingKey.split(',') as VariableName[]) : []) {
      datasource.variableValues({ refId: 'filter', variable: d }).then(
        (list) => active && setValues((prev) => ({ ...prev, [d]: list })),
        // An unreachable store leaves the list empty; variables and typed values still work.
        () => active && setValues((prev) => ({ ...prev, [d]: [] }))
      );
    }
    return () => {
      active = false;
    };
  }, [datasource, missingKey]);

  const variables = getTemplateSrv()
    .getVariables()
    .map((v) => ({ label: `$${v.name}`, value: `$${v.name}`, description: 'Variabile della dashboard' }));
  return Object.fromEntries(
    dimensions.map((d) => [d, [...variables, ...(values[d] ?? []).map((v) => ({ label: v.text, value: v.value }))]])
  );
}
