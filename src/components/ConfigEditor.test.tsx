import React from 'react';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { DataSourceSettings } from '@grafana/data';
import type { DasmoOptions, DasmoSecureJsonData } from '../types';
import { ConfigEditor } from './ConfigEditor';
import { selectors } from './selectors';

const s = selectors.configEditor;

function settings(apiTokenConfigured: boolean): DataSourceSettings<DasmoOptions, DasmoSecureJsonData> {
  return {
    id: 1,
    uid: 'dasmo',
    orgId: 1,
    name: 'DASMO',
    typeLogoUrl: '',
    type: 'inps-dasmo-datasource',
    typeName: 'DASMO',
    access: 'proxy',
    url: '',
    user: '',
    database: '',
    basicAuth: false,
    basicAuthUser: '',
    isDefault: false,
    jsonData: { storeUrl: 'http://store:3000' },
    secureJsonFields: { apiToken: apiTokenConfigured },
    readOnly: false,
    withCredentials: false,
  };
}

test('a configured token shows as configured and can be reset', async () => {
  const onOptionsChange = jest.fn();
  render(<ConfigEditor options={settings(true)} onOptionsChange={onOptionsChange} />);
  expect(screen.getByDisplayValue('configured')).toBeDisabled();
  await userEvent.click(screen.getByRole('button', { name: 'Reset' }));
  expect(onOptionsChange).toHaveBeenCalledWith({
    ...settings(false),
    secureJsonData: { apiToken: '' },
  });
});

test('typing a token stores it in secureJsonData, the URL in jsonData', async () => {
  const onOptionsChange = jest.fn();
  render(<ConfigEditor options={settings(false)} onOptionsChange={onOptionsChange} />);
  await userEvent.type(screen.getByLabelText(s.apiToken.label), 'x');
  expect(onOptionsChange).toHaveBeenLastCalledWith({ ...settings(false), secureJsonData: { apiToken: 'x' } });
  await userEvent.type(screen.getByLabelText(s.storeUrl.label), '/');
  expect(onOptionsChange).toHaveBeenLastCalledWith({
    ...settings(false),
    jsonData: { storeUrl: 'http://store:3000/' },
  });
});

test('the editor says Grafana must send the user header', () => {
  render(<ConfigEditor options={settings(false)} onOptionsChange={jest.fn()} />);
  expect(screen.getByTestId(s.userHeaderNote.testId)).toHaveTextContent('[dataproxy] send_user_header = true');
});
