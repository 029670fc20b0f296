import type { Queryable } from '../db/database';
import { gated } from './queryGate';

test('no more than `limit` statements run at once; the others wait their turn and all finish', async () => {
  let running = 0;
  let most = 0;
  const slow: Queryable = {
    async query<T>() {
      running++;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running--;
      return [] as T[];
    },
    exec: async () => undefined,
    copyCsv: async () => undefined,
  };
  const db = gated(slow, 3);
  await Promise.all(Array.from({ length: 20 }, () => db.query('SELECT 1')));
  expect(most).toBe(3);
  expect(running).toBe(0);
});
