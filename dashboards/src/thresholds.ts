/**
 * Panel thresholds and colours derived from the backlog thresholds of src/model (the defaults of
 * the store's `setting` table, which the alert views read): one place for both, so a panel turns
 * red where an alert fires.
 */
import { ThresholdsConfigBuilder, ThresholdsMode, type Threshold } from '@grafana/grafana-foundation-sdk/dashboard';
import { AGE_BANDS, DEFAULT_THRESHOLDS } from '../../src/model/domain';

export const COLOURS = { ok: 'green', chronic: 'orange', veryOld: 'red', sr41Late: 'orange' } as const;

/** Age of an open application, in days: orange when chronic, red when very old. */
export function applicationAgeThresholds(): ThresholdsConfigBuilder {
  return steps([
    { value: null, color: COLOURS.ok },
    { value: DEFAULT_THRESHOLDS.chronicDays + 1, color: COLOURS.chronic },
    { value: DEFAULT_THRESHOLDS.veryOldDays + 1, color: COLOURS.veryOld },
  ]);
}

/** Age of an open SR41, in days: orange past the SR41 threshold, red when very old. */
export function sr41AgeThresholds(): ThresholdsConfigBuilder {
  return steps([
    { value: null, color: COLOURS.ok },
    { value: DEFAULT_THRESHOLDS.sr41OpenDays + 1, color: COLOURS.sr41Late },
    { value: DEFAULT_THRESHOLDS.veryOldDays + 1, color: COLOURS.veryOld },
  ]);
}

/** A count that should be zero (chronic items, alta criticità, days of data missing): red from 1. */
export function zeroIsGoodThresholds(colour: string = COLOURS.veryOld): ThresholdsConfigBuilder {
  return steps([
    { value: null, color: COLOURS.ok },
    { value: 1, color: colour },
  ]);
}

/** The colour of an age band: the band's youngest age measured against the same thresholds. */
export function ageBandColour(band: (typeof AGE_BANDS)[number], chronicDays: number = DEFAULT_THRESHOLDS.chronicDays): string {
  if (band.min > DEFAULT_THRESHOLDS.veryOldDays) {
    return COLOURS.veryOld;
  }
  if (band.min > chronicDays) {
    return COLOURS.chronic;
  }
  return COLOURS.ok;
}

function steps(list: Threshold[]): ThresholdsConfigBuilder {
  return new ThresholdsConfigBuilder().mode(ThresholdsMode.Absolute).steps(list);
}
