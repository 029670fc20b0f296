/**
 * The knobs of the synthetic population, tuned so that a --scale 1 dataset reproduces DOMAIN.md's
 * reference figures (see bench/README.md, "Calibration"). Each says what it stands for.
 */
import type { Benefit } from '../../src/model/domain';

/** Net applications (presented − cancelled) wanted by these days at scale 1: DOMAIN.md's figures. */
export const PRESENTED_TARGETS = [
  { until: '2020-07-09', net: 1_570_042 },
  { until: '2021-03-31', net: 4_264_828 },
] as const;

/** Gross presentations per net one: cancellations and revocations leave the "presented" total. */
export const GROSS_UP = [1.014, 1.018] as const;

/** Employers (matricole) with COVID-19 applications at scale 1; each presents several over time. */
export const EMPLOYERS = 1_700_000;

/** Share of employers by scheme (CIGO industry, ASO services, CIGD the uncovered, CISOA farming). */
export const SCHEME_SHARES: Readonly<Record<Benefit, number>> = { CIGO: 0.38, ASO: 0.33, CIGD: 0.27, CISOA: 0.02 };

/** Share of employers of a scheme paid directly by INPS (CIGD always; CISOA in practice). */
export const DIRECT_SHARE: Readonly<Record<Benefit, number>> = { CIGO: 0.55, ASO: 0.8, CIGD: 1, CISOA: 1 };

/**
 * Staff by scheme: mean employees beyond the first of a directly paid (small) employer, and the
 * median staff of an offsetting (larger) one. Tuned on 2020's authorised hours and the SR41 count.
 */
export const DIRECT_EXTRA_WORKERS_MEAN: Readonly<Record<Benefit, number>> = { CIGO: 1.02, ASO: 1.02, CIGD: 4.2, CISOA: 1.5 };
export const OFFSETTING_WORKERS_MEDIAN: Readonly<Record<Benefit, number>> = { CIGO: 9.6, ASO: 15.6, CIGD: 10, CISOA: 10 };
/** Weekly integrated hours per worker: from this share of 40 up to 40 (many were at "zero hours"). */
export const MIN_WEEKLY_SHARE = 0.8;

/** Share of CIGD employers with sites in several regions (plurilocalizzata). */
export const MULTI_REGION_SHARE = 0.04;
/** Share of applications with an ordinary, non-COVID ground. */
export const OTHER_CAUSE_SHARE = 0.01;

/** Application life cycle. */
export const CANCEL_SHARE = 0.012;
export const REVIEW_STEP_SHARE = 0.55;
export const REVIEW_SIGMA = 0.75;
export const CHRONIC_SHARE = 0.004;
export const CHRONIC_DAYS = [91, 480] as const;
export const RIESAME_SHARE = 0.15;
export const RIESAME_GRANTED_SHARE = 0.75;
export const REVOCA_SHARE = 0.008;

/** SR41 life cycle. */
export const SR41_CANCEL_SHARE = 0.0015;
export const SR41_REJECT_SHARE = 0.002;
export const PAYMENT_SIGMA = 0.5;
/** Workers whose payments stay blocked for long (IBAN problems and the like): alta criticità. */
export const BLOCKED_WORKER_SHARE = 0.0009;
export const BLOCKED_DAYS = [35, 260] as const;
