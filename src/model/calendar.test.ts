import { bucketEnd, bucketStart, daysBetween, eachDay, romeDayOf, romeDayStartMs } from './calendar';

test('a day starts at 23:00 UTC the day before in winter and 22:00 UTC in summer', () => {
  expect(new Date(romeDayStartMs('2021-01-15')).toISOString()).toBe('2021-01-14T23:00:00.000Z');
  expect(new Date(romeDayStartMs('2021-07-15')).toISOString()).toBe('2021-07-14T22:00:00.000Z');
});

test('the DST change of 2021-03-28 gives a 23-hour day', () => {
  expect(romeDayStartMs('2021-03-29') - romeDayStartMs('2021-03-28')).toBe(23 * 3600 * 1000);
  expect(romeDayStartMs('2020-10-26') - romeDayStartMs('2020-10-25')).toBe(25 * 3600 * 1000);
});

test('romeDayOf is the inverse of romeDayStartMs', () => {
  for (const d of ['2020-03-29', '2020-10-25', '2021-03-28', '2021-12-31']) {
    expect(romeDayOf(romeDayStartMs(d))).toBe(d);
  }
});

test('weeks start on Monday and months on the first', () => {
  expect(bucketStart('2021-03-31', 'week')).toBe('2021-03-29'); // a Wednesday
  expect(bucketStart('2021-03-28', 'week')).toBe('2021-03-22'); // a Sunday
  expect(bucketStart('2021-03-31', 'month')).toBe('2021-03-01');
  expect(bucketEnd('2020-02-01', 'month')).toBe('2020-02-29');
  expect(bucketEnd('2021-03-29', 'week')).toBe('2021-04-04');
});

test('day arithmetic', () => {
  expect(daysBetween('2020-12-31', '2021-03-01')).toBe(60);
  expect(eachDay('2021-02-27', '2021-03-02')).toEqual(['2021-02-27', '2021-02-28', '2021-03-01', '2021-03-02']);
});
