/** Planner settings for one statement (mergedJoins.ts): set for it, the caller's value back after it. */
import { openTestDatabase, type TestDatabase } from '../testing/testDatabase';
import type { Queryable } from './database';
import { MERGED_JOINS, queryWithKeyIndexReads, queryWithMergedJoins, queryWithSettings, WINDOW_SORTS } from './mergedJoins';

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(() => t.close());

const setting = async (tx: Queryable, name: string): Promise<string> =>
  (await tx.query<{ s: string }>(`SELECT current_setting('${name}') AS s`))[0].s;

test.each([
  ['a merged-joins statement', 'enable_hashjoin', 'off', 'off', queryWithMergedJoins],
  ['a statement reading through key indexes', 'random_page_cost', '1.1', '2', queryWithKeyIndexReads],
])('%s runs with %s = %s and leaves the setting as it found it', async (_, name, during, chosen, run) => {
  await t.db.transaction(async (tx) => {
    await tx.query('CREATE TEMP TABLE seen (value text) ON COMMIT DROP');
    const before = await setting(tx, name);
    await run(tx, `INSERT INTO seen SELECT current_setting('${name}')`);
    expect(await tx.query('SELECT value FROM seen')).toEqual([{ value: during }]);
    expect(await setting(tx, name)).toBe(before);
    // A value the caller chose is kept too.
    await tx.query(`SET LOCAL ${name} = ${chosen}`);
    await run(tx, 'SELECT 1');
    expect(await setting(tx, name)).toBe(chosen);
  });
});

test('several settings hold together for one statement, which returns its rows, and each is put back', async () => {
  await t.db.transaction(async (tx) => {
    await tx.query(`SET LOCAL work_mem = '256MB'`);
    const during = await queryWithSettings<{ hash: string; memory: string }>(
      tx, { ...MERGED_JOINS, ...WINDOW_SORTS }, `SELECT current_setting('enable_hashjoin') AS hash, current_setting('work_mem') AS memory`
    );
    expect(during).toEqual([{ hash: 'off', memory: WINDOW_SORTS.work_mem }]);
    expect(await setting(tx, 'enable_hashjoin')).toBe('on');
    expect(await setting(tx, 'work_mem')).toBe('256MB');
  });
});
