/**
 * Giacenze: the backlog per office by age band, chronic and very old backlog, and the oldest
 * open applications and SR41 (subject "elenco"), their age coloured against the alert thresholds.
 */
import { RowBuilder } from '@grafana/grafana-foundation-sdk/dashboard';
import { AGE_BANDS, DEFAULT_THRESHOLDS } from '../../src/model/domain';
import { DASHBOARD_UIDS, dasmoDashboard, type GeneratedDashboard } from './layout';
import { ageBandPanel, cell, cellAt, colourAgeBands, columnOf, columnOfMeasure, columnTitle, drillDown, linkedColumn, tablePanel, trendPanel } from './panels';
import { figure, figures, oldestOpen } from './queries';
import { comparisonTable } from './tables';
import { applicationAgeThresholds, COLOURS, sr41AgeThresholds } from './thresholds';
import type { Subject } from '../../src/model/measures';

/** Rows per office, one column per age band (the store answers one row per office and band). */
function bandsPerOffice(subject: Subject, measure: string, title: string, description: string, chronicDays: number) {
  const panel = tablePanel({ title, description }, [figure(subject, measure, { groupBy: ['sede', 'fascia_eta'] })])
    .withTransformation({ id: 'groupingToMatrix', options: { columnField: columnOf('fascia_eta'), rowField: columnOf('sede'), valueField: columnOfMeasure(subject, measure) } })
    // groupingToMatrix names its first column "<row>\\<column>".
    .overrideByName(`${columnOf('sede')}\\${columnOf('fascia_eta')}`, linkedColumn(columnOf('sede'), drillDown('Solo questa sede', DASHBOARD_UIDS.giacenze, { regione: '$__all', sede: cellAt(0) })))
    .span(24);
  for (const band of AGE_BANDS) {
    panel.overrideByName(band.id, [columnTitle(band.label)]);
  }
  return colourAgeBands(panel, chronicDays);
}

/** The oldest open items; the age column is coloured by the same thresholds as the alerts. */
function oldest(of: Subject, title: string, description: string) {
  return tablePanel({ title, description }, [oldestOpen(of, 200)])
    // The store names the age column eta_giorni (store/query/openItems.ts).
    .overrideByName('eta_giorni', [
      columnTitle('Età (giorni)'),
      { id: 'custom.cellOptions', value: { type: 'color-background' } },
      { id: 'thresholds', value: (of === 'domande' ? applicationAgeThresholds() : sr41AgeThresholds()).build() },
      { id: 'unit', value: 'suffix: giorni' },
    ])
    .overrideByName(columnOf('sede'), linkedColumn(columnOf('sede'), drillDown('Solo questa sede', DASHBOARD_UIDS.giacenze, { regione: '$__all', sede: cell('sede') })))
    .span(24);
}

export function giacenze(): GeneratedDashboard {
  const d = dasmoDashboard(
    DASHBOARD_UIDS.giacenze,
    'Giacenze',
    `Giacenza delle domande e degli SR41 per sede e fascia di età; giacenza cronica (oltre ${DEFAULT_THRESHOLDS.chronicDays} giorni) e molto risalente (oltre ${DEFAULT_THRESHOLDS.veryOldDays}); le pratiche aperte più vecchie.`
  );

  d.withRow(new RowBuilder('Domande'));
  d.withPanel(
    trendPanel(
      { title: 'Giacenza cronica e molto risalente', description: 'Domande aperte da più della soglia cronica e da più della soglia molto risalente, a fine giornata.' },
      'locale',
      figures('domande', ['giacenza_cronica', 'giacenza_molto_risalente'], { interval: 'day' })
    )
      .overrideByQuery('giacenza_cronica', [columnTitle('Giacenza cronica'), { id: 'color', value: { mode: 'fixed', fixedColor: 'orange' } }])
      .overrideByQuery('giacenza_molto_risalente', [columnTitle('Giacenza molto risalente'), { id: 'color', value: { mode: 'fixed', fixedColor: 'red' } }])
  );
  d.withPanel(
    ageBandPanel(
      { title: 'Domande in giacenza per fascia di età', description: 'Domande aperte alla fine del periodo scelto, per fascia di età.' },
      figure('domande', 'in_giacenza', { interval: 'week', groupBy: ['fascia_eta'] }),
      DEFAULT_THRESHOLDS.chronicDays
    )
  );
  d.withPanel(bandsPerOffice('domande', 'in_giacenza', 'Domande in giacenza per sede e fascia di età', 'Domande aperte a fine periodo per sede, una colonna per fascia di età.', DEFAULT_THRESHOLDS.chronicDays));
  d.withPanel(
    comparisonTable(
      { title: 'Sedi con giacenza cronica e molto risalente', description: 'Per sede, le domande croniche e molto risalenti a fine periodo.' },
      'sede',
      'domande',
      ['giacenza_cronica', 'giacenza_molto_risalente'],
      { sortBy: 'giacenza_molto_risalente', alarms: { giacenza_cronica: COLOURS.chronic, giacenza_molto_risalente: COLOURS.veryOld } }
    )
  );
  d.withPanel(oldest('domande', 'Domande aperte più vecchie', 'Le 200 domande aperte da più tempo, con sede, prestazione, età in giorni, stato e data dell’ultimo cambio.'));

  d.withRow(new RowBuilder('SR41'));
  d.withPanel(
    ageBandPanel(
      { title: 'SR41 in lavorazione per fascia di età', description: `SR41 aperti alla fine del periodo scelto per età dalla ricezione; segnalati oltre ${DEFAULT_THRESHOLDS.sr41OpenDays} giorni.` },
      figure('sr41', 'in_lavorazione', { interval: 'week', groupBy: ['fascia_eta'] }),
      DEFAULT_THRESHOLDS.sr41OpenDays
    )
  );
  d.withPanel(
    colourAgeBands(
      trendPanel({ title: 'SR41 in lavorazione nel tempo', description: 'SR41 aperti a fine settimana per fascia di età.' }, 'locale', [figure('sr41', 'in_lavorazione', { interval: 'week', groupBy: ['fascia_eta'] })], true),
      DEFAULT_THRESHOLDS.sr41OpenDays
    )
  );
  d.withPanel(bandsPerOffice('sr41', 'in_lavorazione', 'SR41 in lavorazione per sede e fascia di età', 'SR41 aperti a fine periodo per sede, una colonna per fascia di età.', DEFAULT_THRESHOLDS.sr41OpenDays));
  d.withPanel(oldest('sr41', 'SR41 aperti più vecchi', 'I 200 SR41 aperti da più tempo, con sede, prestazione, età in giorni, stato e data dell’ultimo cambio.'));
  return { folder: 'Sede', file: 'giacenze.json', builder: d };
}
