/**
 * A hostile extract folder, generated from a seed: valid applications and SR41, and among them
 * thousands of bad rows, one fault each, of every kind EXTRACT.md rules out and of the kinds a
 * broken export produces (bytes that are not UTF-8, a BOM or a NUL inside a line, huge fields,
 * wrong field counts), some dressed with formula-like keys and quoted line breaks and quotes.
 * The generator records what it meant for every line (loaded, duplicate, or the reason code it
 * must be rejected with), so the test compares the loader with the corpus's intent, not with
 * the loader's own output.
 */
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { addDays } from '../../../src/model/calendar';
import { readOffices } from '../../db/reference';
import { Random } from '../../seed/random';
import { APPLICATION_COLUMNS } from '../applicationRows';
import { writeManifest } from '../fixtures/extractFolder';
import { SR41_COLUMNS } from '../sr41Rows';
import type { Expected, Made, Row } from './intent';
import { APPLICATION_KINDS, SR41_KINDS, type BaseApplication, type KindMaker } from './kinds';

export type ExtractFileName = 'domande.csv' | 'sr41.csv';

export interface CorpusOptions {
  seed: number;
  referenceDate: string;
  /** Valid applications (each 2 rows, presented then authorised, or 1 row, presented only). */
  applications: number;
  /** Bad rows per kind of fault, per file. */
  badPerKind: number;
  /** Characters of the few huge fields (10 MB in the full corpus). */
  hugeFieldLength: number;
  /** How far back the first application is presented (90 days; fewer days touched, less to recompute). */
  daysBack?: number;
}

export interface CorpusFile {
  name: ExtractFileName;
  columns: string[];
  /** What each data line must become, by the line where its record starts. */
  lines: Map<number, Expected>;
  /** The kind each bad row was made as (a reason code, or a finer name such as LATIN1), by line. */
  kinds: Map<number, string>;
  /** The hostile dressing of a row (FORMULA_KEY, QUOTED_LINE_BREAK), by line. */
  dresses: Map<number, string>;
  rows: number;
}

export interface Corpus {
  folder: string;
  files: Record<ExtractFileName, CorpusFile>;
}

const quote = (v: string) => (/[;"\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** BEL marks where a maker wants raw bytes (invalid UTF-8) instead of text. */
const RAW_BYTES_MARK = '\u0007';

class CorpusWriter {
  private readonly fd: number;
  private line = 1;
  readonly lines = new Map<number, Expected>();
  readonly kinds = new Map<number, string>();
  readonly dresses = new Map<number, string>();
  rows = 0;

  constructor(path: string, readonly columns: string[]) {
    this.fd = openSync(path, 'w');
    writeSync(this.fd, `${columns.join(';')}\n`);
  }

  /** Writes one record (fields by column, or a whole raw line) and remembers its intent. */
  write(made: Made): void {
    const text = typeof made.row === 'function' ? made.row(this.columns) : this.columns.map((c) => quote((made.row as Row)[c] ?? '')).join(';');
    this.line++;
    this.rows++;
    this.lines.set(this.line, made.expect);
    if (made.kind) {this.kinds.set(this.line, made.kind);}
    if (made.dress) {this.dresses.set(this.line, made.dress);}
    const parts = text.split(RAW_BYTES_MARK);
    const bytes: Buffer[] = [];
    parts.forEach((p, i) => {
      bytes.push(Buffer.from(p, 'utf8'));
      if (i < parts.length - 1) {bytes.push(Buffer.from(made.rawBytes ?? []));}
    });
    bytes.push(Buffer.from(made.noLineEnd ? '' : '\n'));
    writeSync(this.fd, Buffer.concat(bytes));
    // A quoted line break moves the next record down (line numbers count physical lines).
    for (let k = text.indexOf('\n'); k !== -1; k = text.indexOf('\n', k + 1)) {this.line++;}
  }

  done(): Omit<CorpusFile, 'name'> {
    closeSync(this.fd);
    return { columns: this.columns, lines: this.lines, kinds: this.kinds, dresses: this.dresses, rows: this.rows };
  }
}

/** Fisher–Yates with the corpus's own random stream. */
function shuffled<T>(items: readonly T[], rng: Random): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** A fiscal code that follows the pattern, distinct for each n < 26^6. */
export function fiscalCode(n: number): string {
  let name = '';
  for (let i = 0, v = n; i < 6; i++, v = Math.floor(v / 26)) {name += LETTERS[v % 26];}
  return `${name}80A01L219X`;
}

function baseApplications(options: CorpusOptions): BaseApplication[] {
  const offices = readOffices();
  const daysBack = options.daysBack ?? 90;
  const start = addDays(options.referenceDate, -daysBack);
  // Presented, authorised 10 days later, SR41 received 2 days after, changes up to 7 days on: all by the reference date.
  const spread = Math.max(1, Math.min(30, daysBack - 20));
  return Array.from({ length: options.applications }, (_, i) => {
    const office = offices[(i * 7) % offices.length];
    const presented = addDays(start, i % spread);
    const authorisedOn = i % 10 === 9 ? null : addDays(presented, 10);
    const application: Row = {
      protocollo: `H${i}`, prestazione: 'CIGO', causale: 'COVID19_L178', sede: office.code, regione: office.regionCode,
      plurilocalizzata: '0', matricola: `M${i % 500}`, modalita_pagamento: i % 2 ? 'DIRETTO' : 'CONGUAGLIO', lavoratori: '5',
      ore_richieste: '400', ore_autorizzate: '', periodo_dal: addDays(start, -30).slice(0, 8) + '01', periodo_al: options.referenceDate,
      data_presentazione: presented, stato: 'PRESENTATA', data_stato: presented,
    };
    const received = authorisedOn ? addDays(authorisedOn, 2) : addDays(presented, 2);
    const sr41: Row = {
      id_sr41: `S${i}`, protocollo: `H${i}`, codice_fiscale: fiscalCode(i), iban: 'IT60X0542811101000000123456',
      competenza: application.periodo_dal.slice(0, 7), ore: '80', importo: '750.25', data_ricezione: received, stato: 'RICEVUTO',
      data_stato: received, motivo_scarto: '',
    };
    return { index: i, application, authorisedOn, sr41, otherRegion: offices.find((o) => o.regionCode !== office.regionCode)!.regionCode };
  });
}

function makeBad(kinds: Readonly<Record<string, KindMaker>>, bases: BaseApplication[], options: CorpusOptions, rng: Random): { bad: Made[]; following: Map<number, Made[]> } {
  const bad: Made[] = [];
  // Faults of a key already in the file (transitions, duplicates) come after its valid rows.
  const following = new Map<number, Made[]>();
  let serial = 0;
  for (const [kind, maker] of Object.entries(kinds)) {
    const candidates = bases.filter((b) => !maker.needs || maker.needs(b));
    for (let n = 0; n < (maker.count ?? options.badPerKind); n++) {
      const base = candidates[rng.int(0, candidates.length - 1)];
      const made = maker.make({ base, n, serial: serial++, rng, referenceDate: options.referenceDate, hugeFieldLength: options.hugeFieldLength });
      const tagged: Made = { ...made, kind: made.kind ?? kind };
      if (maker.followsBase) {
        following.set(base.index, [...(following.get(base.index) ?? []), tagged]);
      } else {
        bad.push(tagged);
      }
    }
  }
  return { bad, following };
}

function writeFile(
  folder: string, name: ExtractFileName, columns: readonly string[], good: Map<number, Made[]>,
  kinds: Readonly<Record<string, KindMaker>>, bases: BaseApplication[], options: CorpusOptions, rng: Random
): CorpusFile {
  const { bad, following } = makeBad(kinds, bases, options, rng);
  // Each base item's rows stay together and in order; bad rows fall anywhere between them.
  const units = bases.map((b) => [...(good.get(b.index) ?? []), ...(following.get(b.index) ?? [])]).filter((u) => u.length > 0);
  const ordered = shuffled([...units, ...bad.map((b) => [b])], rng).flat();
  // Any column order (EXTRACT.md): the corpus writes its own, shuffled.
  const writer = new CorpusWriter(join(folder, name), shuffled(columns, rng));
  for (const m of ordered) {writer.write(m);}
  // A truncated last line: the export stopped mid-row (and the manifest describes what is there).
  writer.write({ row: () => 'TRONCATA;CIGO;COVID', expect: 'COLONNE_ERRATE', kind: 'TRUNCATED_LAST_LINE', noLineEnd: true });
  return { name, ...writer.done() };
}

/** Writes `<parent>/<referenceDate>/` and returns what every line of it must become. */
export function writeHostileCorpus(parent: string, options: CorpusOptions): Corpus {
  const folder = join(parent, options.referenceDate);
  mkdirSync(folder, { recursive: true });
  const rng = new Random(options.seed, 6);
  const bases = baseApplications(options);
  const goodApplications = new Map<number, Made[]>();
  const goodSr41 = new Map<number, Made[]>();
  for (const b of bases) {
    const rows: Made[] = [{ row: b.application, expect: 'LOADED' }];
    if (b.authorisedOn) {
      rows.push({ row: { ...b.application, stato: 'AUTORIZZATA', ore_autorizzate: '300', data_stato: b.authorisedOn }, expect: 'LOADED' });
      goodSr41.set(b.index, [{ row: b.sr41, expect: 'LOADED' }]);
    }
    goodApplications.set(b.index, rows);
  }
  const domande = writeFile(folder, 'domande.csv', APPLICATION_COLUMNS, goodApplications, APPLICATION_KINDS, bases, options, rng);
  const sr41 = writeFile(folder, 'sr41.csv', SR41_COLUMNS, goodSr41, SR41_KINDS, bases, options, rng);
  writeManifest(folder, options.referenceDate, { 'domande.csv': domande.rows, 'sr41.csv': sr41.rows });
  return { folder, files: { 'domande.csv': domande, 'sr41.csv': sr41 } };
}
