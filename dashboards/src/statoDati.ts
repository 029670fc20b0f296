/**
 * Stato dati: the reference date, each load's counts, rejected rows by reason and the days with
 * no extract. The store's API has no measures for the load log, so these panels read the store's
 * data-status views through Grafana's PostgreSQL datasource (read-only role dasmo_alerts); they
 * hold counts only, no personal data and no rejected lines.
 */
import { BigValueColorMode, ReduceDataOptionsBuilder } from '@grafana/grafana-foundation-sdk/common';
import { DEFAULT_THRESHOLDS } from '../../src/model/domain';
import { DASMO_VIEWS } from './datasources';
import { DASHBOARD_UIDS, dasmoDashboard, type GeneratedDashboard } from './layout';
import { columnTitle, statPanel, tablePanel } from './panels';
import { viewSql } from './queries';
import { zeroIsGoodThresholds } from './thresholds';

/** A stat of a text or time column: Grafana's stat shows only numeric fields unless told otherwise. */
function anyField(): ReduceDataOptionsBuilder {
  return new ReduceDataOptionsBuilder().calcs(['lastNotNull']).values(false).fields('/.*/');
}

export function statoDati(): GeneratedDashboard {
  const d = dasmoDashboard(
    DASHBOARD_UIDS.statoDati,
    'Stato dati',
    'Data di riferimento dei dati, esito e conteggi di ogni caricamento, righe scartate per motivo, giorni senza estrazione.',
    false
  );
  d.withPanel(
    statPanel({ title: 'Dati al', description: "L'ultima data di riferimento caricata con successo (D-1)." }, 'string', viewSql('SELECT as_of::text AS "Dati al" FROM alert_data_freshness'))
      .datasource(DASMO_VIEWS)
      .reduceOptions(anyField())
      .span(6)
  );
  d.withPanel(
    statPanel(
      { title: 'Giorni di dati mancanti', description: `Giorni tra i dati attesi e quelli caricati; i dati del giorno sono attesi entro le ore ${DEFAULT_THRESHOLDS.refreshDeadlineHour}.` },
      'suffix: giorni',
      viewSql('SELECT giorni_mancanti AS "Giorni mancanti" FROM alert_data_freshness')
    )
      .datasource(DASMO_VIEWS)
      .thresholds(zeroIsGoodThresholds())
      .colorMode(BigValueColorMode.Background)
      .span(6)
  );
  d.withPanel(
    statPanel({ title: 'Ultimo caricamento', description: 'Quando è terminato l’ultimo caricamento riuscito.' }, 'dateTimeAsLocal', viewSql('SELECT last_load_at AS "Ultimo caricamento" FROM alert_data_freshness'))
      .datasource(DASMO_VIEWS)
      .reduceOptions(anyField())
      .span(6)
  );
  d.withPanel(
    statPanel({ title: 'Caricamenti rifiutati', description: 'Cartelle rifiutate nel periodo scelto (manifest non corrispondente, file mancanti…).' }, 'locale', viewSql("SELECT count(*) AS \"Rifiutati\" FROM data_status_load WHERE outcome = 'RIFIUTATO' AND $__timeFilter(finished_at)"))
      .datasource(DASMO_VIEWS)
      .thresholds(zeroIsGoodThresholds())
      .colorMode(BigValueColorMode.Background)
      .span(6)
  );
  d.withPanel(
    tablePanel(
      { title: 'Caricamenti', description: 'Ogni cartella vista dal caricatore nel periodo: esito, righe lette, caricate, duplicate e scartate (lette = caricate + duplicate + scartate).' },
      [
        viewSql(
          `SELECT reference_date AS "Data di riferimento", folder_name AS "Cartella", outcome AS "Esito", righe_lette AS "Lette",
  righe_caricate AS "Caricate", righe_duplicate AS "Duplicate", righe_scartate AS "Scartate", finished_at AS "Terminato", message AS "Messaggio"
FROM data_status_load WHERE $__timeFilter(finished_at) ORDER BY finished_at DESC LIMIT 500`
        ),
      ],
      DASMO_VIEWS
    )
      .overrideByName('Scartate', [{ id: 'custom.cellOptions', value: { type: 'color-background' } }, { id: 'thresholds', value: zeroIsGoodThresholds('orange').build() }])
      .overrideByName('Esito', [{ id: 'mappings', value: [{ type: 'value', options: { RIFIUTATO: { color: 'red', index: 0, text: 'RIFIUTATO' } } }] }])
      .span(24)
  );
  d.withPanel(
    tablePanel(
      { title: 'Righe scartate per motivo', description: 'Righe rifiutate dal caricatore nel periodo, per file e codice del motivo; le righe stesse restano nel file di quarantena.' },
      [
        viewSql(
          `SELECT file_name AS "File", reason_code AS "Motivo", sum(righe) AS "Righe"
FROM data_status_rejects WHERE reference_date BETWEEN $__timeFrom()::date AND $__timeTo()::date
GROUP BY file_name, reason_code ORDER BY 3 DESC`
        ),
      ],
      DASMO_VIEWS
    )
  );
  d.withPanel(
    tablePanel(
      { title: 'Giorni senza estrazione', description: 'Giorni di cui non è arrivata la cartella, saltati da un caricamento successivo.' },
      [viewSql('SELECT gap_date AS "Giorno mancante", rilevato_dal_caricamento_del AS "Rilevato dal caricamento del" FROM data_status_gap ORDER BY gap_date DESC')],
      DASMO_VIEWS
    ).overrideByName('Giorno mancante', [columnTitle('Giorno mancante'), { id: 'color', value: { mode: 'fixed', fixedColor: 'red' } }])
  );
  return { folder: 'Nazionale', file: 'stato-dati.json', builder: d };
}
