/**
 * Domande CIG COVID-19: flows, open stock by age band, definition times, hours and workers,
 * per scheme and payment mode; CIGD plurilocalizzate in a row of their own.
 */
import { RowBuilder } from '@grafana/grafana-foundation-sdk/dashboard';
import { DEFAULT_THRESHOLDS } from '../../src/model/domain';
import type { Filters } from '../../src/model/query';
import { DASHBOARD_UIDS, dasmoDashboard, type GeneratedDashboard } from './layout';
import { ageBandPanel, barPanel, colourAgeBands, measureOf, statPanel, tablePanel, textOf, trendPanel, unitOf } from './panels';
import { figure, figures, VARIABLE_FILTERS } from './queries';
import { comparisonTable } from './tables';
import { COLOURS } from './thresholds';

const text = (id: string, title?: string) => textOf('domande', id, title);

/** CIGD of employers with sites in several regions: the scheme variable does not apply here. */
const CIGD_PLURILOCALIZZATE: Filters = { ...VARIABLE_FILTERS, prestazione: ['CIGD'], plurilocalizzata: ['1'] };

export function domandeCig(): GeneratedDashboard {
  const d = dasmoDashboard(
    DASHBOARD_UIDS.domande,
    'Domande CIG COVID-19',
    'Domande di integrazione salariale COVID-19 (CIGO, CIGD, ASO, CISOA): flussi, giacenza per fascia di età, tempi di definizione, ore e lavoratori.'
  );

  d.withRow(new RowBuilder('Flussi'));
  d.withPanel(
    trendPanel(
      { title: 'Domande per settimana', description: 'Presentate, autorizzate, respinte e annullate per settimana.' },
      'locale',
      figures('domande', ['presentate', 'autorizzate', 'respinte', 'annullate'], { interval: 'week' })
    )
  );
  d.withPanel(trendPanel(text('percentuale_evase', 'Percentuale evase per mese'), unitOf('domande', 'percentuale_evase'), [figure('domande', 'percentuale_evase', { interval: 'month' })]));
  for (const id of ['presentate', 'definite', 'in_giacenza', 'percentuale_evase']) {
    d.withPanel(statPanel({ ...text(id), description: `${measureOf('domande', id).description} Nel periodo scelto.` }, unitOf('domande', id), figure('domande', id)).span(6));
  }

  d.withRow(new RowBuilder('Giacenza per fascia di età'));
  d.withPanel(
    colourAgeBands(trendPanel(
      { title: 'Domande in giacenza per fascia di età', description: `Domande aperte a fine giornata per età; cronica oltre ${DEFAULT_THRESHOLDS.chronicDays} giorni, molto risalente oltre ${DEFAULT_THRESHOLDS.veryOldDays}.` },
      'locale',
      [figure('domande', 'in_giacenza', { interval: 'week', groupBy: ['fascia_eta'] })],
      true
    ), DEFAULT_THRESHOLDS.chronicDays)
  );
  d.withPanel(
    ageBandPanel(
      { title: 'Giacenza per fascia di età a fine periodo', description: 'Domande aperte alla fine del periodo scelto, per fascia di età; i colori seguono le soglie degli avvisi.' },
      figure('domande', 'in_giacenza', { interval: 'week', groupBy: ['fascia_eta'] }),
      DEFAULT_THRESHOLDS.chronicDays
    )
  );
  d.withPanel(
    comparisonTable(
      { title: 'Giacenza per sede', description: 'Domande in giacenza, croniche e molto risalenti per sede a fine periodo. Un clic sulla sede apre le sue giacenze.' },
      'sede',
      'domande',
      ['in_giacenza', 'giacenza_cronica', 'giacenza_molto_risalente'],
      { sortBy: 'giacenza_cronica', alarms: { giacenza_cronica: COLOURS.chronic, giacenza_molto_risalente: COLOURS.veryOld } }
    )
  );

  d.withRow(new RowBuilder('Tempi di definizione'));
  d.withPanel(
    trendPanel({ title: 'Tempo di definizione per mese', description: 'Giorni tra presentazione e decisione: media e 90° percentile delle decisioni del mese.' }, unitOf('domande', 'tempo_definizione_medio'), figures('domande', ['tempo_definizione_medio', 'tempo_definizione_p90'], { interval: 'month' }))
  );
  d.withPanel(barPanel(text('tempo_definizione_medio', 'Tempo medio di definizione per prestazione'), unitOf('domande', 'tempo_definizione_medio'), figure('domande', 'tempo_definizione_medio', { groupBy: ['prestazione'] })));

  d.withRow(new RowBuilder('Ore e lavoratori'));
  d.withPanel(
    trendPanel({ title: 'Ore richieste e autorizzate per mese', description: 'Ore richieste dalle domande presentate e ore autorizzate dalle autorizzazioni del mese.' }, unitOf('domande', 'ore_richieste'), figures('domande', ['ore_richieste', 'ore_autorizzate'], { interval: 'month' }))
  );
  d.withPanel(trendPanel(text('lavoratori', 'Lavoratori delle domande presentate per mese'), unitOf('domande', 'lavoratori'), [figure('domande', 'lavoratori', { interval: 'month' })]));
  d.withPanel(barPanel(text('ore_autorizzate', 'Ore autorizzate per prestazione'), unitOf('domande', 'ore_autorizzate'), figure('domande', 'ore_autorizzate', { groupBy: ['prestazione'] })));
  d.withPanel(barPanel(text('ore_autorizzate', 'Ore autorizzate per regione'), unitOf('domande', 'ore_autorizzate'), figure('domande', 'ore_autorizzate', { groupBy: ['regione'] })));

  d.withRow(new RowBuilder('Per prestazione e modalità di pagamento'));
  d.withPanel(
    trendPanel(text('presentate', 'Presentate per prestazione, per settimana'), 'locale', [figure('domande', 'presentate', { interval: 'week', groupBy: ['prestazione'] })], true)
  );
  d.withPanel(
    tablePanel(
      { title: 'Domande per prestazione e modalità di pagamento', description: 'Presentate e definite nel periodo, in giacenza a fine periodo, per prestazione e modalità di pagamento (conguaglio o pagamento diretto).' },
      figures('domande', ['presentate', 'definite', 'in_giacenza'], { groupBy: ['prestazione', 'modalita'] })
    ).withTransformation({ id: 'merge', options: {} })
  );

  d.withRow(new RowBuilder('CIGD plurilocalizzate'));
  d.withPanel(
    trendPanel(
      { title: 'CIGD plurilocalizzate per settimana', description: 'Domande CIGD di datori di lavoro con unità produttive in più regioni: presentate e definite per settimana.' },
      'locale',
      figures('domande', ['presentate', 'definite'], { interval: 'week', filters: CIGD_PLURILOCALIZZATE })
    )
  );
  d.withPanel(
    colourAgeBands(trendPanel(
      { title: 'CIGD plurilocalizzate in giacenza', description: 'Domande CIGD plurilocalizzate aperte a fine giornata, per fascia di età.' },
      'locale',
      [figure('domande', 'in_giacenza', { interval: 'week', groupBy: ['fascia_eta'], filters: CIGD_PLURILOCALIZZATE })],
      true
    ), DEFAULT_THRESHOLDS.chronicDays)
  );
  return { folder: 'Regionale', file: 'domande-cig-covid-19.json', builder: d };
}
