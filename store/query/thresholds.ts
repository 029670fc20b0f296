/** The thresholds DOMAIN.md calls settings, as the `setting` table holds them now. */
import type { Queryable } from '../db/database';
import { DEFAULT_THRESHOLDS } from '../../src/model/domain';

export interface Thresholds {
  chronicDays: number;
  veryOldDays: number;
  highCriticalityDays: number;
}

export async function readThresholds(db: Queryable): Promise<Thresholds> {
  const rows = await db.query<{ name: string; value: number }>(
    "SELECT name, value FROM setting WHERE name IN ('chronic_days', 'very_old_days', 'high_criticality_days')"
  );
  const get = (name: string, fallback: number) => rows.find((r) => r.name === name)?.value ?? fallback;
  return {
    chronicDays: get('chronic_days', DEFAULT_THRESHOLDS.chronicDays),
    veryOldDays: get('very_old_days', DEFAULT_THRESHOLDS.veryOldDays),
    highCriticalityDays: get('high_criticality_days', DEFAULT_THRESHOLDS.highCriticalityDays),
  };
}
