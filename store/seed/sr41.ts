/**
 * The SR41 of an authorised, directly paid application: one per worker and month of its
 * period, sent after the authorisation (and after the month), then worked, paid, rejected
 * (with a reason, followed by a corrected SR41 with a new id) or cancelled.
 */
import { REJECTION_REASONS, type RejectionReason, type Sr41State } from '../../src/model/domain';
import type { Application } from './applications';
import { monthBounds, monthOf } from './dayNumbers';
import {
  BLOCKED_DAYS,
  PAYMENT_SIGMA,
  SR41_CANCEL_SHARE,
  SR41_REJECT_SHARE,
} from './params';
import { cumulativeWeights, type Random } from './random';
import { paymentMedianDays, sr41SendDelayMean } from './waves';
import { isBlockedWorker, workerKey } from './workers';

export interface Sr41Event {
  state: Sr41State;
  day: number;
  reason?: RejectionReason;
}

export interface Sr41 {
  id: string;
  workerKey: number;
  /** 'AAAA-MM' */
  period: string;
  hours: number;
  /** Euro cents. */
  amountCents: number;
  receivedOn: number;
  events: Sr41Event[];
}

/** IBAN problems lead, then hours and periods (INPS messages on SR41 rejections). */
const REASON_CUMULATIVE = cumulativeWeights([25, 20, 20, 10, 8, 7, 10]);

/** Gross hourly integration, euro: about 80% of pay, under the monthly ceiling. */
const HOURLY_RATE_RANGE = [6.8, 9.4] as const;

export function makeSr41s(
  rng: Random,
  seed: number,
  app: Application,
  span: { from: number; until: number }
): Sr41[] {
  const out: Sr41[] = [];
  const months: Array<{ period: string; days: number; sendAfter: number }> = [];
  for (let first = app.periodFrom; first <= app.periodTo; ) {
    const { last } = monthBounds(first);
    const end = Math.min(last, app.periodTo);
    months.push({ period: monthOf(first), days: end - first + 1, sendAfter: Math.max(span.from, end) });
    first = last + 1;
  }
  const rate = rng.uniform(HOURLY_RATE_RANGE[0], HOURLY_RATE_RANGE[1]);
  for (let w = 0; w < app.workers; w++) {
    const key = workerKey(app.employer.employerNo, w);
    const blocked = isBlockedWorker(seed, key);
    months.forEach((m, mi) => {
      const hours = Math.max(1, Math.round((app.weeklyHours * m.days) / 7));
      const base = {
        workerKey: key,
        period: m.period,
        hours,
        amountCents: Math.round(hours * rate * 100),
      };
      const idStem = `${app.protocollo}${String(w).padStart(4, '0')}${String(mi).padStart(2, '0')}`;
      let receivedOn = m.sendAfter + 1 + rng.geometric(sr41SendDelayMean(m.sendAfter));
      for (let attempt = 0; attempt < 3 && receivedOn < span.until; attempt++) {
        const events = lifeCycle(rng, receivedOn, blocked, attempt);
        out.push({ ...base, id: `${idStem}${attempt}`, receivedOn, events });
        const last = events[events.length - 1];
        if (last.state !== 'SCARTATO') {
          break;
        }
        receivedOn = last.day + rng.int(3, 25); // the employer sends a corrected SR41
      }
    });
  }
  return out;
}

function lifeCycle(rng: Random, r: number, blocked: boolean, attempt: number): Sr41Event[] {
  const events: Sr41Event[] = [{ state: 'RICEVUTO', day: r }];
  if (rng.chance(SR41_CANCEL_SHARE)) {
    events.push({ state: 'ANNULLATO', day: r + rng.int(0, 10) });
    return events;
  }
  if (attempt < 2 && rng.chance(SR41_REJECT_SHARE)) {
    const rejectedOn = r + rng.int(1, 20);
    if (rng.chance(0.6)) {
      events.push({ state: 'IN_LAVORAZIONE', day: r + rng.int(0, rejectedOn - r) });
    }
    events.push({ state: 'SCARTATO', day: rejectedOn, reason: REJECTION_REASONS[rng.pick(REASON_CUMULATIVE)] });
    return events;
  }
  const delay = blocked
    ? rng.int(BLOCKED_DAYS[0], BLOCKED_DAYS[1])
    : Math.max(1, Math.round(rng.logNormal(paymentMedianDays(r), PAYMENT_SIGMA)));
  const paidOn = r + delay;
  const workedOn = r + rng.int(0, Math.min(2, delay - 1));
  const inPaymentOn = Math.max(workedOn, paidOn - rng.int(0, 3));
  events.push({ state: 'IN_LAVORAZIONE', day: workedOn });
  events.push({ state: 'IN_PAGAMENTO', day: inPaymentOn });
  events.push({ state: 'PAGATO', day: paidOn });
  return events;
}
