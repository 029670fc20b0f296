import React from 'react';
import type { QueryEditorProps, SelectableValue } from '@grafana/data';
import { InlineField, InlineFieldRow, Input, RadioButtonGroup, Select } from '@grafana/ui';
import { DIMENSION_LABELS, type Subject } from '../model/measures';
import type { DataSource } from '../datasource';
import { VARIABLE_NAMES, type DasmoOptions, type DasmoQuery, type VariableName, type VariableQuery } from '../types';
import { selectors } from './selectors';

type Props = QueryEditorProps<DataSource, DasmoQuery, DasmoOptions, VariableQuery>;

const s = selectors.variableEditor;
const OPTIONS: Array<SelectableValue<VariableName>> = VARIABLE_NAMES.map((v) => ({
  label: DIMENSION_LABELS[v],
  value: v,
}));
const STATES_OF: Array<SelectableValue<Subject>> = [
  { label: 'Domande', value: 'domande' },
  { label: 'SR41', value: 'sr41' },
];

/**
 * Which list a dashboard variable holds; offices can be narrowed to a region or a `$variable`,
 * states are those of applications or of SR41. Only the fields of the chosen list are kept.
 */
export function VariableQueryEditor({ query, onChange }: Props) {
  const variable: VariableName = query.variable ?? 'regione';
  const change = (next: Partial<VariableQuery> & { variable: VariableName }) => {
    const q: VariableQuery = { refId: query.refId, variable: next.variable };
    if (next.variable === 'sede' && next.regione) {
      q.regione = next.regione;
    }
    if (next.variable === 'stato') {
      q.of = next.of ?? 'domande';
    }
    onChange(q);
  };
  return (
    <InlineFieldRow>
      <InlineField label={s.variable.label} labelWidth={16}>
        <Select
          inputId={s.variable.id}
          width={30}
          options={OPTIONS}
          value={variable}
          onChange={(v) => v.value && change({ ...query, variable: v.value })}
        />
      </InlineField>
      {variable === 'sede' && (
        <InlineField
          label={s.regione.label}
          tooltip="Un codice di regione (per esempio 12) o una variabile, per esempio $regione; vuoto per tutte"
        >
          <Input
            id={s.regione.id}
            width={24}
            defaultValue={query.regione ?? ''}
            placeholder="$regione"
            onBlur={(e) => change({ ...query, variable, regione: e.currentTarget.value.trim() })}
          />
        </InlineField>
      )}
      {variable === 'stato' && (
        <InlineField label={s.statesOf.label}>
          <RadioButtonGroup
            id={s.statesOf.id}
            options={STATES_OF}
            value={query.of ?? 'domande'}
            onChange={(of) => change({ ...query, variable, of })}
          />
        </InlineField>
      )}
    </InlineFieldRow>
  );
}
