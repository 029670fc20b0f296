/**
 * The alert views of migration 040 on a small set of facts whose figures were worked out by
 * hand (ages at asOf 2021-03-31 in the comments). Runs on PGlite and on PostgreSQL.
 */
import { DEFAULT_THRESHOLDS } from '../../src/model/domain';
import { addDays, romeDayOf } from '../../src/model/calendar';
import { openTestDatabase, type TestDatabase } from '../../store/testing/testDatabase';
import type { Queryable } from '../../store/db/database';

let t: TestDatabase;

interface App {
  id: string;
  office: string;
  region: string;
  presented: string;
  /** [state, day, line] in the order they happened. */
  events: Array<[string, string, number]>;
}
interface Sr41 {
  id: string;
  app: string;
  worker: string;
  received: string;
  events: Array<[string, string, number]>;
}

const apps: App[] = [
  // 0101 (Piemonte): age 120, open → chronic.
  { id: 'A1', office: '0101', region: '01', presented: '2020-12-01', events: [['PRESENTATA', '2020-12-01', 1]] },
  // age 211, open → chronic and very old.
  { id: 'A2', office: '0101', region: '01', presented: '2020-09-01', events: [['PRESENTATA', '2020-09-01', 2], ['IN_ISTRUTTORIA', '2020-10-01', 3]] },
  // authorised: closed.
  { id: 'A3', office: '0101', region: '01', presented: '2020-09-01', events: [['PRESENTATA', '2020-09-01', 4], ['AUTORIZZATA', '2021-01-10', 5]] },
  // rejected, then reopened by riesame: open, age 181 → chronic and very old (just).
  { id: 'A4', office: '0101', region: '01', presented: '2020-10-01', events: [['RESPINTA', '2020-11-01', 6], ['IN_ISTRUTTORIA', '2021-02-01', 7]] },
  // 0102 (Piemonte): ages 89 and 90 are not chronic (more than 90 days is), 91 is.
  { id: 'A5', office: '0102', region: '01', presented: '2021-01-01', events: [['PRESENTATA', '2021-01-01', 8]] },
  { id: 'A5b', office: '0102', region: '01', presented: '2020-12-31', events: [['PRESENTATA', '2020-12-31', 9]] },
  { id: 'A6', office: '0102', region: '01', presented: '2020-12-30', events: [['PRESENTATA', '2020-12-30', 10]] },
  // Two changes the same day: the file's order says ANNULLATA came last (alphabetically it would not).
  { id: 'A8', office: '0102', region: '01', presented: '2020-11-01', events: [['PRESENTATA', '2020-11-01', 11], ['IN_ISTRUTTORIA', '2021-01-15', 12], ['ANNULLATA', '2021-01-15', 13]] },
  // CIGD of office 0101 granted by Veneto (05): its own instance (05, 0101), age 303 → both.
  { id: 'A7', office: '0101', region: '05', presented: '2020-06-01', events: [['PRESENTATA', '2020-06-01', 14]] },
  // Authorised applications the SR41 below belong to.
  { id: 'A11', office: '0102', region: '01', presented: '2020-09-01', events: [['AUTORIZZATA', '2020-10-01', 15]] },
  { id: 'A12', office: '0101', region: '05', presented: '2020-09-01', events: [['AUTORIZZATA', '2020-10-01', 16]] },
];

const sr41s: Sr41[] = [
  // W1: open SR41 aged 58 in 0101 and 11 in 0102, never paid, first received 58 days ago.
  { id: 'S1', app: 'A3', worker: 'W1', received: '2021-02-01', events: [['RICEVUTO', '2021-02-01', 1]] },
  { id: 'S2', app: 'A11', worker: 'W1', received: '2021-03-20', events: [['RICEVUTO', '2021-03-20', 2], ['IN_LAVORAZIONE', '2021-03-25', 3]] },
  // W2: paid once, so not waiting; S4 is open at age 30, which is not more than 30.
  { id: 'S3', app: 'A3', worker: 'W2', received: '2021-01-10', events: [['RICEVUTO', '2021-01-10', 4], ['IN_LAVORAZIONE', '2021-01-20', 5], ['IN_PAGAMENTO', '2021-02-01', 6], ['PAGATO', '2021-02-15', 7]] },
  { id: 'S4', app: 'A3', worker: 'W2', received: '2021-03-01', events: [['RICEVUTO', '2021-03-01', 8]] },
  // W3: first SR41 (age 44) cancelled, second (age 6) waiting in 0102 → alta criticità in 0102 only.
  { id: 'S5', app: 'A3', worker: 'W3', received: '2021-02-15', events: [['RICEVUTO', '2021-02-15', 9], ['ANNULLATO', '2021-02-20', 10]] },
  { id: 'S6', app: 'A11', worker: 'W3', received: '2021-03-25', events: [['RICEVUTO', '2021-03-25', 11]] },
  // W4: first SR41 exactly 30 days old → waiting, not alta criticità.
  { id: 'S7', app: 'A11', worker: 'W4', received: '2021-03-01', events: [['RICEVUTO', '2021-03-01', 12]] },
  // W5: rejected (not cancelled), never paid, age 85 → alta criticità in (05, 0101); not open.
  { id: 'S8', app: 'A12', worker: 'W5', received: '2021-01-05', events: [['RICEVUTO', '2021-01-05', 13], ['SCARTATO', '2021-01-20', 14]] },
  // W6: open at age 120 → SR41 open and alta criticità in (05, 0101).
  { id: 'S9', app: 'A12', worker: 'W6', received: '2020-12-01', events: [['RICEVUTO', '2020-12-01', 15], ['IN_LAVORAZIONE', '2021-01-01', 16], ['IN_PAGAMENTO', '2021-03-30', 17]] },
  // W7: two changes the same day, the cancellation last: closed, and W7 is not waiting.
  { id: 'S11', app: 'A11', worker: 'W7', received: '2021-01-04', events: [['RICEVUTO', '2021-01-04', 18], ['IN_LAVORAZIONE', '2021-02-01', 19], ['ANNULLATO', '2021-02-01', 20]] },
];

async function insertFacts(db: Queryable): Promise<void> {
  // Load 1 holds the facts; a refused later folder must not move asOf.
  await db.query(
    `INSERT INTO load_run (load_id, reference_date, folder_name, outcome, started_at, finished_at) VALUES
     (1, '2021-03-30', '2021-03-30', 'CARICATO', '2021-03-31T02:00:00Z', '2021-03-31T02:05:00Z'),
     (2, '2021-03-31', '2021-03-31', 'CARICATO', '2021-04-01T02:00:00Z', '2021-04-01T02:05:00Z'),
     (3, '2021-04-01', '2021-04-01', 'RIFIUTATO', '2021-04-02T02:00:00Z', '2021-04-02T02:01:00Z')`
  );
  await db.query("SELECT setval(pg_get_serial_sequence('load_run', 'load_id'), 3)");
  for (const a of apps) {
    await db.query(
      `INSERT INTO application (application_id, benefit, cause, office_code, region_code, multi_region, employer_id,
         payment_mode, workers, hours_requested, period_from, period_to, presented_on)
       VALUES ($1, 'CIGO', 'COVID19_NAZ', $2, $3, false, 'M1', 'DIRETTO', 3, 100, '2020-03-01', '2021-06-30', $4)`,
      [a.id, a.office, a.region, a.presented]
    );
    for (const [state, on, line] of a.events) {
      await db.query('INSERT INTO application_event (application_id, state, state_on, load_id, line_number) VALUES ($1, $2, $3, 1, $4)', [a.id, state, on, line]);
    }
  }
  for (const s of sr41s) {
    await db.query(
      `INSERT INTO sr41 (sr41_id, application_id, worker_pseudonym, period_month, hours, amount, received_on)
       VALUES ($1, $2, $3, '2020-12-01', 10, 100, $4)`,
      [s.id, s.app, s.worker, s.received]
    );
    for (const [state, on, line] of s.events) {
      const reason = state === 'SCARTATO' ? 'IBAN_NON_INTESTATO' : null;
      await db.query('INSERT INTO sr41_event (sr41_id, state, state_on, rejection_reason, load_id, line_number) VALUES ($1, $2, $3, $4, 1, $5)', [s.id, state, on, reason, line]);
    }
  }
}

beforeAll(async () => {
  t = await openTestDatabase();
  await insertFacts(t.db);
});
afterAll(() => t.close());

/** The offices where a figure is not zero, as "regione/sede": value. */
async function firing(figura: string): Promise<Record<string, number>> {
  const rows = await t.db.query<{ regione: string; sede: string; valore: number }>('SELECT regione, sede, valore FROM alert_office_figure WHERE figura = $1 AND valore > 0', [figura]);
  return Object.fromEntries(rows.map((r) => [`${r.regione}/${r.sede}`, r.valore]));
}

test('asOf is the latest reference date loaded successfully', async () => {
  expect(await t.db.query('SELECT as_of FROM alert_as_of')).toEqual([{ as_of: '2021-03-31' }]);
});

test('chronic backlog per office: open applications older than 90 days at asOf', async () => {
  expect(await firing('giacenza_cronica')).toEqual({ '01/0101': 3, '01/0102': 1, '05/0101': 1 });
});

test('very old backlog per office: open applications older than 180 days at asOf', async () => {
  expect(await firing('giacenza_molto_risalente')).toEqual({ '01/0101': 2, '05/0101': 1 });
});

test('SR41 still open more than 30 days after receipt, per office', async () => {
  expect(await firing('sr41_oltre_soglia')).toEqual({ '01/0101': 1, '05/0101': 1 });
});

test('workers of alta criticità per office holding one of their SR41 that is not cancelled', async () => {
  expect(await firing('alta_criticita')).toEqual({ '01/0101': 1, '01/0102': 2, '05/0101': 2 });
});

test('every office has one row with its own region, and names for the labels', async () => {
  const rows = await t.db.query<{ regione: string; sede: string; sede_nome: string; regione_nome: string }>(
    "SELECT regione, sede, sede_nome, regione_nome FROM alert_office_figure WHERE figura = 'giacenza_cronica' AND sede = '0101' ORDER BY regione"
  );
  expect(rows).toEqual([
    { regione: '01', sede: '0101', sede_nome: 'INPS Torino', regione_nome: 'Piemonte' },
    { regione: '05', sede: '0101', sede_nome: 'INPS Torino', regione_nome: 'Veneto' },
  ]);
  const counts = await t.db.query<{ figura: string; n: number }>('SELECT figura, count(*)::int AS n FROM alert_office_figure GROUP BY figura ORDER BY figura');
  expect(counts).toEqual(['alta_criticita', 'giacenza_cronica', 'giacenza_molto_risalente', 'sr41_oltre_soglia'].map((figura) => ({ figura, n: 107 + 1 })));
});

test('thresholds come from the setting table: raising chronic_days to 120 drops the age-120 application', async () => {
  await expect(
    t.db.transaction(async (tx) => {
      await tx.query("UPDATE setting SET value = 120 WHERE name = 'chronic_days'");
      const [row] = await tx.query<{ valore: number }>("SELECT valore FROM alert_office_figure WHERE figura = 'giacenza_cronica' AND regione = '01' AND sede = '0101'");
      expect(row.valore).toBe(2);
      throw new Error('roll back');
    })
  ).rejects.toThrow('roll back');
});

test('data freshness counts the days missing against yesterday, or the day before until the deadline hour', async () => {
  const now = Date.now();
  const romeHour = Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Rome', hour: '2-digit', hourCycle: 'h23' }).format(new Date(now)));
  const expected = addDays(romeDayOf(now), romeHour >= DEFAULT_THRESHOLDS.refreshDeadlineHour ? -1 : -2);
  const [row] = await t.db.query<{ as_of: string; expected_as_of: string; giorni_mancanti: number }>(
    'SELECT as_of, expected_as_of, giorni_mancanti FROM alert_data_freshness'
  );
  expect(row.expected_as_of).toBe(expected);
  expect(row.giorni_mancanti).toBe(Math.round((Date.parse(expected) - Date.parse('2021-03-31')) / 86_400_000));
  await expect(
    t.db.transaction(async (tx) => {
      await tx.query("INSERT INTO load_run (reference_date, folder_name, outcome, started_at) VALUES ($1::date, $2, 'CARICATO', now())", [expected, expected]);
      const [fresh] = await tx.query<{ giorni_mancanti: number }>('SELECT giorni_mancanti FROM alert_data_freshness');
      expect(fresh.giorni_mancanti).toBe(0);
      throw new Error('roll back');
    })
  ).rejects.toThrow('roll back');
});

/** Runs fn as the role dasmo_alerts in a transaction that is always rolled back. */
async function asAlertsRole(fn: (tx: Queryable) => Promise<void>): Promise<void> {
  await expect(
    t.db.transaction(async (tx) => {
      await tx.query('SET LOCAL ROLE dasmo_alerts');
      await fn(tx);
      throw new Error('roll back');
    })
  ).rejects.toThrow('roll back');
}

test('the role dasmo_alerts reads the views and nothing else', async () => {
  await asAlertsRole(async (tx) => {
    const rows = await tx.query<{ valore: number }>("SELECT valore FROM alert_office_figure WHERE figura = 'giacenza_molto_risalente' AND sede = '0101' AND regione = '01'");
    expect(rows).toEqual([{ valore: 2 }]);
    for (const view of ['alert_as_of', 'alert_data_freshness', 'data_status_load', 'data_status_rejects', 'data_status_gap']) {
      await tx.query(`SELECT count(*) FROM ${view}`);
    }
  });
  for (const forbidden of ['sr41', 'application', 'rejected_row', 'app_user', 'alert_high_criticality_worker', 'alert_sr41_at_as_of']) {
    await expect(
      t.db.transaction(async (tx) => {
        await tx.query('SET LOCAL ROLE dasmo_alerts');
        await tx.query(`SELECT * FROM ${forbidden} LIMIT 1`);
      })
    ).rejects.toThrow(/permission denied/);
  }
  const [role] = await t.db.query<{ rolcanlogin: boolean }>("SELECT rolcanlogin FROM pg_roles WHERE rolname = 'dasmo_alerts'");
  expect(role).toBeDefined();
});

test('the data-status views count each load and its rejected rows by reason', async () => {
  await t.db.query(
    `INSERT INTO load_file (load_id, file_name, rows_read, rows_loaded, rows_duplicate, rows_rejected, rejects_by_reason)
     VALUES (2, 'domande.csv', 10, 7, 1, 2, '{}'), (2, 'sr41.csv', 5, 5, 0, 0, '{}')`
  );
  await t.db.query(
    `INSERT INTO rejected_row (load_id, file_name, line_number, reason_code, message, masked_line) VALUES
     (2, 'domande.csv', 3, 'DATA_NON_VALIDA', 'm', 'x'), (2, 'domande.csv', 7, 'DATA_NON_VALIDA', 'm', 'x')`
  );
  await t.db.query('INSERT INTO data_gap (gap_date, detected_by) VALUES ($1, 1)', ['2021-03-29']);
  expect(await t.db.query('SELECT reference_date, outcome, righe_lette, righe_caricate, righe_duplicate, righe_scartate FROM data_status_load WHERE load_id = 2')).toEqual([
    { reference_date: '2021-03-31', outcome: 'CARICATO', righe_lette: 15, righe_caricate: 12, righe_duplicate: 1, righe_scartate: 2 },
  ]);
  expect(await t.db.query('SELECT reference_date, file_name, reason_code, righe FROM data_status_rejects')).toEqual([
    { reference_date: '2021-03-31', file_name: 'domande.csv', reason_code: 'DATA_NON_VALIDA', righe: 2 },
  ]);
  expect(await t.db.query('SELECT gap_date, rilevato_dal_caricamento_del FROM data_status_gap')).toEqual([
    { gap_date: '2021-03-29', rilevato_dal_caricamento_del: '2021-03-30' },
  ]);
});

test('the setting table holds the same default thresholds as src/model (the dashboards use those)', async () => {
  const rows = await t.db.query<{ name: string; value: number }>(
    "SELECT name, value FROM setting WHERE name IN ('chronic_days', 'very_old_days', 'high_criticality_days', 'sr41_open_days', 'refresh_deadline_hour')"
  );
  expect(Object.fromEntries(rows.map((r) => [r.name, r.value]))).toEqual({
    chronic_days: DEFAULT_THRESHOLDS.chronicDays,
    very_old_days: DEFAULT_THRESHOLDS.veryOldDays,
    high_criticality_days: DEFAULT_THRESHOLDS.highCriticalityDays,
    sr41_open_days: DEFAULT_THRESHOLDS.sr41OpenDays,
    refresh_deadline_hour: DEFAULT_THRESHOLDS.refreshDeadlineHour,
  });
});
