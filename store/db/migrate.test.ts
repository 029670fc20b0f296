import { openTestDatabase, type TestDatabase } from '../testing/testDatabase';
import { migrate } from './migrate';

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(() => t.close());

test('migrations create the schema and load the 20 regions and 107 offices', async () => {
  const [{ n: regions }] = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM region');
  const [{ n: offices }] = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM office');
  expect(regions).toBe(20);
  expect(offices).toBe(107);
});

test('a second migration run applies nothing', async () => {
  expect(await migrate(t.db)).toEqual([]);
});

test('dates come back as calendar days and numerics as numbers on both databases', async () => {
  const [row] = await t.db.query<{ d: string; n: number; b: number }>(
    "SELECT DATE '2021-03-31' AS d, 12.5::numeric AS n, 9007199254::bigint AS b"
  );
  expect(row).toEqual({ d: '2021-03-31', n: 12.5, b: 9007199254 });
});

test('copyCsv inside a transaction is rolled back with it', async () => {
  await expect(
    t.db.transaction(async (tx) => {
      await tx.copyCsv('region', ['region_code', 'name'], '98,Prova\n');
      throw new Error('stop');
    })
  ).rejects.toThrow('stop');
  const rows = await t.db.query("SELECT 1 FROM region WHERE region_code = '98'");
  expect(rows).toEqual([]);
});
