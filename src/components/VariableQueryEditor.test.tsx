import React from 'react';
import { fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import '../testing/jsdomGaps';
import { DataSource } from '../datasource';
import { instanceSettings } from '../testing/instanceSettings';
import type { VariableQuery } from '../types';
import { selectors } from './selectors';
import { VariableQueryEditor } from './VariableQueryEditor';

const s = selectors.variableEditor;

function setup(query: VariableQuery) {
  const onChange = jest.fn();
  render(
    <VariableQueryEditor
      query={query}
      onChange={onChange}
      onRunQuery={jest.fn()}
      datasource={new DataSource(instanceSettings())}
    />
  );
  return onChange;
}

test('offices narrowed by a region variable', () => {
  const onChange = setup({ refId: 'V', variable: 'sede' });
  const region = screen.getByLabelText(s.regione.label);
  fireEvent.change(region, { target: { value: ' $regione ' } });
  fireEvent.blur(region);
  expect(onChange).toHaveBeenLastCalledWith({ refId: 'V', variable: 'sede', regione: '$regione' });
});

test('states are those of SR41 when asked, of applications by default', async () => {
  const onChange = setup({ refId: 'V', variable: 'stato' });
  await userEvent.click(screen.getByLabelText('SR41'));
  expect(onChange).toHaveBeenLastCalledWith({ refId: 'V', variable: 'stato', of: 'sr41' });
});

test('choosing another list drops the fields of the previous one', async () => {
  const onChange = setup({ refId: 'V', variable: 'sede', regione: '12' });
  await userEvent.click(screen.getByLabelText(s.variable.label));
  await userEvent.click(await screen.findByText('Stato'));
  expect(onChange).toHaveBeenLastCalledWith({ refId: 'V', variable: 'stato', of: 'domande' });
});
