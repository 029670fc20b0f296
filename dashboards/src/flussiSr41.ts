/**
 * Flussi SR41 COVID-19: requests for direct payment received, paid, rejected by reason; those in
 * lavorazione by age band; payment times, amounts, workers paid, workers awaiting a first payment
 * and alta criticità.
 */
import { BigValueColorMode } from '@grafana/grafana-foundation-sdk/common';
import { RowBuilder } from '@grafana/grafana-foundation-sdk/dashboard';
import { DEFAULT_THRESHOLDS } from '../../src/model/domain';
import { DASHBOARD_UIDS, dasmoDashboard, type GeneratedDashboard } from './layout';
import { ageBandPanel, barPanel, colourAgeBands, measureOf, statPanel, textOf, trendPanel, unitOf } from './panels';
import { figure, figures } from './queries';
import { comparisonTable } from './tables';
import { COLOURS, zeroIsGoodThresholds } from './thresholds';

const text = (id: string, title?: string) => textOf('sr41', id, title);

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
    trendPanel({ title: 'Lavoratori in attesa del primo pagamento e ad alta criticità', description: 'Lavoratori con un SR41 ricevuto e non annullato e nessun pagamento, a fine settimana.' }, 'locale', figures('sr41', ['lavoratori_in_attesa', 'alta_criticita'], { interval: 'week' }))
  );
  d.withPanel(
    comparisonTable(
      { title: 'Lavoratori in attesa per sede', description: 'Lavoratori in attesa del primo pagamento e ad alta criticità per sede, a fine periodo. Un clic sulla sede apre le sue giacenze.' },
      'sede',
      'sr41',
      ['lavoratori_in_attesa', 'alta_criticita'],
      { sortBy: 'alta_criticita', alarms: { alta_criticita: COLOURS.veryOld } }
    ).span(12)
  );

  d.withRow(new RowBuilder('Flussi'));
  d.withPanel(
    trendPanel({ title: 'SR41 per settimana', description: 'Ricevuti, pagati, scartati e annullati per settimana.' }, 'locale', figures('sr41', ['ricevuti', 'pagati', 'scartati', 'annullati'], { interval: 'week' }))
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
    trendPanel({ title: 'Tempo di pagamento per mese', description: 'Giorni tra ricezione e pagamento: media e 90° percentile degli SR41 pagati nel mese.' }, unitOf('sr41', 'tempo_pagamento_medio'), figures('sr41', ['tempo_pagamento_medio', 'tempo_pagamento_p90'], { interval: 'month' }))
  );
  d.withPanel(trendPanel(text('importo_pagato', 'Importo pagato per mese'), unitOf('sr41', 'importo_pagato'), [figure('sr41', 'importo_pagato', { interval: 'month' })]));
  d.withPanel(trendPanel(text('ore_pagate', 'Ore pagate per mese'), unitOf('sr41', 'ore_pagate'), [figure('sr41', 'ore_pagate', { interval: 'month' })]));
  d.withPanel(trendPanel(text('lavoratori_pagati', 'Lavoratori pagati per mese'), 'locale', [figure('sr41', 'lavoratori_pagati', { interval: 'month' })]));
  d.withPanel(barPanel(text('tempo_pagamento_medio', 'Tempo medio di pagamento per prestazione'), unitOf('sr41', 'tempo_pagamento_medio'), figure('sr41', 'tempo_pagamento_medio', { groupBy: ['prestazione'] })));
  d.withPanel(barPanel(text('importo_pagato', 'Importo pagato per regione'), unitOf('sr41', 'importo_pagato'), figure('sr41', 'importo_pagato', { groupBy: ['regione'] })));
  return { folder: 'Regionale', file: 'flussi-sr41-covid-19.json', builder: d };
}
