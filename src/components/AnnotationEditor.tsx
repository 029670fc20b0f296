import React from 'react';
import type { QueryEditorProps, SelectableValue } from '@grafana/data';
import { InlineField, MultiSelect } from '@grafana/ui';
import { ANNOTATION_KINDS, QUERY_VERSION, type AnnotationKind, type AnnotationTarget, type DasmoQuery } from '../types';
import type { DataSource } from '../datasource';
import { selectors } from './selectors';

const s = selectors.annotationEditor;
const OPTIONS: Array<SelectableValue<AnnotationKind>> = [
  {
    label: 'Tappe normative',
    value: 'normativa',
    description: 'Decreti e messaggi INPS (DL Cura Italia, Rilancio, …)',
  },
  { label: 'Caricamenti dei dati', value: 'caricamento', description: 'Giorni mancanti e caricamenti non riusciti' },
];

/** Which events an annotation of this datasource shows. */
export function AnnotationEditor({ query, onChange }: QueryEditorProps<DataSource, DasmoQuery>) {
  const include = query.subject === 'annotazioni' && query.include ? query.include : [...ANNOTATION_KINDS];
  return (
    <InlineField label={s.include.label} labelWidth={16}>
      <MultiSelect
        inputId={s.include.id}
        width={44}
        options={OPTIONS}
        value={include}
        onChange={(v) => {
          const next: AnnotationTarget = {
            refId: query.refId,
            subject: 'annotazioni',
            version: QUERY_VERSION,
            include: v.map((o) => o.value as AnnotationKind),
          };
          onChange(next);
        }}
      />
    </InlineField>
  );
}
