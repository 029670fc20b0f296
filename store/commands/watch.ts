/** `dasmo watch <inbox>`: loads each extract folder as it arrives; stops cleanly on SIGTERM/SIGINT. */
import { openDatabase } from '../db/open';
import { formatSummary, pseudonymKeyForCommand } from '../load';
import { progressReporter } from '../load/progressBar';
import { watchInbox } from '../load/watchInbox';

export const summary = 'watch an inbox: load each folder once its manifest.json appears, then archive or quarantine it';

export async function run(argv: string[]): Promise<number> {
  if (argv.length !== 1 || argv[0].startsWith('--')) {
    process.stderr.write('Usage: dasmo watch <inbox>\n');
    return 2;
  }
  const pseudonymKey = pseudonymKeyForCommand('watch');
  if (pseudonymKey === null) {return 2;}
  const inbox = argv[0];
  const stop = new AbortController();
  const onSignal = (signal: string) => {
    process.stderr.write(`dasmo watch: ${signal} received, stopping after the folder in progress.\n`);
    stop.abort();
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  const db = await openDatabase();
  try {
    process.stderr.write(`dasmo watch: watching ${inbox}\n`);
    await watchInbox(
      db,
      inbox,
      {
        pseudonymKey,
        onProgress: progressReporter(),
        quarantineDir: process.env.DASMO_QUARANTINE_DIR || undefined,
        onFolder: (s, movedTo) =>
          process.stdout.write(`${formatSummary({ folders: [s], refused: s.outcome === 'RIFIUTATO' ? 1 : 0 })}\n  moved to ${movedTo}\n`),
      },
      stop.signal
    );
    return 0;
  } finally {
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
    await db.close();
  }
}
