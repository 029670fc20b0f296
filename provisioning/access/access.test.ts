/**
 * The access script against a Grafana stand-in (a real HTTP server): the first run creates the
 * teams, the workspace folder, memberships and folder permissions; a second run changes nothing;
 * a user leaving the roster leaves the team; a dry run sends no writes.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from './apply';
import { GrafanaDouble, type DoubleState } from './grafanaDouble';

const ADMIN = 'admin:segreto-di-prova';
const TODAY = '2021-04-01';
const HEADER = 'login;nome;ruolo;regione;attivo_dal;attivo_al';
const ROSTER = [
  'centrale;Maria Rossi;DIREZIONE_CENTRALE;;2021-01-01;',
  'dr.lombardia;Luca Bianchi;DIRETTORE_REGIONALE;03;2021-01-01;',
  'ds.milano;Anna Verdi;DIRETTORE_SEDE;03;2021-01-01;',
  'dirigente.to;Paolo Neri;DIRIGENTE;01;2021-01-01;',
  // Granted yesterday: active today. Granted today: active from tomorrow.
  'po.to;Giulia Gallo;FUNZIONARIO_PO;01;2021-03-31;',
  'po.nuovo;Marco Costa;FUNZIONARIO_PO;01;2021-04-01;',
  'admin.dasmo;Sara Fontana;AMMINISTRATORE;;2021-01-01;',
  // Ended yesterday: no longer active.
  'scaduto;Elena Conti;DIRIGENTE;05;2020-01-01;2021-03-31',
  // Never signed in to Grafana.
  'mai.entrato;Franco Ricci;DIRETTORE_SEDE;05;2021-01-01;',
  // An administrator whose profile ended: back to Viewer.
  'ex.admin;Carla Moretti;AMMINISTRATORE;;2020-01-01;2021-03-31',
];

let dir: string;
let double: GrafanaDouble;
let url: string;

function initialGrafana(): DoubleState {
  const logins = ['admin', 'centrale', 'dr.lombardia', 'ds.milano', 'dirigente.to', 'po.to', 'po.nuovo', 'admin.dasmo', 'scaduto', 'ex.admin'];
  const users = logins.map((login, i) => ({ id: i + 1, login, role: login === 'admin' || login === 'ex.admin' ? 'Admin' : 'Viewer' }));
  const folders = [
    { id: 11, uid: 'f-naz', title: 'Nazionale' },
    { id: 12, uid: 'f-reg', title: 'Regionale' },
    { id: 13, uid: 'f-sede', title: 'Sede' },
  ];
  return { users, folders, teams: [], permissions: Object.fromEntries(folders.map((f) => [f.uid, GrafanaDouble.defaultPermissions()])) };
}

async function run(roster: string[], ...args: string[]): Promise<{ code: number; lines: string[] }> {
  const path = join(dir, 'utenti.csv');
  writeFileSync(path, [HEADER, ...roster].join('\n') + '\n');
  const lines: string[] = [];
  const [user, password] = ADMIN.split(':');
  const code = await main(['--roster', path, ...args], { GRAFANA_URL: url, GRAFANA_ADMIN_USER: user, GRAFANA_ADMIN_PASSWORD: password, DASMO_TODAY: TODAY }, (l) => lines.push(l));
  return { code, lines };
}

/** Team name → member logins, from the stand-in's state. */
function memberships(): Record<string, string[]> {
  const login = (id: number) => double.state.users.find((u) => u.id === id)!.login;
  return Object.fromEntries(double.state.teams.map((t) => [t.name, t.members.map(login).sort()]));
}

/** Folder title → "team: permission" entries, from the stand-in's state. */
function permissions(): Record<string, string[]> {
  const team = (id: number) => double.state.teams.find((t) => t.id === id)?.name;
  const name = { 1: 'View', 2: 'Edit', 4: 'Admin' } as Record<number, string>;
  return Object.fromEntries(
    double.state.folders.map((f) => [f.title, double.state.permissions[f.uid].map((p) => `${p.teamId ? team(p.teamId) : p.role}: ${name[p.permission]}`).sort()])
  );
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dasmo-access-'));
  double = new GrafanaDouble(initialGrafana(), ADMIN);
  url = await double.start();
});
afterEach(async () => {
  await double.stop();
  rmSync(dir, { recursive: true, force: true });
  expect(double.violations).toEqual([]);
});

test('the first run creates teams, the workspace folder, memberships, organisation roles and folder permissions', async () => {
  const { code, lines } = await run(ROSTER);
  expect(code).toBe(0);
  expect(memberships()).toEqual({
    'DASMO Direzione centrale': ['centrale'],
    'DASMO Direttori regionali': ['dr.lombardia'],
    'DASMO Direttori di sede': ['ds.milano'],
    'DASMO Dirigenti': ['dirigente.to'],
    'DASMO Funzionari PO': ['po.to'],
    'DASMO Amministratori': ['admin.dasmo'],
  });
  expect(permissions()).toEqual({
    Nazionale: ['DASMO Amministratori: Admin', 'DASMO Direzione centrale: View'],
    Regionale: ['DASMO Amministratori: Admin', 'DASMO Direttori regionali: View', 'DASMO Direzione centrale: View'],
    Sede: ['DASMO Amministratori: Admin', 'DASMO Direttori di sede: View', 'DASMO Direttori regionali: View', 'DASMO Direzione centrale: View', 'DASMO Dirigenti: View', 'DASMO Funzionari PO: View'],
    'Spazio di lavoro': ['DASMO Amministratori: Admin', 'DASMO Dirigenti: Edit', 'DASMO Funzionari PO: Edit'],
  });
  expect(double.state.folders.find((f) => f.title === 'Spazio di lavoro')?.uid).toBe('dasmo-spazio-di-lavoro');
  // Administrators manage Grafana; the one whose profile ended does not any more.
  expect(Object.fromEntries(double.state.users.filter((u) => u.role !== 'Viewer').map((u) => [u.login, u.role]))).toEqual({ admin: 'Admin', 'admin.dasmo': 'Admin' });
  // 1 folder + 6 teams + 6 members + 2 organisation roles + 4 folder permissions.
  expect(lines[0]).toBe(`grafana:access made 19 change(s) for 10 roster users on ${TODAY}.`);
  expect(lines).toContain('  not yet Grafana users (never signed in), added on a later run: mai.entrato');
  expect(double.writes()).toHaveLength(19);
});

test('a second run makes no changes and sends only reads', async () => {
  await run(ROSTER);
  const before = double.requests.length;
  const { lines } = await run(ROSTER);
  expect(lines[0]).toBe(`grafana:access made 0 change(s) for 10 roster users on ${TODAY}.`);
  expect(double.requests.slice(before).filter((r) => r.method !== 'GET')).toEqual([]);
});

test('a user removed from the roster, or whose profile ended, is removed from the team', async () => {
  await run(ROSTER);
  const before = double.requests.length;
  const { lines } = await run(ROSTER.filter((l) => !l.startsWith('dr.lombardia;')));
  expect(lines.slice(1, 2)).toEqual(['  remove dr.lombardia from team "DASMO Direttori regionali"']);
  expect(memberships()['DASMO Direttori regionali']).toEqual([]);
  expect(double.requests.slice(before).filter((r) => r.method !== 'GET')).toEqual([{ method: 'DELETE', path: '/api/teams/2/members/3' }]);
  // The next day po.nuovo's profile is active: added.
  const next = await main(['--roster', join(dir, 'utenti.csv')], { GRAFANA_URL: url, GRAFANA_ADMIN_USER: 'admin', GRAFANA_ADMIN_PASSWORD: 'segreto-di-prova', DASMO_TODAY: '2021-04-02' }, () => undefined);
  expect(next).toBe(0);
  expect(memberships()['DASMO Funzionari PO']).toEqual(['po.nuovo', 'po.to']);
});

test('a dry run sends no writes and plans exactly what the real run then does', async () => {
  const dry = await run(ROSTER, '--dry-run');
  expect(double.writes()).toEqual([]);
  expect(dry.lines[0]).toBe(`grafana:access would make 19 change(s) for 10 roster users on ${TODAY} (dry run: nothing sent but reads).`);
  expect(double.state.teams).toEqual([]);
  const real = await run(ROSTER);
  expect(real.lines.slice(1)).toEqual(dry.lines.slice(1));
});

test('manual changes in Grafana are put back: an extra member and the default folder roles', async () => {
  await run(ROSTER);
  double.state.teams.find((t) => t.name === 'DASMO Dirigenti')!.members.push(9); // scaduto, added by hand
  double.state.permissions['f-naz'] = GrafanaDouble.defaultPermissions();
  const { lines } = await run(ROSTER);
  expect(lines.slice(1)).toEqual([
    '  remove scaduto from team "DASMO Dirigenti"',
    '  set permissions of folder "Nazionale" to DASMO Direzione centrale: View, DASMO Amministratori: Admin',
    '  not yet Grafana users (never signed in), added on a later run: mai.entrato',
  ]);
  expect(permissions().Nazionale).toEqual(['DASMO Amministratori: Admin', 'DASMO Direzione centrale: View']);
});

test('without a provisioned folder the script stops and says which', async () => {
  double.state.folders = double.state.folders.filter((f) => f.title !== 'Sede');
  await expect(run(ROSTER)).rejects.toThrow('Grafana has no folder "Sede": dashboard provisioning creates it from dashboards/Sede/');
});
