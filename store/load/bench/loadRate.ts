/**
 * Measures the loader's end-to-end rate (manifest check, parsing, validation, staging, history
 * walk, facts, rollups) on a generated folder. Not a test: run by hand, e.g.
 *   DASMO_DATABASE_URL=postgres://… npx tsx store/load/bench/loadRate.ts 1000000
 * (an empty database is best: the figures include the rollup refresh), or on extract folders
 * already written (e.g. by `dasmo seed`), loaded one after the other into the store as it is:
 *   DASMO_DATABASE_URL=postgres://… npx tsx store/load/bench/loadRate.ts --folders <inbox>/2021-03-31 <inbox>/2021-04-01
 * With --statements (PostgreSQL on this machine), each statement of a second or more is printed
 * as it ends, with its wall and server CPU time, and each folder's 25 costliest at its end.
 * With --rollback, each folder's transaction is undone at its very end (undoneDatabase).
 */
import { readFileSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { openDatabase } from '../../db/open';
import { writeBigExtract } from '../fixtures/bigExtract';
import { tempDir } from '../fixtures/extractFolder';
import { loadFolders } from '../index';
import type { Database } from '../../db/database';
import type { LoadProgress } from '../loadFolder';
import { progressReporter } from '../progressBar';
import { benchDatabaseName, serverCpuNow } from './serverCpu';
import { costedQueryable, costliest, type StatementCost } from './statementCosts';

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

/**
 * `db` whose transactions are undone at their end (--rollback): the same night can then be loaded
 * again and again on one store, e.g. by two codes in turn, instead of on copies of a national
 * store. The folder is reported as refused, and the refusal is in the load log.
 */
function undoneDatabase(db: Database): Database {
  return {
    ...db,
    kind: db.kind,
    transaction: (fn) =>
      db.transaction(async (tx) => {
        await fn(tx);
        throw new Error('undone by --rollback');
      }),
  };
}

/** `db` whose transactions have their statements costed into `costs` (--statements). */
function costedDatabase(db: Database, costs: StatementCost[]): Database {
  return {
    ...db,
    kind: db.kind,
    transaction: (fn) =>
      db.transaction(async (tx) => {
        const costed = await costedQueryable(tx, 1);
        try {
          return await fn(costed.tx);
        } finally {
          costs.push(...costed.costs);
        }
      }),
  };
}

/** Loads each folder in turn, printing its rate and phases; the folders are left as they were. */
async function measure(db: Database, folders: string[], rowsOf: (folder: string) => number, byStatement = false, undo = false): Promise<void> {
  const database = benchDatabaseName(db.kind);
  for (const folder of folders) {
    const costs: StatementCost[] = [];
    const rows = rowsOf(folder);
    const cpuBefore = process.cpuUsage();
    const serverBefore = serverCpuNow(database);
    const started = Date.now();
    const phases = phaseClock(started, database);
    const report = progressReporter();
    const measured = undo ? undoneDatabase(db) : db;
    const summary = await loadFolders(byStatement ? costedDatabase(measured, costs) : measured, [folder], {
      pseudonymKey: 'bench-key-0123456789abcdef',
      onProgress: (p) => {
        phases.mark(p);
        report(p);
      },
    });
    // A folder undone (--rollback) reports no end of its last phase: its end is here.
    phases.mark({ folder, phase: 'done' });
    const seconds = (Date.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const loaderCpu = (cpu.user + cpu.system) / 1e6;
    const serverCpu = serverCpuNow(database) - serverBefore;
    const f = summary.folders[0];
    process.stdout.write(
      `${db.kind} ${basename(folder)}: ${rows} rows in ${seconds.toFixed(1)} s = ${Math.round(rows / seconds)} rows/s (${f.outcome}; ` +
        `${f.files.map((x) => `${x.file} ${x.loaded} loaded`).join(', ')})\n` +
        `CPU: loader ${loaderCpu.toFixed(1)} s, database server ${serverCpu.toFixed(1)} s ` +
        `(on a busy machine the wall time overstates; CPU seconds show the work)\n` +
        phases.table() +
        (byStatement ? `  costliest statements:\n${costliest(costs)}\n` : '')
    );
  }
}

/** Data rows of a folder, from its manifest. */
function manifestRows(folder: string): number {
  const manifest = JSON.parse(readFileSync(join(folder, 'manifest.json'), 'utf8')) as { file: Record<string, { righe: number }> };
  return Object.values(manifest.file).reduce((n, f) => n + f.righe, 0);
}

async function main() {
  const byStatement = process.argv.includes('--statements');
  const undo = process.argv.includes('--rollback');
  const args = process.argv.slice(2).filter((a) => a !== '--statements' && a !== '--rollback');
  if (args[0] === '--folders') {
    const db = await openDatabase();
    try {
      await measure(db, args.slice(1), manifestRows, byStatement, undo);
    } finally {
      await db.close();
    }
    return;
  }
  const target = Number(args[0] ?? 1_000_000);
  const sr41PerApplication = 2;
  const applications = Math.round(target / (3 + 4 * sr41PerApplication));
  const dir = tempDir('dasmo-bench-');
  const { folder, rows } = writeBigExtract(dir, '2021-03-31', applications, sr41PerApplication);
  const db = await openDatabase();
  try {
    await measure(db, [folder], () => rows, byStatement);
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
