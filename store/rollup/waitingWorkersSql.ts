/**
 * Keeps the tables of migration 052: workers awaiting their first payment and those in alta
 * criticità, per day, with the decisions of the raw-fact computation (store/query/waitingWorkers.ts,
 * and the test oracle store/figures):
 *
 * - a worker's first payment is the earliest PAGATO change of any of their SR41;
 * - an SR41 makes its worker wait over the days [received, min(cancelled, worker's first payment));
 * - at D a worker waits in every group (region, office, scheme) holding one of those SR41 whose days
 *   include D, and is in alta criticità there when one of their waiting SR41 (any group) was
 *   received more than the threshold (setting high_criticality_days) before D.
 *
 * A refresh of the days from..to assumes, like the rest of refresh.ts, that nothing dated before
 * `from` changed. It takes the first payments and waiting SR41 back to what the facts dated before
 * `from` give (rollBackWorkersTo), brings them forward from the facts dated from `from` on
 * (appendWorkers), then recomputes the counts of every day in the range.
 */
import type { Queryable } from '../db/database';
import { joinedByKey, lookedUp } from '../db/lookedUp';
import { KEY_TYPE } from '../db/keyType';
import { queryWithMergedJoins, queryWithSettings, WINDOW_SORTS } from '../db/mergedJoins';
import { dayLiteral } from './subjects';
import { WORKER_GROUP_KEY, WORKER_GROUPINGS, type WorkerGroupColumn } from './workerGroupingSql';

/**
 * The counts of one grouping for the days from..to. A worker's days in a group are the union of
 * the days of their SR41 there (for alta criticità, each intersected with the critical days of
 * any of their waiting SR41: from received + threshold + 1 on); unions become disjoint islands,
 * islands become +1/−1 steps, and the running sum of the steps is the count of each day. Only
 * the SR41 whose days meet the range matter, and an island already open on `from` steps there.
 */
function countsSql(keys: readonly WorkerGroupColumn[], from: string, to: string, threshold: number): string {
  const k = keys.map((c) => `, ${c}`).join('');
  const gk = keys.map((c) => `, g.${c}`).join('');
  const byWorker = `PARTITION BY critical, wk${k}`;
  const byGroup = keys.length ? `PARTITION BY ${keys.join(', ')}` : '';
  // C collation: the window sorts by worker and group compare bytes, not language rules.
  return `
WITH w AS (
  SELECT worker_pseudonym COLLATE "C" AS wk${keys.map((c) => `, ${c} COLLATE "C" AS ${c}`).join('')}, received_on AS a, waits_until AS b
    FROM sr41_waiting WHERE waits_until > ${from} AND received_on <= ${to}
), intervals AS (
  SELECT 0 AS critical, wk${k}, a, b FROM w
  UNION ALL
  SELECT 1, g.wk${gk}, greatest(g.a, c.a + ${threshold + 1}), least(g.b, c.b)
    FROM w g JOIN w c ON c.wk = g.wk WHERE c.a + ${threshold + 1} < c.b
), marked AS (
  SELECT *, CASE WHEN a <= max(b) OVER (${byWorker} ORDER BY a, b ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
                 THEN 0 ELSE 1 END AS starts_island
    FROM intervals WHERE a < b
), numbered AS (
  SELECT *, sum(starts_island) OVER (${byWorker} ORDER BY a, b ROWS UNBOUNDED PRECEDING) AS island FROM marked
), islands AS (
  SELECT critical, wk${k}, min(a) AS a, max(b) AS b FROM numbered GROUP BY critical, wk${k}, island
), steps AS (
  SELECT critical${k}, greatest(a, ${from}) AS day, 1 AS step FROM islands WHERE a <= ${to}
  UNION ALL
  SELECT critical${k}, b, -1 FROM islands WHERE b <= ${to}
), per_day AS (
  SELECT day${k}, sum(step) FILTER (WHERE critical = 0) AS waiting, sum(step) FILTER (WHERE critical = 1) AS high_critical
    FROM steps GROUP BY day${k}
), running AS (
  SELECT day${k}, lead(day) OVER (${byGroup} ORDER BY day) AS next_day,
         sum(waiting) OVER (${byGroup} ORDER BY day) AS waiting, sum(high_critical) OVER (${byGroup} ORDER BY day) AS high_critical
    FROM per_day
)
INSERT INTO waiting_worker_daily (day, region_code, office_code, benefit, waiting, high_critical)
SELECT day + n, ${WORKER_GROUP_KEY.map((c) => (keys.includes(c) ? c : "''")).join(', ')}, waiting, coalesce(high_critical, 0)
  FROM running CROSS JOIN LATERAL generate_series(0, coalesce(next_day, ${to} + 1) - day - 1) AS n
 WHERE waiting <> 0`;
}

/**
 * The waiting rows of the SR41 `s` of `sr41s` (a FROM clause), from the stored first payments.
 * On a partial refresh (few SR41) each one's application, first payment and first cancellation
 * are looked up alone through their indexes (lookedUp), not the whole tables hashed, which grow
 * with the store; a full one joins and groups the tables once.
 */
function waitingRowsSql(sr41s: string, everything: boolean): string {
  const paidAfterReceipt = 'p.paid_on IS NULL OR p.paid_on > s.received_on';
  // Looked up, the workers' first payments come before the applications and cancellations
  // (OFFSET 0 keeps that order): most SR41 of a night are of workers paid before their receipt
  // (194,277 of the 198,848 of the national night of 2021-08-01), and those need nothing else.
  const from = everything
    ? `${sr41s}
         JOIN application ap ON ap.application_id = s.application_id
         LEFT JOIN worker_first_payment p ON p.worker_pseudonym = s.worker_pseudonym
         LEFT JOIN (SELECT sr41_id, min(state_on) AS on_day FROM sr41_event WHERE state = 'ANNULLATO' GROUP BY 1) c ON c.sr41_id = s.sr41_id
        WHERE ${paidAfterReceipt}`
    : `(SELECT s.*, p.paid_on
           FROM ${sr41s} LEFT JOIN LATERAL ${lookedUp('worker_first_payment', 'worker_pseudonym', 's.worker_pseudonym')} p ON true
          WHERE ${paidAfterReceipt} OFFSET 0) s
         CROSS JOIN LATERAL ${lookedUp('application', 'application_id', 's.application_id')} ap
         LEFT JOIN LATERAL (SELECT min(c.state_on) AS on_day FROM sr41_event c WHERE c.sr41_id = s.sr41_id AND c.state = 'ANNULLATO') c ON true`;
  // The looked-up path carries the first payment's day out of its subquery.
  const paidOn = everything ? 'p.paid_on' : 's.paid_on';
  return `INSERT INTO sr41_waiting (sr41_id, worker_pseudonym, region_code, office_code, benefit, received_on, waits_until)
     SELECT * FROM (
       SELECT s.sr41_id, s.worker_pseudonym, ap.region_code, ap.office_code, ap.benefit, s.received_on,
              coalesce(least(c.on_day, ${paidOn}), 'infinity'::date) AS waits_until
         FROM ${from}
     ) w WHERE waits_until > received_on
     ORDER BY sr41_id -- the primary key's order (see stockSql.ts)`;
}

/** The first payment and waiting SR41 of every worker, from all the facts, into empty tables. */
async function recomputeAllWorkers(tx: Queryable): Promise<void> {
  // Merged by SR41 key (mergedJoins.ts), inserted in the primary key's order (see stockSql.ts).
  await queryWithMergedJoins(
    tx,
    `INSERT INTO worker_first_payment (worker_pseudonym, paid_on)
     SELECT s.worker_pseudonym COLLATE "C", min(e.state_on)
       FROM sr41 s JOIN sr41_event e ON e.sr41_id = s.sr41_id AND e.state = 'PAGATO'
      GROUP BY 1 ORDER BY 1`
  );
  await tx.query('ANALYZE worker_first_payment');
  await tx.query(waitingRowsSql('sr41 s', true));
  await tx.query('ANALYZE sr41_waiting');
}

/**
 * Takes the worker tables back to what the facts dated before `from` alone give, which did not
 * change (refresh.ts), so that appendWorkers may bring them forward, whatever the facts dated from
 * `from` on were when they were stored (a late payment, a correction, facts removed):
 * - a first payment dated from `from` on goes: the worker had none before `from`;
 * - a waiting row of an SR41 received from `from` on goes: appendWorkers computes those again;
 * - a wait that ended from `from` on (a payment or cancellation then) had not ended before it.
 * A wait that ended before `from` ended on a fact dated before it, so it stays. After the usual
 * nightly load, nothing is stored from its day on, and each step finds nothing in its index.
 */
async function rollBackWorkersTo(tx: Queryable, from: string): Promise<void> {
  await tx.query(`DELETE FROM worker_first_payment WHERE paid_on >= ${from}`);
  await tx.query(`DELETE FROM sr41_waiting WHERE received_on >= ${from}`);
  await tx.query(
    `UPDATE sr41_waiting SET waits_until = 'infinity'::date WHERE waits_until >= ${from} AND waits_until < 'infinity'::date`
  );
}

/**
 * The worker tables brought forward by the facts dated from `from` on, once nothing stored is
 * dated then (rollBackWorkersTo took it back), reading only those facts instead of every touched
 * worker's whole history:
 * - a stored first payment (before `from`) stays the earliest; a worker without one gets the
 *   earliest of their payments dated from `from` on;
 * - an SR41 received before `from`, of an application presented before, keeps its attributes
 *   (a change would touch those days) and its stored row, except that a wait without end may
 *   now end: on its first cancellation or its worker's new first payment, both from `from` on,
 *   so after its receipt;
 * - the SR41 received from `from` on, and those of applications presented then (their
 *   attributes count as touching that day), are computed again one by one.
 */
async function appendWorkers(tx: Queryable, from: string): Promise<void> {
  // A worker already paid keeps their first payment. Whether one is stored is asked of the key's
  // index alone, worker by worker: ON CONFLICT would read each stored row from the table, one random
  // page per worker paid that day (67,901 nationally). The probe compares in the key's collation,
  // that of its index (C, as every key since migration 065): in another, each probe reads the table.
  await tx.query(
    `INSERT INTO worker_first_payment (worker_pseudonym, paid_on)
     SELECT n.worker_pseudonym, n.paid_on
       FROM (SELECT s.worker_pseudonym, min(e.state_on) AS paid_on
               FROM ${joinedByKey({ table: 'sr41_event', alias: 'e' }, { table: 'sr41', alias: 's', key: 'sr41_id' }, true)}
              WHERE e.state = 'PAGATO' AND e.state_on >= ${from}
              GROUP BY 1) n
      WHERE NOT EXISTS (SELECT 1 FROM ${lookedUp('worker_first_payment', 'worker_pseudonym', 'n.worker_pseudonym')} p)`
  );
  // The waits to close are found through the day's first payments and cancellations, and each
  // one's end is looked up alone: every step reads the day's rows through an index, never the
  // whole worker tables (ARRAY(…) keeps the planner from hashing them instead).
  await tx.query(
    `UPDATE sr41_waiting w
        SET waits_until = least(
              (SELECT p.paid_on FROM worker_first_payment p WHERE p.worker_pseudonym = w.worker_pseudonym),
              (SELECT min(c.state_on) FROM sr41_event c WHERE c.sr41_id = w.sr41_id AND c.state = 'ANNULLATO'))
      WHERE w.waits_until = 'infinity'::date
        AND (w.worker_pseudonym = ANY (ARRAY(SELECT worker_pseudonym FROM worker_first_payment WHERE paid_on >= ${from}))
             OR w.sr41_id = ANY (ARRAY(SELECT sr41_id FROM sr41_event WHERE state = 'ANNULLATO' AND state_on >= ${from})))`
  );
  // The SR41 computed again, with what their waiting rows need (read once, through the day indexes;
  // those of the day's applications looked up by application: the planner, expecting thousands of
  // them, had hashed them against all of sr41 read whole, 4.6 GB on the national store).
  await tx.query(
    `CREATE TEMP TABLE IF NOT EXISTS touched_sr41 (
       sr41_id ${KEY_TYPE} PRIMARY KEY, worker_pseudonym ${KEY_TYPE} NOT NULL, application_id ${KEY_TYPE} NOT NULL, received_on date NOT NULL
     ) ON COMMIT DROP`
  );
  await tx.query('DELETE FROM touched_sr41');
  await tx.query(
    `INSERT INTO touched_sr41
     SELECT sr41_id, worker_pseudonym, application_id, received_on FROM sr41 WHERE received_on >= ${from}
     UNION SELECT s.sr41_id, s.worker_pseudonym, s.application_id, s.received_on
             FROM application ap CROSS JOIN LATERAL ${lookedUp('sr41', 'application_id', 'ap.application_id')} s
            WHERE ap.presented_on >= ${from}`
  );
  await tx.query('ANALYZE touched_sr41');
  await tx.query('DELETE FROM sr41_waiting WHERE sr41_id = ANY (ARRAY(SELECT sr41_id FROM touched_sr41))');
  await tx.query(waitingRowsSql('touched_sr41 s', false));
}

export async function refreshWaitingWorkers(tx: Queryable, fromDay: string, toDay: string, partial: boolean): Promise<void> {
  const [stored] = await tx.query<{ first_day: string }>('SELECT first_day FROM waiting_worker_coverage');
  // A store that never had these counts (made before migration 052) gets them all now.
  const everything = !partial || !stored;
  const [{ first }] = await tx.query<{ first: string | null }>('SELECT min(received_on)::text AS first FROM sr41');
  const from = everything ? dayLiteral(first !== null && first < fromDay ? first : fromDay) : dayLiteral(fromDay);
  const to = dayLiteral(toDay);
  const [{ value: threshold }] = await tx.query<{ value: number }>(
    "SELECT value FROM setting WHERE name = 'high_criticality_days'"
  );

  if (everything) {
    await tx.query('DELETE FROM worker_first_payment');
    await tx.query('DELETE FROM sr41_waiting');
    await recomputeAllWorkers(tx);
  } else {
    await rollBackWorkersTo(tx, from);
    await appendWorkers(tx, from);
  }

  await tx.query(`DELETE FROM waiting_worker_daily WHERE day BETWEEN ${from} AND ${to}`);
  // Counted over every stored wait, the windows sort tens of millions of intervals (WINDOW_SORTS).
  for (const grouping of WORKER_GROUPINGS) {
    const sql = countsSql(grouping, from, to, Number(threshold));
    await (everything ? queryWithSettings(tx, WINDOW_SORTS, sql) : tx.query(sql));
  }
  await tx.query(
    `INSERT INTO waiting_worker_coverage (first_day, last_day) VALUES (${from}, ${to})
     ON CONFLICT (single) DO UPDATE SET first_day = least(waiting_worker_coverage.first_day, EXCLUDED.first_day),
       last_day = greatest(waiting_worker_coverage.last_day, EXCLUDED.last_day)`
  );
}
