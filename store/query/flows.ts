/**
 * Flows and means read from the daily flow rollups (migration 003), or their monthly summaries
 * (rollupSource.ts): a flow is the sum of its days in the bucket; a mean is Σ days ÷ count over
 * the bucket, both sums kept by the rollup.
 */
import { flowRows } from './rollupSource';
import { attributeSql, and, bucketSql, dimensionValueSql, Params, whereConditions } from './sql';
import { keyColumns, readRows, type FigureRequest, type FigureRow } from './source';

interface FlowSource {
  table: 'application_flow_daily' | 'sr41_flow_daily';
  value: string;
}

const APPLICATIONS = 'application_flow_daily';
const SR41 = 'sr41_flow_daily';

/** Each rollup-answered figure: its table and the aggregate over the rows `f` of a bucket. */
const FLOW_SOURCES: Readonly<Record<string, FlowSource>> = {
  'domande.presentate': { table: APPLICATIONS, value: 'sum(f.presented)' },
  'domande.autorizzate': { table: APPLICATIONS, value: 'sum(f.authorised)' },
  'domande.respinte': { table: APPLICATIONS, value: 'sum(f.rejected)' },
  'domande.annullate': { table: APPLICATIONS, value: 'sum(f.cancelled)' },
  'domande.definite': { table: APPLICATIONS, value: 'sum(f.authorised + f.rejected)' },
  'domande.ore_richieste': { table: APPLICATIONS, value: 'sum(f.hours_requested)' },
  'domande.ore_autorizzate': { table: APPLICATIONS, value: 'sum(f.hours_authorised)' },
  'domande.lavoratori': { table: APPLICATIONS, value: 'sum(f.workers)' },
  'domande.tempo_definizione_medio': {
    table: APPLICATIONS,
    value: 'sum(f.decision_days_sum)::numeric / nullif(sum(f.authorised + f.rejected), 0)',
  },
  'sr41.ricevuti': { table: SR41, value: 'sum(f.received)' },
  'sr41.pagati': { table: SR41, value: 'sum(f.paid)' },
  'sr41.scartati': { table: SR41, value: 'sum(f.rejected)' },
  'sr41.annullati': { table: SR41, value: 'sum(f.cancelled)' },
  'sr41.importo_pagato': { table: SR41, value: 'sum(f.amount_paid)' },
  'sr41.ore_pagate': { table: SR41, value: 'sum(f.hours_paid)' },
  'sr41.tempo_pagamento_medio': { table: SR41, value: 'sum(f.payment_days_sum)::numeric / nullif(sum(f.paid), 0)' },
};

export function isRollupFlow(subject: string, measure: string): boolean {
  return `${subject}.${measure}` in FLOW_SOURCES;
}

export async function rollupFlow(r: FigureRequest, measureId = r.measure.id): Promise<FigureRow[]> {
  const source = FLOW_SOURCES[`${r.measure.subject}.${measureId}`];
  const params = new Params();
  // Only rejection rows carry a reason; the others hold '' (migration 003).
  const dims = attributeSql('f', source.table === SR41 ? { motivo: "nullif(f.rejection_reason, '')" } : {});
  const keys = keyColumns(r.groupBy, (d) => dimensionValueSql(d, dims));
  const conditions = [
    `f.day BETWEEN ${params.add(r.from)}::date AND ${params.add(r.to)}::date`,
    ...whereConditions(r.filters, r.scope, dims, params),
  ];
  if (r.groupBy.includes('motivo')) {
    conditions.push("f.rejection_reason <> ''");
  }
  const bucket = bucketSql('f.day', r.interval, r.from, params);
  const rows = await r.db.query(
    `SELECT ${bucket} AS bucket${keys.select}, ${source.value} AS value
       FROM ${flowRows(source.table, r, r, params)} f
      WHERE ${and(conditions)}
      GROUP BY 1${keys.group}`,
    params.values
  );
  return readRows(rows, r.groupBy);
}
