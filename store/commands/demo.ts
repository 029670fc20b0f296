/**
 * `dasmo demo` (what `npm start` runs): the store with demo data and nothing to set up. The first
 * start generates a small synthetic history with some bad rows mixed in, loads it through the
 * real loader (with a pseudonym key made for it), loads a demo roster, and serves the API; the
 * token and the key are made once and kept, mode 0600, in the data folder. Later starts reuse it all.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from '../db/database';
import { databaseSettingsFromEnv, openDatabase } from '../db/open';
import { latestReferenceDate, loadFolders } from '../load';
import { loadRoster } from '../roster/roster';
import { generateExtracts } from '../seed/generate';
import { startServer } from '../api/server';
import { listenOptions } from './serve';

export const summary = 'start the store with demo data (first start generates and loads it), serving the API on 8080';

/** Demo history: everything up to the first day in one folder, then a month of daily folders. */
const DEMO_HISTORY = { scale: 0.001, from: '2021-07-15', to: '2021-07-31', seed: 2668, dirty: 0.01 };

/** One user per role: the national ones, and each regional role in Lombardia (03) and Campania (15). */
const DEMO_ROSTER = [
  ['centrale', 'Direzione centrale (demo)', 'DIREZIONE_CENTRALE', ''],
  ['amministratore', 'Amministratore DASMO (demo)', 'AMMINISTRATORE', ''],
  ...[
    ['lombardia', '03'],
    ['campania', '15'],
  ].flatMap(([name, region]) => [
    [`regionale.${name}`, `Direttore regionale ${name} (demo)`, 'DIRETTORE_REGIONALE', region],
    [`sede.${name}`, `Direttore di sede ${name} (demo)`, 'DIRETTORE_SEDE', region],
    [`dirigente.${name}`, `Dirigente ${name} (demo)`, 'DIRIGENTE', region],
    [`funzionario.${name}`, `Funzionario PO ${name} (demo)`, 'FUNZIONARIO_PO', region],
  ]),
];

/** A secret made once and kept in the demo folder, readable by its owner only. */
function keptSecret(dir: string, name: string): string {
  const path = join(dir, name);
  if (!existsSync(path)) {
    writeFileSync(path, `${randomBytes(24).toString('base64url')}\n`, { mode: 0o600 });
  }
  return readFileSync(path, 'utf8').trim();
}

async function loadDemoData(db: Database, demoDir: string, pseudonymKey: string): Promise<void> {
  const inbox = mkdtempSync(join(tmpdir(), 'dasmo-demo-'));
  try {
    process.stdout.write(`First start: generating a demo history (scale ${DEMO_HISTORY.scale}, up to ${DEMO_HISTORY.to})…\n`);
    generateExtracts({ ...DEMO_HISTORY, out: inbox });
    const folders = readdirSync(inbox).map((f) => join(inbox, f));
    process.stdout.write(`Loading ${folders.length} extract folders (a minute or two)…\n`);
    const result = await loadFolders(db, folders, { pseudonymKey, quarantineDir: join(demoDir, 'quarantena') });
    const rejected = result.folders.flatMap((f) => f.files).reduce((n, f) => n + f.rejected, 0);
    process.stdout.write(`Loaded ${result.folders.length - result.refused} folders; ${rejected} bad rows quarantined on purpose.\n`);
  } finally {
    rmSync(inbox, { recursive: true, force: true });
  }
  const roster = join(demoDir, 'utenti.csv');
  const lines = DEMO_ROSTER.map((u) => [...u, '2021-01-01', ''].join(';'));
  writeFileSync(roster, ['login;nome;ruolo;regione;attivo_dal;attivo_al', ...lines].join('\n') + '\n');
  await loadRoster(db, roster);
}

export async function run(argv: string[]): Promise<number> {
  let listen: { port: number; host: string };
  try {
    listen = listenOptions(argv);
  } catch (e) {
    process.stderr.write(`dasmo demo: ${(e as Error).message}\n`);
    return 2;
  }
  const settings = databaseSettingsFromEnv();
  // The demo's own files sit beside the embedded database, in the same data folder.
  const demoDir = join(settings.dataDir, 'dasmo-demo');
  mkdirSync(demoDir, { recursive: true });
  const token = process.env.DASMO_API_TOKEN || keptSecret(demoDir, 'api-token');
  const pseudonymKey = process.env.DASMO_PSEUDONYM_KEY || keptSecret(demoDir, 'pseudonym-key');
  const db = await openDatabase(settings);
  if ((await latestReferenceDate(db)) === null) {
    await loadDemoData(db, demoDir, pseudonymKey);
  }
  const server = await startServer({ db, token, ...listen, logLevel: process.env.DASMO_LOG_LEVEL ?? 'warn' });
  const url = `http://localhost:${listen.port}`;
  process.stdout.write(
    [
      '',
      `DASMO store (demo) on ${url}   (data: ${settings.url ? 'PostgreSQL' : settings.dataDir}, dati al ${await latestReferenceDate(db)})`,
      `Token: ${token}   (kept in ${join(demoDir, 'api-token')})`,
      `Demo logins (X-Grafana-User): ${DEMO_ROSTER.map((u) => u[0]).join(', ')}`,
      '',
      'Try:',
      `  curl -s -H 'Authorization: Bearer ${token}' -H 'X-Grafana-User: regionale.lombardia' \\`,
      `       -H 'Content-Type: application/json' ${url}/api/query \\`,
      `       -d '{"range":{"from":"2021-07-01","to":"2021-07-31"},"queries":[{"refId":"A","subject":"domande","measure":"in_giacenza","groupBy":["prestazione"],"interval":"none"}]}'`,
      `  curl -s ${url}/api/health      ${url}/api/openapi.json`,
      '',
    ].join('\n') + '\n'
  );
  await server.closed;
  return 0;
}
