/**
 * Days as whole numbers (days since 1970-01-01) for the generator's hot loops: adding and
 * comparing integers is much cheaper than 'AAAA-MM-GG' strings, which are made once per day.
 */
const DAY_MS = 86_400_000;
const isoCache = new Map<number, string>();

export function dayNumber(iso: string): number {
  return Math.round(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);
}

export function isoDay(n: number): string {
  let s = isoCache.get(n);
  if (s === undefined) {
    s = new Date(n * DAY_MS).toISOString().slice(0, 10);
    isoCache.set(n, s);
  }
  return s;
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(n: number): number {
  return (n + 4) % 7;
}

/** The month of a day as 'AAAA-MM'. */
export function monthOf(n: number): string {
  return isoDay(n).slice(0, 7);
}

/** First and last day of the month holding day n. */
export function monthBounds(n: number): { first: number; last: number } {
  const d = new Date(n * DAY_MS);
  const first = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) / DAY_MS;
  const last = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0) / DAY_MS;
  return { first, last };
}
