/**
 * Employers (matricole): each has a scheme, an office, a payment mode and a staff, fixed for
 * the whole history and derived from its number alone, so its successive applications agree
 * and a worker met in two applications is the same person.
 */
import { BENEFITS, type Benefit, type PaymentMode } from '../../src/model/domain';
import type { Office } from '../db/reference';
import type { OfficeMap } from './offices';
import {
  DIRECT_EXTRA_WORKERS_MEAN,
  DIRECT_SHARE,
  MULTI_REGION_SHARE,
  OFFSETTING_WORKERS_MEDIAN,
  SCHEME_SHARES,
} from './params';
import { cumulativeWeights, Random } from './random';

export interface Employer {
  employerNo: number;
  employerId: string;
  benefit: Benefit;
  office: Office;
  /** The granting region: the office's, except for a plurilocalizzata CIGD. */
  regionCode: string;
  multiRegion: boolean;
  paymentMode: PaymentMode;
  staff: number;
}

/** The most workers one employer is modelled with (worker numbers use four digits). */
export const MAX_STAFF = 9999;
const SCHEME_CUMULATIVE = cumulativeWeights(BENEFITS.map((b) => SCHEME_SHARES[b]));
const EMPLOYER_STREAM = 2;

export function employer(seed: number, employerNo: number, offices: OfficeMap): Employer {
  const rng = new Random(seed, EMPLOYER_STREAM, employerNo);
  const benefit = BENEFITS[rng.pick(SCHEME_CUMULATIVE)];
  const office = offices.pickOffice(rng);
  const paymentMode: PaymentMode = rng.chance(DIRECT_SHARE[benefit]) ? 'DIRETTO' : 'CONGUAGLIO';
  const staff =
    paymentMode === 'DIRETTO'
      ? Math.min(60, 1 + rng.geometric(DIRECT_EXTRA_WORKERS_MEAN[benefit]))
      : Math.min(MAX_STAFF, Math.max(2, Math.round(rng.logNormal(OFFSETTING_WORKERS_MEDIAN[benefit], 1.1))));
  const multiRegion = benefit === 'CIGD' && rng.chance(MULTI_REGION_SHARE);
  const regionCode = multiRegion ? offices.pickOtherRegion(rng, office.regionCode) : office.regionCode;
  return {
    employerNo,
    employerId: `${office.code}${String(employerNo).padStart(7, '0')}`,
    benefit,
    office,
    regionCode,
    multiRegion,
    paymentMode,
    staff,
  };
}
