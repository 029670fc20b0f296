/** CPU seconds of a database's PostgreSQL server processes, for the loader's benchmarks. */
import { readdirSync, readFileSync } from 'node:fs';

/** CPU seconds used so far by the server processes serving `database` (Linux only), found by their title. */
export function serverCpuNow(database: string | null): number {
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

/** The database named by DASMO_DATABASE_URL, or null on the embedded database. */
export function benchDatabaseName(kind: 'postgres' | 'pglite'): string | null {
  return kind === 'postgres' ? new URL(process.env.DASMO_DATABASE_URL!).pathname.slice(1) : null;
}
