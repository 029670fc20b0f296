/**
 * Summary tables (migration 050): the daily rollups added up to a coarser grain, so a panel over
 * seventeen months reads thousands of rows rather than millions. Each summary is the GROUP BY of
 * its source table over fewer columns, or over months instead of days; nothing is computed twice,
 * so every figure keeps the one definition of the daily rollups (refresh.ts).
 *
 * - `…_monthly`: a flow's days of a calendar month added up, dated the month's first day. Only
 *   months wholly inside a query's range can be read from it; the query reads the other days
 *   from the daily table (store/query/rollupSource.ts).
 * - `…_region_…`: without the office, the column with most values (about 100 of them); enough
 *   whenever a query neither groups nor filters by office.
 * - `…_national_…` (histograms only): just the days, for all of Italy; a histogram has a row per
 *   number of days, so the dimensions multiply its rows more than a flow's.
 * - `…_by_region_…`, `…_by_benefit_…` (histograms only, 056): the scheme alone, or the region
 *   alone, with the days; what the dashboards' percentiles by `regione` or `prestazione` read.
 *
 * A refresh of the days from..to recomputes the summary rows of those days (of the months that
 * hold them, for a monthly summary) from the source rows, which refresh.ts has just recomputed,
 * or from a finer summary of them recomputed just before (summaryBase).
 */
import type { Queryable } from '../db/database';
import { AGE_BAND_COLUMNS, dayLiteral, DIMENSION_COLUMNS } from './subjects';

export type Grain = 'day' | 'month';

export interface RollupTable {
  table: string;
  grain: Grain;
  /** The columns that identify a row besides `day`: dimensions and the table's own (state, reason, days). */
  keys: readonly string[];
  /** The columns added up. */
  values: readonly string[];
}

export interface Summary extends RollupTable {
  source: string;
}

const APPLICATION_FLOW_VALUES = [
  'presented', 'authorised', 'rejected', 'cancelled', 'hours_requested', 'workers', 'hours_authorised', 'decision_days_sum',
] as const;
const SR41_FLOW_VALUES = ['received', 'paid', 'rejected', 'cancelled', 'amount_paid', 'hours_paid', 'payment_days_sum'] as const;
const APPLICATION_STOCK_VALUES = [...AGE_BAND_COLUMNS, 'chronic', 'very_old'] as const;
const SR41_STOCK_VALUES = [...AGE_BAND_COLUMNS, 'over_open_threshold'] as const;

const ALL = DIMENSION_COLUMNS;
const NO_OFFICE = DIMENSION_COLUMNS.filter((c) => c !== 'office_code');

/**
 * The daily tables the refresh computes from the raw facts: 003_rollups.sql, and the histograms
 * of decision and payment days (050, histogramSql.ts), which make exact percentiles sums of counts.
 */
export const DAILY_ROLLUPS: Readonly<Record<string, RollupTable>> = {
  application_flow_daily: { table: 'application_flow_daily', grain: 'day', keys: ALL, values: APPLICATION_FLOW_VALUES },
  sr41_flow_daily: { table: 'sr41_flow_daily', grain: 'day', keys: [...ALL, 'rejection_reason'], values: SR41_FLOW_VALUES },
  application_stock_daily: { table: 'application_stock_daily', grain: 'day', keys: [...ALL, 'state'], values: APPLICATION_STOCK_VALUES },
  sr41_stock_daily: { table: 'sr41_stock_daily', grain: 'day', keys: [...ALL, 'state'], values: SR41_STOCK_VALUES },
  decision_days_daily: { table: 'decision_days_daily', grain: 'day', keys: [...ALL, 'days'], values: ['decisions'] },
  payment_days_daily: { table: 'payment_days_daily', grain: 'day', keys: [...ALL, 'days'], values: ['payments'] },
};

const summary = (source: string, table: string, grain: Grain, dims: readonly string[]): Summary => {
  const s = DAILY_ROLLUPS[source];
  const own = s.keys.filter((k) => !(DIMENSION_COLUMNS as readonly string[]).includes(k));
  return { table, source, grain, keys: [...dims, ...own], values: s.values };
};

/** In refresh order; for each source, coarsest first (rollupSource.ts takes the first that fits). */
export const SUMMARIES: readonly Summary[] = [
  summary('application_flow_daily', 'application_flow_region_monthly', 'month', NO_OFFICE),
  summary('application_flow_daily', 'application_flow_monthly', 'month', ALL),
  summary('sr41_flow_daily', 'sr41_flow_region_monthly', 'month', NO_OFFICE),
  summary('sr41_flow_daily', 'sr41_flow_monthly', 'month', ALL),
  summary('application_stock_daily', 'application_stock_region_daily', 'day', NO_OFFICE),
  summary('sr41_stock_daily', 'sr41_stock_region_daily', 'day', NO_OFFICE),
  summary('decision_days_daily', 'decision_days_national_monthly', 'month', []),
  summary('decision_days_daily', 'decision_days_by_benefit_monthly', 'month', ['benefit']),
  summary('decision_days_daily', 'decision_days_by_region_monthly', 'month', ['region_code']),
  summary('decision_days_daily', 'decision_days_region_monthly', 'month', NO_OFFICE),
  summary('decision_days_daily', 'decision_days_region_daily', 'day', NO_OFFICE),
  summary('payment_days_daily', 'payment_days_national_monthly', 'month', []),
  summary('payment_days_daily', 'payment_days_by_benefit_monthly', 'month', ['benefit']),
  summary('payment_days_daily', 'payment_days_by_region_monthly', 'month', ['region_code']),
  summary('payment_days_daily', 'payment_days_region_monthly', 'month', NO_OFFICE),
  summary('payment_days_daily', 'payment_days_region_daily', 'day', NO_OFFICE),
];

/** The grains a summary of each grain can be added up from. */
const FINER_OR_SAME: Readonly<Record<Grain, readonly Grain[]>> = { day: ['day'], month: ['day', 'month'] };

/**
 * The table a refresh adds a summary up from: the coarsest other summary of the same source that
 * holds all its keys at its grain or a finer one, else the source itself. Sums of sums are the
 * same sums, and a group is stored in both exactly when some source row is in it, so the rows are
 * those of the source added up; a month of a monthly summary, say, reads the office-less rows of
 * its region summary rather than every daily row with its office.
 */
export function summaryBase(s: Summary): RollupTable {
  const holds = (b: Summary) =>
    b !== s && b.source === s.source && FINER_OR_SAME[s.grain].includes(b.grain) && s.keys.every((k) => b.keys.includes(k)) &&
    (b.keys.length > s.keys.length || b.grain !== s.grain);
  const bases = SUMMARIES.filter(holds).sort((a, b) => a.keys.length - b.keys.length || (a.grain === 'month' ? -1 : 0) - (b.grain === 'month' ? -1 : 0));
  return bases[0] ?? DAILY_ROLLUPS[s.source];
}

/** The SQL of a summary's rows for the days from..to (SQL date literals), widened to whole months, from `base` (summaryBase). */
export function summaryRefreshSql(s: Summary, from: string, to: string, base: RollupTable = DAILY_ROLLUPS[s.source]): string[] {
  const first = s.grain === 'month' ? `date_trunc('month', ${from}::timestamp)::date` : from;
  const last = s.grain === 'month' ? `(date_trunc('month', ${to}::timestamp) + interval '1 month - 1 day')::date` : to;
  const day = s.grain === 'month' && base.grain === 'day' ? `date_trunc('month', day::timestamp)::date` : 'day';
  const keys = s.keys.join(', ');
  const collated = s.keys.map((k) => (k === 'multi_region' || k === 'days' ? k : `${k} COLLATE "C"`)).join(', ');
  return [
    `DELETE FROM ${s.table} WHERE day BETWEEN ${first} AND ${last}`,
    `INSERT INTO ${s.table} (day, ${keys}, ${s.values.join(', ')})
     SELECT ${day}, ${collated}, ${s.values.map((v) => `sum(${v})`).join(', ')}
       FROM ${base.table} WHERE day BETWEEN ${first} AND ${last}
      GROUP BY 1, ${s.keys.map((_, i) => i + 2).join(', ')}
      ORDER BY 1, ${s.keys.map((_, i) => i + 2).join(', ')}`,
  ];
}

/** Recomputes every summary for the days from..to (AAAA-MM-GG), after their sources, each after its base (summaryBase). */
export async function refreshSummaries(tx: Queryable, from: string, to: string): Promise<void> {
  const done = new Set<string>(Object.keys(DAILY_ROLLUPS));
  const refresh = async (s: Summary): Promise<void> => {
    if (done.has(s.table)) {
      return;
    }
    const base = summaryBase(s);
    if (!done.has(base.table)) {
      await refresh(base as Summary); // not a daily rollup: those are all done
    }
    for (const sql of summaryRefreshSql(s, dayLiteral(from), dayLiteral(to), base)) {
      await tx.query(sql);
    }
    done.add(s.table);
  };
  for (const s of SUMMARIES) {
    await refresh(s);
  }
}
