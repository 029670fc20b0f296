import { openTestDatabase, type TestDatabase } from '../testing/testDatabase';
import { compareFigures } from './referenceFigures';
import { applicationsAt, authorisedHours, sr41At, storeFigures } from './storeFigures';

let t: TestDatabase;

// Hand-made facts around the calibration days; expected values are counted by hand in each test.
// application: id, benefit, office, region, presented_on; events: [state, day, line, hours?].
const APPLICATIONS: Array<[string, string, string, string, string, Array<[string, string, number, number?]>]> = [
  ['A1', 'CIGO', '0304', '03', '2020-07-01', [['PRESENTATA', '2020-07-01', 1], ['AUTORIZZATA', '2020-07-05', 2, 100]]],
  ['A2', 'ASO', '1201', '12', '2020-07-08', [['PRESENTATA', '2020-07-08', 3]]],
  // CIGD granted by another region; rejected, riesame on 2020-07-09, then authorised.
  ['A3', 'CIGD', '0101', '12', '2020-06-01', [['PRESENTATA', '2020-06-01', 4], ['RESPINTA', '2020-06-20', 5], ['IN_ISTRUTTORIA', '2020-07-09', 6], ['AUTORIZZATA', '2020-09-01', 7, 50]]],
  ['A4', 'CIGO', '0501', '05', '2021-03-01', [['PRESENTATA', '2021-03-01', 8], ['ANNULLATA', '2021-03-10', 9]]],
  // Authorised, then revoked (revoca).
  ['A5', 'ASO', '0801', '08', '2020-05-01', [['PRESENTATA', '2020-05-01', 10], ['AUTORIZZATA', '2020-05-10', 11, 300], ['ANNULLATA', '2020-12-01', 12]]],
  // First row dated after 2021-03-31: on that day it is still PRESENTATA.
  ['A6', 'CIGO', '1501', '15', '2021-03-30', [['AUTORIZZATA', '2021-04-02', 13, 5]]],
  ['A7', 'CISOA', '1501', '15', '2020-04-01', [['PRESENTATA', '2020-04-01', 14], ['AUTORIZZATA', '2020-04-10', 15, 100]]],
  // Same-day changes: file order decides (AUTORIZZATA after PRESENTATA).
  ['A8', 'CIGO', '0304', '03', '2021-03-31', [['PRESENTATA', '2021-03-31', 16], ['AUTORIZZATA', '2021-03-31', 17, 10]]],
  ['A9', 'ASO', '0304', '03', '2021-01-10', [['PRESENTATA', '2021-01-10', 18], ['RESPINTA', '2021-02-01', 19]]],
];

// sr41: id, worker, received_on, events [state, day, line].
const SR41: Array<[string, string, string, Array<[string, string, number]>]> = [
  ['s1', 'W1', '2020-07-10', [['PAGATO', '2020-07-20', 1]]],
  ['s2', 'W2', '2021-03-20', [['RICEVUTO', '2021-03-20', 2]]],
  ['s3', 'W3', '2021-02-01', [['RICEVUTO', '2021-02-01', 3], ['IN_LAVORAZIONE', '2021-02-02', 4]]],
  ['s4', 'W4', '2021-01-05', [['RICEVUTO', '2021-01-05', 5], ['ANNULLATO', '2021-01-06', 6]]],
  ['s5', 'W5', '2021-03-01', [['RICEVUTO', '2021-03-01', 7]]],
  ['s6', 'W5', '2020-12-01', [['PAGATO', '2020-12-10', 8]]],
  ['s7', 'W6', '2021-04-05', [['RICEVUTO', '2021-04-05', 9]]],
  ['s8', 'W7', '2021-03-25', [['RICEVUTO', '2021-03-25', 10], ['PAGATO', '2021-04-02', 11]]],
];

beforeAll(async () => {
  t = await openTestDatabase();
  const [{ load_id }] = await t.db.query<{ load_id: number }>(
    "INSERT INTO load_run (reference_date, folder_name, outcome, started_at) VALUES ('2021-04-05', '2021-04-05', 'CARICATO', now()) RETURNING load_id"
  );
  for (const [id, benefit, office, region, presented, events] of APPLICATIONS) {
    await t.db.query(
      `INSERT INTO application (application_id, benefit, cause, office_code, region_code, multi_region, employer_id,
         payment_mode, workers, hours_requested, period_from, period_to, presented_on)
       VALUES ($1, $2, 'COVID19_NAZ', $3, $4, $5, 'M1', 'DIRETTO', 1, 400, '2020-03-01', '2020-12-31', $6)`,
      [id, benefit, office, region, id === 'A3', presented]
    );
    for (const [state, day, line, hours] of events) {
      await t.db.query(
        'INSERT INTO application_event (application_id, state, state_on, hours_authorised, load_id, line_number) VALUES ($1, $2, $3, $4, $5, $6)',
        [id, state, day, hours ?? null, load_id, line]
      );
    }
  }
  for (const [id, worker, received, events] of SR41) {
    await t.db.query(
      `INSERT INTO sr41 (sr41_id, application_id, worker_pseudonym, period_month, hours, amount, received_on)
       VALUES ($1, 'A1', $2, '2020-07-01', 10, 80, $3)`,
      [id, worker, received]
    );
    for (const [state, day, line] of events) {
      await t.db.query('INSERT INTO sr41_event (sr41_id, state, state_on, load_id, line_number) VALUES ($1, $2, $3, $4, $5)', [
        id,
        state,
        day,
        load_id,
        line,
      ]);
    }
  }
});
afterAll(() => t.close());

test('applications at 2021-03-31: 9 presented − 2 cancelled; A6 without a row yet counts as PRESENTATA', async () => {
  const a = await applicationsAt(t.db, '2021-03-31');
  expect(a.presented).toBe(7);
  expect(a.byState).toEqual({ PRESENTATA: 2, AUTORIZZATA: 4, RESPINTA: 1, ANNULLATA: 2 });
});

test('applications at 2020-07-09: A3 reopened by riesame that day is open, A5 not yet revoked', async () => {
  const a = await applicationsAt(t.db, '2020-07-09');
  expect(a.presented).toBe(5);
  expect(a.byState).toEqual({ PRESENTATA: 1, IN_ISTRUTTORIA: 1, AUTORIZZATA: 3 });
});

test('SR41 at 2021-03-31: requests, payments, and workers awaiting their first payment', async () => {
  // Received by then: s1 s2 s3 s4 s5 s6 s8; cancelled s4; paid s1 s6.
  // Awaiting: W2 (11 days), W3 (58 days: alta criticità), W7 (paid only on 2021-04-02); W5 was paid, W4 cancelled.
  expect(await sr41At(t.db, '2021-03-31')).toEqual({ received: 7, cancelled: 1, paid: 2, awaitingFirstPayment: 3, highCriticality: 1 });
});

test('authorised hours by scheme and region count the authorisations dated in the range', async () => {
  expect(await authorisedHours(t.db, 'benefit', '2020-04-01', '2020-12-31')).toEqual({ CIGO: 100, ASO: 300, CIGD: 50, CISOA: 100 });
  expect(await authorisedHours(t.db, 'region_code', '2020-03-01', '2020-08-31')).toEqual({ '03': 100, '08': 300, '15': 100 });
});

test('the calibration compares those figures with the reference, scaled', async () => {
  const measured = await storeFigures(t.db);
  expect(measured.largest_regions_share).toBe(80); // (100 + 300) of 500 hours
  expect(measured.open_2021_03_31).toBe(2);
  const rows = compareFigures(measured, 1e-6);
  const presented = rows.find((r) => r.id === 'presented_2021_03_31')!;
  expect(presented.reference).toBeCloseTo(4.264828);
  expect(presented.deviation).toBeCloseTo(((7 - 4.264828) / 4.264828) * 100);
  expect(presented.withinTolerance).toBe(false);
  const share = rows.find((r) => r.id === 'largest_regions_share')!;
  expect([share.reference, share.deviation, share.unit]).toEqual([56, 24, 'points']);
});
