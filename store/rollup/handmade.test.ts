/**
 * The hand-made extract (store/testing/fixtures/handmade, its README holds the arithmetic),
 * loaded through the loader: the figures worked out by hand, from the rollups and from the raw
 * computation alike.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Dimension, Subject } from '../../src/model/measures';
import { rawFigure } from '../figures';
import { loadFolders } from '../load';
import { openTestDatabase, type TestDatabase } from '../testing/testDatabase';

const FIXTURE = join(__dirname, '..', 'testing', 'fixtures', 'handmade');
const D1 = '2021-03-01';
const D2 = '2021-04-20';
const FIRST = { from: '2020-12-01', to: D1 };
const SECOND = { from: '2021-03-02', to: D2 };
const WHOLE = { from: '2020-12-01', to: D2 };

let t: TestDatabase;
let reports: string;
beforeAll(async () => {
  t = await openTestDatabase();
  reports = mkdtempSync(join(tmpdir(), 'dasmo-handmade-'));
  // Lowered so that a handful of applications shows the chronic counts (README).
  await t.db.query(`UPDATE setting SET value = 20 WHERE name = 'chronic_days'`);
  await t.db.query(`UPDATE setting SET value = 45 WHERE name = 'very_old_days'`);
  const folders = readdirSync(FIXTURE)
    .filter((f) => /^\d{4}-\d{2}-\d{2}$/.test(f))
    .map((f) => join(FIXTURE, f));
  const summary = await loadFolders(t.db, folders, { pseudonymKey: 'handmade-test-key', quarantineDir: reports });
  expect(summary.folders.map((f) => [f.outcome, f.message])).toEqual([
    ['CARICATO', null],
    ['CARICATO', null],
    ['CARICATO', null],
  ]);
});
afterAll(async () => {
  await t.close();
  rmSync(reports, { recursive: true, force: true });
});

/** One raw figure over a range (interval none); 0 when no row (the raw computation leaves empty rows out). */
async function raw(subject: Subject, measure: string, range: { from: string; to: string }): Promise<number | null> {
  const rows = await rawFigure(t.db, { subject, measure, interval: 'none' }, range);
  return rows.length ? rows[0].value : 0;
}

/** A raw figure by one dimension, as { value of the dimension: figure }. */
async function rawBy(subject: Subject, measure: string, range: { from: string; to: string }, d: Dimension) {
  const rows = await rawFigure(t.db, { subject, measure, groupBy: [d], interval: 'none' }, range);
  return Object.fromEntries(rows.map((r) => [r.group[d], r.value]));
}

async function rollup(sql: string, params: unknown[]): Promise<Record<string, number>> {
  const [row] = await t.db.query<Record<string, number | null>>(sql, params);
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v ?? 0)]));
}

type Range = { from: string; to: string };

/** The flows of a subject over each range: from the rollups (`sql` over $1..$2), and figure by figure from the raw computation. */
function flowTests(subject: Subject, flows: ReadonlyArray<readonly [Range, Record<string, number>]>, sql: string) {
  test.each(flows)('flows over %j, from the rollups', async (range, expected) => {
    expect(await rollup(sql, [range.from, range.to])).toEqual(expected);
  });
  test.each(flows)('flows over %j, from the raw computation', async (range, expected) => {
    for (const [measure, value] of Object.entries(expected)) {
      expect([measure, await raw(subject, measure, range)]).toEqual([measure, value]);
    }
  });
}

const BANDS = 'sum(age_0_30) AS b0_30, sum(age_31_60) AS b31_60, sum(age_61_90) AS b61_90, sum(age_91_180) AS b91_180, sum(age_over_180) AS b180';

describe('applications', () => {
  test.each([
    [D1, { open: 4, presentata: 2, istruttoria: 2, b0_30: 3, b31_60: 1, b61_90: 0, b91_180: 0, b180: 0, chronic: 2, very_old: 1 }],
    [D2, { open: 2, presentata: 1, istruttoria: 1, b0_30: 1, b31_60: 0, b61_90: 0, b91_180: 1, b180: 0, chronic: 1, very_old: 1 }],
  ])('the backlog at %s, from the rollups', async (day, expected) => {
    expect(
      await rollup(
        `SELECT sum(age_0_30 + age_31_60 + age_61_90 + age_91_180 + age_over_180) AS open,
           sum(age_0_30 + age_31_60 + age_61_90 + age_91_180 + age_over_180) FILTER (WHERE state = 'PRESENTATA') AS presentata,
           sum(age_0_30 + age_31_60 + age_61_90 + age_91_180 + age_over_180) FILTER (WHERE state = 'IN_ISTRUTTORIA') AS istruttoria,
           ${BANDS}, sum(chronic) AS chronic, sum(very_old) AS very_old
         FROM application_stock_daily WHERE day = $1`,
        [day]
      )
    ).toEqual(expected);
  });

  test('the backlog at both days, from the raw computation', async () => {
    expect(await raw('domande', 'in_giacenza', FIRST)).toBe(4);
    expect(await rawBy('domande', 'in_giacenza', FIRST, 'stato')).toEqual({ PRESENTATA: 2, IN_ISTRUTTORIA: 2 });
    expect(await rawBy('domande', 'in_giacenza', FIRST, 'regione')).toEqual({ '01': 2, '03': 2 });
    expect(await rawBy('domande', 'in_giacenza', FIRST, 'fascia_eta')).toEqual({ '0-30': 3, '31-60': 1 });
    expect(await raw('domande', 'giacenza_cronica', FIRST)).toBe(2);
    expect(await raw('domande', 'giacenza_molto_risalente', FIRST)).toBe(1);
    expect(await raw('domande', 'in_giacenza', WHOLE)).toBe(2);
    expect(await rawBy('domande', 'in_giacenza', WHOLE, 'fascia_eta')).toEqual({ '0-30': 1, '91-180': 1 });
    expect(await raw('domande', 'giacenza_cronica', WHOLE)).toBe(1);
    expect(await raw('domande', 'giacenza_molto_risalente', WHOLE)).toBe(1);
  });

  const flows = [
    [FIRST, { presentate: 9, ore_richieste: 5320, lavoratori: 59, autorizzate: 3, respinte: 1, annullate: 1, definite: 4, ore_autorizzate: 1740, tempo_definizione_medio: 33.25 }],
    [SECOND, { presentate: 1, ore_richieste: 960, lavoratori: 12, autorizzate: 3, respinte: 1, annullate: 1, definite: 4, ore_autorizzate: 2230, tempo_definizione_medio: 46.5 }],
    [WHOLE, { presentate: 10, ore_richieste: 6280, lavoratori: 71, autorizzate: 6, respinte: 2, annullate: 2, definite: 8, ore_autorizzate: 3970, tempo_definizione_medio: 39.875 }],
  ] as const;

  flowTests('domande', flows, `SELECT sum(presented) AS presentate, sum(hours_requested) AS ore_richieste, sum(workers) AS lavoratori,
      sum(authorised) AS autorizzate, sum(rejected) AS respinte, sum(cancelled) AS annullate,
      sum(authorised + rejected) AS definite, sum(hours_authorised) AS ore_autorizzate,
      sum(decision_days_sum)::float8 / sum(authorised + rejected) AS tempo_definizione_medio
    FROM application_flow_daily WHERE day BETWEEN $1 AND $2`);

  test('definition time p90 (nearest rank) and percentuale evase, from the raw computation', async () => {
    expect(await raw('domande', 'tempo_definizione_p90', FIRST)).toBe(41);
    expect(await raw('domande', 'tempo_definizione_p90', SECOND)).toBe(79);
    expect(await raw('domande', 'tempo_definizione_p90', WHOLE)).toBe(79);
    expect(await raw('domande', 'percentuale_evase', FIRST)).toBe(50);
    expect(await raw('domande', 'percentuale_evase', SECOND)).toBeCloseTo(66.6667, 3);
    expect(await raw('domande', 'percentuale_evase', WHOLE)).toBe(80);
  });

  test('the CIGD plurilocalizzata counts in its granting region', async () => {
    expect(await rawBy('domande', 'presentate', WHOLE, 'plurilocalizzata')).toEqual({ '0': 9, '1': 1 });
    expect(
      await rollup(`SELECT sum(presented) AS n FROM application_flow_daily WHERE multi_region AND region_code = '03' AND office_code = '0101'`, [])
    ).toEqual({ n: 1 });
  });
});

describe('SR41', () => {
  test.each([
    [D1, { open: 3, ricevuto: 0, lavorazione: 1, pagamento: 2, b0_30: 3, b31_60: 0, b61_90: 0, b91_180: 0, b180: 0, over: 0, region03: 0 }],
    [D2, { open: 3, ricevuto: 2, lavorazione: 1, pagamento: 0, b0_30: 2, b31_60: 1, b61_90: 0, b91_180: 0, b180: 0, over: 1, region03: 3 }],
  ])('in lavorazione at %s, from the rollups', async (day, expected) => {
    const all = 'age_0_30 + age_31_60 + age_61_90 + age_91_180 + age_over_180';
    expect(
      await rollup(
        `SELECT sum(${all}) AS open, sum(${all}) FILTER (WHERE state = 'RICEVUTO') AS ricevuto,
           sum(${all}) FILTER (WHERE state = 'IN_LAVORAZIONE') AS lavorazione,
           sum(${all}) FILTER (WHERE state = 'IN_PAGAMENTO') AS pagamento,
           ${BANDS}, sum(over_open_threshold) AS over, sum(${all}) FILTER (WHERE region_code = '03') AS region03
         FROM sr41_stock_daily WHERE day = $1`,
        [day]
      )
    ).toEqual(expected);
  });

  test('in lavorazione at both days, from the raw computation', async () => {
    expect(await rawBy('sr41', 'in_lavorazione', FIRST, 'stato')).toEqual({ IN_LAVORAZIONE: 1, IN_PAGAMENTO: 2 });
    expect(await rawBy('sr41', 'in_lavorazione', WHOLE, 'stato')).toEqual({ RICEVUTO: 2, IN_LAVORAZIONE: 1 });
    expect(await rawBy('sr41', 'in_lavorazione', WHOLE, 'fascia_eta')).toEqual({ '0-30': 2, '31-60': 1 });
  });

  const flows = [
    [FIRST, { ricevuti: 6, pagati: 1, scartati: 1, annullati: 1, importo_pagato: 600, ore_pagate: 100, tempo_pagamento_medio: 10 }],
    [SECOND, { ricevuti: 6, pagati: 4, scartati: 1, annullati: 1, importo_pagato: 2400, ore_pagate: 380, tempo_pagamento_medio: 18.5 }],
    [WHOLE, { ricevuti: 12, pagati: 5, scartati: 2, annullati: 2, importo_pagato: 3000, ore_pagate: 480, tempo_pagamento_medio: 16.8 }],
  ] as const;

  flowTests('sr41', flows, `SELECT sum(received) AS ricevuti, sum(paid) AS pagati, sum(rejected) AS scartati, sum(cancelled) AS annullati,
      sum(amount_paid) AS importo_pagato, sum(hours_paid) AS ore_pagate,
      sum(payment_days_sum)::float8 / sum(paid) AS tempo_pagamento_medio
    FROM sr41_flow_daily WHERE day BETWEEN $1 AND $2`);

  test('rejections by reason, from both', async () => {
    expect(await rawBy('sr41', 'scartati', WHOLE, 'motivo')).toEqual({ IBAN_NON_INTESTATO: 1, ORE_CONTRATTUALI_ERRATE: 1 });
    const rows = await t.db.query<{ rejection_reason: string; n: number }>(
      `SELECT rejection_reason, sum(rejected)::int AS n FROM sr41_flow_daily WHERE rejected > 0 GROUP BY 1 ORDER BY 1`
    );
    expect(rows).toEqual([
      { rejection_reason: 'IBAN_NON_INTESTATO', n: 1 },
      { rejection_reason: 'ORE_CONTRATTUALI_ERRATE', n: 1 },
    ]);
  });

  test('payment time p90 (nearest rank), workers paid, awaiting and alta criticità, from the raw computation', async () => {
    expect(await raw('sr41', 'tempo_pagamento_p90', FIRST)).toBe(10);
    expect(await raw('sr41', 'tempo_pagamento_p90', SECOND)).toBe(23);
    expect(await raw('sr41', 'tempo_pagamento_p90', WHOLE)).toBe(23);
    expect(await raw('sr41', 'lavoratori_pagati', FIRST)).toBe(1);
    expect(await raw('sr41', 'lavoratori_pagati', SECOND)).toBe(2);
    expect(await raw('sr41', 'lavoratori_pagati', WHOLE)).toBe(2);
    expect(await rawBy('sr41', 'lavoratori_in_attesa', FIRST, 'regione')).toEqual({ '01': 1 });
    expect(await raw('sr41', 'alta_criticita', FIRST)).toBe(0);
    expect(await rawBy('sr41', 'lavoratori_in_attesa', WHOLE, 'regione')).toEqual({ '03': 1 });
    expect(await rawBy('sr41', 'alta_criticita', WHOLE, 'regione')).toEqual({ '03': 1 });
  });
});
