/**
 * The rollups against the second, plain computation (store/figures) on random facts: every
 * flow and stock column, per day and dimensions, for every day; and a partial refresh after
 * changed facts, and day-by-day refreshes, against a full rebuild.
 */
import { addDays, daysBetween } from '../../src/model/calendar';
import { AGE_BANDS, OPEN_SR41_STATES } from '../../src/model/domain';
import type { Queryable } from '../db/database';
import { loadRawFacts, stateAt, type RawFacts } from '../figures';
import { insertRandomFacts } from '../testing/randomFacts';
import { rebuildAllRollups, refreshRollups } from './refresh';
import { type Cells, entries, rawCells, refreshDayByDay, rollupAgeBandCells, rollupCells, rollupTestDatabase } from './rollupCompare';
import { DIMENSION_COLUMNS } from './subjects';

const FROM = '2020-03-01';
const TO = '2020-10-15';
const RANGE = { from: FROM, to: TO };
const BANDS = AGE_BANDS.map((b) => b.id);

// Every test starts from no facts, with the thresholds of DOMAIN.md.
const t = rollupTestDatabase(
  [],
  `UPDATE setting SET value = CASE name WHEN 'chronic_days' THEN 90 WHEN 'very_old_days' THEN 180
     WHEN 'sr41_open_days' THEN 30 ELSE value END;`
);

function ratio(sums: Cells, counts: Cells): Cells {
  return new Map([...counts].map(([k, n]) => [k, Math.round(((sums.get(k) ?? 0) / n) * 1e6) / 1e6]));
}

/** SR41 open with age > sr41_open_days, per day, dimensions and state: no figure has it. */
function overOpenThreshold(facts: RawFacts, days: number): Cells {
  const cells: Cells = new Map();
  for (let d = FROM; d <= TO; d = addDays(d, 1)) {
    for (const s of facts.sr41) {
      const state = stateAt(s, d, 'RICEVUTO');
      if (state && OPEN_SR41_STATES.includes(state as never) && daysBetween(s.origin, d) > days) {
        const key = [d, ...Object.values(s.dims), state].join('|');
        cells.set(key, (cells.get(key) ?? 0) + 1);
      }
    }
  }
  return cells;
}

async function expectRollupsEqualRaw(db: Queryable) {
  const facts = await loadRawFacts(db);
  const [{ value: openDays }] = await db.query<{ value: number }>(`SELECT value FROM setting WHERE name = 'sr41_open_days'`);
  const domande = (measure: string, extra: Parameters<typeof rawCells>[3] = []) =>
    rawCells(facts, { subject: 'domande', measure }, RANGE, extra);
  const sr41 = (measure: string, extra: Parameters<typeof rawCells>[3] = []) => rawCells(facts, { subject: 'sr41', measure }, RANGE, extra);
  const af = (e: string) => rollupCells(db, 'application_flow_daily', e);
  const sf = (e: string) => rollupCells(db, 'sr41_flow_daily', e);

  expect(entries(await af('presented'))).toEqual(entries(await domande('presentate')));
  expect(entries(await af('authorised'))).toEqual(entries(await domande('autorizzate')));
  expect(entries(await af('rejected'))).toEqual(entries(await domande('respinte')));
  expect(entries(await af('cancelled'))).toEqual(entries(await domande('annullate')));
  expect(entries(await af('hours_requested'))).toEqual(entries(await domande('ore_richieste')));
  expect(entries(await af('workers'))).toEqual(entries(await domande('lavoratori')));
  expect(entries(await af('hours_authorised'))).toEqual(entries(await domande('ore_autorizzate')));
  expect(entries(ratio(await af('decision_days_sum'), await af('authorised + rejected')))).toEqual(
    entries(await domande('tempo_definizione_medio'))
  );

  expect(entries(await sf('received'))).toEqual(entries(await sr41('ricevuti')));
  expect(entries(await sf('paid'))).toEqual(entries(await sr41('pagati')));
  expect(entries(await sf('cancelled'))).toEqual(entries(await sr41('annullati')));
  expect(entries(await sf('amount_paid'))).toEqual(entries(await sr41('importo_pagato')));
  expect(entries(await sf('hours_paid'))).toEqual(entries(await sr41('ore_pagate')));
  expect(entries(ratio(await sf('payment_days_sum'), await sf('paid')))).toEqual(entries(await sr41('tempo_pagamento_medio')));
  expect(entries(await rollupCells(db, 'sr41_flow_daily', 'rejected', ['rejection_reason']))).toEqual(
    entries(await sr41('scartati', ['motivo']))
  );

  expect(entries(await rollupAgeBandCells(db, 'application_stock_daily', BANDS))).toEqual(
    entries(await domande('in_giacenza', ['stato', 'fascia_eta']))
  );
  expect(entries(await rollupCells(db, 'application_stock_daily', 'chronic', ['state']))).toEqual(
    entries(await domande('giacenza_cronica', ['stato']))
  );
  expect(entries(await rollupCells(db, 'application_stock_daily', 'very_old', ['state']))).toEqual(
    entries(await domande('giacenza_molto_risalente', ['stato']))
  );
  expect(entries(await rollupAgeBandCells(db, 'sr41_stock_daily', BANDS))).toEqual(
    entries(await sr41('in_lavorazione', ['stato', 'fascia_eta']))
  );
  expect(entries(await rollupCells(db, 'sr41_stock_daily', 'over_open_threshold', ['state']))).toEqual(
    entries(overOpenThreshold(facts, Number(openDays)))
  );
  // The comparisons above are not vacuous.
  expect((await af('presented')).size).toBeGreaterThan(100);
  expect((await rollupCells(db, 'application_stock_daily', 'very_old', ['state'])).size).toBeGreaterThan(0);
}

/** Every row of the four rollup tables, as text, for equality of two computations. */
async function dump(db: Queryable): Promise<string[]> {
  const out: string[] = [];
  for (const table of ['application_flow_daily', 'application_stock_daily', 'sr41_flow_daily', 'sr41_stock_daily']) {
    const rows = await db.query(`SELECT * FROM ${table} ORDER BY 1, 2, 3, 4, 5, 6, 7, 8`);
    out.push(...rows.map((r) => `${table} ${JSON.stringify(r)}`));
  }
  return out;
}

const facts = (seed: number, prefix = 'D', from = FROM) => ({ seed, prefix, applications: 600, from, to: TO, sr41PerApplication: 3 });

test.each([1, 2])('every rollup cell equals the raw computation, seed %i', async (seed) => {
  await t.db.transaction((tx) => insertRandomFacts(tx, facts(seed)));
  await t.db.transaction((tx) => refreshRollups(tx, FROM, TO));
  await expectRollupsEqualRaw(t.db);
});

test('with the thresholds lowered in the setting table, every cell still equals the raw computation', async () => {
  await t.db.query(`UPDATE setting SET value = CASE name WHEN 'chronic_days' THEN 20 WHEN 'very_old_days' THEN 45
    WHEN 'sr41_open_days' THEN 7 ELSE value END`);
  await t.db.transaction((tx) => insertRandomFacts(tx, facts(3)));
  await rebuildAllRollups(t.db);
  await expectRollupsEqualRaw(t.db);
});

test('a partial refresh after changed facts equals a full rebuild', async () => {
  const middle = '2020-07-01';
  await t.db.transaction((tx) => insertRandomFacts(tx, facts(4)));
  await t.db.transaction((tx) => refreshRollups(tx, FROM, TO));
  await t.db.transaction(async (tx) => {
    // New applications from the middle on, and histories cut back: a valid history's prefix is
    // valid, as long as it keeps the first row, which created the item.
    await insertRandomFacts(tx, { ...facts(5, 'N', middle), applications: 150 });
    await tx.query(
      `DELETE FROM application_event e USING application a WHERE a.application_id = e.application_id
         AND a.payment_mode = 'CONGUAGLIO' AND e.state_on >= $1 AND right(a.application_id, 1) IN ('1', '2', '3')
         AND e.state_on > (SELECT min(state_on) FROM application_event f WHERE f.application_id = e.application_id)`,
      [middle]
    );
    await tx.query(
      `DELETE FROM sr41_event e WHERE state_on >= $1 AND right(sr41_id, 1) = '0'
         AND e.state_on > (SELECT min(state_on) FROM sr41_event f WHERE f.sr41_id = e.sr41_id)`,
      [middle]
    );
    await refreshRollups(tx, middle, TO);
  });
  const partial = await dump(t.db);
  await rebuildAllRollups(t.db);
  expect(partial).toEqual(await dump(t.db));
});

test('refreshing day by day, as the nightly loads do, equals a full rebuild', async () => {
  await t.db.transaction((tx) => insertRandomFacts(tx, { ...facts(6), applications: 500 }));
  const start = addDays(TO, -12);
  await refreshDayByDay(t.db, FROM, start, TO);
  const daily = await dump(t.db);
  await rebuildAllRollups(t.db);
  expect(daily).toEqual(await dump(t.db));
});

test('a refresh starting after the last stored day continues from it', async () => {
  await t.db.transaction((tx) => insertRandomFacts(tx, { ...facts(7), applications: 300 }));
  await t.db.transaction((tx) => refreshRollups(tx, FROM, '2020-06-01'));
  await t.db.transaction((tx) => refreshRollups(tx, '2020-07-01', TO)); // days in between were never computed
  const skipped = await dump(t.db);
  await rebuildAllRollups(t.db);
  expect(skipped).toEqual(await dump(t.db));
});

test('an empty or reversed range is refused with a plain sentence', async () => {
  await expect(t.db.transaction((tx) => refreshRollups(tx, '2020-05-02', '2020-05-01'))).rejects.toThrow(
    'The rollup refresh range is empty: it starts on 2020-05-02, after its end 2020-05-01.'
  );
  await expect(t.db.transaction((tx) => refreshRollups(tx, '2020-5-1', '2020-05-01'))).rejects.toThrow(
    'The day "2020-5-1" is not a date of the form AAAA-MM-GG.'
  );
});
