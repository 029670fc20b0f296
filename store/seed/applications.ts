/**
 * One application's life: its attributes (from its employer and presentation day) and its
 * dated state changes, following DOMAIN.md's transitions (riesame and revoca included).
 */
import type { ApplicationState, Benefit, Cause, PaymentMode } from '../../src/model/domain';
import { dayNumber } from './dayNumbers';
import type { Employer } from './employers';
import {
  CANCEL_SHARE,
  CHRONIC_DAYS,
  CHRONIC_SHARE,
  MIN_WEEKLY_SHARE,
  OTHER_CAUSE_SHARE,
  REVIEW_SIGMA,
  REVIEW_STEP_SHARE,
  REVOCA_SHARE,
  RIESAME_GRANTED_SHARE,
  RIESAME_SHARE,
} from './params';
import type { Random } from './random';
import { covidCauseFor, maxWeeks, rejectionShare, reviewMedianDays } from './waves';

export interface ApplicationEvent {
  state: ApplicationState;
  day: number;
  /** Only on AUTORIZZATA. */
  hoursAuthorised?: number;
}

export interface Application {
  protocollo: string;
  employer: Employer;
  benefit: Benefit;
  cause: Cause;
  paymentMode: PaymentMode;
  workers: number;
  /** Integrated hours per worker per week. */
  weeklyHours: number;
  hoursRequested: number;
  periodFrom: number;
  periodTo: number;
  presentedOn: number;
  /** In date order; same-day changes in the order they happened. */
  events: ApplicationEvent[];
}

/** COVID-19 periods start on 2020-02-23 (DL 18/2020, art. 19). */
const FIRST_PERIOD_DAY = dayNumber('2020-02-23');

export function makeApplication(rng: Random, emp: Employer, presentedOn: number, protocollo: string): Application {
  const longest = Math.round(maxWeeks(presentedOn));
  const weeks = Math.max(1, longest - rng.geometric(1.2)); // most asked for all the weeks the law gave
  const periodFrom = Math.max(FIRST_PERIOD_DAY, presentedOn - rng.int(0, 35));
  const periodTo = periodFrom + weeks * 7 - 1;
  const workers = Math.max(1, Math.ceil(emp.staff * rng.uniform(0.6, 1)));
  const weeklyHours = Math.round(40 * rng.uniform(MIN_WEEKLY_SHARE, 1));
  const hoursRequested = workers * weeklyHours * weeks;
  const cause = rng.chance(OTHER_CAUSE_SHARE) ? 'ALTRO' : covidCauseFor(presentedOn);
  return {
    protocollo,
    employer: emp,
    benefit: emp.benefit,
    cause,
    paymentMode: emp.paymentMode,
    workers,
    weeklyHours,
    hoursRequested,
    periodFrom,
    periodTo,
    presentedOn,
    events: lifeCycle(rng, presentedOn, hoursRequested),
  };
}

function authorisedHours(rng: Random, requested: number): number {
  return rng.chance(0.7) ? requested : Math.floor(requested * rng.uniform(0.6, 1));
}

function lifeCycle(rng: Random, p: number, hoursRequested: number): ApplicationEvent[] {
  const events: ApplicationEvent[] = [{ state: 'PRESENTATA', day: p }];
  if (rng.chance(CANCEL_SHARE)) {
    events.push({ state: 'ANNULLATA', day: p + rng.int(0, 20) });
    return events;
  }
  const delay = rng.chance(CHRONIC_SHARE)
    ? rng.int(CHRONIC_DAYS[0], CHRONIC_DAYS[1])
    : Math.round(rng.logNormal(reviewMedianDays(p), REVIEW_SIGMA));
  if (delay > 0 && rng.chance(REVIEW_STEP_SHARE)) {
    events.push({ state: 'IN_ISTRUTTORIA', day: p + Math.floor(delay * rng.next()) });
  }
  let day = p + delay;
  if (rng.chance(rejectionShare(p))) {
    events.push({ state: 'RESPINTA', day });
    if (!rng.chance(RIESAME_SHARE)) {
      return events;
    }
    day += rng.int(7, 60);
    events.push({ state: 'IN_ISTRUTTORIA', day });
    day += rng.int(3, 45);
    if (!rng.chance(RIESAME_GRANTED_SHARE)) {
      events.push({ state: 'RESPINTA', day });
      return events;
    }
  }
  events.push({ state: 'AUTORIZZATA', day, hoursAuthorised: authorisedHours(rng, hoursRequested) });
  if (rng.chance(REVOCA_SHARE)) {
    events.push({ state: 'ANNULLATA', day: day + rng.int(10, 150) });
  }
  return events;
}

/** The day the application was (last) authorised, and the day a revoca ended that, if any. */
export function authorisedSpan(app: Application): { from: number; until: number } | null {
  const events = app.events;
  for (let i = events.length - 1; i >= 0; i--) {
    if (events[i].state === 'AUTORIZZATA') {
      const next = events[i + 1];
      return { from: events[i].day, until: next ? next.day : Number.POSITIVE_INFINITY };
    }
  }
  return null;
}
