/**
 * The baseline of bench/api.ts: the SQL a Grafana user would write by hand over the raw facts
 * (PostgreSQL datasource, no rollups) for the same figure, breakdown and interval. Straight from
 * DOMAIN.md, no cleverness: a stock is counted by finding every item's last state at each day.
 * Each statement returns (bucket, grp, value).
 */
import type { Dimension, MeasureDefinition } from '../src/model/measures';

type Interval = 'month' | 'none';

const ATTRIBUTE: Partial<Record<Dimension, string>> = {
  regione: 'a.region_code',
  sede: 'a.office_code',
  prestazione: 'a.benefit',
  causale: 'a.cause',
  modalita: 'a.payment_mode',
  plurilocalizzata: 'a.multi_region::text',
};

const AGE_BAND = (age: string) =>
  `CASE WHEN ${age} <= 30 THEN '0-30' WHEN ${age} <= 60 THEN '31-60' WHEN ${age} <= 90 THEN '61-90' WHEN ${age} <= 180 THEN '91-180' ELSE 'oltre-180' END`;

function groupSql(groupBy: readonly Dimension[], extra: Partial<Record<Dimension, string>>): string {
  const parts = groupBy.map((d) => extra[d] ?? ATTRIBUTE[d]!);
  return parts.length ? parts.join(` || '|' || `) : `''`;
}

/** A flow over dated rows: `day` is the date column, `from` the FROM clause, `where` the rows. */
function flow(day: string, from: string, where: string, value: string, interval: Interval, grp: string): string {
  const bucket = interval === 'month' ? `date_trunc('month', ${day})::date` : `$1::date`;
  return `SELECT ${bucket} AS bucket, ${grp} AS grp, ${value} AS value FROM ${from}
           WHERE ${where} AND ${day} BETWEEN $1::date AND $2::date GROUP BY 1, 2`;
}

const DAYS = (interval: Interval) =>
  interval === 'month'
    ? `(SELECT least((date_trunc('month', g) + interval '1 month - 1 day')::date, $2::date) AS day, date_trunc('month', g)::date AS bucket
          FROM generate_series($1::date, $2::date, interval '1 month') g)`
    : `(SELECT $2::date AS day, $1::date AS bucket)`;

function backlog(m: MeasureDefinition, interval: Interval, groupBy: readonly Dimension[]): string {
  const sr41 = m.subject === 'sr41';
  const [item, events, key, origin, open, initial] = sr41
    ? ['sr41 s JOIN application a ON a.application_id = s.application_id', 'sr41_event', 's.sr41_id', 's.received_on', `('RICEVUTO','IN_LAVORAZIONE','IN_PAGAMENTO')`, 'RICEVUTO']
    : ['application a', 'application_event', 'a.application_id', 'a.presented_on', `('PRESENTATA','IN_ISTRUTTORIA')`, 'PRESENTATA'];
  const idColumn = sr41 ? 'sr41_id' : 'application_id';
  const state = `coalesce((SELECT e.state FROM ${events} e WHERE e.${idColumn} = ${key} AND e.state_on <= d.day
                            ORDER BY e.state_on DESC, e.load_id DESC, e.line_number DESC LIMIT 1), '${initial}')`;
  const older = m.id === 'giacenza_cronica' ? ` AND d.day - ${origin} > 90` : m.id === 'giacenza_molto_risalente' ? ` AND d.day - ${origin} > 180` : '';
  const grp = groupSql(groupBy, { stato: state, fascia_eta: AGE_BAND(`d.day - ${origin}`) });
  return `SELECT d.bucket, ${grp} AS grp, count(*) AS value FROM ${DAYS(interval)} d JOIN ${item} ON ${origin} <= d.day
           WHERE ${state} IN ${open}${older} GROUP BY 1, 2`;
}

function waitingWorkers(m: MeasureDefinition, interval: Interval, groupBy: readonly Dimension[]): string {
  const notCancelled = (s: string) => `NOT EXISTS (SELECT 1 FROM sr41_event c WHERE c.sr41_id = ${s}.sr41_id AND c.state = 'ANNULLATO' AND c.state_on <= d.day)`;
  const critical =
    m.id === 'alta_criticita'
      ? ` AND (SELECT min(s3.received_on) FROM sr41 s3 WHERE s3.worker_pseudonym = s.worker_pseudonym AND s3.received_on <= d.day AND ${notCancelled('s3')}) < d.day - 30`
      : '';
  return `SELECT d.bucket, ${groupSql(groupBy, {})} AS grp, count(DISTINCT s.worker_pseudonym) AS value
            FROM ${DAYS(interval)} d JOIN sr41 s ON s.received_on <= d.day JOIN application a ON a.application_id = s.application_id
           WHERE ${notCancelled('s')}
             AND NOT EXISTS (SELECT 1 FROM sr41 s2 JOIN sr41_event p ON p.sr41_id = s2.sr41_id
                              WHERE s2.worker_pseudonym = s.worker_pseudonym AND p.state = 'PAGATO' AND p.state_on <= d.day)${critical}
           GROUP BY 1, 2`;
}

const APP_EVENTS = 'application_event e JOIN application a ON a.application_id = e.application_id';
const SR41_EVENTS = 'sr41_event e JOIN sr41 s ON s.sr41_id = e.sr41_id JOIN application a ON a.application_id = s.application_id';

/** The hand-written SQL for one query; parameters $1 = range start, $2 = range end. */
export function naiveSql(m: MeasureDefinition, interval: Interval, groupBy: readonly Dimension[]): string {
  const grp = groupSql(groupBy, { motivo: 'e.rejection_reason' });
  const appEvent = (states: string, value: string) => flow('e.state_on', APP_EVENTS, `e.state IN (${states})`, value, interval, grp);
  const sr41Event = (states: string, value: string) => flow('e.state_on', SR41_EVENTS, `e.state IN (${states})`, value, interval, grp);
  switch (`${m.subject}.${m.id}`) {
    case 'domande.presentate': return flow('a.presented_on', 'application a', 'true', 'count(*)', interval, grp);
    case 'domande.ore_richieste': return flow('a.presented_on', 'application a', 'true', 'sum(a.hours_requested)', interval, grp);
    case 'domande.lavoratori': return flow('a.presented_on', 'application a', 'true', 'sum(a.workers)', interval, grp);
    case 'domande.autorizzate': return appEvent(`'AUTORIZZATA'`, 'count(*)');
    case 'domande.respinte': return appEvent(`'RESPINTA'`, 'count(*)');
    case 'domande.annullate': return appEvent(`'ANNULLATA'`, 'count(*)');
    case 'domande.definite': return appEvent(`'AUTORIZZATA', 'RESPINTA'`, 'count(*)');
    case 'domande.ore_autorizzate': return appEvent(`'AUTORIZZATA'`, 'sum(e.hours_authorised)');
    case 'domande.tempo_definizione_medio': return appEvent(`'AUTORIZZATA', 'RESPINTA'`, 'avg(e.state_on - a.presented_on)');
    case 'domande.tempo_definizione_p90': return appEvent(`'AUTORIZZATA', 'RESPINTA'`, 'percentile_disc(0.9) WITHIN GROUP (ORDER BY e.state_on - a.presented_on)');
    case 'domande.percentuale_evase': {
      const decided = naiveSql({ ...m, id: 'definite' }, interval, groupBy);
      const open = backlog({ ...m, id: 'in_giacenza' }, interval, groupBy);
      return `WITH dd AS (${decided}), g AS (${open})
              SELECT bucket, grp, 100.0 * coalesce(dd.value, 0) / nullif(coalesce(dd.value, 0) + coalesce(g.value, 0), 0) AS value
                FROM dd FULL JOIN g USING (bucket, grp)`;
    }
    case 'sr41.ricevuti': return flow('s.received_on', 'sr41 s JOIN application a ON a.application_id = s.application_id', 'true', 'count(*)', interval, grp);
    case 'sr41.pagati': return sr41Event(`'PAGATO'`, 'count(*)');
    case 'sr41.scartati': return sr41Event(`'SCARTATO'`, 'count(*)');
    case 'sr41.annullati': return sr41Event(`'ANNULLATO'`, 'count(*)');
    case 'sr41.importo_pagato': return sr41Event(`'PAGATO'`, 'sum(s.amount)');
    case 'sr41.ore_pagate': return sr41Event(`'PAGATO'`, 'sum(s.hours)');
    case 'sr41.tempo_pagamento_medio': return sr41Event(`'PAGATO'`, 'avg(e.state_on - s.received_on)');
    case 'sr41.tempo_pagamento_p90': return sr41Event(`'PAGATO'`, 'percentile_disc(0.9) WITHIN GROUP (ORDER BY e.state_on - s.received_on)');
    case 'sr41.lavoratori_pagati': return sr41Event(`'PAGATO'`, 'count(DISTINCT s.worker_pseudonym)');
    case 'sr41.lavoratori_in_attesa':
    case 'sr41.alta_criticita':
      return waitingWorkers(m, interval, groupBy);
    default:
      return backlog(m, interval, groupBy);
  }
}
