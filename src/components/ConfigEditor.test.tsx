import React from 'react';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { dataSourceSettings } from '../testing/instanceSettings';
import { ConfigEditor } from './ConfigEditor';
import { selectors } from './selectors';

const s = selectors.configEditor;

test('a configured token shows as configured and can be reset', async () => {
  const onOptionsChange = jest.fn();
  render(<ConfigEditor options={dataSourceSettings(true)} onOptionsChange={onOptionsChange} />);
  expect(screen.getByDisplayValue('configured')).toBeDisabled();
  await userEvent.click(screen.getByRole('button', { name: 'Reset' }));
  expect(onOptionsChange).toHaveBeenCalledWith({
    ...dataSourceSettings(false),
    secureJsonData: { apiToken: '' },
  });
});

test('typing a token stores it in secureJsonData, the URL in jsonData', async () => {
  const onOptionsChange = jest.fn();
  render(<ConfigEditor options={dataSourceSettings(false)} onOptionsChange={onOptionsChange} />);
  await userEvent.type(screen.getByLabelText(s.apiToken.label), 'x');
  expect(onOptionsChange).toHaveBeenLastCalledWith({ ...dataSourceSettings(false), secureJsonData: { apiToken: 'x' } });
  await userEvent.type(screen.getByLabelText(s.storeUrl.label), '/');
  expect(onOptionsChange).toHaveBeenLastCalledWith({
    ...dataSourceSettings(false),
    jsonData: { storeUrl: 'http://store:3000/' },
  });
});

test('the editor says Grafana must send the user header', () => {
  render(<ConfigEditor options={dataSourceSettings(false)} onOptionsChange={jest.fn()} />);
  expect(screen.getByTestId(s.userHeaderNote.testId)).toHaveTextContent('[dataproxy] send_user_header = true');
});
