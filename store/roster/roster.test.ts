/** The user roster (EXTRACT.md): checked as a whole, replaced as a whole, profiles active from the day after. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { removeTempDirs, tempDir } from '../load/fixtures/extractFolder';
import { openTestDatabase, type TestDatabase } from '../testing/testDatabase';
import { activeUser } from './activeUser';
import { loadRoster, RosterRefused } from './roster';

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(async () => {
  await t.close();
  removeTempDirs();
});

function rosterFile(lines: string[]): string {
  const path = join(tempDir('dasmo-roster-'), 'utenti.csv');
  writeFileSync(path, `${lines.join('\r\n')}\r\n`);
  return path;
}

const HEADER = 'login;nome;ruolo;regione;attivo_dal;attivo_al';

test('a valid roster is loaded; unknown columns are ignored and reported', async () => {
  const path = rosterFile([
    `\uFEFF${HEADER};note`,
    'mrossi;Mario Rossi;DIRETTORE_REGIONALE;03;2021-07-20;;x',
    'lbianchi;"Bianchi; Laura";DIREZIONE_CENTRALE;;2021-07-20;2021-12-31;',
  ]);
  expect(await loadRoster(t.db, path)).toEqual({ users: 2, ignoredColumns: ['note'] });
  expect(await t.db.query('SELECT login, full_name, role, region_code, active_from, active_to FROM app_user ORDER BY login')).toEqual([
    { login: 'lbianchi', full_name: 'Bianchi; Laura', role: 'DIREZIONE_CENTRALE', region_code: null, active_from: '2021-07-20', active_to: '2021-12-31' },
    { login: 'mrossi', full_name: 'Mario Rossi', role: 'DIRETTORE_REGIONALE', region_code: '03', active_from: '2021-07-20', active_to: null },
  ]);
});

test('a profile granted on a day works from the next day through attivo_al included', async () => {
  await loadRoster(t.db, rosterFile([HEADER, 'fverdi;Franca Verdi;FUNZIONARIO_PO;12;2021-07-20;2021-07-31']));
  expect(await activeUser(t.db, 'fverdi', '2021-07-20')).toBeNull();
  expect(await activeUser(t.db, 'fverdi', '2021-07-21')).toEqual({ login: 'fverdi', role: 'FUNZIONARIO_PO', regionCode: '12' });
  expect(await activeUser(t.db, 'fverdi', '2021-07-31')).toEqual({ login: 'fverdi', role: 'FUNZIONARIO_PO', regionCode: '12' });
  expect(await activeUser(t.db, 'fverdi', '2021-08-01')).toBeNull();
  expect(await activeUser(t.db, 'nessuno', '2021-07-25')).toBeNull();
});

test('national roles see all of Italy: no region scope even if the roster names one', async () => {
  await loadRoster(t.db, rosterFile([HEADER, 'admin;Amministratore DASMO;AMMINISTRATORE;12;2021-01-01;']));
  expect(await activeUser(t.db, 'admin', '2021-07-25')).toEqual({ login: 'admin', role: 'AMMINISTRATORE', regionCode: null });
});

test('loading a roster replaces the previous one', async () => {
  await loadRoster(t.db, rosterFile([HEADER, 'uno;Uno;DIRIGENTE;01;2021-01-01;', 'due;Due;DIRIGENTE;01;2021-01-01;']));
  await loadRoster(t.db, rosterFile([HEADER, 'tre;Tre;DIRETTORE_SEDE;05;2021-01-01;']));
  expect(await t.db.query('SELECT login FROM app_user')).toEqual([{ login: 'tre' }]);
  expect(await activeUser(t.db, 'uno', '2021-07-25')).toBeNull();
});

test('bad rows refuse the whole roster, every problem named by line; the previous roster stays', async () => {
  await loadRoster(t.db, rosterFile([HEADER, 'resta;Resta;DIRIGENTE;01;2021-01-01;']));
  const path = rosterFile([
    HEADER,
    'ok;Va Bene;DIRIGENTE;01;2021-01-01;',
    'consulente;Studio Paghe;CONSULENTE_LAVORO;01;2021-01-01;',
    'senzaregione;Senza Regione;DIRETTORE_SEDE;;2021-01-01;',
    'regione99;Regione Ignota;DIRIGENTE;99;2021-01-01;',
    'data;Data Sbagliata;DIRIGENTE;01;20/07/2021;',
    'ok;Doppio;DIRIGENTE;01;2021-01-01;',
    'fine;Fine Prima;DIRIGENTE;01;2021-07-20;2021-07-19',
    ';;DIRIGENTE;01;2021-01-01;',
    'corta;Riga Corta;DIRIGENTE',
  ]);
  const error = await loadRoster(t.db, path).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(RosterRefused);
  expect((error as RosterRefused).problems).toEqual([
    'line 3: ruolo "CONSULENTE_LAVORO" is not one of DIREZIONE_CENTRALE, DIRETTORE_REGIONALE, DIRETTORE_SEDE, DIRIGENTE, FUNZIONARIO_PO, AMMINISTRATORE',
    'line 4: regione is required for ruolo DIRETTORE_SEDE',
    'line 5: regione "99" is not a known region',
    'line 6: attivo_dal "20/07/2021" is not a date written AAAA-MM-GG',
    'line 7: login ok is already on line 2',
    'line 8: attivo_al 2021-07-19 is before attivo_dal 2021-07-20',
    'line 9: login is empty',
    'line 9: nome is empty',
    'line 10: the row has 3 fields, the header has 6',
  ]);
  expect(await t.db.query('SELECT login FROM app_user')).toEqual([{ login: 'resta' }]);
});

test('a roster without a required column is refused, naming it', async () => {
  const error = await loadRoster(t.db, rosterFile(['login;nome;ruolo;attivo_dal;attivo_al', 'a;A;DIRIGENTE;2021-01-01;'])).catch((e: unknown) => e);
  expect((error as RosterRefused).problems).toEqual([
    'utenti.csv: the header lacks the required column regione (names must be exact; found: login;nome;ruolo;attivo_dal;attivo_al).',
  ]);
});
