/** queryWithMergedJoins: hash joins off for one statement, the caller's setting back after it. */
import { openTestDatabase, type TestDatabase } from '../testing/testDatabase';
import { queryWithMergedJoins } from './mergedJoins';

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(() => t.close());

test('a merged-joins statement runs with hash joins off and leaves the setting as it found it', async () => {
  await t.db.transaction(async (tx) => {
    await tx.query('CREATE TEMP TABLE seen (hash_joins text) ON COMMIT DROP');
    await queryWithMergedJoins(tx, `INSERT INTO seen SELECT current_setting('enable_hashjoin')`);
    const after = await tx.query<{ s: string }>(`SELECT current_setting('enable_hashjoin') AS s`);
    expect(await tx.query('SELECT hash_joins FROM seen')).toEqual([{ hash_joins: 'off' }]);
    expect(after).toEqual([{ s: 'on' }]);
    // A setting the caller chose is kept too.
    await tx.query('SET LOCAL enable_hashjoin = off');
    await queryWithMergedJoins(tx, 'SELECT 1');
    expect(await tx.query<{ s: string }>(`SELECT current_setting('enable_hashjoin') AS s`)).toEqual([{ s: 'off' }]);
  });
});
