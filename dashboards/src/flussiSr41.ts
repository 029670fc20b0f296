/**
 * Flussi SR41 COVID-19: requests for direct payment received, paid, rejected by reason; those in
 * lavorazione by age band; payment times, amounts, workers paid, workers awaiting a first payment
 * and alta criticità.
 */
import { BigValueColorMode } from '@grafana/grafana-foundation-sdk/common';
import { RowBuilder } from '@grafana/grafana-foundation-sdk/dashboard';
import { DEFAULT_THRESHOLDS } from '../../src/model/domain';
import { DASHBOARD_UIDS, dasmoDashboard, type GeneratedDashboard } from './layout';
import { ageBandPanel, barPanel, cell, colourAgeBands, columnOf, columnOfMeasure, drillDown, linkedColumn, measureOf, statPanel, tablePanel, trendPanel, unitOf } from './panels';
import { figure } from './queries';
import { zeroIsGoodThresholds } from './thresholds';

const text = (id: string, title?: string) => {
  const m = measureOf('sr41', id);
  return { title: title ?? m.label, description: m.description };
};

export function flussiSr41(): GeneratedDashboard {
  const d = dasmoDashboard(
    DASHBOARD_UIDS.sr41,
    'Flussi SR41 COVID-19',
    'Richieste SR41 di pagamento diretto ai lavoratori: ricevute, pagate, scartate, in lavorazione; tempi e importi di pagamento; lavoratori in attesa del primo pagamento.'
  );

  d.withRow(new RowBuilder('Lavoratori'));
  d.withPanel(statPanel({ ...text('lavoratori_pagati'), description: `${measureOf('sr41', 'lavoratori_pagati').description} Nel periodo scelto.` }, 'locale', figure('sr41', 'lavoratori_pagati')).span(6));
  d.withPanel(statPanel(text('lavoratori_in_attesa'), 'locale', figure('sr41', 'lavoratori_in_attesa')).span(6));
  d.withPanel(
    statPanel(
      { title: 'Alta criticità', description: `Lavoratori in attesa del primo pagamento il cui primo SR41 è stato ricevuto oltre ${DEFAULT_THRESHOLDS.highCriticalityDays} giorni prima della fine del periodo.` },
      'locale',
      figure('sr41', 'alta_criticita')
    )
      .thresholds(zeroIsGoodThresholds())
      .colorMode(BigValueColorMode.Background)
      .span(6)
  );
  d.withPanel(statPanel({ ...text('importo_pagato'), description: `${measureOf('sr41', 'importo_pagato').description} Nel periodo scelto.` }, unitOf('sr41', 'importo_pagato'), figure('sr41', 'importo_pagato')).span(6));
  d.withPanel(
    trendPanel({ title: 'Lavoratori in attesa del primo pagamento e ad alta criticità', description: 'Lavoratori con un SR41 ricevuto e non annullato e nessun pagamento, a fine settimana.' }, 'locale', [
      figure('sr41', 'lavoratori_in_attesa', { interval: 'week', refId: 'lavoratori_in_attesa' }),
      figure('sr41', 'alta_criticita', { interval: 'week', refId: 'alta_criticita' }),
    ])
  );
  d.withPanel(
    tablePanel({ title: 'Lavoratori in attesa per sede', description: 'Lavoratori in attesa del primo pagamento e ad alta criticità per sede, a fine periodo. Un clic sulla sede apre le sue giacenze.' }, [
      figure('sr41', 'lavoratori_in_attesa', { groupBy: ['sede'], refId: 'lavoratori_in_attesa' }),
      figure('sr41', 'alta_criticita', { groupBy: ['sede'], refId: 'alta_criticita' }),
    ])
      .withTransformation({ id: 'joinByField', options: { byField: columnOf('sede'), mode: 'outer' } })
      .withTransformation({ id: 'sortBy', options: { sort: [{ field: columnOfMeasure('sr41', 'alta_criticita'), desc: true }] } })
      .overrideByName(columnOf('sede'), linkedColumn(columnOf('sede'), drillDown('Giacenze della sede', DASHBOARD_UIDS.giacenze, { regione: '$__all', sede: cell('sede') })))
      .overrideByName(columnOfMeasure('sr41', 'alta_criticita'), [{ id: 'custom.cellOptions', value: { type: 'color-background' } }, { id: 'thresholds', value: zeroIsGoodThresholds().build() }])
  );

  d.withRow(new RowBuilder('Flussi'));
  d.withPanel(
    trendPanel({ title: 'SR41 per settimana', description: 'Ricevuti, pagati, scartati e annullati per settimana.' }, 'locale', [
      figure('sr41', 'ricevuti', { interval: 'week', refId: 'ricevuti' }),
      figure('sr41', 'pagati', { interval: 'week', refId: 'pagati' }),
      figure('sr41', 'scartati', { interval: 'week', refId: 'scartati' }),
      figure('sr41', 'annullati', { interval: 'week', refId: 'annullati' }),
    ])
  );
  d.withPanel(barPanel(text('scartati', 'SR41 scartati per motivo'), 'locale', figure('sr41', 'scartati', { groupBy: ['motivo'] })));
  d.withPanel(trendPanel(text('scartati', 'Scartati per motivo, per mese'), 'locale', [figure('sr41', 'scartati', { interval: 'month', groupBy: ['motivo'] })], true));
  d.withPanel(barPanel(text('ricevuti', 'SR41 ricevuti per prestazione'), 'locale', figure('sr41', 'ricevuti', { groupBy: ['prestazione'] })));

  d.withRow(new RowBuilder('In lavorazione per fascia di età'));
  d.withPanel(
    colourAgeBands(
      trendPanel(
        { title: 'SR41 in lavorazione per fascia di età', description: `SR41 aperti a fine settimana per età dalla ricezione; segnalati oltre ${DEFAULT_THRESHOLDS.sr41OpenDays} giorni.` },
        'locale',
        [figure('sr41', 'in_lavorazione', { interval: 'week', groupBy: ['fascia_eta'] })],
        true
      ),
      DEFAULT_THRESHOLDS.sr41OpenDays
    )
  );
  d.withPanel(
    ageBandPanel(
      { title: 'In lavorazione per fascia di età a fine periodo', description: 'SR41 aperti alla fine del periodo scelto, per fascia di età; i colori seguono le soglie degli avvisi.' },
      figure('sr41', 'in_lavorazione', { interval: 'week', groupBy: ['fascia_eta'] }),
      DEFAULT_THRESHOLDS.sr41OpenDays
    )
  );

  d.withRow(new RowBuilder('Tempi e importi di pagamento'));
  d.withPanel(
    trendPanel({ title: 'Tempo di pagamento per mese', description: 'Giorni tra ricezione e pagamento: media e 90° percentile degli SR41 pagati nel mese.' }, unitOf('sr41', 'tempo_pagamento_medio'), [
      figure('sr41', 'tempo_pagamento_medio', { interval: 'month', refId: 'medio' }),
      figure('sr41', 'tempo_pagamento_p90', { interval: 'month', refId: 'p90' }),
    ])
  );
  d.withPanel(trendPanel(text('importo_pagato', 'Importo pagato per mese'), unitOf('sr41', 'importo_pagato'), [figure('sr41', 'importo_pagato', { interval: 'month' })]));
  d.withPanel(trendPanel(text('ore_pagate', 'Ore pagate per mese'), unitOf('sr41', 'ore_pagate'), [figure('sr41', 'ore_pagate', { interval: 'month' })]));
  d.withPanel(trendPanel(text('lavoratori_pagati', 'Lavoratori pagati per mese'), 'locale', [figure('sr41', 'lavoratori_pagati', { interval: 'month' })]));
  d.withPanel(barPanel(text('tempo_pagamento_medio', 'Tempo medio di pagamento per prestazione'), unitOf('sr41', 'tempo_pagamento_medio'), figure('sr41', 'tempo_pagamento_medio', { groupBy: ['prestazione'] })));
  d.withPanel(barPanel(text('importo_pagato', 'Importo pagato per regione'), unitOf('sr41', 'importo_pagato'), figure('sr41', 'importo_pagato', { groupBy: ['regione'] })));
  return { folder: 'Regionale', file: 'flussi-sr41-covid-19.json', builder: d };
}
