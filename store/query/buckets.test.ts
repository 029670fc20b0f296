import { bucketsOf } from './buckets';

test('months are labelled by their first day and read at their last, clipped to the range', () => {
  expect(bucketsOf('2020-03-15', '2020-05-10', 'month')).toEqual([
    { start: '2020-03-01', at: '2020-03-31' },
    { start: '2020-04-01', at: '2020-04-30' },
    { start: '2020-05-01', at: '2020-05-10' },
  ]);
});

test('weeks start on Monday, across the DST change of 2021-03-28', () => {
  // 2021-03-24 is a Wednesday; 2021-03-22 and 2021-03-29 are Mondays.
  expect(bucketsOf('2021-03-24', '2021-03-30', 'week')).toEqual([
    { start: '2021-03-22', at: '2021-03-28' },
    { start: '2021-03-29', at: '2021-03-30' },
  ]);
});

test('interval none is one bucket over the whole range; an inverted range has none', () => {
  expect(bucketsOf('2020-03-01', '2021-07-31', 'none')).toEqual([{ start: '2020-03-01', at: '2021-07-31' }]);
  expect(bucketsOf('2020-03-02', '2020-03-01', 'day')).toEqual([]);
});
