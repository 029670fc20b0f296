/** `dasmo load <folder>… [--json]`: loads nightly extract folders (EXTRACT.md) into the store. */
import { openDatabase } from '../db/open';
import { formatSummary, loadFolders, pseudonymKeyForCommand } from '../load';
import { progressReporter } from '../load/progressBar';
import { FolderRefused } from '../load/refusal';

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
  // A stop request undoes the folder in progress (all or nothing) rather than waiting for its end.
  const stop = new AbortController();
  const onSignal = (signal: string) => {
    process.stderr.write(`dasmo load: ${signal} received, stopping: the folder in progress is undone and the next ones are not loaded.\n`);
    stop.abort(new FolderRefused(`the load was stopped by ${signal} before this folder was complete; nothing of it was loaded, load it again`));
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  const db = await openDatabase();
  try {
    const result = await loadFolders(db, folders, {
      pseudonymKey,
      onProgress: progressReporter(),
      quarantineDir: process.env.DASMO_QUARANTINE_DIR || undefined,
      signal: stop.signal,
    });
    process.stdout.write(json ? `${JSON.stringify(result, null, 2)}\n` : `${formatSummary(result)}\n`);
    const notStarted = folders.length - result.folders.length;
    if (stop.signal.aborted) {
      process.stderr.write(`dasmo load: stopped before the end; ${notStarted} folder${notStarted === 1 ? ' was' : 's were'} not started.\n`);
      return 1;
    }
    return result.refused > 0 ? 1 : 0;
  } finally {
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
    await db.close();
  }
}
