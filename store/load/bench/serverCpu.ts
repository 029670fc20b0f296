/** CPU seconds of processes and of a database's PostgreSQL server processes, for the benchmarks. */
import { readdirSync, readFileSync } from 'node:fs';

/** CPU seconds (user + system) used so far by a process of this machine (Linux only). */
export function processCpuSeconds(pid: number | string): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks
}

/** CPU seconds used so far by the server processes serving `database` (Linux only), found by their title. */
export function serverCpuNow(database: string | null): number {
  if (!database) {return 0;}
  let seconds = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(` ${database} `)) {continue;}
      seconds += processCpuSeconds(pid);
    } catch {
      // A process that ended meanwhile.
    }
  }
  return seconds;
}

/** The database named by DASMO_DATABASE_URL, or null on the embedded database. */
export function benchDatabaseName(kind: 'postgres' | 'pglite'): string | null {
  return kind === 'postgres' ? new URL(process.env.DASMO_DATABASE_URL!).pathname.slice(1) : null;
}
