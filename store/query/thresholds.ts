/**
 * The thresholds DOMAIN.md calls settings, as the `setting` table holds them now. The API reads
 * them with the data's version in one statement per request (store/api/dataState.ts).
 */
import { DEFAULT_THRESHOLDS } from '../../src/model/domain';

export interface Thresholds {
  chronicDays: number;
  veryOldDays: number;
  highCriticalityDays: number;
}

/** The `setting` row of each threshold the queries use. */
const SETTING_NAMES: Readonly<Record<keyof Thresholds, string>> = {
  chronicDays: 'chronic_days',
  veryOldDays: 'very_old_days',
  highCriticalityDays: 'high_criticality_days',
};

/** The thresholds from the `setting` rows; one without a row takes its default (domain.ts). */
export function thresholdsOf(settings: ReadonlyMap<string, number>): Thresholds {
  const get = (key: keyof Thresholds) => settings.get(SETTING_NAMES[key]) ?? DEFAULT_THRESHOLDS[key];
  return { chronicDays: get('chronicDays'), veryOldDays: get('veryOldDays'), highCriticalityDays: get('highCriticalityDays') };
}
