/**
 * The final state changes of the SR41 (PAGATO, SCARTATO, ANNULLATO) with what a full rebuild
 * reads of each, joined once. Five statements of a full rebuild read only these changes: the
 * SR41 flows (their changes part), the payment-days histogram, the workers' first payments, the
 * waiting SR41 (their cancellations), the paid workers' members. Each used to hash-join
 * sr41_event (tens of millions of rows nationally, text key) with sr41 and the applications'
 * dimensions again, spilling to disk each time; they now read this narrower table instead.
 * Like the dimension numbers (dimensionTable.ts, whose numberDimensions makes it), a temporary
 * table of the rebuild's transaction, with fresh statistics. The stock reads every change, not
 * this table; partial refreshes read the raw facts.
 */
import type { Queryable } from '../db/database';

/** One row per final change: the SR41's dimension number, and what the figures read of it and of the SR41. */
export const SR41_CHANGE_TABLE = 'rollup_sr41_change';

/**
 * Makes the table from the dimension numbers of `applicationDimensions` (application_id → dim).
 * Columns only some states need are null on the others, a narrower table to write and read:
 * the SR41's key only on cancellations (the waiting SR41 look up their first one), the worker,
 * receipt day, amount and hours only on payments, the reason only on rejections.
 */
export async function makeSr41Changes(tx: Queryable, applicationDimensions: string): Promise<void> {
  await tx.query(`DROP TABLE IF EXISTS pg_temp.${SR41_CHANGE_TABLE}`);
  await tx.query(
    `CREATE TEMP TABLE ${SR41_CHANGE_TABLE} ON COMMIT DROP AS
     SELECT ad.dim, e.state, e.state_on,
            CASE WHEN e.state = 'ANNULLATO' THEN e.sr41_id END AS sr41_id,
            CASE WHEN e.state = 'PAGATO' THEN s.worker_pseudonym END AS worker_pseudonym,
            CASE WHEN e.state = 'PAGATO' THEN s.received_on END AS received_on,
            CASE WHEN e.state = 'PAGATO' THEN s.amount END AS amount,
            CASE WHEN e.state = 'PAGATO' THEN s.hours END AS hours,
            CASE WHEN e.state = 'SCARTATO' THEN e.rejection_reason END AS rejection_reason
       FROM sr41_event e JOIN sr41 s ON s.sr41_id = e.sr41_id
       JOIN ${applicationDimensions} ad ON ad.application_id = s.application_id
      WHERE e.state IN ('PAGATO', 'SCARTATO', 'ANNULLATO')`
  );
  await tx.query(`ANALYZE ${SR41_CHANGE_TABLE}`);
}
