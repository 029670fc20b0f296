/**
 * Measures the loader's reading phase alone (parsing, the checks of each row, pseudonyms, COPY
 * into the staging tables) on an extract folder, then rolls the transaction back: the store is
 * left as it was. Not a test: run by hand, e.g.
 *   DASMO_DATABASE_URL=postgres://… npx tsx store/load/bench/readRate.ts <inbox>/2021-03-31
 * With `--no-copy` the COPY text is built but not sent, which isolates the loader's own work
 * (on the embedded database when DASMO_DATABASE_URL is unset).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Queryable } from '../../db/database';
import { openDatabase } from '../../db/open';
import type { ReferenceData } from '../applicationRows';
import { fileRules } from '../fileRules';
import { pseudonymiser } from '../pseudonym';
import { readExtractFile } from '../readExtractFile';
import { APPLICATION_SUBJECT, SR41_SUBJECT, STAGING_SQL } from '../subjects';
import { benchDatabaseName, serverCpuNow } from './serverCpu';

class RolledBack extends Error {}

/** A transaction whose COPY only takes the text: what the loader costs with the database out of the way. */
function withoutCopy(tx: Queryable): Queryable {
  return { query: (sql, params) => tx.query(sql, params), exec: (sql) => tx.exec(sql), copyCsv: async () => undefined };
}

async function main() {
  const args = process.argv.slice(2);
  const noCopy = args.includes('--no-copy');
  const folder = args.find((a) => !a.startsWith('--'));
  if (!folder) {throw new Error('usage: readRate.ts [--no-copy] <extract folder>');}
  const day = (JSON.parse(readFileSync(join(folder, 'manifest.json'), 'utf8')) as { dataRiferimento: string }).dataRiferimento;
  const db = await openDatabase();
  const offices = await db.query<{ office_code: string; region_code: string }>('SELECT office_code, region_code FROM office');
  const regions = await db.query<{ region_code: string }>('SELECT region_code FROM region');
  const reference: ReferenceData = {
    officeRegion: new Map(offices.map((o) => [o.office_code, o.region_code])),
    regions: new Set(regions.map((r) => r.region_code)),
  };
  const database = benchDatabaseName(db.kind);
  const pseudonym = pseudonymiser('bench-key-0123456789abcdef');
  const files = [APPLICATION_SUBJECT, SR41_SUBJECT].map((subject) => fileRules(subject, day, reference, pseudonym));
  try {
    await db.transaction(async (tx) => {
      await tx.exec(STAGING_SQL);
      for (const rules of files) {
        const cpu = process.cpuUsage();
        const server = serverCpuNow(database);
        const started = Date.now();
        const read = await readExtractFile(noCopy ? withoutCopy(tx) : tx, folder, rules);
        const seconds = (Date.now() - started) / 1000;
        const used = process.cpuUsage(cpu);
        process.stdout.write(
          `${db.kind}${noCopy ? ' (no COPY)' : ''} ${rules.name}: ${read.read} rows (${read.staged} staged, ${read.rejected.size} rejected) ` +
            `in ${seconds.toFixed(1)} s = ${Math.round(read.read / seconds)} rows/s; CPU: loader ${((used.user + used.system) / 1e6).toFixed(1)} s, ` +
            `database server ${(serverCpuNow(database) - server).toFixed(1)} s\n`
        );
      }
      throw new RolledBack();
    });
  } catch (e) {
    if (!(e instanceof RolledBack)) {throw e;}
  } finally {
    await db.close();
  }
}

void main();
