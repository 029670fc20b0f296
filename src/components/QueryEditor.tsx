import React, { useMemo } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2, QueryEditorProps, SelectableValue } from '@grafana/data';
import {
  InlineField,
  InlineFieldRow,
  Input,
  MultiSelect,
  RadioButtonGroup,
  Select,
  Stack,
  useStyles2,
} from '@grafana/ui';
import { DIMENSION_LABELS, type Dimension, type Subject } from '../model/measures';
import { MAX_LIST_LIMIT, type Interval } from '../model/query';
import type { DataSource } from '../datasource';
import {
  DEFAULT_LIST_LIMIT,
  allowedFilters,
  allowedGroupBy,
  measureGroups,
  measureOf,
  statesOf,
  withFilter,
  withGroupBy,
  withInterval,
  withListOf,
  withMeasure,
  withSubject,
  type EditableQuery,
  type EditorSubject,
} from '../editQuery';
import { migrateQuery } from '../migrate';
import type { DasmoOptions, DasmoQuery } from '../types';
import { selectors } from './selectors';
import { useFilterOptions } from './useFilterOptions';

type Props = QueryEditorProps<DataSource, DasmoQuery, DasmoOptions>;

const s = selectors.queryEditor;

const SUBJECT_OPTIONS: Array<SelectableValue<EditorSubject>> = [
  { label: 'Domande', value: 'domande', description: 'Domande di integrazione salariale' },
  { label: 'SR41', value: 'sr41', description: 'Richieste di pagamento diretto' },
  { label: 'Elenco', value: 'elenco', description: 'Le pratiche aperte più vecchie, in tabella' },
];
const LIST_OF_OPTIONS: Array<SelectableValue<Subject>> = [
  { label: 'Domande', value: 'domande' },
  { label: 'SR41', value: 'sr41' },
];
const INTERVAL_OPTIONS: Array<SelectableValue<Interval>> = [
  { label: 'Giorno', value: 'day' },
  { label: 'Settimana', value: 'week' },
  { label: 'Mese', value: 'month' },
  { label: 'Nessuno', value: 'none', description: 'Un valore per gruppo sull’intero periodo, in tabella' },
];
const LABEL_WIDTH = 16;

/** Builds a store query by choices, never by typing a figure's name; each choice runs the query. */
export function QueryEditor({ query: saved, onChange, onRunQuery, datasource }: Props) {
  const styles = useStyles2(getStyles);
  const query = useMemo(() => migrateQuery(saved), [saved]) as EditableQuery;
  const filterDimensions = useMemo(() => allowedFilters(query), [query]);
  const filterOptions = useFilterOptions(datasource, filterDimensions, statesOf(query));
  const measure = measureOf(query);

  const apply = (next: EditableQuery) => {
    onChange(next);
    onRunQuery();
  };

  return (
    <Stack direction="column" gap={0}>
      <InlineFieldRow>
        <InlineField label={s.subject.label} labelWidth={LABEL_WIDTH}>
          <RadioButtonGroup
            id={s.subject.id}
            options={SUBJECT_OPTIONS}
            value={query.subject}
            onChange={(v) => apply(withSubject(query, v))}
          />
        </InlineField>
      </InlineFieldRow>
      {query.subject === 'elenco' ? (
        <InlineFieldRow>
          <InlineField label={s.listOf.label} labelWidth={LABEL_WIDTH}>
            <RadioButtonGroup
              id={s.listOf.id}
              options={LIST_OF_OPTIONS}
              value={query.of}
              onChange={(v) => apply(withListOf(query, v))}
            />
          </InlineField>
          <InlineField label={s.listLimit.label} tooltip={`Al massimo ${MAX_LIST_LIMIT}`}>
            <Input
              id={s.listLimit.id}
              type="number"
              min={1}
              max={MAX_LIST_LIMIT}
              width={10}
              defaultValue={query.limit}
              onBlur={(e) => apply({ ...query, limit: clampLimit(e.currentTarget.valueAsNumber) })}
            />
          </InlineField>
        </InlineFieldRow>
      ) : (
        <>
          <InlineFieldRow>
            <InlineField
              label={s.measure.label}
              labelWidth={LABEL_WIDTH}
              invalid={!measure}
              error={measure ? undefined : `Misura sconosciuta: ${query.measure}`}
            >
              <Select
                inputId={s.measure.id}
                width={44}
                options={measureGroups(query.subject).map((g) => ({
                  label: g.group,
                  options: g.measures.map((m) => ({ label: m.label, value: m.id, description: m.description })),
                }))}
                value={measure ? { label: measure.label, value: measure.id } : null}
                onChange={(v) => v.value && apply(withMeasure(query, v.value))}
              />
            </InlineField>
            <InlineField label={s.interval.label}>
              <RadioButtonGroup
                id={s.interval.id}
                options={INTERVAL_OPTIONS}
                value={query.interval ?? 'day'}
                onChange={(v) => apply(withInterval(query, v))}
              />
            </InlineField>
          </InlineFieldRow>
          {measure && (
            <div className={styles.description} data-testid={s.description.testId}>
              {measure.description}
            </div>
          )}
          <InlineFieldRow>
            <InlineField label={s.groupBy.label} labelWidth={LABEL_WIDTH}>
              <MultiSelect
                inputId={s.groupBy.id}
                width={44}
                placeholder="Nessun raggruppamento"
                options={allowedGroupBy(query).map((d) => ({ label: DIMENSION_LABELS[d], value: d }))}
                value={query.groupBy ?? []}
                onChange={(v) =>
                  apply(
                    withGroupBy(
                      query,
                      v.map((o) => o.value as Dimension)
                    )
                  )
                }
              />
            </InlineField>
          </InlineFieldRow>
        </>
      )}
      <InlineFieldRow data-testid={s.filtersRow.testId}>
        {filterDimensions.map((d) => (
          <InlineField key={d} label={DIMENSION_LABELS[d]} labelWidth={LABEL_WIDTH}>
            <MultiSelect
              inputId={s.filter(d).id}
              width={30}
              placeholder="Tutte"
              allowCustomValue
              options={filterOptions[d] ?? []}
              value={query.filters?.[d] ?? []}
              onChange={(v) =>
                apply(
                  withFilter(
                    query,
                    d,
                    v.map((o) => String(o.value))
                  )
                )
              }
            />
          </InlineField>
        ))}
      </InlineFieldRow>
    </Stack>
  );
}

function clampLimit(n: number): number {
  return Number.isFinite(n) ? Math.min(MAX_LIST_LIMIT, Math.max(1, Math.round(n))) : DEFAULT_LIST_LIMIT;
}

const getStyles = (theme: GrafanaTheme2) => ({
  description: css({
    color: theme.colors.text.secondary,
    fontSize: theme.typography.bodySmall.fontSize,
    margin: theme.spacing(0, 0, 1, 0),
  }),
});
