/**
 * Personal data (EXTRACT.md): a dump of the store holds no fiscal code and no IBAN of the input,
 * not even of rejected rows, only pseudonyms. PostgreSQL: pg_dump of the test database; PGlite:
 * every file of its data folder on disk (tables, WAL, everything).
 */
import { execFileSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from '../db/open';
import { TEST_DATABASE, openTestDatabase } from '../testing/testDatabase';
import { applicationRow as app, removeTempDirs, sr41Row as sr, tempDir } from './fixtures/extractFolder';
import { fileCounts, loadSpec, TEST_KEY } from './fixtures/loadTesting';

const PEOPLE = [
  { cf: 'RSSMRA80A01L219X', iban: 'IT60X0542811101000000123456' }, // loaded
  { cf: 'BNCGVN75C41F205Z', iban: 'IT02L1234512345123456789012' }, // rejected: ore 0
  { cf: 'VRDLGU62T10H501K', iban: 'IT40S0542811101000000654321' }, // rejected: fields shifted by one
  { cf: 'nrelcu90e45a662q', iban: 'IT71Q0300203280000400162880' }, // rejected: lower case fiscal code, SCARTATO without reason
];

function folderBytes(dir: string): Buffer[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? folderBytes(path) : [readFileSync(path)];
  });
}

afterAll(removeTempDirs);

test('a dump of the store holds no input fiscal code or IBAN, only pseudonyms', async () => {
  const dir = tempDir('dasmo-privacy-');
  const server = TEST_DATABASE === 'postgres' ? await openTestDatabase() : null;
  const dataDir = join(dir, 'store');
  const db = server ? server.db : await openDatabase({ dataDir });
  try {
    const s = await loadSpec(db, dir, '2021-03-31', {
      domande: [app(), app({ stato: 'AUTORIZZATA', ore_autorizzate: '700', data_stato: '2021-03-05' })],
      sr41: [
        sr({ codice_fiscale: PEOPLE[0].cf, iban: PEOPLE[0].iban }),
        sr({ id_sr41: 'S2', codice_fiscale: PEOPLE[1].cf, iban: PEOPLE[1].iban, ore: '0' }),
        `S3;D1;x;${PEOPLE[2].cf};${PEOPLE[2].iban};2021-02;120;1100.50;2021-03-10;RICEVUTO;2021-03-10;`,
        sr({ id_sr41: 'S4', codice_fiscale: PEOPLE[3].cf, iban: PEOPLE[3].iban, stato: 'SCARTATO' }),
      ],
    });
    expect(fileCounts(s, 'sr41.csv')).toEqual({
      read: 4, loaded: 1, duplicates: 0, rejected: 3,
      rejectsByReason: { NUMERO_NON_VALIDO: 1, COLONNE_ERRATE: 1, MOTIVO_SCARTO_NON_COERENTE: 1 },
    });
    let dump: string;
    if (server) {
      dump = execFileSync('pg_dump', ['--no-owner', server.url!], { maxBuffer: 64 << 20 }).toString('utf8');
    } else {
      await db.close();
      dump = folderBytes(dataDir).map((b) => b.toString('latin1')).join('\n');
    }
    // The dump does hold the data: the loaded worker's pseudonym is there.
    expect(dump).toContain(createHmac('sha256', TEST_KEY).update(PEOPLE[0].cf).digest('hex'));
    for (const p of PEOPLE) {
      expect(dump.toUpperCase()).not.toContain(p.cf.toUpperCase());
      expect(dump.toUpperCase()).not.toContain(p.iban);
    }
  } finally {
    if (server) {await server.close();}
    else {await db.close().catch(() => undefined);}
  }
});
