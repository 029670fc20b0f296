/**
 * The time buckets of a query: each has the day that labels it (the calendar bucket's first day,
 * whose Rome midnight is the frame's time value) and the day a stock is read at (the bucket's
 * last day, clipped to the range's end). Flows count only the range's days of a bucket.
 */
import { addDays, bucketEnd, bucketStart } from '../../src/model/calendar';
import type { Interval } from '../../src/model/query';

export interface Bucket {
  start: string;
  at: string;
}

export function bucketsOf(from: string, to: string, interval: Interval): Bucket[] {
  if (from > to) {
    return [];
  }
  if (interval === 'none') {
    return [{ start: from, at: to }];
  }
  const out: Bucket[] = [];
  for (let start = bucketStart(from, interval); start <= to; start = addDays(bucketEnd(start, interval), 1)) {
    const end = bucketEnd(start, interval);
    out.push({ start, at: end < to ? end : to });
  }
  return out;
}
