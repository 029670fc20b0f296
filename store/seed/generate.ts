/**
 * `dasmo seed`: writes a synthetic national history as extract folders (EXTRACT.md). The first
 * folder, named by --from, holds everything from 2020-03-01 up to that day (closed items in
 * fewer rows); then one folder per day to --to with that day's changes. Applications are made
 * day by day, each day from its own random stream, so any date range of the same seed agrees.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { authorisedSpan, makeApplication, type Application } from './applications';
import { APPLICATION_COLUMNS, APPLICATIONS_FILE, SR41_COLUMNS, SR41_FILE } from './columns';
import { dayNumber, isoDay } from './dayNumbers';
import { APPLICATION_FAULTS, DirtyMixer, SR41_FAULTS } from './dirty';
import { employer } from './employers';
import { OfficeMap } from './offices';
import { EMPLOYERS } from './params';
import { Random } from './random';
import { makeSr41s, type Sr41 } from './sr41';
import { expectedPresentations } from './volumes';
import { HISTORY_START } from './waves';
import { ExtractFileWriter, writeManifest, type FileSummary } from './writer';
import { fiscalCode, iban } from './workers';

export interface SeedOptions {
  scale: number;
  from: string;
  to: string;
  out: string;
  seed: number;
  /** Share of bad rows mixed in (0 = none). */
  dirty: number;
  onMonth?: (month: string) => void;
}

export interface SeedResult {
  folders: string[];
  applicationRows: number;
  sr41Rows: number;
  bytes: number;
  badRows: Record<string, number>;
}

const APPLICATION_STREAM = 1;
const DIRTY_STREAM = 9;
const FINAL_SR41 = new Set(['PAGATO', 'SCARTATO', 'ANNULLATO']);

interface Folder {
  date: string;
  path: string;
  applications: ExtractFileWriter;
  sr41: ExtractFileWriter;
  applicationFaults: DirtyMixer;
  sr41Faults: DirtyMixer;
}

export function checkSeedOptions(o: SeedOptions): string | null {
  if (!(o.scale > 0) || o.scale > 10) {
    return `--scale must be a number above 0 and at most 10, not ${o.scale}.`;
  }
  if (o.from < HISTORY_START) {
    return `--from ${o.from} is before the start of the COVID-19 history (${HISTORY_START}).`;
  }
  if (o.to < o.from) {
    return `--to ${o.to} is before --from ${o.from}.`;
  }
  if (!(o.dirty >= 0 && o.dirty < 1)) {
    return `--dirty must be a share from 0 to below 1, not ${o.dirty}.`;
  }
  if (!Number.isInteger(o.seed) || o.seed < 0) {
    return `--seed must be a whole number of 0 or more, not ${o.seed}.`;
  }
  return null;
}

export function generateExtracts(o: SeedOptions): SeedResult {
  const problem = checkSeedOptions(o);
  if (problem) {
    throw new Error(problem);
  }
  const offices = new OfficeMap();
  const fromDay = dayNumber(o.from);
  const toDay = dayNumber(o.to);
  const folders: Folder[] = [];
  for (let d = fromDay; d <= toDay; d++) {
    const date = isoDay(d);
    const path = join(o.out, date);
    mkdirSync(path, { recursive: true });
    const chunk = d === fromDay ? 4 << 20 : 64 << 10; // the history folder is the big one
    const ctx = { referenceDate: date, regionOf: offices.regionOf };
    folders.push({
      date,
      path,
      applications: new ExtractFileWriter(join(path, APPLICATIONS_FILE), APPLICATION_COLUMNS, chunk),
      sr41: new ExtractFileWriter(join(path, SR41_FILE), SR41_COLUMNS, chunk),
      applicationFaults: new DirtyMixer(APPLICATION_FAULTS, o.dirty, ctx, [o.seed, DIRTY_STREAM, d, 1]),
      sr41Faults: new DirtyMixer(SR41_FAULTS, o.dirty, ctx, [o.seed, DIRTY_STREAM, d, 2]),
    });
  }
  const folderOf = (day: number) => folders[Math.max(0, day - fromDay)];
  /** A clean line goes to its day's folder, followed now and then by a bad one (--dirty). */
  const writeLine = (file: 'applications' | 'sr41') => (day: number, line: string) => {
    const f = folderOf(day);
    const [writer, faults] = file === 'applications' ? [f.applications, f.applicationFaults] : [f.sr41, f.sr41Faults];
    writer.write(line);
    const bad = faults.after(line);
    if (bad) {
      writer.write(bad);
    }
  };
  const writeApplicationLine = writeLine('applications');
  const writeSr41Line = writeLine('sr41');

  const employers = Math.max(1, Math.round(EMPLOYERS * o.scale));
  let month = '';
  for (let p = dayNumber(HISTORY_START); p <= toDay; p++) {
    const date = isoDay(p);
    if (o.onMonth && date.slice(0, 7) !== month) {
      month = date.slice(0, 7);
      o.onMonth(month);
    }
    const rng = new Random(o.seed, APPLICATION_STREAM, p);
    const count = rng.roundStochastic(expectedPresentations(p) * o.scale);
    const stem = date.replace(/-/g, '');
    for (let seq = 1; seq <= count; seq++) {
      const emp = employer(o.seed, rng.int(1, employers), offices);
      const app = makeApplication(rng, emp, p, `${stem}${String(seq).padStart(6, '0')}`);
      routeApplication(app, fromDay, toDay, writeApplicationLine);
      const span = authorisedSpan(app);
      if (span && app.paymentMode === 'DIRETTO') {
        for (const s of makeSr41s(rng, o.seed, app, span)) {
          routeSr41(s, app.protocollo, o.seed, fromDay, toDay, writeSr41Line);
        }
      }
    }
  }

  const result: SeedResult = { folders: [], applicationRows: 0, sr41Rows: 0, bytes: 0, badRows: {} };
  for (const f of folders) {
    const files: Record<string, FileSummary> = {
      [APPLICATIONS_FILE]: f.applications.close(),
      [SR41_FILE]: f.sr41.close(),
    };
    writeManifest(f.path, f.date, files);
    result.folders.push(f.path);
    result.applicationRows += files[APPLICATIONS_FILE].righe;
    result.sr41Rows += files[SR41_FILE].righe;
    result.bytes += files[APPLICATIONS_FILE].bytes + files[SR41_FILE].bytes;
    for (const made of [f.applicationFaults.made, f.sr41Faults.made]) {
      for (const [kind, n] of Object.entries(made)) {
        result.badRows[kind] = (result.badRows[kind] ?? 0) + n;
      }
    }
  }
  return result;
}

/**
 * History rows (up to --from) skip a first IN_ISTRUTTORIA that a decision follows, since
 * PRESENTATA may go straight to the decision; from the daily folders on, every change is a row.
 */
function routeApplication(app: Application, fromDay: number, toDay: number, write: (day: number, line: string) => void) {
  const prefix = [
    app.protocollo,
    app.benefit,
    app.cause,
    app.employer.office.code,
    app.employer.regionCode,
    app.employer.multiRegion ? '1' : '0',
    app.employer.employerId,
    app.paymentMode,
    app.workers,
    app.hoursRequested,
  ].join(';');
  const period = `${isoDay(app.periodFrom)};${isoDay(app.periodTo)};${isoDay(app.presentedOn)}`;
  const events = app.events;
  for (let i = 0; i < events.length; i++) {
    const e = events[i];
    if (e.day > toDay) {
      break;
    }
    const inHistory = e.day <= fromDay;
    if (
      inHistory &&
      e.state === 'IN_ISTRUTTORIA' &&
      events[i - 1].state === 'PRESENTATA' &&
      i + 1 < events.length &&
      events[i + 1].day <= fromDay
    ) {
      continue;
    }
    write(e.day, `${prefix};${e.hoursAuthorised ?? ''};${period};${e.state};${isoDay(e.day)}`);
  }
}

function euro(cents: number): string {
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}

/** An SR41 closed by --from is one row in the history (its final state); an open one keeps its steps. */
function routeSr41(
  s: Sr41,
  protocollo: string,
  seed: number,
  fromDay: number,
  toDay: number,
  write: (day: number, line: string) => void
) {
  if (s.receivedOn > toDay) {
    return;
  }
  const stem = `${s.id};${protocollo};${fiscalCode(seed, s.workerKey)};`;
  const rest = `;${s.period};${s.hours};${euro(s.amountCents)};${isoDay(s.receivedOn)};`;
  let lastInHistory = -1;
  for (let i = 0; i < s.events.length && s.events[i].day <= fromDay; i++) {
    lastInHistory = i;
  }
  const closedInHistory = lastInHistory >= 0 && FINAL_SR41.has(s.events[lastInHistory].state);
  for (let i = closedInHistory ? lastInHistory : 0; i < s.events.length; i++) {
    const e = s.events[i];
    if (e.day > toDay) {
      break;
    }
    const account = e.state === 'RICEVUTO' ? iban(seed, s.workerKey) : '';
    write(e.day, `${stem}${account}${rest}${e.state};${isoDay(e.day)};${e.reason ?? ''}`);
  }
}
