/**
 * The daily rollups (003_rollups.sql) recomputed from the raw facts, in SQL, on PostgreSQL and
 * PGlite alike. The loader calls `refreshRollups` inside its transaction; a change of the
 * thresholds in `setting` calls `rebuildAllRollups`.
 *
 * What the rows mean (DOMAIN.md "Every figure, defined"; where it is silent, these decisions):
 * - An item's state at the end of day D is that of its latest state change dated ≤ D, in the
 *   order (state_on, load_id, line_number); with no change dated ≤ D it is PRESENTATA
 *   (application) or RICEVUTO (SR41). Every item has at least one state change (the extract row
 *   that created it); an item without any would not be counted in the stocks. An item counts in the stock of D when its origin
 *   (presented_on / received_on) ≤ D and that state is open (PRESENTATA, IN_ISTRUTTORIA;
 *   RICEVUTO, IN_LAVORAZIONE, IN_PAGAMENTO). The stock row's `state` is that state.
 * - Age at D = D − origin, in days; bands from AGE_BANDS (src/model/domain.ts); `chronic`,
 *   `very_old`, `over_open_threshold` count age > the setting chronic_days, very_old_days,
 *   sr41_open_days in force when the row was computed.
 * - Flows of D: items whose origin is D (with their hours requested and workers); state changes
 *   into AUTORIZZATA / RESPINTA / ANNULLATA (PAGATO / SCARTATO / ANNULLATO) dated D.
 *   hours_authorised = Σ hours_authorised of the AUTORIZZATA changes of D; decision_days_sum =
 *   Σ (state_on − presented_on) over the AUTORIZZATA and RESPINTA changes of D: every decision
 *   counts, a re-decision after riesame is measured from the presentation again. amount_paid,
 *   hours_paid, payment_days_sum (state_on − received_on) come from the paid SR41; rejections
 *   carry their rejection_reason, every other row ''.
 * - Dimensions: the application's region, office, benefit, cause, payment mode, multi_region as
 *   stored now; an SR41 takes its application's. Only non-empty rows are stored.
 *
 * What a refresh assumes: the stored rows before `fromDay` are right (the loader passes the
 * earliest day its folder touched, and a change of an application's attributes counts as
 * touching its presentation day). Stocks continue from the stored day before the range, so the
 * range is widened when that day was never computed: back to the first fact when nothing is
 * stored or the range starts at or before the first stored day, back to the day after the last
 * stored day when it starts beyond it; and forward to the last stored day, so no later day is
 * left stale.
 */
import { addDays, eachDay } from '../../src/model/calendar';
import type { Database, Queryable } from '../db/database';
import { MERGED_JOINS, queryWithKeyIndexReads, queryWithSettings, WINDOW_SORTS } from '../db/mergedJoins';
import { queryWithParallelSelect } from '../db/parallelSelects';
import { type DimensionSource, numberDimensions } from './dimensionTable';
import { applicationFlowSql, sr41FlowSql } from './flowSql';
import { decisionDaysSql, paymentDaysSql } from './histogramSql';
import { keepOpenItems } from './openItemsSql';
import { OPEN_LIST_STOCK_DAYS, openListStockSql, stockRefreshSql } from './stockSql';
import { APPLICATION_STOCK, dayLiteral, SR41_STOCK, type StockSubject } from './subjects';
import { refreshSummaries } from './summaries';
import { refreshWaitingWorkers } from './waitingWorkersSql';
import { refreshPaidWorkers } from './paidWorkersSql';

const ROLLUP_TABLES = [
  'application_flow_daily', 'application_stock_daily', 'sr41_flow_daily', 'sr41_stock_daily', 'decision_days_daily', 'payment_days_daily',
];

interface Coverage {
  first_day: string;
  last_day: string;
}

/** The earliest presentation or receipt date, or null without facts. */
export async function firstFactDay(tx: Queryable): Promise<string | null> {
  const [row] = await tx.query<{ day: string | null }>(
    `SELECT least((SELECT min(presented_on) FROM application), (SELECT min(received_on) FROM sr41)) AS day`
  );
  return row.day;
}

async function thresholdDays(tx: Queryable, subject: StockSubject): Promise<number[]> {
  const rows = await tx.query<{ name: string; value: number }>('SELECT name, value FROM setting');
  return subject.thresholdColumns.map(({ setting }) => {
    const row = rows.find((r) => r.name === setting);
    if (!row) {
      throw new Error(`The setting "${setting}" is missing from the setting table; the rollups need it.`);
    }
    return Number(row.value);
  });
}

/**
 * A partial refresh shorter than this many days looks each application up by key for the flows
 * and histograms; a longer one joins them all. Measured on the SR41 flows at scale 0.2: one day
 * 0.53 -> 0.24 s looked up, seven days and a month about even, seven months slower looked up.
 */
const FEW_DAYS = 7;

function dimensionSource(partial: boolean, from: string, to: string): DimensionSource {
  if (!partial) {
    return 'numbered';
  }
  return addDays(from, FEW_DAYS) > to ? 'looked up' : 'joined';
}

/** Recomputes every rollup row of the days fromDay..toDay (both included) from the raw facts. */
export async function refreshRollups(tx: Queryable, fromDay: string, toDay: string): Promise<void> {
  dayLiteral(fromDay);
  dayLiteral(toDay);
  if (fromDay > toDay) {
    throw new Error(`The rollup refresh range is empty: it starts on ${fromDay}, after its end ${toDay}.`);
  }
  const first = await firstFactDay(tx);
  const [coverage] = await tx.query<Coverage>('SELECT first_day, last_day FROM rollup_coverage');
  let from = fromDay;
  let to = toDay;
  if (first !== null && (!coverage || from <= coverage.first_day) && first < from) {
    from = first;
  }
  if (coverage && from > addDays(coverage.last_day, 1)) {
    from = addDays(coverage.last_day, 1);
  }
  if (coverage && coverage.last_day > to) {
    to = coverage.last_day;
  }
  const partial = first !== null && from > first;
  const range = { from: dayLiteral(from), to: dayLiteral(to), partial };

  // No JIT compilation for a partial refresh: compiling costs more than the rows it reads.
  // (work_mem is the caller's: the loader raises it for the whole transaction.)
  if (partial) {
    await tx.query(`SET LOCAL jit = off`);
  }
  for (const table of ROLLUP_TABLES) {
    await tx.query(`DELETE FROM ${table} WHERE day BETWEEN ${range.from} AND ${range.to}`);
  }
  // A full rebuild groups the flows and histograms by numbered dimension combinations (dimensionTable.ts).
  if (!partial) {
    await numberDimensions(tx);
  }
  const source = dimensionSource(partial, from, to);
  await tx.query(applicationFlowSql(range.from, range.to, source));
  // A full rebuild's SR41 flows and decision days hash-join tens of millions of state changes to
  // their items into few rows: the joins run on both cores (parallelSelects.ts). Measured alone on
  // the national store: 151.9 -> 121.4 s and 32.2 -> 29.1 s. The other statements did not gain
  // (bench/README.md, "Full rebuild on two cores").
  for (const sql of [sr41FlowSql(range.from, range.to, source), decisionDaysSql(range.from, range.to, source)]) {
    await (partial ? tx.query(sql) : queryWithParallelSelect(tx, sql));
  }
  // A full rebuild's payment days merge the SR41 with their PAGATO changes through the key indexes
  // and hash the dimensions (mergedJoins.ts): 110 -> 74 s on the national store, once vacuumed.
  const paymentDays = paymentDaysSql(range.from, range.to, source);
  await (partial ? tx.query(paymentDays) : queryWithKeyIndexReads(tx, paymentDays));
  for (const subject of [APPLICATION_STOCK, SR41_STOCK]) {
    const openList = await keepOpenItems(tx, subject, {
      ...range, lookUp: source === 'looked up', refreshesStoredDays: coverage !== undefined && from <= coverage.last_day,
    });
    const thresholds = await thresholdDays(tx, subject);
    const sql =
      openList && addDays(from, OPEN_LIST_STOCK_DAYS) > to
        ? openListStockSql(subject, thresholds, eachDay(from, to))
        : stockRefreshSql(subject, thresholds, { ...range, openList });
    // A full rebuild of the SR41 stock joins every SR41's spans, which come in key order, to the
    // SR41 themselves: merged through the key's index rather than hashed (mergedJoins.ts; in the
    // national history load 173 -> 149-161 s of server CPU). The applications' are a fifth as many,
    // and hashing them was as fast. Their windows sort faster in less memory (WINDOW_SORTS); the
    // SR41's, merged, did not (219.1 s at 16 MB against 208.5-209.1 at the loader's 256 MB).
    const fullRebuild = subject === SR41_STOCK ? MERGED_JOINS : WINDOW_SORTS;
    await (partial ? tx.query(sql) : queryWithSettings(tx, fullRebuild, sql));
  }
  await tx.query(
    `INSERT INTO rollup_coverage (first_day, last_day) VALUES (${range.from}, ${range.to})
     ON CONFLICT (single) DO UPDATE SET first_day = least(rollup_coverage.first_day, EXCLUDED.first_day),
       last_day = greatest(rollup_coverage.last_day, EXCLUDED.last_day)`
  );
  // The summaries of the daily rollups and the worker counts (migrations 050-053).
  await refreshSummaries(tx, from, to);
  await refreshWaitingWorkers(tx, from, to, partial);
  await refreshPaidWorkers(tx, from, partial);
}

/** Memory for the sorts and hashes of a full rebuild: PGlite's whole heap is far smaller. */
export function rebuildWorkMem(db: Database): string {
  return db.kind === 'postgres' ? '256MB' : '64MB';
}

/**
 * Recomputes all rollups, from the first fact to the latest reference date (or the latest
 * fact, if later): after a change of the thresholds, which every stored stock row depends on.
 */
export async function rebuildAllRollups(db: Database): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query(`SET LOCAL work_mem = '${rebuildWorkMem(db)}'`);
    for (const table of [...ROLLUP_TABLES, 'rollup_coverage']) {
      await tx.query(`DELETE FROM ${table}`);
    }
    const first = await firstFactDay(tx);
    if (first === null) {
      return;
    }
    const [{ last }] = await tx.query<{ last: string }>(
      `SELECT greatest((SELECT max(reference_date) FROM load_run), (SELECT max(presented_on) FROM application),
         (SELECT max(state_on) FROM application_event), (SELECT max(received_on) FROM sr41),
         (SELECT max(state_on) FROM sr41_event)) AS last`
    );
    await refreshRollups(tx, first, last);
  });
}
