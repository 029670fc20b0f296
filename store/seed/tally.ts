/**
 * An independent tally of DOMAIN.md's reference figures, read straight from extract folders
 * (not from the store): it lets the generator be tuned before, and apart from, the loader.
 * It follows each key's rows in folder and file order, and counts at the end of given days.
 */
import { join } from 'node:path';
import { APPLICATION_STATES, DEFAULT_THRESHOLDS, OPEN_APPLICATION_STATES, type ApplicationState } from '../../src/model/domain';
import { A, APPLICATION_COLUMNS, APPLICATIONS_FILE, S, SR41_COLUMNS, SR41_FILE } from './columns';
import { dayNumber } from './dayNumbers';
import { readExtractFile } from './extractReader';
import { LARGEST_REGIONS } from './offices';
import { CALIBRATION_DATES, type FigureId } from './referenceFigures';

export interface DayTally {
  date: string;
  presentate: number;
  annullate: number;
  byState: Record<ApplicationState, number>;
  sr41Received: number;
  sr41Cancelled: number;
  sr41Paid: number;
  workersAwaitingFirstPayment: number;
  highCriticality: number;
  workersPaid: number;
}

export interface Tally {
  days: DayTally[];
  /** Authorised hours by scheme, authorisations dated in the hours range. */
  hoursByBenefit: Record<string, number>;
  /** Authorised hours by region, authorisations dated in the share range. */
  hoursByRegion: Record<string, number>;
  rowsRead: number;
}

/** Whether a row should be counted; the tally counts every row unless told otherwise. */
export interface RowFilter {
  application?(fields: string[], folder: string, line: number): boolean;
  sr41?(fields: string[], folder: string, line: number): boolean;
}

const FINAL_SR41 = new Set(['PAGATO', 'SCARTATO', 'ANNULLATO']);
const NEVER = 1e9;

/** Folders must be given in date order (as the loader takes them). */
export async function tallyFolders(folders: readonly string[], dates: readonly string[], filter: RowFilter = {}): Promise<Tally> {
  const ts = dates.map(dayNumber);
  const days: DayTally[] = dates.map((date) => ({
    date,
    presentate: 0,
    annullate: 0,
    byState: Object.fromEntries(APPLICATION_STATES.map((s) => [s, 0])) as Record<ApplicationState, number>,
    sr41Received: 0,
    sr41Cancelled: 0,
    sr41Paid: 0,
    workersAwaitingFirstPayment: 0,
    highCriticality: 0,
    workersPaid: 0,
  }));
  const stateOf = new Map<string, ApplicationState>();
  const openSr41 = new Set<string>();
  const workerIndex = new Map<string, number>();
  let firstReceived = new Int32Array(1 << 16);
  let firstPaid = new Int32Array(1 << 16);
  const hoursByBenefit: Record<string, number> = {};
  const hoursByRegion: Record<string, number> = {};
  const [hoursFrom, hoursTo, shareFrom, shareTo] = [
    CALIBRATION_DATES.hoursFrom,
    CALIBRATION_DATES.hoursTo,
    CALIBRATION_DATES.shareFrom,
    CALIBRATION_DATES.shareTo,
  ];
  let rowsRead = 0;

  for (const folder of folders) {
    rowsRead += await readExtractFile(join(folder, APPLICATIONS_FILE), APPLICATION_COLUMNS, (f, line) => {
      if (filter.application && !filter.application(f, folder, line)) {
        return;
      }
      const key = f[A.protocollo];
      const state = f[A.stato] as ApplicationState;
      const day = dayNumber(f[A.data_stato]);
      const previous = stateOf.get(key);
      if (previous === undefined) {
        const presented = dayNumber(f[A.data_presentazione]);
        ts.forEach((t, i) => {
          if (presented <= t) {
            days[i].presentate++;
            if (t < day) {
              days[i].byState.PRESENTATA++; // before its first row, an application is PRESENTATA
            }
          }
        });
      }
      ts.forEach((t, i) => {
        if (day <= t) {
          if (previous !== undefined) {
            days[i].byState[previous]--;
          }
          days[i].byState[state]++;
          if (state === 'ANNULLATA') {
            days[i].annullate++;
          }
        }
      });
      stateOf.set(key, state);
      if (state === 'AUTORIZZATA') {
        const date = f[A.data_stato];
        const hours = Number(f[A.ore_autorizzate]);
        if (date >= hoursFrom && date <= hoursTo) {
          hoursByBenefit[f[A.prestazione]] = (hoursByBenefit[f[A.prestazione]] ?? 0) + hours;
        }
        if (date >= shareFrom && date <= shareTo) {
          hoursByRegion[f[A.regione]] = (hoursByRegion[f[A.regione]] ?? 0) + hours;
        }
      }
    });

    rowsRead += await readExtractFile(join(folder, SR41_FILE), SR41_COLUMNS, (f, line) => {
      if (filter.sr41 && !filter.sr41(f, folder, line)) {
        return;
      }
      const key = f[S.id_sr41];
      const state = f[S.stato];
      const day = dayNumber(f[S.data_stato]);
      const isNew = !openSr41.has(key);
      if (FINAL_SR41.has(state)) {
        openSr41.delete(key);
      } else {
        openSr41.add(key);
      }
      const cf = f[S.codice_fiscale];
      let w = workerIndex.get(cf);
      if (w === undefined) {
        w = workerIndex.size;
        workerIndex.set(cf, w);
        if (w >= firstReceived.length) {
          const grow = (a: Int32Array) => {
            const b = new Int32Array(a.length * 2);
            b.set(a);
            return b;
          };
          firstReceived = grow(firstReceived);
          firstPaid = grow(firstPaid);
        }
        firstReceived[w] = NEVER;
        firstPaid[w] = NEVER;
      }
      if (isNew) {
        const received = dayNumber(f[S.data_ricezione]);
        ts.forEach((t, i) => {
          if (received <= t) {
            days[i].sr41Received++;
          }
        });
        // Approximation: a cancelled SR41 still marks its worker as having asked (rare).
        firstReceived[w] = Math.min(firstReceived[w], received);
      }
      if (state === 'PAGATO' || state === 'ANNULLATO') {
        ts.forEach((t, i) => {
          if (day <= t) {
            if (state === 'PAGATO') {
              days[i].sr41Paid++;
            } else {
              days[i].sr41Cancelled++;
            }
          }
        });
        if (state === 'PAGATO') {
          firstPaid[w] = Math.min(firstPaid[w], day);
        }
      }
    });
  }

  for (let w = 0; w < workerIndex.size; w++) {
    ts.forEach((t, i) => {
      if (firstPaid[w] <= t) {
        days[i].workersPaid++;
      } else if (firstReceived[w] <= t) {
        days[i].workersAwaitingFirstPayment++;
        if (t - firstReceived[w] > DEFAULT_THRESHOLDS.highCriticalityDays) {
          days[i].highCriticality++;
        }
      }
    });
  }
  return { days, hoursByBenefit, hoursByRegion, rowsRead };
}

export function openApplications(d: DayTally): number {
  return OPEN_APPLICATION_STATES.reduce((n, s) => n + d.byState[s], 0);
}

/** The reference figures as the tally measures them. */
export function tallyFigures(t: Tally): Partial<Record<FigureId, number>> {
  const late = t.days.find((d) => d.date === CALIBRATION_DATES.late);
  const early = t.days.find((d) => d.date === CALIBRATION_DATES.early);
  const out: Partial<Record<FigureId, number>> = {};
  if (late) {
    out.presented_2021_03_31 = late.presentate - late.annullate;
    out.authorised_2021_03_31 = late.byState.AUTORIZZATA;
    out.rejected_2021_03_31 = late.byState.RESPINTA;
    out.open_2021_03_31 = openApplications(late);
    out.sr41_requests_2021_03_31 = late.sr41Received - late.sr41Cancelled;
    out.sr41_paid_2021_03_31 = late.sr41Paid;
    out.awaiting_first_payment_2021_03_31 = late.workersAwaitingFirstPayment;
    out.high_criticality_2021_03_31 = late.highCriticality;
  }
  if (early) {
    out.presented_2020_07_09 = early.presentate - early.annullate;
    out.authorised_2020_07_09 = early.byState.AUTORIZZATA;
    out.open_2020_07_09 = openApplications(early);
  }
  out.hours_cigo_2020 = t.hoursByBenefit.CIGO ?? 0;
  out.hours_aso_2020 = t.hoursByBenefit.ASO ?? 0;
  out.hours_cigd_2020 = t.hoursByBenefit.CIGD ?? 0;
  const total = Object.values(t.hoursByRegion).reduce((a, b) => a + b, 0);
  const largest = LARGEST_REGIONS.reduce((a, r) => a + (t.hoursByRegion[r] ?? 0), 0);
  if (total > 0) {
    out.largest_regions_share = (largest / total) * 100;
  }
  return out;
}
