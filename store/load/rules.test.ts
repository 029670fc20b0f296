/**
 * One test per rule of EXTRACT.md: a valid row beside one that breaks the rule; the bad row is
 * rejected with the rule's reason code, and read = loaded + duplicates + rejected.
 */
import { openTestDatabase, type TestDatabase } from '../testing/testDatabase';
import { applicationRow as app, removeTempDirs, sr41Row as sr, tempDir, type CsvRow } from './fixtures/extractFolder';
import { fileCounts, loadSpec } from './fixtures/loadTesting';

let t: TestDatabase;
const dir = tempDir();
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(async () => {
  await t.close();
  removeTempDirs();
});

let keyNumber = 0;
/** Fresh keys per test, so the tests share one store without meeting. */
function keys() {
  keyNumber++;
  return { d: `R${keyNumber}`, s: `S${keyNumber}` };
}

const REF = '2021-03-31';

async function loadApplications(rows: Array<CsvRow | string>) {
  return loadSpec(t.db, dir, REF, { domande: rows });
}

describe('domande.csv', () => {
  const cases: Array<[string, string, (d: string) => CsvRow | string]> = [
    ['COLONNE_ERRATE', 'a row with fewer fields than the header', (d) => `${d};CIGO;COVID19_L178`],
    ['CAMPO_OBBLIGATORIO', 'matricola empty', (d) => app({ protocollo: d, matricola: '' })],
    ['VALORE_NON_AMMESSO', 'prestazione not a scheme', (d) => app({ protocollo: d, prestazione: 'CIGX' })],
    ['VALORE_NON_AMMESSO', 'stato not an application state', (d) => app({ protocollo: d, stato: 'PAGATO' })],
    ['SEDE_SCONOSCIUTA', 'sede not an office', (d) => app({ protocollo: d, sede: '9999' })],
    ['REGIONE_SCONOSCIUTA', 'regione not a region', (d) => app({ protocollo: d, regione: '99' })],
    ['REGIONE_NON_COERENTE', 'CIGO naming a region other than its office', (d) => app({ protocollo: d, regione: '03' })],
    ['PLURILOCALIZZATA_NON_CIGD', 'a plurilocalizzata CIGO', (d) => app({ protocollo: d, plurilocalizzata: '1' })],
    ['CIGD_NON_DIRETTO', 'CIGD paid by CONGUAGLIO', (d) => app({ protocollo: d, prestazione: 'CIGD', modalita_pagamento: 'CONGUAGLIO' })],
    ['NUMERO_NON_VALIDO', 'lavoratori 0', (d) => app({ protocollo: d, lavoratori: '0' })],
    ['NUMERO_NON_VALIDO', 'ore_richieste with a decimal comma', (d) => app({ protocollo: d, ore_richieste: '1,5' })],
    ['NUMERO_NON_VALIDO', 'ore_richieste negative', (d) => app({ protocollo: d, ore_richieste: '-1' })],
    ['ORE_AUTORIZZATE_NON_AMMESSE', 'ore_autorizzate on a PRESENTATA row', (d) => app({ protocollo: d, ore_autorizzate: '5' })],
    ['ORE_AUTORIZZATE_NON_AMMESSE', 'more hours authorised than requested', (d) => app({ protocollo: d, stato: 'AUTORIZZATA', ore_autorizzate: '801' })],
    ['CAMPO_OBBLIGATORIO', 'AUTORIZZATA without ore_autorizzate', (d) => app({ protocollo: d, stato: 'AUTORIZZATA' })],
    ['PERIODO_NON_VALIDO', 'periodo_dal after periodo_al', (d) => app({ protocollo: d, periodo_dal: '2021-04-01', periodo_al: '2021-03-31' })],
    ['DATA_NON_VALIDA', 'a 30 February', (d) => app({ protocollo: d, periodo_al: '2021-02-30' })],
    ['DATA_NON_VALIDA', 'a date written GG/MM/AAAA', (d) => app({ protocollo: d, data_presentazione: '01/03/2021' })],
    ['DATA_FUTURA', 'data_stato after the reference date', (d) => app({ protocollo: d, data_stato: '2021-04-01' })],
    ['DATA_FUTURA', 'data_presentazione after the reference date', (d) => app({ protocollo: d, data_presentazione: '2021-04-01', data_stato: '2021-04-01' })],
    ['DATA_STATO_NON_COERENTE', 'data_stato before data_presentazione', (d) => app({ protocollo: d, data_stato: '2021-02-28' })],
  ];
  test.each(cases)('%s: %s', async (code, _what, bad) => {
    const { d } = keys();
    const s = await loadApplications([app({ protocollo: `${d}ok` }), bad(d)]);
    expect(s.outcome).toBe('CARICATO');
    expect(fileCounts(s, 'domande.csv')).toEqual({ read: 2, loaded: 1, duplicates: 0, rejected: 1, rejectsByReason: { [code]: 1 } });
    const rows = await t.db.query<{ reason_code: string; line_number: number }>(
      'SELECT reason_code, line_number FROM rejected_row WHERE load_id = $1',
      [s.loadId]
    );
    expect(rows).toEqual([{ reason_code: code, line_number: 3 }]);
    const stored = await t.db.query('SELECT application_id FROM application WHERE application_id LIKE $1', [`${d}%`]);
    expect(stored).toEqual([{ application_id: `${d}ok` }]);
  });

  test('CIGD may name the granting region, and be plurilocalizzata', async () => {
    const { d } = keys();
    const s = await loadApplications([
      app({ protocollo: d, prestazione: 'CIGD', regione: '03', plurilocalizzata: '1', modalita_pagamento: 'DIRETTO' }),
    ]);
    expect(fileCounts(s, 'domande.csv')).toEqual({ read: 1, loaded: 1, duplicates: 0, rejected: 0, rejectsByReason: {} });
    const [a] = await t.db.query('SELECT region_code, office_code, multi_region FROM application WHERE application_id = $1', [d]);
    expect(a).toEqual({ region_code: '03', office_code: '0101', multi_region: true });
  });

  test('TRANSIZIONE_NON_AMMESSA names both states', async () => {
    const { d } = keys();
    const s = await loadApplications([
      app({ protocollo: d }),
      app({ protocollo: d, stato: 'AUTORIZZATA', ore_autorizzate: '700', data_stato: '2021-03-10' }),
      app({ protocollo: d, stato: 'IN_ISTRUTTORIA', data_stato: '2021-03-12' }),
    ]);
    expect(fileCounts(s, 'domande.csv')).toEqual({ read: 3, loaded: 2, duplicates: 0, rejected: 1, rejectsByReason: { TRANSIZIONE_NON_AMMESSA: 1 } });
    const [r] = await t.db.query<{ message: string; line_number: number }>('SELECT message, line_number FROM rejected_row WHERE load_id = $1', [s.loadId]);
    expect(r.line_number).toBe(4);
    expect(r.message).toContain('AUTORIZZATA');
    expect(r.message).toContain('IN_ISTRUTTORIA');
  });

  test('a key may start in any state; hours_authorised comes from the AUTORIZZATA row', async () => {
    const { d } = keys();
    const s = await loadApplications([app({ protocollo: d, stato: 'AUTORIZZATA', ore_autorizzate: '650.5', data_stato: '2021-03-20' })]);
    expect(fileCounts(s, 'domande.csv').loaded).toBe(1);
    const events = await t.db.query('SELECT state, state_on, hours_authorised FROM application_event WHERE application_id = $1', [d]);
    expect(events).toEqual([{ state: 'AUTORIZZATA', state_on: '2021-03-20', hours_authorised: 650.5 }]);
  });
});

describe('sr41.csv', () => {
  /** An application authorised on 2021-03-05, period January to March 2021. */
  const authorised = (d: string) => [
    app({ protocollo: d }),
    app({ protocollo: d, stato: 'AUTORIZZATA', ore_autorizzate: '700', data_stato: '2021-03-05' }),
  ];
  const cases: Array<[string, string, (d: string, s: string) => CsvRow | string]> = [
    ['COLONNE_ERRATE', 'a row with more fields than the header', (d, s) => `${s};${d};RSSMRA80A01L219X;IT60X0542811101000000123456;2021-02;120;1100.50;2021-03-10;RICEVUTO;2021-03-10;;extra`],
    ['CAMPO_OBBLIGATORIO', 'importo empty', (d, s) => sr({ id_sr41: s, protocollo: d, importo: '' })],
    ['VALORE_NON_AMMESSO', 'stato not an SR41 state', (d, s) => sr({ id_sr41: s, protocollo: d, stato: 'AUTORIZZATA' })],
    ['VALORE_NON_AMMESSO', 'motivo_scarto not a rejection reason', (d, s) => sr({ id_sr41: s, protocollo: d, stato: 'SCARTATO', motivo_scarto: 'BOH' })],
    ['MOTIVO_SCARTO_NON_COERENTE', 'SCARTATO without motivo_scarto', (d, s) => sr({ id_sr41: s, protocollo: d, stato: 'SCARTATO' })],
    ['MOTIVO_SCARTO_NON_COERENTE', 'motivo_scarto on a RICEVUTO row', (d, s) => sr({ id_sr41: s, protocollo: d, motivo_scarto: 'ALTRO' })],
    ['CODICE_FISCALE_NON_VALIDO', 'a fiscal code of 15 characters', (d, s) => sr({ id_sr41: s, protocollo: d, codice_fiscale: 'RSSMRA80A01L219' })],
    ['IBAN_MANCANTE', 'RICEVUTO without IBAN', (d, s) => sr({ id_sr41: s, protocollo: d, iban: '' })],
    ['DATA_NON_VALIDA', 'competenza 2021-13', (d, s) => sr({ id_sr41: s, protocollo: d, competenza: '2021-13' })],
    ['NUMERO_NON_VALIDO', 'ore 0', (d, s) => sr({ id_sr41: s, protocollo: d, ore: '0' })],
    ['NUMERO_NON_VALIDO', 'importo with a thousands separator', (d, s) => sr({ id_sr41: s, protocollo: d, importo: '1,100.50' })],
    ['DATA_FUTURA', 'data_ricezione after the reference date', (d, s) => sr({ id_sr41: s, protocollo: d, data_ricezione: '2021-04-02', data_stato: '2021-04-02' })],
    ['DATA_STATO_NON_COERENTE', 'data_stato before data_ricezione', (d, s) => sr({ id_sr41: s, protocollo: d, data_stato: '2021-03-09' })],
    ['DOMANDA_SCONOSCIUTA', 'an application nobody sent', (_d, s) => sr({ id_sr41: s, protocollo: 'NESSUNA' })],
    ['DOMANDA_NON_AUTORIZZATA', 'received before the authorisation', (d, s) => sr({ id_sr41: s, protocollo: d, data_ricezione: '2021-03-04', data_stato: '2021-03-04' })],
    ['COMPETENZA_FUORI_PERIODO', 'a month before the period', (d, s) => sr({ id_sr41: s, protocollo: d, competenza: '2020-12' })],
    ['COMPETENZA_FUORI_PERIODO', 'a month after the period', (d, s) => sr({ id_sr41: s, protocollo: d, competenza: '2021-04' })],
  ];
  test.each(cases)('%s: %s', async (code, _what, bad) => {
    const { d, s } = keys();
    const summary = await loadSpec(t.db, dir, REF, { domande: authorised(d), sr41: [sr({ id_sr41: `${s}ok`, protocollo: d }), bad(d, s)] });
    expect(fileCounts(summary, 'domande.csv')).toMatchObject({ read: 2, loaded: 2, rejected: 0 });
    expect(fileCounts(summary, 'sr41.csv')).toEqual({ read: 2, loaded: 1, duplicates: 0, rejected: 1, rejectsByReason: { [code]: 1 } });
    const stored = await t.db.query('SELECT sr41_id FROM sr41 WHERE application_id = $1', [d]);
    expect(stored).toEqual([{ sr41_id: `${s}ok` }]);
  });

  test('DOMANDA_NON_AUTORIZZATA for an application only presented', async () => {
    const { d, s } = keys();
    const summary = await loadSpec(t.db, dir, REF, { domande: [app({ protocollo: d })], sr41: [sr({ id_sr41: s, protocollo: d })] });
    expect(fileCounts(summary, 'sr41.csv')).toEqual({ read: 1, loaded: 0, duplicates: 0, rejected: 1, rejectsByReason: { DOMANDA_NON_AUTORIZZATA: 1 } });
  });

  test('an application authorised in an earlier folder is known to the store', async () => {
    const { d, s } = keys();
    await loadSpec(t.db, dir, REF, { domande: authorised(d) });
    const summary = await loadSpec(t.db, dir, REF, { sr41: [sr({ id_sr41: s, protocollo: d })] });
    expect(fileCounts(summary, 'sr41.csv')).toEqual({ read: 1, loaded: 1, duplicates: 0, rejected: 0, rejectsByReason: {} });
  });

  test('TRANSIZIONE_NON_AMMESSA after a final state, naming both states', async () => {
    const { d, s } = keys();
    const summary = await loadSpec(t.db, dir, REF, {
      domande: authorised(d),
      sr41: [
        sr({ id_sr41: s, protocollo: d }),
        sr({ id_sr41: s, protocollo: d, stato: 'SCARTATO', motivo_scarto: 'IBAN_NON_INTESTATO', data_stato: '2021-03-12' }),
        sr({ id_sr41: s, protocollo: d, stato: 'IN_LAVORAZIONE', data_stato: '2021-03-13' }),
      ],
    });
    expect(fileCounts(summary, 'sr41.csv')).toEqual({ read: 3, loaded: 2, duplicates: 0, rejected: 1, rejectsByReason: { TRANSIZIONE_NON_AMMESSA: 1 } });
    const [r] = await t.db.query<{ message: string }>('SELECT message FROM rejected_row WHERE load_id = $1', [summary.loadId]);
    expect(r.message).toMatch(/SCARTATO.*IN_LAVORAZIONE/);
    const events = await t.db.query('SELECT state, rejection_reason FROM sr41_event WHERE sr41_id = $1 ORDER BY state_on', [s]);
    expect(events).toEqual([
      { state: 'RICEVUTO', rejection_reason: null },
      { state: 'SCARTATO', rejection_reason: 'IBAN_NON_INTESTATO' },
    ]);
  });
});
