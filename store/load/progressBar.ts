/**
 * Load progress on stderr: a redrawn bar per file when stderr is a terminal, otherwise a plain
 * line per phase and every 100,000 rows (logs of `watch` and of scripts stay readable).
 */
import type { LoadProgress } from './loadFolder';

const WIDTH = 30;
const LOG_EVERY = 100_000;

export function progressReporter(stream: NodeJS.WriteStream = process.stderr): (p: LoadProgress) => void {
  const tty = Boolean(stream.isTTY);
  let lastLogged = 0;
  return (p) => {
    const where = `${p.folder.split(/[\\/]/).pop()}${p.file ? ` ${p.file}` : ''}`;
    if (p.phase !== 'reading') {
      if (tty) {stream.write('\r\x1b[K');}
      stream.write(`${where}: ${p.phase}\n`);
      lastLogged = 0;
      return;
    }
    const read = p.rowsRead ?? 0;
    const total = p.rowsTotal ?? 0;
    if (tty) {
      const share = total > 0 ? Math.min(1, read / total) : 0;
      const filled = Math.round(share * WIDTH);
      stream.write(`\r\x1b[K${where} [${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}] ${read}/${total} rows`);
    } else if (read - lastLogged >= LOG_EVERY || (read === total && read !== lastLogged)) {
      stream.write(`${where}: ${read}/${total} rows read\n`);
      lastLogged = read;
    }
  };
}
