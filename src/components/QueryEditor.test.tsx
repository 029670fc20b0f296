import React from 'react';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DataSource } from '../datasource';
import { checkQuery, type StoreQuery } from '../model/query';
import { installBackendSrv, installTemplateSrv } from '../testing/grafanaDoubles';
import { instanceSettings } from '../testing/instanceSettings';
import { DEFAULT_QUERY, type DasmoQuery } from '../types';
import '../testing/jsdomGaps';
import { QueryEditor } from './QueryEditor';
import { selectors } from './selectors';

const s = selectors.queryEditor;

function setup(query: DasmoQuery) {
  installTemplateSrv([{ name: 'regione', current: '12' }]);
  const calls = installBackendSrv((r) => ({
    status: 200,
    data: r.url.endsWith('/regione') ? [{ text: 'Lazio', value: '12' }] : [],
  }));
  const onChange = jest.fn();
  const onRunQuery = jest.fn();
  render(
    <QueryEditor
      query={query}
      onChange={onChange}
      onRunQuery={onRunQuery}
      datasource={new DataSource(instanceSettings())}
    />
  );
  return { onChange, onRunQuery, calls };
}

const lastQuery = (onChange: jest.Mock): DasmoQuery => onChange.mock.calls[onChange.mock.calls.length - 1][0];

test('choosing a measure changes the query, keeps what it allows and runs it', async () => {
  const { onChange, onRunQuery } = setup({ ...DEFAULT_QUERY, refId: 'A', groupBy: ['regione', 'fascia_eta'] });
  expect(screen.getByTestId(s.description.testId)).toHaveTextContent(
    'Domande presentate entro il giorno e ancora aperte a fine giornata.'
  );
  await userEvent.click(screen.getByLabelText(s.measure.label));
  await userEvent.click(await screen.findByText('Tempo medio di definizione'));
  const query = lastQuery(onChange);
  expect(query).toEqual({ ...DEFAULT_QUERY, refId: 'A', measure: 'tempo_definizione_medio', groupBy: ['regione'] });
  expect(checkQuery({ ...query, refId: 'A' } as StoreQuery)).toBeNull();
  expect(onRunQuery).toHaveBeenCalledTimes(1);
});

test('the measure menu shows the groups and each one-line description', async () => {
  setup({ ...DEFAULT_QUERY, refId: 'A' });
  await userEvent.click(screen.getByLabelText(s.measure.label));
  expect(await screen.findByText('Tempi')).toBeInTheDocument();
  expect(screen.getByText('Giacenza')).toBeInTheDocument();
  expect(screen.getByText('Autorizzate più respinte nel giorno.')).toBeInTheDocument();
});

test('a breakdown the measure does not allow is not offered', async () => {
  setup({ ...DEFAULT_QUERY, refId: 'A', measure: 'presentate' });
  await userEvent.click(screen.getByLabelText(s.groupBy.label));
  const offered = await screen.findAllByRole('option');
  // A flow (presentate) has no state or age band: those belong to the backlog figures.
  expect(offered.map((o) => o.textContent)).toEqual([
    'Regione',
    'Sede',
    'Prestazione',
    'Causale',
    'Modalità di pagamento',
    'Plurilocalizzata',
  ]);
});

test('a filter offers the dashboard variables and the store values, and runs the query', async () => {
  const { onChange, onRunQuery, calls } = setup({ ...DEFAULT_QUERY, refId: 'A' });
  await waitFor(() => expect(calls.map((c) => c.url.split('/').pop())).toContain('regione'));
  await userEvent.click(screen.getByLabelText('Regione'));
  expect(await screen.findByText('Lazio')).toBeInTheDocument();
  await userEvent.click(screen.getByText('$regione'));
  expect(lastQuery(onChange)).toEqual({ ...DEFAULT_QUERY, refId: 'A', filters: { regione: ['$regione'] } });
  expect(onRunQuery).toHaveBeenCalledTimes(1);
});

test('choosing "Elenco" turns the query into a list of the same subject', async () => {
  const { onChange } = setup({ ...DEFAULT_QUERY, refId: 'A' });
  await userEvent.click(screen.getByLabelText('Elenco'));
  expect(lastQuery(onChange)).toEqual({ refId: 'A', version: 1, subject: 'elenco', of: 'domande', limit: 100 });
});

test('choosing an interval runs the query with it', async () => {
  const { onChange, onRunQuery } = setup({ ...DEFAULT_QUERY, refId: 'A' });
  await userEvent.click(screen.getByLabelText('Mese'));
  expect(lastQuery(onChange)).toEqual({ ...DEFAULT_QUERY, refId: 'A', interval: 'month' });
  expect(onRunQuery).toHaveBeenCalledTimes(1);
});
