/**
 * Stocks read from the daily stock rollups (migration 003), or their summary without the office
 * when the query needs no office (rollupSource.ts), at each bucket's last day: the
 * backlog of applications and SR41, its age bands, and the chronic / very old part of it.
 */
import { AGE_BANDS } from '../../src/model/domain';
import { QueryError } from './errors';
import { stockTable } from './rollupSource';
import { attributeSql, and, dimensionValueSql, Params, whereConditions } from './sql';
import { keyColumns, readRows, type FigureRequest, type FigureRow } from './source';

type Band = (typeof AGE_BANDS)[number];

/** The rollup column of an age band: age_0_30 … age_over_180. */
const bandColumn = (b: Band): string => (b.max === null ? `age_over_${b.min - 1}` : `age_${b.min}_${b.max}`);

const TOTAL = AGE_BANDS.map((b) => `s.${bandColumn(b)}`).join(' + ');

/**
 * The part of an age band older than `threshold` days. The rollup keeps bands, not ages, so a
 * threshold that falls inside a band cannot be split; the default thresholds (90, 180) are band edges.
 */
function bandOlderThan(b: Band, threshold: number, measureId: string): string {
  if (b.min > threshold) {
    return `s.${bandColumn(b)}`;
  }
  if (b.max !== null && b.max <= threshold) {
    return '0';
  }
  throw new QueryError(
    'BAD_REQUEST',
    `The field "groupBy" (or "filters") asks for "fascia_eta" on "${measureId}", but its threshold of ${threshold} days falls inside an age band.`
  );
}

interface StockDefinition {
  table: 'application_stock_daily' | 'sr41_stock_daily';
  /** The whole figure on a rollup row. */
  total: string;
  /** The figure's part in one age band. */
  inBand: (b: Band, r: FigureRequest) => string;
}

const STOCKS: Readonly<Record<string, StockDefinition>> = {
  'domande.in_giacenza': { table: 'application_stock_daily', total: TOTAL, inBand: (b) => `s.${bandColumn(b)}` },
  'domande.giacenza_cronica': {
    table: 'application_stock_daily',
    total: 's.chronic',
    inBand: (b, r) => bandOlderThan(b, r.thresholds.chronicDays, r.measure.id),
  },
  'domande.giacenza_molto_risalente': {
    table: 'application_stock_daily',
    total: 's.very_old',
    inBand: (b, r) => bandOlderThan(b, r.thresholds.veryOldDays, r.measure.id),
  },
  'sr41.in_lavorazione': { table: 'sr41_stock_daily', total: TOTAL, inBand: (b) => `s.${bandColumn(b)}` },
};

export function isRollupStock(subject: string, measure: string): boolean {
  return `${subject}.${measure}` in STOCKS;
}

export async function rollupStock(r: FigureRequest, measureId = r.measure.id): Promise<FigureRow[]> {
  const def = STOCKS[`${r.measure.subject}.${measureId}`];
  const params = new Params();
  const byBand = r.groupBy.includes('fascia_eta') || r.filters?.fascia_eta !== undefined;
  const dims = attributeSql('s', { stato: 's.state', ...(byBand ? { fascia_eta: 'band.id' } : {}) });
  const keys = keyColumns(r.groupBy, (d) => dimensionValueSql(d, dims));
  const conditions = whereConditions(r.filters, r.scope, dims, params);
  const bands = byBand
    ? `CROSS JOIN LATERAL (VALUES ${AGE_BANDS.map((b) => `('${b.id}', ${def.inBand(b, r)})`).join(', ')}) AS band(id, n)`
    : '';
  const at = params.add(r.buckets.map((b) => b.at));
  const starts = params.add(r.buckets.map((b) => b.start));
  const rows = await r.db.query(
    `SELECT b.bucket::text AS bucket${keys.select}, sum(${byBand ? 'band.n' : def.total}) AS value
       FROM ${stockTable(def.table, r)} s
       JOIN unnest(${starts}::date[], ${at}::date[]) AS b(bucket, at) ON s.day = b.at
       ${bands}
      -- The days also as a condition on s: the planner then reads just their rows through the
      -- day index, where the join alone had it scan the whole table (it cannot see how few days).
      WHERE s.day = ANY(${at}::date[]) AND ${and(conditions)}
      GROUP BY 1${keys.group}`,
    params.values
  );
  return readRows(rows, r.groupBy);
}
