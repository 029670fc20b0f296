/** A full rebuild's INSERT … SELECT run as a parallel SELECT into a temporary table, then an INSERT (parallelSelects.ts). */
import { openTestDatabase, TEST_DATABASE, type TestDatabase } from '../testing/testDatabase';
import type { Queryable } from './database';
import { insertRowsSql, queryWithParallelSelect, splitInsertSelect } from './parallelSelects';

describe('splitInsertSelect', () => {
  test('an INSERT … SELECT becomes its SELECT into a temporary table with the INSERT\'s column names, then the INSERT', () => {
    const split = splitInsertSelect('\nINSERT INTO flow (day,  n)\nSELECT d, count(*) FROM f GROUP BY d ORDER BY 1');
    expect(split).toEqual({
      readRows: 'CREATE TEMPORARY TABLE rows_read_in_parallel (day,  n) ON COMMIT DROP AS SELECT d, count(*) FROM f GROUP BY d ORDER BY 1',
      table: 'flow',
      columns: ['day', 'n'],
    });
    expect(insertRowsSql(split!, ['date', 'integer'])).toBe(
      'INSERT INTO flow (day, n) SELECT day::date, n::integer FROM rows_read_in_parallel'
    );
  });

  test('a WITH before the INSERT goes before its SELECT', () => {
    expect(splitInsertSelect('WITH a AS (SELECT 1 AS x) INSERT INTO t (x) SELECT x FROM a')?.readRows).toBe(
      'CREATE TEMPORARY TABLE rows_read_in_parallel (x) ON COMMIT DROP AS WITH a AS (SELECT 1 AS x) SELECT x FROM a'
    );
    expect(splitInsertSelect('INSERT INTO t (x) WITH a AS (SELECT 1 AS x) SELECT x FROM a')?.readRows).toBe(
      'CREATE TEMPORARY TABLE rows_read_in_parallel (x) ON COMMIT DROP AS WITH a AS (SELECT 1 AS x) SELECT x FROM a'
    );
  });

  test.each([
    ['not an INSERT', 'DELETE FROM t WHERE day > 1'],
    ['VALUES', 'INSERT INTO t (x) VALUES (1)'],
    ['an upsert', 'INSERT INTO t (x) SELECT 1 ON CONFLICT (x) DO NOTHING'],
    ['rows returned', 'INSERT INTO t (x) SELECT 1 RETURNING x'],
    ['a WITH that deletes', 'WITH gone AS (DELETE FROM t RETURNING x) INSERT INTO u (x) SELECT x FROM gone'],
    ['no column list', 'INSERT INTO t SELECT 1'],
    ['two WITHs', 'WITH a AS (SELECT 1) INSERT INTO t (x) WITH b AS (SELECT 2) SELECT 1'],
  ])('%s is not split', (_, sql) => {
    expect(splitInsertSelect(sql)).toBeNull();
  });
});

describe('queryWithParallelSelect', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase();
  });
  afterAll(() => t.close());

  const rowsOf = (tx: Queryable) => tx.query('SELECT id, day, label FROM target ORDER BY id');

  test('writes the rows a plain INSERT writes, cast to the table\'s types, and leaves no temporary table', async () => {
    await t.db.transaction(async (tx) => {
      await tx.query('CREATE TEMP TABLE target (id int PRIMARY KEY, day date NOT NULL, label text NOT NULL) ON COMMIT DROP');
      await tx.query(`CREATE TEMP TABLE source ON COMMIT DROP AS SELECT g AS n FROM generate_series(1, 3) g`);
      // Columns out of the table's order, a bigint into an int, a literal that only the table
      // makes a date.
      await queryWithParallelSelect(
        tx,
        `WITH s AS (SELECT n::bigint AS n FROM source) INSERT INTO target (label, id, day)
         SELECT 'n' || n, n, '2021-03-01' FROM s ORDER BY n`
      );
      expect(await rowsOf(tx)).toEqual([
        { id: 1, day: '2021-03-01', label: 'n1' },
        { id: 2, day: '2021-03-01', label: 'n2' },
        { id: 3, day: '2021-03-01', label: 'n3' },
      ]);
      expect(await tx.query(`SELECT to_regclass('rows_read_in_parallel') IS NULL AS gone`)).toEqual([{ gone: true }]);
      // A second statement can use the temporary table's name again.
      await queryWithParallelSelect(tx, `INSERT INTO target (id, day, label) SELECT n + 3, DATE '2021-04-01', '' FROM source`);
      expect((await rowsOf(tx)).length).toBe(6);
    });
  });

  test('a statement it cannot split is refused on PostgreSQL with a sentence, and run as it is on PGlite', async () => {
    await t.db.transaction(async (tx) => {
      await tx.query('CREATE TEMP TABLE target (id int PRIMARY KEY) ON COMMIT DROP');
      const upsert = 'INSERT INTO target (id) SELECT 7 ON CONFLICT (id) DO NOTHING';
      if (TEST_DATABASE === 'pglite') {
        await queryWithParallelSelect(tx, upsert);
        expect(await tx.query('SELECT id FROM target')).toEqual([{ id: 7 }]);
      } else {
        await expect(queryWithParallelSelect(tx, upsert)).rejects.toThrow(
          'This statement cannot be read in parallel, as it is not one plain INSERT … SELECT: INSERT INTO target (id) SELECT 7 ON CONFLICT'
        );
      }
    });
  });

  (TEST_DATABASE === 'postgres' ? test : test.skip)(
    'PostgreSQL reads the SELECT on parallel workers, which see the rows the transaction wrote before it',
    async () => {
      await t.db.transaction(async (tx) => {
        await tx.query('CREATE TABLE fact (n int) WITH (parallel_workers = 2)');
        await tx.query('INSERT INTO fact SELECT generate_series(1, 100000)');
        // Parallel plans made free, so that the planner picks one for these few rows.
        for (const s of ['parallel_setup_cost = 0', 'parallel_tuple_cost = 0', 'min_parallel_table_scan_size = 0']) {
          await tx.query(`SET LOCAL ${s}`);
        }
        const split = splitInsertSelect('INSERT INTO target (n, total) SELECT count(*), sum(n) FROM fact')!;
        const plan = (await tx.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, COSTS OFF) ${split.readRows}`))
          .map((r) => r['QUERY PLAN'])
          .join('\n');
        expect(plan).toMatch(/Workers Launched: [12]/);
        expect(await tx.query('SELECT n, total FROM rows_read_in_parallel')).toEqual([{ n: 100000, total: 5000050000 }]);
      });
    }
  );
});
