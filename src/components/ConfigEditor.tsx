import React, { type ChangeEvent } from 'react';
import { Alert, InlineField, Input, SecretInput, Stack } from '@grafana/ui';
import type { DataSourcePluginOptionsEditorProps } from '@grafana/data';
import type { DasmoOptions, DasmoSecureJsonData } from '../types';
import { selectors } from './selectors';

type Props = DataSourcePluginOptionsEditorProps<DasmoOptions, DasmoSecureJsonData>;

const s = selectors.configEditor;

/** Where the store is and the token Grafana's proxy sends it; the token never reaches a browser. */
export function ConfigEditor({ options, onOptionsChange }: Props) {
  const onStoreUrlChange = (event: ChangeEvent<HTMLInputElement>) =>
    onOptionsChange({ ...options, jsonData: { ...options.jsonData, storeUrl: event.target.value.trim() } });

  const onTokenChange = (event: ChangeEvent<HTMLInputElement>) =>
    onOptionsChange({ ...options, secureJsonData: { ...options.secureJsonData, apiToken: event.target.value } });

  const onTokenReset = () =>
    onOptionsChange({
      ...options,
      secureJsonFields: { ...options.secureJsonFields, apiToken: false },
      secureJsonData: { ...options.secureJsonData, apiToken: '' },
    });

  return (
    <Stack direction="column" gap={1}>
      <InlineField
        label={s.storeUrl.label}
        labelWidth={20}
        interactive
        tooltip="Indirizzo dello store DASMO come lo raggiunge il server di Grafana, per esempio http://store:3000"
      >
        <Input
          id={s.storeUrl.id}
          value={options.jsonData.storeUrl ?? ''}
          placeholder="http://store:3000"
          width={40}
          onChange={onStoreUrlChange}
        />
      </InlineField>
      <InlineField
        label={s.apiToken.label}
        labelWidth={20}
        interactive
        tooltip="Il token che lo store accetta; Grafana lo conserva cifrato e lo aggiunge a ogni chiamata"
      >
        <SecretInput
          id={s.apiToken.id}
          isConfigured={Boolean(options.secureJsonFields?.apiToken)}
          value={options.secureJsonData?.apiToken ?? ''}
          placeholder="Token dello store"
          width={40}
          onReset={onTokenReset}
          onChange={onTokenChange}
        />
      </InlineField>
      <Alert severity="info" title="Utente di Grafana" data-testid={s.userHeaderNote.testId}>
        Lo store mostra a ciascuno solo i dati del proprio ambito: Grafana deve inviargli il login dell&apos;utente. Nel
        file di configurazione di Grafana impostare <code>[dataproxy] send_user_header = true</code>.
      </Alert>
    </Stack>
  );
}
