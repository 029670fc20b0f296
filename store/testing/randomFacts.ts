/**
 * Seeded random raw facts for tests and timings: applications whose histories follow
 * APPLICATION_TRANSITIONS (riesame and revoca included), SR41 of authorised direct-payment
 * applications following SR41_TRANSITIONS, workers with several SR41. The rows go straight into
 * the fact tables under one `load_run`, bypassing the loader: valid by construction, not by
 * validation. The same seed and options give the same facts.
 */
import { addDays, daysBetween } from '../../src/model/calendar';
import {
  APPLICATION_TRANSITIONS,
  REJECTION_REASONS,
  SR41_TRANSITIONS,
  type ApplicationState,
  type Benefit,
  type Sr41State,
} from '../../src/model/domain';
import type { Queryable } from '../db/database';
import { readOffices, readRegions } from '../db/reference';

export interface RandomFactsOptions {
  seed: number;
  /** How many applications. */
  applications: number;
  /** First presentation day. */
  from: string;
  /** The reference date: nothing is dated later. */
  to: string;
  /** Keys start with this, so several batches can share a database. */
  prefix?: string;
  /** Mean number of SR41 of an authorised direct-payment application (default 4). */
  sr41PerApplication?: number;
  /** Mean days between two state changes of an application (default 8). */
  applicationStepDays?: number;
  /** Mean days between two state changes of an SR41 (default 4). */
  sr41StepDays?: number;
}

export interface ApplicationRow {
  application_id: string;
  benefit: string;
  cause: string;
  office_code: string;
  region_code: string;
  multi_region: boolean;
  employer_id: string;
  payment_mode: string;
  workers: number;
  hours_requested: number;
  period_from: string;
  period_to: string;
  presented_on: string;
}
export interface ApplicationEventRow {
  application_id: string;
  state: string;
  state_on: string;
  hours_authorised: number | null;
  line_number: number;
}
export interface Sr41Row {
  sr41_id: string;
  application_id: string;
  worker_pseudonym: string;
  period_month: string;
  hours: number;
  amount: number;
  received_on: string;
}
export interface Sr41EventRow {
  sr41_id: string;
  state: string;
  state_on: string;
  rejection_reason: string | null;
  line_number: number;
}
export interface FactBatch {
  applications: ApplicationRow[];
  applicationEvents: ApplicationEventRow[];
  sr41: Sr41Row[];
  sr41Events: Sr41EventRow[];
}

/** mulberry32: small, fast, good enough for test data. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Next states with their weights; what the weights leave to 1 is the chance that the history
 * stops there (an item still open at the reference date, or stuck: about 2% of applications and
 * 3% of SR41, which keeps national-size backlogs near the published ones).
 */
const APPLICATION_STEPS: Record<ApplicationState, Partial<Record<ApplicationState, number>>> = {
  PRESENTATA: { IN_ISTRUTTORIA: 0.55, AUTORIZZATA: 0.35, RESPINTA: 0.06, ANNULLATA: 0.03 },
  IN_ISTRUTTORIA: { AUTORIZZATA: 0.82, RESPINTA: 0.12, ANNULLATA: 0.04 },
  RESPINTA: { IN_ISTRUTTORIA: 0.3 },
  AUTORIZZATA: { ANNULLATA: 0.04 },
  ANNULLATA: {},
};
const SR41_STEPS: Record<Sr41State, Partial<Record<Sr41State, number>>> = {
  RICEVUTO: { IN_LAVORAZIONE: 0.88, SCARTATO: 0.07, ANNULLATO: 0.03 },
  IN_LAVORAZIONE: { IN_PAGAMENTO: 0.91, SCARTATO: 0.06, ANNULLATO: 0.02 },
  IN_PAGAMENTO: { PAGATO: 0.975, ANNULLATO: 0.02 },
  PAGATO: {},
  SCARTATO: {},
  ANNULLATO: {},
};
// The step tables must only take allowed transitions.
for (const [from, next] of Object.entries(APPLICATION_STEPS)) {
  for (const to of Object.keys(next)) {
    if (!APPLICATION_TRANSITIONS[from as ApplicationState].includes(to as ApplicationState)) {
      throw new Error(`randomFacts: ${from} → ${to} is not an allowed application transition.`);
    }
  }
}
for (const [from, next] of Object.entries(SR41_STEPS)) {
  for (const to of Object.keys(next)) {
    if (!SR41_TRANSITIONS[from as Sr41State].includes(to as Sr41State)) {
      throw new Error(`randomFacts: ${from} → ${to} is not an allowed SR41 transition.`);
    }
  }
}

/** Produces the facts in batches of applications (with their SR41), so huge sets stream. */
export class RandomFacts {
  private readonly random: () => number;
  private readonly offices = readOffices();
  private readonly regions = readRegions();
  private readonly span: number;
  private line = 0;
  private produced = 0;

  constructor(private readonly options: RandomFactsOptions) {
    this.random = prng(options.seed);
    this.span = daysBetween(options.from, options.to);
  }

  get done(): boolean {
    return this.produced >= this.options.applications;
  }

  /** The next `count` applications (fewer at the end) with their events and SR41. */
  next(count: number): FactBatch {
    const batch: FactBatch = { applications: [], applicationEvents: [], sr41: [], sr41Events: [] };
    const end = Math.min(this.options.applications, this.produced + count);
    for (; this.produced < end; this.produced++) {
      this.application(this.produced, batch);
    }
    return batch;
  }

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)];
  }

  /** Days until the next change: exponential with the given mean, sometimes the same day. */
  private delay(mean: number): number {
    return this.random() < 0.12 ? 0 : Math.round(-Math.log(1 - this.random()) * mean);
  }

  private weighted<S extends string>(weights: Partial<Record<S, number>>): S | null {
    let r = this.random();
    for (const [state, w] of Object.entries(weights) as Array<[S, number]>) {
      if (r < w) {
        return state;
      }
      r -= w;
    }
    return null;
  }

  private application(index: number, batch: FactBatch): void {
    const o = this.options;
    const id = `${o.prefix ?? 'D'}${String(index).padStart(9, '0')}`;
    const office = this.pick(this.offices);
    const r = this.random();
    const benefit: Benefit = r < 0.45 ? 'CIGO' : r < 0.8 ? 'ASO' : r < 0.95 ? 'CIGD' : 'CISOA';
    const presented = addDays(o.from, Math.floor(this.random() * (this.span + 1)));
    const cigd = benefit === 'CIGD';
    const workers = 1 + Math.floor(-Math.log(1 - this.random()) * 7);
    const hoursRequested = workers * (40 + Math.floor(this.random() * 360));
    const periodFrom = addDays(presented, -Math.floor(this.random() * 30));
    const app: ApplicationRow = {
      application_id: id,
      benefit,
      cause: this.random() < 0.03 ? 'ALTRO' : presented < '2021-01-01' ? 'COVID19_NAZ' : 'COVID19_L178',
      office_code: office.code,
      // CIGD is granted by a Region, sometimes another than the office's.
      region_code: cigd && this.random() < 0.2 ? this.pick(this.regions).code : office.regionCode,
      multi_region: cigd && this.random() < 0.15,
      employer_id: `M${String(Math.floor(this.random() * 1e9)).padStart(10, '0')}`,
      payment_mode: cigd || this.random() < 0.4 ? 'DIRETTO' : 'CONGUAGLIO',
      workers,
      hours_requested: hoursRequested,
      period_from: periodFrom,
      period_to: addDays(periodFrom, 7 + Math.floor(this.random() * 120)),
      presented_on: presented,
    };
    batch.applications.push(app);

    const seen = new Set<string>();
    let state: ApplicationState = this.random() < 0.9 ? 'PRESENTATA' : this.random() < 0.6 ? 'IN_ISTRUTTORIA' : 'AUTORIZZATA';
    let day = state === 'PRESENTATA' ? presented : addDays(presented, this.delay(3));
    if (day > o.to) {
      [state, day] = ['PRESENTATA', presented]; // every application has its first row
    }
    let authorisedOn: string | null = null;
    for (;;) {
      if (day > o.to) {
        break;
      }
      while (seen.has(`${state}/${day}`)) {
        day = addDays(day, 1); // the key (application, state, day) is unique
      }
      if (day > o.to) {
        break;
      }
      seen.add(`${state}/${day}`);
      const hours = state === 'AUTORIZZATA' ? Math.round(hoursRequested * (0.5 + this.random() * 0.5)) : null;
      batch.applicationEvents.push({ application_id: id, state, state_on: day, hours_authorised: hours, line_number: ++this.line });
      if (state === 'AUTORIZZATA' && authorisedOn === null) {
        authorisedOn = day;
      }
      const next: ApplicationState | null = this.weighted(APPLICATION_STEPS[state]);
      if (next === null) {
        break;
      }
      state = next;
      day = addDays(day, this.delay(o.applicationStepDays ?? 8));
    }
    if (authorisedOn !== null && app.payment_mode === 'DIRETTO') {
      this.sr41Of(app, authorisedOn, batch);
    }
  }

  private sr41Of(app: ApplicationRow, authorisedOn: string, batch: FactBatch): void {
    const o = this.options;
    const mean = o.sr41PerApplication ?? 4;
    const count = Math.round(-Math.log(1 - this.random()) * mean);
    const workerCount = Math.max(1, Math.min(app.workers, Math.ceil(count / 2)));
    for (let k = 0; k < count; k++) {
      const received = addDays(authorisedOn, this.delay(20));
      if (received > o.to) {
        continue;
      }
      const id = `${app.application_id}-${String(k).padStart(3, '0')}`;
      const hours = 8 + Math.floor(this.random() * 160);
      batch.sr41.push({
        sr41_id: id,
        application_id: app.application_id,
        worker_pseudonym: `${app.application_id}-W${Math.floor(this.random() * workerCount)}`,
        period_month: `${app.period_from.slice(0, 7)}-01`,
        hours,
        amount: Math.round(hours * 6.2 * 100) / 100,
        received_on: received,
      });
      let state: Sr41State = this.random() < 0.95 ? 'RICEVUTO' : 'IN_LAVORAZIONE';
      let day = state === 'RICEVUTO' ? received : addDays(received, this.delay(3));
      if (day > o.to) {
        [state, day] = ['RICEVUTO', received]; // every SR41 has its first row
      }
      while (day <= o.to) {
        batch.sr41Events.push({
          sr41_id: id,
          state,
          state_on: day,
          rejection_reason: state === 'SCARTATO' ? this.pick(REJECTION_REASONS) : null,
          line_number: ++this.line,
        });
        const next: Sr41State | null = this.weighted(SR41_STEPS[state]);
        if (next === null) {
          break;
        }
        state = next;
        day = addDays(day, this.delay(o.sr41StepDays ?? 4));
      }
    }
  }
}

/** All the facts of `options` at once (small sets). */
export function randomFacts(options: RandomFactsOptions): FactBatch {
  return new RandomFacts(options).next(options.applications);
}

/** A `load_run` row for directly inserted facts; returns its load_id. */
export async function createLoadRun(tx: Queryable, referenceDate: string, folderName: string): Promise<number> {
  const [row] = await tx.query<{ load_id: number }>(
    `INSERT INTO load_run (reference_date, folder_name, outcome, started_at) VALUES ($1, $2, 'CARICATO', now()) RETURNING load_id`,
    [referenceDate, folderName]
  );
  return Number(row.load_id);
}

const csvValue = (v: unknown): string => (v === null || v === undefined ? '' : typeof v === 'boolean' ? (v ? 't' : 'f') : String(v));
const csv = <T>(rows: T[], columns: ReadonlyArray<keyof T>): string =>
  rows.map((r) => columns.map((c) => csvValue(r[c])).join(',')).join('\n') + '\n';

const APPLICATION_COLUMNS = [
  'application_id', 'benefit', 'cause', 'office_code', 'region_code', 'multi_region', 'employer_id',
  'payment_mode', 'workers', 'hours_requested', 'period_from', 'period_to', 'presented_on',
] as const;
const SR41_COLUMNS = ['sr41_id', 'application_id', 'worker_pseudonym', 'period_month', 'hours', 'amount', 'received_on'] as const;

const EVENT_COLUMNS = ['state', 'state_on', 'load_id', 'line_number'] as const;

async function copyRows<T>(tx: Queryable, table: string, rows: T[], columns: ReadonlyArray<keyof T & string>): Promise<void> {
  if (rows.length) {
    await tx.copyCsv(table, columns, csv(rows, columns));
  }
}

/** Bulk-inserts a batch under the given load. */
export async function insertFacts(tx: Queryable, batch: FactBatch, loadId: number): Promise<void> {
  const withLoad = <T>(rows: T[]) => rows.map((r) => ({ ...r, load_id: loadId }));
  await copyRows(tx, 'application', batch.applications, APPLICATION_COLUMNS);
  await copyRows(tx, 'application_event', withLoad(batch.applicationEvents), ['application_id', 'hours_authorised', ...EVENT_COLUMNS]);
  await copyRows(tx, 'sr41', batch.sr41, SR41_COLUMNS);
  await copyRows(tx, 'sr41_event', withLoad(batch.sr41Events), ['sr41_id', 'rejection_reason', ...EVENT_COLUMNS]);
}

/** Generates and inserts the facts of `options` under a new load_run, in batches. */
export async function insertRandomFacts(tx: Queryable, options: RandomFactsOptions, batchSize = 20_000): Promise<void> {
  const loadId = await createLoadRun(tx, options.to, `random-${options.prefix ?? 'D'}-${options.seed}`);
  const facts = new RandomFacts(options);
  while (!facts.done) {
    await insertFacts(tx, facts.next(batchSize), loadId);
  }
}
