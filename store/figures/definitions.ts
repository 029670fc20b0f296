/**
 * Every figure of src/model/measures.ts MEASURES, defined a second time, plainly, from the item
 * histories (rawFacts.ts), straight from DOMAIN.md "Every figure, defined":
 * - flow-like figures (flow, mean, p90, distinct) as dated observations: one per item that
 *   arrived or per state change, with the value it adds;
 * - stocks as the things counted at the end of a day D, each with the key it is counted by
 *   (the item, or the worker for the worker figures).
 * rawFigure.ts buckets, filters, groups and aggregates them.
 */
import { daysBetween } from '../../src/model/calendar';
import { AGE_BANDS, OPEN_APPLICATION_STATES, OPEN_SR41_STATES } from '../../src/model/domain';
import { stateAt, type ItemDimensions, type RawFacts, type RawSr41 } from './rawFacts';

/** Dimension values of one observation; `stato`, `fascia_eta`, `motivo` where they apply. */
export type ObservationDimensions = ItemDimensions & { stato?: string; fascia_eta?: string; motivo?: string };

export function dimensionValue(dims: ObservationDimensions, dimension: string): string | undefined {
  return (dims as unknown as Record<string, string | undefined>)[dimension];
}

export interface Observation {
  day: string;
  dims: ObservationDimensions;
  value: number;
  /** The worker, for distinct counts. */
  key?: string;
}

export interface Counted {
  dims: ObservationDimensions;
  /** Counted once per group: the item, or the worker. */
  key: string;
}

type Flow = (facts: RawFacts) => Observation[];
type Stock = (facts: RawFacts, day: string) => Counted[];

export function ageBandOf(age: number): string {
  return AGE_BANDS.find((b) => age >= b.min && (b.max === null || age <= b.max))!.id;
}

function changesInto<T extends { dims: ItemDimensions; origin: string; changes: RawFacts['applications'][number]['changes'] }>(
  items: T[],
  states: readonly string[],
  value: (item: T, change: T['changes'][number]) => number,
  extra: (item: T, change: T['changes'][number]) => Partial<Observation> = () => ({})
): Observation[] {
  const out: Observation[] = [];
  for (const item of items) {
    for (const c of item.changes) {
      if (states.includes(c.state)) {
        out.push({ day: c.on, dims: item.dims, value: value(item, c), ...extra(item, c) });
      }
    }
  }
  return out;
}

const DECISIONS = ['AUTORIZZATA', 'RESPINTA'];
const decisionDays: Flow = (f) => changesInto(f.applications, DECISIONS, (a, c) => daysBetween(a.origin, c.on));
const paymentDays: Flow = (f) => changesInto(f.sr41, ['PAGATO'], (s, c) => daysBetween(s.origin, c.on));

export const FLOWS: Readonly<Record<string, Flow>> = {
  'domande/presentate': (f) => f.applications.map((a) => ({ day: a.origin, dims: a.dims, value: 1 })),
  'domande/ore_richieste': (f) => f.applications.map((a) => ({ day: a.origin, dims: a.dims, value: a.hoursRequested })),
  'domande/lavoratori': (f) => f.applications.map((a) => ({ day: a.origin, dims: a.dims, value: a.workers })),
  'domande/autorizzate': (f) => changesInto(f.applications, ['AUTORIZZATA'], () => 1),
  'domande/respinte': (f) => changesInto(f.applications, ['RESPINTA'], () => 1),
  'domande/annullate': (f) => changesInto(f.applications, ['ANNULLATA'], () => 1),
  'domande/definite': (f) => changesInto(f.applications, DECISIONS, () => 1),
  'domande/ore_autorizzate': (f) => changesInto(f.applications, ['AUTORIZZATA'], (_, c) => c.hoursAuthorised ?? 0),
  'domande/tempo_definizione_medio': decisionDays,
  'domande/tempo_definizione_p90': decisionDays,
  'sr41/ricevuti': (f) => f.sr41.map((s) => ({ day: s.origin, dims: s.dims, value: 1 })),
  'sr41/pagati': (f) => changesInto(f.sr41, ['PAGATO'], () => 1),
  'sr41/scartati': (f) =>
    changesInto(f.sr41, ['SCARTATO'], () => 1, (s, c) => ({ dims: { ...s.dims, motivo: c.rejectionReason ?? '' } })),
  'sr41/annullati': (f) => changesInto(f.sr41, ['ANNULLATO'], () => 1),
  'sr41/importo_pagato': (f) => changesInto(f.sr41, ['PAGATO'], (s) => s.amount),
  'sr41/ore_pagate': (f) => changesInto(f.sr41, ['PAGATO'], (s) => s.hours),
  'sr41/tempo_pagamento_medio': paymentDays,
  'sr41/tempo_pagamento_p90': paymentDays,
  'sr41/lavoratori_pagati': (f) => changesInto(f.sr41, ['PAGATO'], () => 1, (s) => ({ key: s.worker })),
};

function openItems<T extends RawFacts['applications'][number] | RawSr41>(
  items: T[],
  day: string,
  initial: string,
  open: readonly string[],
  olderThan = -1
): Counted[] {
  const out: Counted[] = [];
  for (const item of items) {
    const state = stateAt(item, day, initial);
    const age = daysBetween(item.origin, day);
    if (state !== null && open.includes(state) && age > olderThan) {
      out.push({ dims: { ...item.dims, stato: state, fascia_eta: ageBandOf(age) }, key: item.id });
    }
  }
  return out;
}

/**
 * lavoratori in attesa del primo pagamento at D (DOMAIN.md), with these decisions:
 * - a worker waits when they have an SR41 received on or before D whose state at D is not
 *   ANNULLATO (a rejected one counts: the worker is still unpaid), and none of their SR41 is
 *   PAGATO at D, whatever its region or office;
 * - a waiting worker counts once in every group holding one of those SR41;
 * - alta criticità: the earliest receipt among those SR41 (all of them, whatever the filters)
 *   is more than high_criticality_days before D.
 */
function workersAwaiting(facts: RawFacts, day: string, critical: boolean): Counted[] {
  const byWorker = new Map<string, RawSr41[]>();
  for (const s of facts.sr41) {
    const list = byWorker.get(s.worker) ?? [];
    list.push(s);
    byWorker.set(s.worker, list);
  }
  const out: Counted[] = [];
  for (const [worker, requests] of byWorker) {
    const states = requests.map((s) => stateAt(s, day, 'RICEVUTO'));
    if (states.includes('PAGATO')) {
      continue;
    }
    const waiting = requests.filter((_, k) => states[k] !== null && states[k] !== 'ANNULLATO');
    if (waiting.length === 0) {
      continue;
    }
    const first = waiting.map((s) => s.origin).sort()[0];
    if (critical && daysBetween(first, day) <= facts.thresholds.highCriticalityDays) {
      continue;
    }
    out.push(...waiting.map((s) => ({ dims: s.dims, key: worker })));
  }
  return out;
}

export const STOCKS: Readonly<Record<string, Stock>> = {
  'domande/in_giacenza': (f, d) => openItems(f.applications, d, 'PRESENTATA', OPEN_APPLICATION_STATES),
  'domande/giacenza_cronica': (f, d) => openItems(f.applications, d, 'PRESENTATA', OPEN_APPLICATION_STATES, f.thresholds.chronicDays),
  'domande/giacenza_molto_risalente': (f, d) =>
    openItems(f.applications, d, 'PRESENTATA', OPEN_APPLICATION_STATES, f.thresholds.veryOldDays),
  'sr41/in_lavorazione': (f, d) => openItems(f.sr41, d, 'RICEVUTO', OPEN_SR41_STATES),
  'sr41/lavoratori_in_attesa': (f, d) => workersAwaiting(f, d, false),
  'sr41/alta_criticita': (f, d) => workersAwaiting(f, d, true),
};
