/** `dasmo load <folder>… [--json]`: loads nightly extract folders (EXTRACT.md) into the store. */
import { openDatabase } from '../db/open';
import { formatSummary, loadFolders, pseudonymKeyForCommand } from '../load';
import { progressReporter } from '../load/progressBar';

export const summary = 'load extract folders (manifest.json, domande.csv, sr41.csv) in date order; --json for a JSON summary';

export async function run(argv: string[]): Promise<number> {
  const json = argv.includes('--json');
  const folders = argv.filter((a) => a !== '--json');
  const unknown = folders.filter((a) => a.startsWith('--'));
  if (unknown.length > 0 || folders.length === 0) {
    process.stderr.write(
      `${unknown.length > 0 ? `Unknown option ${unknown.join(', ')}. ` : ''}Usage: dasmo load <folder>… [--json]\n` +
        'Needs DASMO_PSEUDONYM_KEY; the store is DASMO_DATABASE_URL (PostgreSQL) or DASMO_DATA_DIR (embedded).\n'
    );
    return 2;
  }
  const pseudonymKey = pseudonymKeyForCommand('load');
  if (pseudonymKey === null) {return 2;}
  const db = await openDatabase();
  try {
    const result = await loadFolders(db, folders, {
      pseudonymKey,
      onProgress: progressReporter(),
      quarantineDir: process.env.DASMO_QUARANTINE_DIR || undefined,
    });
    process.stdout.write(json ? `${JSON.stringify(result, null, 2)}\n` : `${formatSummary(result)}\n`);
    return result.refused > 0 ? 1 : 0;
  } finally {
    await db.close();
  }
}
