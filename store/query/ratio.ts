/**
 * percentuale evase over a bucket: definite ÷ (definite + in giacenza at the bucket's end) × 100
 * (DOMAIN.md), from the two figures it is made of; unknown when both are zero.
 */
import { rollupFlow } from './flows';
import { rollupStock } from './stocks';
import type { FigureRequest, FigureRow } from './source';

export async function decidedPercentage(r: FigureRequest): Promise<FigureRow[]> {
  const [decided, backlog] = await Promise.all([rollupFlow(r, 'definite'), rollupStock(r, 'in_giacenza')]);
  const parts = new Map<string, { bucket: string; keys: string[]; decided: number; backlog: number }>();
  const add = (row: FigureRow, field: 'decided' | 'backlog') => {
    const id = JSON.stringify([row.bucket, row.keys]);
    const p = parts.get(id) ?? { bucket: row.bucket, keys: row.keys, decided: 0, backlog: 0 };
    p[field] += row.value ?? 0;
    parts.set(id, p);
  };
  decided.forEach((row) => add(row, 'decided'));
  backlog.forEach((row) => add(row, 'backlog'));
  return [...parts.values()].map((p) => ({
    bucket: p.bucket,
    keys: p.keys,
    value: p.decided + p.backlog === 0 ? null : (p.decided / (p.decided + p.backlog)) * 100,
  }));
}
