/**
 * Grafana's alerting provisioning (apiVersion 1), built from one list of rules and the regions
 * of store/reference: rules on the store's alert views (migration 040; the thresholds live in
 * the `setting` table, which the views read), a contact point per regional directorate plus the
 * central directorate, and notification policies sending each alert to its region's directorate
 * and every alert to the central directorate as well. The shapes follow Grafana's documentation
 * page alerting/set-up/provision-alerting-resources/file-provisioning.
 */
import { readRegions } from '../../store/db/reference';
import { DASMO_VIEWS } from '../../dashboards/src/datasources';

/** The folder holding the rules (its permissions, from roles.yml, decide who sees them). */
export const ALERT_FOLDER = 'Nazionale';
export const CENTRAL_CONTACT_POINT = 'DASMO Direzione centrale';
export const regionalContactPoint = (regionName: string) => `DASMO Direzione regionale ${regionName}`;

interface RuleSpec {
  uid: string;
  group: 'giacenze' | 'dati';
  title: string;
  /** alert_office_figure's figura for the per-office rules; the freshness rule reads its own view. */
  figure?: string;
  summary: string;
  description: string;
}

const RULES: RuleSpec[] = [
  {
    uid: 'dasmo-giacenza-cronica',
    group: 'giacenze',
    title: 'Giacenza cronica per sede',
    figure: 'giacenza_cronica',
    summary: '{{ $labels.sede_nome }} ({{ $labels.regione_nome }}): {{ $values.B.Value }} domande in giacenza cronica',
    description: 'Domande aperte da più giorni della soglia cronica (impostazione chronic_days dello store) alla data dei dati.',
  },
  {
    uid: 'dasmo-giacenza-molto-risalente',
    group: 'giacenze',
    title: 'Giacenza molto risalente per sede',
    figure: 'giacenza_molto_risalente',
    summary: '{{ $labels.sede_nome }} ({{ $labels.regione_nome }}): {{ $values.B.Value }} domande in giacenza molto risalente',
    description: 'Domande aperte da più giorni della soglia molto risalente (impostazione very_old_days dello store) alla data dei dati.',
  },
  {
    uid: 'dasmo-sr41-oltre-soglia',
    group: 'giacenze',
    title: 'SR41 in lavorazione oltre soglia per sede',
    figure: 'sr41_oltre_soglia',
    summary: '{{ $labels.sede_nome }} ({{ $labels.regione_nome }}): {{ $values.B.Value }} SR41 in lavorazione oltre la soglia',
    description: 'SR41 ricevuti e non ancora chiusi da più giorni della soglia (impostazione sr41_open_days dello store).',
  },
  {
    uid: 'dasmo-alta-criticita',
    group: 'giacenze',
    title: 'Lavoratori ad alta criticità per sede',
    figure: 'alta_criticita',
    summary: '{{ $labels.sede_nome }} ({{ $labels.regione_nome }}): {{ $values.B.Value }} lavoratori ad alta criticità',
    description:
      'Lavoratori senza alcun pagamento SR41, con un SR41 non annullato nella sede, il cui primo SR41 è stato ricevuto da più giorni della soglia (impostazione high_criticality_days dello store).',
  },
  {
    uid: 'dasmo-dati-non-aggiornati',
    group: 'dati',
    title: 'Dati non aggiornati',
    summary: 'I dati DASMO sono fermi al {{ $labels.as_of }}: mancano {{ $values.B.Value }} giorni',
    description: "I dati del giorno precedente non risultano caricati entro l'ora limite (impostazione refresh_deadline_hour dello store). Controllare il cruscotto Stato dati.",
  },
];

const GROUP_INTERVALS: Record<RuleSpec['group'], string> = { giacenze: '1h', dati: '10m' };

const EXPRESSIONS = { type: '__expr__', uid: '__expr__' };

/** String columns become an alert instance's labels, the one numeric column its value. */
function ruleSql(r: RuleSpec): string {
  return r.figure
    ? `SELECT regione, regione_nome, sede, sede_nome, valore FROM alert_office_figure WHERE figura = '${r.figure}'`
    : 'SELECT as_of::text AS as_of, giorni_mancanti FROM alert_data_freshness WHERE as_of IS NOT NULL';
}

function rule(r: RuleSpec) {
  return {
    uid: r.uid,
    title: r.title,
    condition: 'C',
    data: [
      {
        refId: 'A',
        relativeTimeRange: { from: 86400, to: 0 },
        datasourceUid: DASMO_VIEWS.uid,
        model: { refId: 'A', datasource: DASMO_VIEWS, rawSql: ruleSql(r), format: 'table', rawQuery: true, editorMode: 'code', intervalMs: 60000, maxDataPoints: 43200 },
      },
      {
        refId: 'B',
        relativeTimeRange: { from: 0, to: 0 },
        datasourceUid: EXPRESSIONS.uid,
        model: { refId: 'B', datasource: EXPRESSIONS, type: 'reduce', expression: 'A', reducer: 'last' },
      },
      {
        refId: 'C',
        relativeTimeRange: { from: 0, to: 0 },
        datasourceUid: EXPRESSIONS.uid,
        model: { refId: 'C', datasource: EXPRESSIONS, type: 'threshold', expression: 'B', conditions: [{ evaluator: { type: 'gt', params: [0] } }] },
      },
    ],
    // No rows means nothing ever loaded: the freshness rule fires, the backlog rules stay quiet.
    noDataState: r.figure ? 'OK' : 'Alerting',
    execErrState: 'Error',
    for: '0s',
    annotations: { summary: r.summary, description: r.description },
    labels: { dasmo: r.group },
    isPaused: false,
  };
}

export function alertRulesFile() {
  const groups = (['giacenze', 'dati'] as const).map((g) => ({
    orgId: 1,
    name: g === 'giacenze' ? 'DASMO giacenze' : 'DASMO stato dati',
    folder: ALERT_FOLDER,
    interval: GROUP_INTERVALS[g],
    rules: RULES.filter((r) => r.group === g).map(rule),
  }));
  return { apiVersion: 1, groups };
}

/** Placeholder addresses (the .invalid domain never delivers): each deployment sets the real ones. */
export function contactPointsFile() {
  const email = (uid: string, name: string, address: string) => ({
    orgId: 1,
    name,
    receivers: [{ uid, type: 'email', settings: { addresses: address, singleEmail: true }, disableResolveMessage: false }],
  });
  return {
    apiVersion: 1,
    contactPoints: [
      email('dasmo-cp-centrale', CENTRAL_CONTACT_POINT, 'ammortizzatori.centrale@inps.invalid'),
      ...readRegions().map((r) => email(`dasmo-cp-regione-${r.code}`, regionalContactPoint(r.name), `direzione.regionale.${r.code}@inps.invalid`)),
    ],
  };
}

export function notificationPoliciesFile() {
  return {
    apiVersion: 1,
    policies: [
      {
        orgId: 1,
        receiver: CENTRAL_CONTACT_POINT,
        group_by: ['grafana_folder', 'alertname', 'regione'],
        group_wait: '1m',
        group_interval: '1h',
        repeat_interval: '24h',
        routes: [
          // Everything to the central directorate, then on to the region's own route.
          { receiver: CENTRAL_CONTACT_POINT, continue: true },
          ...readRegions().map((r) => ({ receiver: regionalContactPoint(r.name), object_matchers: [['regione', '=', r.code]] })),
        ],
      },
    ],
  };
}
