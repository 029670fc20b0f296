/** The history walk on hand-made histories: stored events are facts, new rows must keep the history valid. */
import { APPLICATION_TRANSITIONS } from '../../src/model/domain';
import { HistoryWalk, type HistoryEvent } from './history';

function walk(events: Array<[state: string, day: string, isNew: boolean, line: number]>) {
  const out = { duplicates: [] as number[], rejected: [] as Array<[number, string]>, latest: [] as number[] };
  const w = new HistoryWalk(APPLICATION_TRANSITIONS, {
    duplicate: (line) => out.duplicates.push(line),
    reject: (line, r) => out.rejected.push([line, r.code]),
    latest: (_key, line) => out.latest.push(line),
  });
  for (const [state, day, isNew, line] of events) {w.push({ key: 'D1', state, day, isNew, line } as HistoryEvent);}
  w.end();
  return out;
}

test('a late change that fits between stored changes is accepted; the stored latest keeps the attributes', () => {
  expect(walk([['PRESENTATA', '03-01', false, 2], ['IN_ISTRUTTORIA', '03-10', true, 2], ['AUTORIZZATA', '03-20', false, 3]])).toEqual({
    duplicates: [], rejected: [], latest: [],
  });
});

test('a late change after which the stored change is not allowed is rejected', () => {
  expect(walk([['PRESENTATA', '03-01', false, 2], ['ANNULLATA', '03-10', true, 2], ['AUTORIZZATA', '03-20', false, 3]]).rejected).toEqual([
    [2, 'TRANSIZIONE_NON_AMMESSA'],
  ]);
});

test('of two late changes, only those that leave the next stored change allowed stay', () => {
  // PRESENTATA → IN_ISTRUTTORIA → RESPINTA would be followed by AUTORIZZATA: RESPINTA goes, IN_ISTRUTTORIA stays.
  const out = walk([
    ['PRESENTATA', '03-01', false, 2],
    ['IN_ISTRUTTORIA', '03-10', true, 5],
    ['RESPINTA', '03-15', true, 6],
    ['AUTORIZZATA', '03-20', false, 3],
  ]);
  expect(out.rejected).toEqual([[6, 'TRANSIZIONE_NON_AMMESSA']]);
});

test('duplicates of stored changes and of earlier rows are counted, not walked', () => {
  const out = walk([
    ['PRESENTATA', '03-01', false, 2],
    ['PRESENTATA', '03-01', true, 7],
    ['IN_ISTRUTTORIA', '03-02', true, 8],
    ['IN_ISTRUTTORIA', '03-02', true, 9],
  ]);
  expect(out).toEqual({ duplicates: [7, 9], rejected: [], latest: [8] });
});

test("a key's first change may be in any state, and its newest new row gives the attributes", () => {
  expect(walk([['AUTORIZZATA', '03-05', true, 4], ['ANNULLATA', '03-09', true, 5]])).toEqual({ duplicates: [], rejected: [], latest: [5] });
});
