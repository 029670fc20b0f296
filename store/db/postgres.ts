import { Pool, types, type PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { copyStatement, keepDate, parseInt8, parseNumeric, TYPE_OIDS, type Database, type Queryable } from './database';

const typeParsers = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === TYPE_OIDS.int8) {return parseInt8;}
    if (oid === TYPE_OIDS.numeric) {return parseNumeric;}
    if (oid === TYPE_OIDS.date) {return keepDate;}
    return types.getTypeParser(oid, format);
  },
};

function queryable(client: Pool | PoolClient): Queryable {
  return {
    async query(sql, params) {
      const r = await client.query({ text: sql, values: params as unknown[] | undefined, types: typeParsers });
      return r.rows;
    },
    async exec(sql) {
      await client.query(sql);
    },
    async copyCsv(table, columns, csv) {
      const copy = async (own: PoolClient) => {
        const stream = own.query(copyFrom(copyStatement(table, columns, 'STDIN')));
        await pipeline(Readable.from([csv]), stream);
      };
      await (client instanceof Pool ? withClient(client, copy) : copy(client));
    },
  };
}

/**
 * One client of the pool for `job`. A checked-out client whose server goes away (database
 * restarted, network cut) emits 'error' besides failing its statement: without a listener that
 * event would end the whole process (store/api/faults/outageInFlight.test.ts). The lost client
 * goes back with its error, so the pool drops it instead of lending it again.
 */
async function withClient<T>(pool: Pool, job: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let lost: Error | undefined;
  const onError = (e: Error) => (lost = e);
  client.on('error', onError);
  try {
    return await job(client);
  } finally {
    client.off('error', onError);
    client.release(lost);
  }
}

export function openPostgres(url: string, poolSize = 10): Database {
  const pool = new Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: 5000 });
  // An idle client losing its server must not crash the process; the next query reports it.
  pool.on('error', () => undefined);
  const base = queryable(pool);
  return {
    kind: 'postgres',
    ...base,
    transaction: (fn) =>
      withClient(pool, async (client) => {
        try {
          await client.query('BEGIN');
          const result = await fn(queryable(client));
          await client.query('COMMIT');
          return result;
        } catch (e) {
          await client.query('ROLLBACK').catch(() => undefined);
          throw e;
        }
      }),
    close: () => pool.end(),
  };
}
