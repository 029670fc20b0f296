/**
 * The two things an extract describes, applications and SR41, as the loader's SQL needs them:
 * staging table, key, attribute columns (the key's row in `application` / `sr41`, as its latest
 * row states them) and event columns.
 */
import { APPLICATION_TRANSITIONS, SR41_TRANSITIONS } from '../../src/model/domain';
import { KEY_TYPE } from '../db/keyType';
import { STAGED_APPLICATION_COLUMNS } from './applicationRows';
import type { ExtractFile } from './manifest';
import { STAGED_SR41_COLUMNS } from './sr41Rows';

export interface Subject {
  file: ExtractFile;
  stageTable: string;
  key: string;
  factTable: string;
  eventTable: string;
  /** Columns of the fact table besides the key, staged under the same names. */
  attributes: readonly string[];
  /** Columns of the event table besides key, state, state_on, load_id, line_number. */
  eventExtras: readonly string[];
  /** The day the item began: a key new to the store touches the figures from that day. */
  startColumn: string;
  transitions: Readonly<Record<string, readonly string[]>>;
}

export const APPLICATION_SUBJECT: Subject = {
  file: 'domande.csv',
  stageTable: 'stage_application',
  key: 'application_id',
  factTable: 'application',
  eventTable: 'application_event',
  attributes: [
    'benefit', 'cause', 'office_code', 'region_code', 'multi_region', 'employer_id', 'payment_mode', 'workers',
    'hours_requested', 'period_from', 'period_to', 'presented_on',
  ],
  eventExtras: ['hours_authorised'],
  startColumn: 'presented_on',
  transitions: APPLICATION_TRANSITIONS,
};

export const SR41_SUBJECT: Subject = {
  file: 'sr41.csv',
  stageTable: 'stage_sr41',
  key: 'sr41_id',
  factTable: 'sr41',
  eventTable: 'sr41_event',
  attributes: ['application_id', 'worker_pseudonym', 'period_month', 'hours', 'amount', 'received_on'],
  eventExtras: ['rejection_reason'],
  startColumn: 'received_on',
  transitions: SR41_TRANSITIONS,
};

const COLUMN_TYPES: Record<string, string> = {
  line: 'integer', multi_region: 'boolean', workers: 'integer', hours_requested: 'numeric',
  hours_authorised: 'numeric', hours: 'numeric', amount: 'numeric', period_from: 'date', period_to: 'date',
  presented_on: 'date', period_month: 'date', received_on: 'date', state_on: 'date',
  application_id: KEY_TYPE, sr41_id: KEY_TYPE, worker_pseudonym: KEY_TYPE,
};

function stageTableSql(table: string, columns: readonly string[]): string {
  const defs = columns.map((c) => `${c} ${COLUMN_TYPES[c] ?? 'text'}`).join(', ');
  return `CREATE TEMP TABLE ${table} (${defs}) ON COMMIT DROP;`;
}

/** Temporary tables of one folder's transaction; they vanish with it, committed or not. */
export const STAGING_SQL = [
  stageTableSql(APPLICATION_SUBJECT.stageTable, STAGED_APPLICATION_COLUMNS),
  stageTableSql(SR41_SUBJECT.stageTable, STAGED_SR41_COLUMNS),
  // Staged rows that are not loaded: DUPLICATE or REJECTED by a check across rows.
  'CREATE TEMP TABLE stage_outcome (file_name text NOT NULL, line integer NOT NULL, outcome text NOT NULL) ON COMMIT DROP;',
  // For each key whose newest event is a row of this folder, that row: it sets the key's attributes.
  'CREATE TEMP TABLE stage_latest (file_name text NOT NULL, line integer NOT NULL) ON COMMIT DROP;',
  // Keys whose rows need the step-by-step history walk: stored history, a duplicate or a change not allowed.
  `CREATE TEMP TABLE stage_walk_key (file_name text NOT NULL, key ${KEY_TYPE} NOT NULL) ON COMMIT DROP;`,
].join('\n');
