/**
 * DASMO's domain vocabulary (DOMAIN.md): the one definition of schemes, causes, states,
 * transitions, rejection reasons, roles and age bands, shared by the store and the plugin.
 * Pure TypeScript: no Node or Grafana imports, so the browser bundle can use it too.
 */

/** prestazione: the wage-integration scheme of an application. */
export const BENEFITS = ['CIGO', 'CIGD', 'ASO', 'CISOA'] as const;
export type Benefit = (typeof BENEFITS)[number];

/** causale: the legal ground of an application. */
export const CAUSES = ['COVID19_NAZ', 'COVID19_L178', 'ALTRO'] as const;
export type Cause = (typeof CAUSES)[number];

/** modalità di pagamento: the employer advances (CONGUAGLIO) or INPS pays the workers (DIRETTO). */
export const PAYMENT_MODES = ['CONGUAGLIO', 'DIRETTO'] as const;
export type PaymentMode = (typeof PAYMENT_MODES)[number];

/** Life cycle of an application (domanda). */
export const APPLICATION_STATES = ['PRESENTATA', 'IN_ISTRUTTORIA', 'AUTORIZZATA', 'RESPINTA', 'ANNULLATA'] as const;
export type ApplicationState = (typeof APPLICATION_STATES)[number];
export const OPEN_APPLICATION_STATES: readonly ApplicationState[] = ['PRESENTATA', 'IN_ISTRUTTORIA'];

/** Allowed application transitions; a key's first row may carry any state. */
export const APPLICATION_TRANSITIONS: Readonly<Record<ApplicationState, readonly ApplicationState[]>> = {
  PRESENTATA: ['IN_ISTRUTTORIA', 'AUTORIZZATA', 'RESPINTA', 'ANNULLATA'],
  IN_ISTRUTTORIA: ['AUTORIZZATA', 'RESPINTA', 'ANNULLATA'],
  RESPINTA: ['IN_ISTRUTTORIA'], // riesame
  AUTORIZZATA: ['ANNULLATA'], // revoca
  ANNULLATA: [],
};

/** Life cycle of an SR41 (per-worker, per-month request for direct payment). */
export const SR41_STATES = ['RICEVUTO', 'IN_LAVORAZIONE', 'IN_PAGAMENTO', 'PAGATO', 'SCARTATO', 'ANNULLATO'] as const;
export type Sr41State = (typeof SR41_STATES)[number];
export const OPEN_SR41_STATES: readonly Sr41State[] = ['RICEVUTO', 'IN_LAVORAZIONE', 'IN_PAGAMENTO'];

/** Allowed SR41 transitions; final states have none (a correction is a new SR41). */
export const SR41_TRANSITIONS: Readonly<Record<Sr41State, readonly Sr41State[]>> = {
  RICEVUTO: ['IN_LAVORAZIONE', 'SCARTATO', 'ANNULLATO'],
  IN_LAVORAZIONE: ['IN_PAGAMENTO', 'SCARTATO', 'ANNULLATO'],
  IN_PAGAMENTO: ['PAGATO', 'ANNULLATO'],
  PAGATO: [],
  SCARTATO: [],
  ANNULLATO: [],
};

/** motivo_scarto: why an SR41 was rejected. */
export const REJECTION_REASONS = [
  'IBAN_NON_VALIDO',
  'IBAN_NON_INTESTATO',
  'ORE_CONTRATTUALI_ERRATE',
  'FUORI_PERIODO_AUTORIZZATO',
  'MATRICOLA_NON_CORRISPONDENTE',
  'TERMINE_DECADENZA',
  'ALTRO',
] as const;
export type RejectionReason = (typeof REJECTION_REASONS)[number];

/** INPS roles that may use DASMO; intermediaries have none. */
export const ROLES = [
  'DIREZIONE_CENTRALE',
  'DIRETTORE_REGIONALE',
  'DIRETTORE_SEDE',
  'DIRIGENTE',
  'FUNZIONARIO_PO',
  'AMMINISTRATORE',
] as const;
export type Role = (typeof ROLES)[number];
/** Roles that see all of Italy; every other role sees its own region only. */
export const NATIONAL_ROLES: readonly Role[] = ['DIREZIONE_CENTRALE', 'AMMINISTRATORE'];

/**
 * Fasce di età of a backlog item, in days since presentation (or receipt, for SR41).
 * `max` is inclusive; the last band has no upper bound.
 */
export const AGE_BANDS = [
  { id: '0-30', label: '0–30 giorni', min: 0, max: 30 },
  { id: '31-60', label: '31–60 giorni', min: 31, max: 60 },
  { id: '61-90', label: '61–90 giorni', min: 61, max: 90 },
  { id: '91-180', label: '91–180 giorni', min: 91, max: 180 },
  { id: 'oltre-180', label: 'oltre 180 giorni', min: 181, max: null },
] as const;
export type AgeBandId = (typeof AGE_BANDS)[number]['id'];

/**
 * Thresholds that DOMAIN.md calls settings. These are the defaults; the store keeps the values
 * in force in its `setting` table, which its SQL views, the alerts and the dashboards read.
 */
export const DEFAULT_THRESHOLDS = {
  /** giacenza cronica: open for more than this many days. */
  chronicDays: 90,
  /** giacenza molto risalente: open for more than this many days. */
  veryOldDays: 180,
  /** alta criticità: a worker's first SR41 received more than this many days ago, still unpaid. */
  highCriticalityDays: 30,
  /** SR41 in lavorazione older than this many days are flagged by the alerts. */
  sr41OpenDays: 30,
  /** The day's data must be loaded by this hour (Europe/Rome), or the data alert fires. */
  refreshDeadlineHour: 9,
} as const;

/** The time zone of every calendar day in DASMO. */
export const TIME_ZONE = 'Europe/Rome';

/** Normative milestones shown as annotations (DOMAIN.md). */
export const NORMATIVE_MILESTONES = [
  { date: '2020-03-17', title: 'DL 18/2020 "Cura Italia"' },
  { date: '2020-05-19', title: 'DL 34/2020 "Rilancio"' },
  { date: '2020-06-16', title: 'DL 52/2020' },
  { date: '2020-08-14', title: 'DL 104/2020 "Agosto"' },
  { date: '2020-10-28', title: 'DL 137/2020 "Ristori"' },
  { date: '2020-12-30', title: 'L. 178/2020 (legge di bilancio 2021)' },
  { date: '2021-03-22', title: 'DL 41/2021 "Sostegni"' },
  { date: '2021-05-25', title: 'DL 73/2021 "Sostegni bis"' },
  { date: '2021-07-21', title: 'Messaggio INPS 2668 (DASMO)' },
] as const;
