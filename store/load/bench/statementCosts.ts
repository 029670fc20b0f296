/**
 * What each statement of a transaction costs, for the benchmarks: its wall time and the CPU time
 * of the server process that ran it (read from /proc, so the server must run on this machine).
 * On a shared machine the wall time says little; the CPU time says what the statement costs.
 */
import type { Queryable } from '../../db/database';
import { processCpuSeconds } from './serverCpu';

export interface StatementCost {
  what: string;
  wall: number;
  cpu: number;
}

const seconds = (since: number) => ((Date.now() - since) / 1000).toFixed(1);

/**
 * `tx` with each query and script costed into `costs`; those of at least `logOver` wall seconds
 * are printed as they end. `cpu()` is the server process's CPU seconds since the call.
 */
export async function costedQueryable(
  tx: Queryable,
  logOver = 0
): Promise<{ tx: Queryable; cpu: () => number; costs: StatementCost[] }> {
  const [{ pid }] = await tx.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
  const first = processCpuSeconds(pid);
  const costs: StatementCost[] = [];
  const costed = async <T>(sql: string, run: () => Promise<T>): Promise<T> => {
    const start = Date.now();
    const cpu = processCpuSeconds(pid);
    const result = await run();
    const cost = { what: sql.replace(/--[^\n]*/g, '').trim().replace(/\s+/g, ' ').slice(0, 90), wall: (Date.now() - start) / 1000, cpu: processCpuSeconds(pid) - cpu };
    costs.push(cost);
    if (cost.wall >= logOver) {
      console.log(`    ${seconds(start).padStart(7)} s wall ${cost.cpu.toFixed(1).padStart(7)} s cpu  ${cost.what}`);
    }
    return result;
  };
  const wrapped: Queryable = {
    ...tx,
    query: (sql, params) => costed(sql, () => tx.query(sql, params)) as never,
    exec: (sql) => costed(sql, () => tx.exec(sql)),
  };
  return { tx: wrapped, cpu: () => processCpuSeconds(pid) - first, costs };
}

/** The `count` costliest statements by server CPU, one line each. */
export function costliest(costs: readonly StatementCost[], count = 25): string {
  return [...costs]
    .sort((a, b) => b.cpu - a.cpu)
    .slice(0, count)
    .map((c) => `    ${c.cpu.toFixed(1).padStart(7)} s cpu ${c.wall.toFixed(1).padStart(7)} s wall  ${c.what}`)
    .join('\n');
}
