/**
 * Measures the loader's end-to-end rate (manifest check, parsing, validation, staging, history
 * walk, facts, rollups) on a generated folder. Not a test: run by hand, e.g.
 *   DASMO_DATABASE_URL=postgres://… npx tsx store/load/bench/loadRate.ts 1000000
 * (an empty database is best: the figures include the rollup refresh).
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { openDatabase } from '../../db/open';
import { writeBigExtract } from '../fixtures/bigExtract';
import { tempDir } from '../fixtures/extractFolder';
import { loadFolders } from '../index';
import type { LoadProgress } from '../loadFolder';
import { progressReporter } from '../progressBar';

/** CPU seconds used so far by the server processes serving this database (Linux only). */
async function serverCpuSeconds(db: Awaited<ReturnType<typeof openDatabase>>): Promise<number> {
  if (db.kind !== 'postgres') {return 0;}
  const rows = await db.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = current_database()');
  let ticks = 0;
  for (const { pid } of rows) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // A backend that ended meanwhile.
    }
  }
  return ticks / 100;
}

/** CPU seconds used so far by the server processes serving `database` (Linux only), found by their title. */
function serverCpuNow(database: string | null): number {
  if (!database) {return 0;}
  let ticks = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(` ${database} `)) {continue;}
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // A process that ended meanwhile.
    }
  }
  return ticks / 100;
}

/** Wall and CPU seconds of each phase the loader reports, in order (a phase lasts until the next report). */
function phaseClock(started: number, database: string | null) {
  const spans: Array<{ name: string; at: number; loader: number; server: number }> = [];
  const now = (name: string) => {
    const cpu = process.cpuUsage();
    return { name, at: Date.now(), loader: (cpu.user + cpu.system) / 1e6, server: serverCpuNow(database) };
  };
  return {
    mark(p: LoadProgress) {
      const name = `${p.phase}${p.file ? ` ${p.file}` : ''}`;
      if (spans.length === 0 || spans[spans.length - 1].name !== name) {spans.push(now(name));}
    },
    table(): string {
      const first = spans.length > 0 ? spans[0].at - started : 0;
      const lines = [`  before the first report: ${(first / 1000).toFixed(1)} s`, '  phase: wall s / loader CPU s / server CPU s'];
      for (let i = 0; i + 1 < spans.length; i++) {
        const [a, b] = [spans[i], spans[i + 1]];
        lines.push(`  ${a.name}: ${((b.at - a.at) / 1000).toFixed(1)} / ${(b.loader - a.loader).toFixed(1)} / ${(b.server - a.server).toFixed(1)}`);
      }
      return `${lines.join('\n')}\n`;
    },
  };
}

async function main() {
  const target = Number(process.argv[2] ?? 1_000_000);
  const sr41PerApplication = 2;
  const applications = Math.round(target / (3 + 4 * sr41PerApplication));
  const dir = tempDir('dasmo-bench-');
  const { folder, rows } = writeBigExtract(dir, '2021-03-31', applications, sr41PerApplication);
  const db = await openDatabase();
  try {
    const cpuBefore = process.cpuUsage();
    const started = Date.now();
    const phases = phaseClock(started, db.kind === 'postgres' ? new URL(process.env.DASMO_DATABASE_URL!).pathname.slice(1) : null);
    const report = progressReporter();
    const summary = await loadFolders(db, [folder], {
      pseudonymKey: 'bench-key-0123456789abcdef',
      onProgress: (p) => {
        phases.mark(p);
        report(p);
      },
    });
    const seconds = (Date.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const loaderCpu = (cpu.user + cpu.system) / 1e6;
    const serverCpu = await serverCpuSeconds(db);
    const f = summary.folders[0];
    process.stdout.write(
      `${db.kind}: ${rows} rows in ${seconds.toFixed(1)} s = ${Math.round(rows / seconds)} rows/s (${f.outcome}; ` +
        `${f.files.map((x) => `${x.file} ${x.loaded} loaded`).join(', ')})\n` +
        `CPU: loader ${loaderCpu.toFixed(1)} s, database server ${serverCpu.toFixed(1)} s ` +
        `(on a busy machine the wall time overstates; CPU seconds show the work)\n` +
        phases.table()
    );
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
