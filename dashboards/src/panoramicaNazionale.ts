/** Panoramica nazionale: the day's key figures, trends, regions side by side, offices most in arrears. */
import { BigValueColorMode } from '@grafana/grafana-foundation-sdk/common';
import { RowBuilder } from '@grafana/grafana-foundation-sdk/dashboard';
import { DEFAULT_THRESHOLDS } from '../../src/model/domain';
import { DASHBOARD_UIDS, dasmoDashboard, type GeneratedDashboard } from './layout';
import { barPanel, cell, columnOf, columnOfMeasure, drillDown, linkedColumn, measureOf, sortedBy, statPanel, tablePanel, trendPanel, unitOf } from './panels';
import { figure } from './queries';
import { zeroIsGoodThresholds } from './thresholds';
import type { Subject } from '../../src/model/measures';

/** A stat of one figure; flows show the last day's value, stocks the value at the range's end. */
function keyFigure(subject: Subject, id: string) {
  const m = measureOf(subject, id);
  const isFlow = m.aggregation === 'flow';
  const text = {
    title: isFlow ? `${m.label} nell'ultimo giorno` : m.label,
    description: `${m.description}${isFlow ? " Valore dell'ultimo giorno con dati; la linea mostra l'andamento." : ' Valore alla fine del periodo scelto.'}`,
  };
  return statPanel(text, unitOf(subject, id), figure(subject, id, { interval: isFlow ? 'day' : 'none' }), isFlow);
}

export function panoramicaNazionale(): GeneratedDashboard {
  const d = dasmoDashboard(
    DASHBOARD_UIDS.panoramica,
    'Panoramica nazionale',
    'Le cifre chiave del giorno, gli andamenti, le regioni a confronto e le sedi con più giacenza cronica (domande CIG COVID-19 e SR41).'
  );
  d.withRow(new RowBuilder('Le cifre del giorno'));
  for (const id of ['presentate', 'definite', 'in_giacenza']) {
    d.withPanel(keyFigure('domande', id));
  }
  d.withPanel(keyFigure('domande', 'giacenza_cronica').thresholds(zeroIsGoodThresholds('orange')).colorMode(BigValueColorMode.Background));
  d.withPanel(keyFigure('domande', 'giacenza_molto_risalente').thresholds(zeroIsGoodThresholds()).colorMode(BigValueColorMode.Background));
  d.withPanel(keyFigure('domande', 'percentuale_evase'));
  for (const id of ['ricevuti', 'pagati', 'in_lavorazione', 'lavoratori_in_attesa']) {
    d.withPanel(keyFigure('sr41', id));
  }
  d.withPanel(keyFigure('sr41', 'alta_criticita').thresholds(zeroIsGoodThresholds()).colorMode(BigValueColorMode.Background));
  d.withPanel(keyFigure('sr41', 'importo_pagato'));

  d.withRow(new RowBuilder('Andamenti'));
  d.withPanel(
    trendPanel({ title: 'Domande presentate e definite per settimana', description: 'Flussi settimanali delle domande: presentate, autorizzate, respinte.' }, 'locale', [
      figure('domande', 'presentate', { interval: 'week', refId: 'presentate' }),
      figure('domande', 'autorizzate', { interval: 'week', refId: 'autorizzate' }),
      figure('domande', 'respinte', { interval: 'week', refId: 'respinte' }),
    ])
  );
  d.withPanel(
    trendPanel({ title: 'Domande in giacenza', description: 'Domande aperte a fine giornata: in totale, croniche e molto risalenti.' }, 'locale', [
      figure('domande', 'in_giacenza', { interval: 'day', refId: 'in_giacenza' }),
      figure('domande', 'giacenza_cronica', { interval: 'day', refId: 'giacenza_cronica' }),
      figure('domande', 'giacenza_molto_risalente', { interval: 'day', refId: 'giacenza_molto_risalente' }),
    ])
  );
  d.withPanel(
    trendPanel({ title: 'SR41 ricevuti e pagati per settimana', description: 'Richieste di pagamento diretto ricevute, pagate e scartate per settimana.' }, 'locale', [
      figure('sr41', 'ricevuti', { interval: 'week', refId: 'ricevuti' }),
      figure('sr41', 'pagati', { interval: 'week', refId: 'pagati' }),
      figure('sr41', 'scartati', { interval: 'week', refId: 'scartati' }),
    ])
  );
  d.withPanel(
    trendPanel({ title: 'Lavoratori in attesa del primo pagamento', description: "Lavoratori in attesa e, tra questi, quelli ad alta criticità (primo SR41 oltre la soglia di giorni)." }, 'locale', [
      figure('sr41', 'lavoratori_in_attesa', { interval: 'week', refId: 'lavoratori_in_attesa' }),
      figure('sr41', 'alta_criticita', { interval: 'week', refId: 'alta_criticita' }),
    ])
  );

  d.withRow(new RowBuilder('Le regioni a confronto'));
  d.withPanel(
    tablePanel({ title: 'Regioni', description: 'Per ogni regione: giacenza, giacenza cronica e molto risalente, percentuale evase e tempo medio di definizione. Un clic sulla regione apre le sue giacenze.' }, [
      figure('domande', 'in_giacenza', { groupBy: ['regione'], refId: 'in_giacenza' }),
      figure('domande', 'giacenza_cronica', { groupBy: ['regione'], refId: 'giacenza_cronica' }),
      figure('domande', 'giacenza_molto_risalente', { groupBy: ['regione'], refId: 'giacenza_molto_risalente' }),
      figure('domande', 'percentuale_evase', { groupBy: ['regione'], refId: 'percentuale_evase' }),
      figure('domande', 'tempo_definizione_medio', { groupBy: ['regione'], refId: 'tempo_definizione_medio' }),
    ])
      .withTransformation({ id: 'joinByField', options: { byField: columnOf('regione'), mode: 'outer' } })
      .overrideByName(columnOf('regione'), linkedColumn(columnOf('regione'), drillDown('Giacenze della regione', DASHBOARD_UIDS.giacenze, { regione: cell('regione'), sede: '$__all' })))
      .overrideByName(columnOfMeasure('domande', 'percentuale_evase'), [{ id: 'unit', value: unitOf('domande', 'percentuale_evase') }])
      .overrideByName(columnOfMeasure('domande', 'tempo_definizione_medio'), [{ id: 'unit', value: unitOf('domande', 'tempo_definizione_medio') }, { id: 'decimals', value: 1 }])
      .sortBy(sortedBy(columnOfMeasure('domande', 'giacenza_cronica')))
      .span(24)
  );
  d.withPanel(barPanel({ title: 'Domande in giacenza per regione', description: measureOf('domande', 'in_giacenza').description }, 'locale', figure('domande', 'in_giacenza', { groupBy: ['regione'] })));
  d.withPanel(
    barPanel({ title: 'Tempo medio di pagamento SR41 per regione', description: measureOf('sr41', 'tempo_pagamento_medio').description }, unitOf('sr41', 'tempo_pagamento_medio'), figure('sr41', 'tempo_pagamento_medio', { groupBy: ['regione'] }))
  );

  d.withRow(new RowBuilder('Sedi con più giacenza cronica'));
  d.withPanel(
    tablePanel(
      {
        title: 'Sedi con più giacenza cronica',
        description: `Sedi ordinate per domande in giacenza da più di ${DEFAULT_THRESHOLDS.chronicDays} giorni alla fine del periodo. Un clic sulla sede apre le sue giacenze.`,
      },
      [
        figure('domande', 'giacenza_cronica', { groupBy: ['sede'], refId: 'giacenza_cronica' }),
        figure('domande', 'giacenza_molto_risalente', { groupBy: ['sede'], refId: 'giacenza_molto_risalente' }),
      ]
    )
      .withTransformation({ id: 'joinByField', options: { byField: columnOf('sede'), mode: 'outer' } })
      .withTransformation({ id: 'sortBy', options: { sort: [{ field: columnOfMeasure('domande', 'giacenza_cronica'), desc: true }] } })
      .withTransformation({ id: 'limit', options: { limitField: 20 } })
      .overrideByName(columnOf('sede'), linkedColumn(columnOf('sede'), drillDown('Giacenze della sede', DASHBOARD_UIDS.giacenze, { regione: '$__all', sede: cell('sede') })))
      .overrideByName(columnOfMeasure('domande', 'giacenza_cronica'), [ { id: 'custom.cellOptions', value: { type: 'color-background' } }, { id: 'thresholds', value: zeroIsGoodThresholds('orange').build() }])
      .overrideByName(columnOfMeasure('domande', 'giacenza_molto_risalente'), [ { id: 'custom.cellOptions', value: { type: 'color-background' } }, { id: 'thresholds', value: zeroIsGoodThresholds().build() }])
      .span(24)
  );
  return { folder: 'Nazionale', file: 'panoramica-nazionale.json', builder: d };
}
