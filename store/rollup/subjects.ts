/**
 * The two kinds of item the rollups count, described once so that the stock and flow SQL is
 * written once: where an item's origin date, its state changes and its dimensions live.
 */
import { isIsoDay } from '../../src/model/calendar';
import {
  AGE_BANDS, APPLICATION_STATES, APPLICATION_TRANSITIONS, OPEN_APPLICATION_STATES, OPEN_SR41_STATES, SR41_STATES, SR41_TRANSITIONS,
} from '../../src/model/domain';

/** The age-band columns of the stock tables (003_rollups.sql), in the order of AGE_BANDS. */
export const AGE_BAND_COLUMNS = ['age_0_30', 'age_31_60', 'age_61_90', 'age_91_180', 'age_over_180'] as const;
if (AGE_BAND_COLUMNS.length !== AGE_BANDS.length) {
  throw new Error('The stock tables have one column per age band of src/model/domain.ts AGE_BANDS.');
}

/** The rollup grain besides the day: an SR41 takes its application's dimensions (DOMAIN.md). */
export const DIMENSION_COLUMNS = ['region_code', 'office_code', 'benefit', 'cause', 'payment_mode', 'multi_region'] as const;

/** A stock column counting the items older than a setting: `age > days`. */
export interface ThresholdColumn {
  column: string;
  setting: string;
}

export interface StockSubject {
  stockTable: string;
  itemTable: string;
  itemKey: string;
  eventTable: string;
  /** The date ages are counted from: presentation or receipt. */
  originColumn: string;
  /** The state of an item before its first state change (also the state of its first day). */
  initialState: string;
  openStates: readonly string[];
  /**
   * The closed states, when no change leaves any of them (DOMAIN.md transitions): an item is then
   * open at the end of a day exactly when none of its changes dated up to it is into one of them,
   * the loader keeping every stored history valid. Null when a closed state can be left (an
   * application's RESPINTA reopens on riesame).
   */
  finalStates: readonly string[] | null;
  /**
   * The table of the items open and lately closed (060_sr41_open.sql, 066_sr41_open_states.sql,
   * openItemsSql.ts); null where none is kept (it needs finalStates and open states entered in
   * one order, openList()).
   */
  openList: OpenList | null;
  /** Joins `i` (the item) to the application that gives the dimensions, if it is not `i` itself. */
  applicationJoin: string;
  /** The alias whose columns are the dimensions: `i` or the joined application. */
  dimensionAlias: 'i' | 'a';
  thresholdColumns: readonly ThresholdColumn[];
}

/** An open state after the initial one, and the open list's column of the day an item entered it. */
export interface OpenStep {
  state: string;
  column: string;
}

/**
 * An open list: each item with its origin, its dimensions (those of the application it names in
 * application_id), the day it entered each later open state and the day it closed. Its state at
 * the end of a day is then the last step entered by that day, or the initial state: a night's
 * stock is counted from the list alone (stockSql.ts).
 */
export interface OpenList {
  table: string;
  /** The open states after the initial one, in the order every item goes through them. */
  steps: readonly OpenStep[];
}

/**
 * `steps` as an open list of a subject whose items go through their open states in that order and
 * never back (DOMAIN.md transitions), so that each step is entered at most once and the latest
 * one entered is the state; otherwise the list could not tell an item's state, and this throws.
 */
function openList(
  table: string, steps: readonly OpenStep[], initial: string, open: readonly string[], transitions: Readonly<Record<string, readonly string[]>>
): OpenList {
  const order = [initial, ...steps.map((s) => s.state)];
  const sameStates = order.length === open.length && open.every((s) => order.includes(s));
  const forward = order.every((s, k) => transitions[s].every((next) => !open.includes(next) || order.indexOf(next) > k));
  if (!sameStates || !forward) {
    throw new Error(`The open list ${table} needs the open states ${open.join(', ')} entered in the order ${order.join(', ')} and never left back.`);
  }
  return { table, steps };
}

/** The closed states if every one of them is final (no transition out), else null. */
function finalClosedStates(states: readonly string[], open: readonly string[], transitions: Readonly<Record<string, readonly string[]>>): readonly string[] | null {
  const closed = states.filter((s) => !open.includes(s));
  return closed.every((s) => transitions[s].length === 0) ? closed : null;
}

export const APPLICATION_STOCK: StockSubject = {
  stockTable: 'application_stock_daily',
  itemTable: 'application',
  itemKey: 'application_id',
  eventTable: 'application_event',
  originColumn: 'presented_on',
  initialState: 'PRESENTATA',
  openStates: OPEN_APPLICATION_STATES,
  finalStates: finalClosedStates(APPLICATION_STATES, OPEN_APPLICATION_STATES, APPLICATION_TRANSITIONS),
  openList: null,
  applicationJoin: '',
  dimensionAlias: 'i',
  thresholdColumns: [
    { column: 'chronic', setting: 'chronic_days' },
    { column: 'very_old', setting: 'very_old_days' },
  ],
};

export const SR41_STOCK: StockSubject = {
  stockTable: 'sr41_stock_daily',
  itemTable: 'sr41',
  itemKey: 'sr41_id',
  eventTable: 'sr41_event',
  originColumn: 'received_on',
  initialState: 'RICEVUTO',
  openStates: OPEN_SR41_STATES,
  finalStates: finalClosedStates(SR41_STATES, OPEN_SR41_STATES, SR41_TRANSITIONS),
  openList: openList(
    'sr41_open',
    [{ state: 'IN_LAVORAZIONE', column: 'working_on' }, { state: 'IN_PAGAMENTO', column: 'paying_on' }],
    'RICEVUTO', OPEN_SR41_STATES, SR41_TRANSITIONS
  ),
  applicationJoin: 'JOIN application a ON a.application_id = i.application_id',
  dimensionAlias: 'a',
  thresholdColumns: [{ column: 'over_open_threshold', setting: 'sr41_open_days' }],
};

/**
 * The dimension columns of `alias` in the C collation, named as themselves: grouping and
 * sorting then compare bytes, not language rules, which is several times faster.
 */
export function collatedDimensions(alias?: string): string {
  return DIMENSION_COLUMNS.map((c) => {
    const column = alias ? `${alias}.${c}` : c;
    return c === 'multi_region' ? column : `${column} COLLATE "C" AS ${c}`;
  }).join(', ');
}

/** SQL text of a list of state literals. */
export function stateList(states: readonly string[]): string {
  return states.map((s) => `'${s}'`).join(', ');
}

/** A day as an SQL literal; the caller's strings are checked first, so nothing else gets in. */
export function dayLiteral(day: string): string {
  if (!isIsoDay(day)) {
    throw new Error(`The day "${day}" is not a date of the form AAAA-MM-GG.`);
  }
  return `DATE '${day}'`;
}
