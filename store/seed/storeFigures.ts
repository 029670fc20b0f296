/**
 * DOMAIN.md's reference figures measured in the store with plain SQL over the raw facts
 * (application, application_event, sr41, sr41_event), deliberately not through the rollups:
 * calibration checks the data, and the rollups are checked against the raw facts elsewhere.
 */
import { DEFAULT_THRESHOLDS, OPEN_APPLICATION_STATES } from '../../src/model/domain';
import type { Queryable } from '../db/database';
import { LARGEST_REGIONS } from './offices';
import { CALIBRATION_DATES, type FigureId } from './referenceFigures';

export interface ApplicationsAt {
  /** presentate − annullate up to the day. */
  presented: number;
  /** Applications by their state at the end of the day (presented ones without a row yet are PRESENTATA). */
  byState: Record<string, number>;
}

export async function applicationsAt(db: Queryable, day: string): Promise<ApplicationsAt> {
  const [counts] = await db.query<{ presentate: number; annullate: number; without_rows: number }>(
    `SELECT (SELECT count(*) FROM application WHERE presented_on <= $1)::int AS presentate,
            (SELECT count(*) FROM application_event WHERE state = 'ANNULLATA' AND state_on <= $1)::int AS annullate,
            (SELECT count(*) FROM application a WHERE a.presented_on <= $1 AND NOT EXISTS
               (SELECT 1 FROM application_event e WHERE e.application_id = a.application_id AND e.state_on <= $1))::int AS without_rows`,
    [day]
  );
  // The state at the end of a day is the one of the last row dated up to it, same-day rows in file order.
  const states = await db.query<{ state: string; n: number }>(
    `SELECT state, count(*)::int AS n FROM (
       SELECT DISTINCT ON (application_id) application_id, state
       FROM application_event WHERE state_on <= $1
       ORDER BY application_id, state_on DESC, load_id DESC, line_number DESC) last_state
     GROUP BY state`,
    [day]
  );
  const byState: Record<string, number> = Object.fromEntries(states.map((s) => [s.state, s.n]));
  byState.PRESENTATA = (byState.PRESENTATA ?? 0) + counts.without_rows;
  return { presented: counts.presentate - counts.annullate, byState };
}

export interface Sr41At {
  received: number;
  cancelled: number;
  paid: number;
  awaitingFirstPayment: number;
  highCriticality: number;
}

export async function sr41At(db: Queryable, day: string): Promise<Sr41At> {
  const [flows] = await db.query<{ received: number; cancelled: number; paid: number }>(
    `SELECT (SELECT count(*) FROM sr41 WHERE received_on <= $1)::int AS received,
            (SELECT count(*) FROM sr41_event WHERE state = 'ANNULLATO' AND state_on <= $1)::int AS cancelled,
            (SELECT count(*) FROM sr41_event WHERE state = 'PAGATO' AND state_on <= $1)::int AS paid`,
    [day]
  );
  const [workers] = await db.query<{ awaiting: number; high: number }>(
    `WITH asked AS (
       SELECT s.worker_pseudonym, min(s.received_on) AS first_received
       FROM sr41 s
       WHERE s.received_on <= $1
         AND NOT EXISTS (SELECT 1 FROM sr41_event c
                         WHERE c.sr41_id = s.sr41_id AND c.state = 'ANNULLATO' AND c.state_on <= $1)
       GROUP BY s.worker_pseudonym),
     paid AS (
       SELECT DISTINCT s.worker_pseudonym
       FROM sr41 s JOIN sr41_event p ON p.sr41_id = s.sr41_id
       WHERE p.state = 'PAGATO' AND p.state_on <= $1)
     SELECT count(*)::int AS awaiting,
            count(*) FILTER (WHERE $1::date - a.first_received > $2)::int AS high
     FROM asked a
     WHERE NOT EXISTS (SELECT 1 FROM paid p WHERE p.worker_pseudonym = a.worker_pseudonym)`,
    [day, DEFAULT_THRESHOLDS.highCriticalityDays]
  );
  return { ...flows, awaitingFirstPayment: workers.awaiting, highCriticality: workers.high };
}

/** ore_autorizzate of the authorisations dated in [from, to], by a column of the application. */
export async function authorisedHours(
  db: Queryable,
  by: 'benefit' | 'region_code',
  from: string,
  to: string
): Promise<Record<string, number>> {
  const rows = await db.query<{ k: string; hours: number }>(
    `SELECT a.${by} AS k, sum(e.hours_authorised) AS hours
     FROM application_event e JOIN application a ON a.application_id = e.application_id
     WHERE e.state = 'AUTORIZZATA' AND e.state_on BETWEEN $1 AND $2
     GROUP BY a.${by}`,
    [from, to]
  );
  return Object.fromEntries(rows.map((r) => [r.k, r.hours ?? 0]));
}

const open = (a: ApplicationsAt) => OPEN_APPLICATION_STATES.reduce((n, s) => n + (a.byState[s] ?? 0), 0);

export async function storeFigures(db: Queryable): Promise<Partial<Record<FigureId, number>>> {
  const d = CALIBRATION_DATES;
  const late = await applicationsAt(db, d.late);
  const early = await applicationsAt(db, d.early);
  const sr41 = await sr41At(db, d.late);
  const hours = await authorisedHours(db, 'benefit', d.hoursFrom, d.hoursTo);
  const regions = await authorisedHours(db, 'region_code', d.shareFrom, d.shareTo);
  const total = Object.values(regions).reduce((a, b) => a + b, 0);
  const largest = LARGEST_REGIONS.reduce((a, r) => a + (regions[r] ?? 0), 0);
  const out: Partial<Record<FigureId, number>> = {
    presented_2021_03_31: late.presented,
    authorised_2021_03_31: late.byState.AUTORIZZATA ?? 0,
    rejected_2021_03_31: late.byState.RESPINTA ?? 0,
    open_2021_03_31: open(late),
    sr41_requests_2021_03_31: sr41.received - sr41.cancelled,
    sr41_paid_2021_03_31: sr41.paid,
    awaiting_first_payment_2021_03_31: sr41.awaitingFirstPayment,
    high_criticality_2021_03_31: sr41.highCriticality,
    presented_2020_07_09: early.presented,
    authorised_2020_07_09: early.byState.AUTORIZZATA ?? 0,
    open_2020_07_09: open(early),
    hours_cigo_2020: hours.CIGO ?? 0,
    hours_aso_2020: hours.ASO ?? 0,
    hours_cigd_2020: hours.CIGD ?? 0,
  };
  if (total > 0) {
    out.largest_regions_share = (largest / total) * 100;
  }
  return out;
}
