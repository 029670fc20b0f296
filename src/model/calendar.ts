/**
 * Calendar days in Europe/Rome (DOMAIN.md: "All dates are calendar days in Europe/Rome").
 * Days travel as 'AAAA-MM-GG' strings; arithmetic on them is done in UTC, where every day has
 * 24 hours, and only the conversion to an instant (a frame's time value) looks at Rome's clock.
 */
import type { Interval } from './query';

const DAY_MS = 86_400_000;

const DASH = 0x2d;
const ZERO = 0x30;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The number written by the ASCII digits s[from..to), or -1 when one of them is not a digit. */
function digits(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = s.charCodeAt(i) - ZERO;
    if (d < 0 || d > 9) {
      return -1;
    }
    n = n * 10 + d;
  }
  return n;
}

/**
 * A real day written AAAA-MM-GG (proleptic Gregorian, years 0000–9999). Read digit by digit,
 * with no regular expression or Date: the loader checks every date of a national extract.
 */
export function isIsoDay(s: string): boolean {
  if (s.length !== 10 || s.charCodeAt(4) !== DASH || s.charCodeAt(7) !== DASH) {
    return false;
  }
  const year = digits(s, 0, 4);
  const month = digits(s, 5, 7);
  const day = digits(s, 8, 10);
  if (year < 0 || month < 1 || month > 12 || day < 1) {
    return false;
  }
  const leap = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= DAYS_IN_MONTH[month - 1] + (leap ? 1 : 0);
}

export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** b − a in days. */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
}

/** Every day from `from` to `to`, both included. */
export function eachDay(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) {
    out.push(d);
  }
  return out;
}

/** The first day of the bucket holding `day`: weeks start on Monday (ISO), months on the 1st. */
export function bucketStart(day: string, interval: Exclude<Interval, 'none'>): string {
  if (interval === 'day') {
    return day;
  }
  if (interval === 'month') {
    return `${day.slice(0, 7)}-01`;
  }
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(day, -((weekday + 6) % 7));
}

/** The last day of the bucket that starts on `start`. */
export function bucketEnd(start: string, interval: Exclude<Interval, 'none'>): string {
  if (interval === 'day') {
    return start;
  }
  if (interval === 'week') {
    return addDays(start, 6);
  }
  const d = new Date(`${start}T00:00:00Z`);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).toISOString().slice(0, 10);
}

/** Offset of Europe/Rome from UTC at an instant, in minutes (60 in winter, 120 in summer). */
function romeOffsetMinutes(utcMs: number): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Rome',
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(new Date(utcMs));
  const get = (t: string) => Number(parts.find((p) => p.type === t)!.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
  return Math.round((asUtc - utcMs) / 60000);
}

/** Epoch milliseconds of the start (00:00) of `day` in Europe/Rome: a frame's time value. */
export function romeDayStartMs(day: string): number {
  const midnightUtc = Date.parse(`${day}T00:00:00Z`);
  // Midnight is never inside a DST jump in Rome (changes happen at 02:00/03:00), so one
  // correction with the offset in force at that midnight is exact.
  const guess = midnightUtc - romeOffsetMinutes(midnightUtc) * 60000;
  return midnightUtc - romeOffsetMinutes(guess) * 60000;
}

/** The calendar day in Europe/Rome at an instant. */
export function romeDayOf(utcMs: number): string {
  return new Date(utcMs + romeOffsetMinutes(utcMs) * 60000).toISOString().slice(0, 10);
}
