/**
 * The raw fact tables read whole with plain SELECTs, as item histories in memory: the input of
 * the plain, second computation of every figure (rawFigure.ts). For tests only: it reads
 * everything, so keep the data small.
 */
import type { Queryable } from '../db/database';
import type { ApplicationRow } from '../testing/randomFacts';

/** The base dimensions of an item, as the API names and spells them. */
export interface ItemDimensions {
  regione: string;
  sede: string;
  prestazione: string;
  causale: string;
  modalita: string;
  plurilocalizzata: '1' | '0';
}

export interface StateChange {
  state: string;
  on: string;
  /** AUTORIZZATA only. */
  hoursAuthorised: number | null;
  /** SCARTATO only. */
  rejectionReason: string | null;
}

interface Item {
  id: string;
  dims: ItemDimensions;
  /** Presentation or receipt date: ages count from it. */
  origin: string;
  /** In order: state_on, load_id, line_number. */
  changes: StateChange[];
}

export interface RawApplication extends Item {
  hoursRequested: number;
  workers: number;
}

export interface RawSr41 extends Item {
  worker: string;
  hours: number;
  amount: number;
}

export interface RawFacts {
  applications: RawApplication[];
  sr41: RawSr41[];
  thresholds: RawThresholds;
}

/** The settings the figures depend on (the `setting` table's values, unless a test says otherwise). */
export interface RawThresholds {
  chronicDays: number;
  veryOldDays: number;
  highCriticalityDays: number;
}

interface EventTableRow {
  id: string;
  state: string;
  state_on: string;
  hours_authorised?: number | null;
  rejection_reason?: string | null;
}

function changesById(rows: EventTableRow[]): Map<string, StateChange[]> {
  const byId = new Map<string, StateChange[]>();
  for (const r of rows) {
    const list = byId.get(r.id) ?? [];
    list.push({
      state: r.state,
      on: r.state_on,
      hoursAuthorised: r.hours_authorised == null ? null : Number(r.hours_authorised),
      rejectionReason: r.rejection_reason ?? null,
    });
    byId.set(r.id, list);
  }
  return byId;
}

export async function loadRawFacts(db: Queryable, thresholds?: Partial<RawThresholds>): Promise<RawFacts> {
  const settings = await db.query<{ name: string; value: number }>('SELECT name, value FROM setting');
  const setting = (name: string) => Number(settings.find((s) => s.name === name)?.value);
  const apps = await db.query<ApplicationRow>('SELECT * FROM application');
  const appEvents = changesById(
    await db.query<EventTableRow>(
      `SELECT application_id AS id, state, state_on, hours_authorised FROM application_event
       ORDER BY application_id, state_on, load_id, line_number`
    )
  );
  const dimsById = new Map<string, ItemDimensions>();
  const applications = apps.map((a): RawApplication => {
    const dims: ItemDimensions = {
      regione: a.region_code,
      sede: a.office_code,
      prestazione: a.benefit,
      causale: a.cause,
      modalita: a.payment_mode,
      plurilocalizzata: a.multi_region ? '1' : '0',
    };
    dimsById.set(a.application_id, dims);
    return {
      id: a.application_id,
      dims,
      origin: a.presented_on,
      changes: appEvents.get(a.application_id) ?? [],
      hoursRequested: Number(a.hours_requested),
      workers: Number(a.workers),
    };
  });
  const sr41Events = changesById(
    await db.query<EventTableRow>(
      `SELECT sr41_id AS id, state, state_on, rejection_reason FROM sr41_event ORDER BY sr41_id, state_on, load_id, line_number`
    )
  );
  const sr41 = (
    await db.query<{ sr41_id: string; application_id: string; worker_pseudonym: string; hours: number; amount: number; received_on: string }>(
      'SELECT sr41_id, application_id, worker_pseudonym, hours, amount, received_on FROM sr41'
    )
  ).map(
    (s): RawSr41 => ({
      id: s.sr41_id,
      dims: dimsById.get(s.application_id)!,
      origin: s.received_on,
      changes: sr41Events.get(s.sr41_id) ?? [],
      worker: s.worker_pseudonym,
      hours: Number(s.hours),
      amount: Number(s.amount),
    })
  );
  return {
    applications,
    sr41,
    thresholds: {
      chronicDays: thresholds?.chronicDays ?? setting('chronic_days'),
      veryOldDays: thresholds?.veryOldDays ?? setting('very_old_days'),
      highCriticalityDays: thresholds?.highCriticalityDays ?? setting('high_criticality_days'),
    },
  };
}

/**
 * The state of an item at the end of `day`: its latest change dated on or before it, else
 * `initial`; null before its origin (it does not exist yet).
 */
export function stateAt(item: Item, day: string, initial: string): string | null {
  if (item.origin > day) {
    return null;
  }
  let state = initial;
  for (const c of item.changes) {
    if (c.on > day) {
      break;
    }
    state = c.state;
  }
  return state;
}
