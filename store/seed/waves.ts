/**
 * The calendar of the synthetic history: how many applications arrive each day (the 2020–2021
 * waves, the weekday rhythm, holidays) and how fast INPS worked at each moment (review times,
 * rejection shares, SR41 payment times). Levels between knots are linear.
 */
import { dayNumber, weekday } from './dayNumbers';

type Knots = ReadonlyArray<readonly [string, number]>;

function piecewiseLinear(knots: Knots): (day: number) => number {
  const xs = knots.map(([d]) => dayNumber(d));
  const ys = knots.map(([, v]) => v);
  return (day) => {
    if (day <= xs[0]) {
      return ys[0];
    }
    for (let i = 1; i < xs.length; i++) {
      if (day <= xs[i]) {
        const t = (day - xs[i - 1]) / (xs[i] - xs[i - 1]);
        return ys[i - 1] + t * (ys[i] - ys[i - 1]);
      }
    }
    return ys[ys.length - 1];
  };
}

/** The first day of the history: COVID-19 periods start 2020-02-23, DL 18/2020 is of 2020-03-17. */
export const HISTORY_START = '2020-03-01';

/**
 * Applications per working day, relative. Spring 2020 peak after "Cura Italia", a second bump
 * after "Rilancio"/DL 52, the August lull, the autumn wave ("Ristori"), the early-2021 wave
 * (L. 178/2020, "Sostegni"), then the tail as the COVID-19 weeks run out.
 */
const PRESENTATION_LEVEL = piecewiseLinear([
  ['2020-03-19', 0],
  ['2020-03-24', 25],
  ['2020-03-31', 45],
  ['2020-04-10', 40],
  ['2020-04-20', 32],
  ['2020-05-05', 24],
  ['2020-05-20', 15],
  ['2020-05-28', 20],
  ['2020-06-10', 17],
  ['2020-06-25', 15],
  ['2020-07-09', 13],
  ['2020-07-25', 11],
  ['2020-08-08', 5],
  ['2020-08-24', 4],
  ['2020-09-01', 9],
  ['2020-09-20', 11],
  ['2020-10-10', 9],
  ['2020-10-31', 12],
  ['2020-11-15', 16],
  ['2020-12-05', 12],
  ['2020-12-22', 8],
  ['2021-01-07', 12],
  ['2021-01-20', 15],
  ['2021-02-10', 14],
  ['2021-03-05', 13],
  ['2021-03-25', 16],
  ['2021-04-15', 17],
  ['2021-05-10', 12],
  ['2021-06-05', 12],
  ['2021-07-10', 9],
  ['2021-08-10', 4],
  ['2021-09-01', 7],
  ['2021-10-15', 5],
  ['2021-12-31', 3],
  ['2022-03-31', 0.5],
]);

/** Monday … Sunday: offices and employers' consultants work on weekdays. */
const WEEKDAY_FACTOR = [0.04, 1.15, 1.1, 1.05, 1.0, 0.9, 0.1]; // index 0 = Sunday
const HOLIDAYS = new Set(
  [
    '2020-04-13', '2020-04-25', '2020-05-01', '2020-06-02', '2020-08-15', '2020-11-01', '2020-12-08',
    '2020-12-25', '2020-12-26', '2021-01-01', '2021-01-06', '2021-04-05', '2021-04-25', '2021-05-01',
    '2021-06-02', '2021-08-15', '2021-11-01', '2021-12-08', '2021-12-25', '2021-12-26', '2022-01-01',
    '2022-01-06', '2022-04-18', '2022-04-25', '2022-05-01', '2022-06-02', '2022-08-15',
  ].map(dayNumber)
);

/** How busy a calendar day is for presentations, relative (weekday rhythm and holidays included). */
export function presentationWeight(day: number): number {
  const holiday = HOLIDAYS.has(day) ? 0.06 : 1;
  return PRESENTATION_LEVEL(day) * WEEKDAY_FACTOR[weekday(day)] * holiday;
}

/** Median days from presentation to decision, by presentation day: slow in the 2020 rush. */
export const reviewMedianDays = piecewiseLinear([
  ['2020-03-20', 9],
  ['2020-04-10', 12],
  ['2020-05-15', 9],
  ['2020-06-15', 7.5],
  ['2020-07-10', 8.5],
  ['2020-07-29', 15],
  ['2020-08-31', 10],
  ['2020-10-31', 7],
  ['2021-01-15', 4],
  ['2021-03-15', 2.0],
  ['2022-01-01', 5],
]);

/** Share of decisions that are rejections, by presentation day. */
export const rejectionShare = piecewiseLinear([
  ['2020-03-20', 0.056],
  ['2020-07-10', 0.075],
  ['2020-10-01', 0.107],
  ['2021-03-31', 0.113],
]);

/**
 * Median days from receipt to payment of an SR41, by receipt day: the first months were slow,
 * then about 15 days (the 40% advance from June 2020), quick in early 2021, and about 40 days
 * for the SR41 arriving in April 2021 with the "Sostegni" weeks.
 */
export const paymentMedianDays = piecewiseLinear([
  ['2020-03-25', 18],
  ['2020-05-15', 15],
  ['2020-06-15', 14],
  ['2020-09-01', 8],
  ['2021-01-01', 5],
  ['2021-03-01', 3],
  ['2021-03-31', 3],
  ['2021-04-03', 38],
  ['2021-04-30', 40],
  ['2021-05-31', 16],
  ['2022-01-01', 12],
]);

/**
 * Mean days between an authorisation (or the end of the month worked) and the employer's SR41:
 * long in spring 2020, when direct payment was new to most employers, short once it was routine.
 */
export const sr41SendDelayMean = piecewiseLinear([
  ['2020-03-25', 30],
  ['2020-05-15', 20],
  ['2020-07-01', 8],
  ['2020-09-01', 5],
]);

/** The longest period (weeks) an application could ask for, by presentation day. */
export const maxWeeks = piecewiseLinear([
  ['2020-03-20', 9],
  ['2020-05-19', 9],
  ['2020-06-16', 5],
  ['2020-08-14', 9],
  ['2020-10-28', 6],
  ['2021-01-01', 12],
  ['2021-03-22', 13],
  ['2021-05-25', 13],
]);

/** The legal ground of an application presented on a day (a small share is ordinary ALTRO). */
export function covidCauseFor(day: number): 'COVID19_NAZ' | 'COVID19_L178' | 'ALTRO' {
  if (day < dayNumber('2021-01-01')) {
    return 'COVID19_NAZ';
  }
  return day < dayNumber('2022-01-01') ? 'COVID19_L178' : 'ALTRO';
}
