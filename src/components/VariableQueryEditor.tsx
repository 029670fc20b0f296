import React from 'react';
import type { QueryEditorProps, SelectableValue } from '@grafana/data';
import { InlineField, InlineFieldRow, Input, Select } from '@grafana/ui';
import { DIMENSION_LABELS } from '../model/measures';
import type { DataSource } from '../datasource';
import { VARIABLE_NAMES, type DasmoOptions, type DasmoQuery, type VariableName, type VariableQuery } from '../types';
import { selectors } from './selectors';

type Props = QueryEditorProps<DataSource, DasmoQuery, DasmoOptions, VariableQuery>;

const s = selectors.variableEditor;
const OPTIONS: Array<SelectableValue<VariableName>> = VARIABLE_NAMES.map((v) => ({
  label: DIMENSION_LABELS[v],
  value: v,
}));

/** Which list a dashboard variable holds; offices can be narrowed to a region or a `$variable`. */
export function VariableQueryEditor({ query, onChange }: Props) {
  const variable: VariableName = query.variable ?? 'regione';
  const change = (next: VariableQuery) => onChange(next);
  return (
    <InlineFieldRow>
      <InlineField label={s.variable.label} labelWidth={16}>
        <Select
          inputId={s.variable.id}
          width={30}
          options={OPTIONS}
          value={variable}
          onChange={(v) =>
            v.value &&
            change({ refId: query.refId, variable: v.value, regione: v.value === 'sede' ? query.regione : undefined })
          }
        />
      </InlineField>
      {variable === 'sede' && (
        <InlineField
          label={s.regione.label}
          tooltip="Un valore di regione o una variabile, per esempio $regione; vuoto per tutte"
        >
          <Input
            id={s.regione.id}
            width={24}
            defaultValue={query.regione ?? ''}
            placeholder="$regione"
            onBlur={(e) => change({ ...query, variable, regione: e.currentTarget.value.trim() || undefined })}
          />
        </InlineField>
      )}
    </InlineFieldRow>
  );
}
