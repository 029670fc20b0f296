/** `dasmo users <utenti.csv>`: replaces the user roster (EXTRACT.md "The user roster"). */
import { openDatabase } from '../db/open';
import { loadRoster, RosterRefused } from '../roster/roster';

export const summary = 'replace the user roster from utenti.csv (login;nome;ruolo;regione;attivo_dal;attivo_al)';

export async function run(argv: string[]): Promise<number> {
  if (argv.length !== 1 || argv[0].startsWith('--')) {
    process.stderr.write('Usage: dasmo users <utenti.csv>\n');
    return 2;
  }
  const db = await openDatabase();
  try {
    const result = await loadRoster(db, argv[0]);
    if (result.ignoredColumns.length > 0) {process.stdout.write(`Ignored columns: ${result.ignoredColumns.join(', ')}\n`);}
    process.stdout.write(`Roster loaded: ${result.users} users; it replaces the previous one.\n`);
    return 0;
  } catch (e) {
    if (e instanceof RosterRefused) {
      process.stderr.write(`dasmo users: ${e.message}\n`);
      return 1;
    }
    throw e;
  } finally {
    await db.close();
  }
}
