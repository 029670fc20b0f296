/** Panoramica nazionale: the day's key figures, trends, regions side by side, offices most in arrears. */
import { BigValueColorMode } from '@grafana/grafana-foundation-sdk/common';
import { RowBuilder } from '@grafana/grafana-foundation-sdk/dashboard';
import { DEFAULT_THRESHOLDS } from '../../src/model/domain';
import type { Subject } from '../../src/model/measures';
import { DASHBOARD_UIDS, dasmoDashboard, type GeneratedDashboard } from './layout';
import { barPanel, measureOf, statPanel, textOf, trendPanel, unitOf } from './panels';
import { figure, figures } from './queries';
import { comparisonTable } from './tables';
import { COLOURS, zeroIsGoodThresholds } from './thresholds';

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

/** A key figure that should be zero: its background turns the alerts' colour when it is not. */
function alarmFigure(subject: Subject, id: string, colour: string) {
  return keyFigure(subject, id).thresholds(zeroIsGoodThresholds(colour)).colorMode(BigValueColorMode.Background);
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
  d.withPanel(alarmFigure('domande', 'giacenza_cronica', COLOURS.chronic));
  d.withPanel(alarmFigure('domande', 'giacenza_molto_risalente', COLOURS.veryOld));
  d.withPanel(keyFigure('domande', 'percentuale_evase'));
  for (const id of ['ricevuti', 'pagati', 'in_lavorazione', 'lavoratori_in_attesa']) {
    d.withPanel(keyFigure('sr41', id));
  }
  d.withPanel(alarmFigure('sr41', 'alta_criticita', COLOURS.veryOld));
  d.withPanel(keyFigure('sr41', 'importo_pagato'));

  d.withRow(new RowBuilder('Andamenti'));
  const trends: Array<[string, string, Subject, string[], 'day' | 'week']> = [
    ['Domande presentate e definite per settimana', 'Flussi settimanali delle domande: presentate, autorizzate, respinte.', 'domande', ['presentate', 'autorizzate', 'respinte'], 'week'],
    ['Domande in giacenza', 'Domande aperte a fine giornata: in totale, croniche e molto risalenti.', 'domande', ['in_giacenza', 'giacenza_cronica', 'giacenza_molto_risalente'], 'day'],
    ['SR41 ricevuti e pagati per settimana', 'Richieste di pagamento diretto ricevute, pagate e scartate per settimana.', 'sr41', ['ricevuti', 'pagati', 'scartati'], 'week'],
    ['Lavoratori in attesa del primo pagamento', 'Lavoratori in attesa e, tra questi, quelli ad alta criticità (primo SR41 oltre la soglia di giorni).', 'sr41', ['lavoratori_in_attesa', 'alta_criticita'], 'week'],
  ];
  for (const [title, description, subject, ids, interval] of trends) {
    d.withPanel(trendPanel({ title, description }, 'locale', figures(subject, ids, { interval })));
  }

  d.withRow(new RowBuilder('Le regioni a confronto'));
  d.withPanel(
    comparisonTable(
      { title: 'Regioni', description: 'Per ogni regione: giacenza, giacenza cronica e molto risalente, percentuale evase e tempo medio di definizione. Un clic sulla regione apre le sue giacenze.' },
      'regione',
      'domande',
      ['in_giacenza', 'giacenza_cronica', 'giacenza_molto_risalente', 'percentuale_evase', 'tempo_definizione_medio'],
      { sortBy: 'giacenza_cronica' }
    )
  );
  d.withPanel(barPanel(textOf('domande', 'in_giacenza', 'Domande in giacenza per regione'), 'locale', figure('domande', 'in_giacenza', { groupBy: ['regione'] })));
  d.withPanel(
    barPanel(textOf('sr41', 'tempo_pagamento_medio', 'Tempo medio di pagamento SR41 per regione'), unitOf('sr41', 'tempo_pagamento_medio'), figure('sr41', 'tempo_pagamento_medio', { groupBy: ['regione'] }))
  );

  d.withRow(new RowBuilder('Sedi con più giacenza cronica'));
  d.withPanel(
    comparisonTable(
      {
        title: 'Sedi con più giacenza cronica',
        description: `Le 20 sedi con più domande in giacenza da oltre ${DEFAULT_THRESHOLDS.chronicDays} giorni alla fine del periodo. Un clic sulla sede apre le sue giacenze.`,
      },
      'sede',
      'domande',
      ['giacenza_cronica', 'giacenza_molto_risalente'],
      { sortBy: 'giacenza_cronica', limit: 20, alarms: { giacenza_cronica: COLOURS.chronic, giacenza_molto_risalente: COLOURS.veryOld } }
    )
  );
  return { folder: 'Nazionale', file: 'panoramica-nazionale.json', builder: d };
}
