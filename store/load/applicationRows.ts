/**
 * domande.csv (EXTRACT.md): the columns, and the checks a row must pass on its own before it is
 * staged. Checks needing other rows or the store (duplicates, transitions) come later, in SQL
 * and in the history walk.
 */
import { APPLICATION_STATES, BENEFITS, CAUSES, PAYMENT_MODES } from '../../src/model/domain';
import { copyField } from './copyWriter';
import {
  columnsAt,
  firstBadDate,
  firstEmpty,
  firstFutureDate,
  notDecimal,
  notOneOf,
  notWholeAtLeastOne,
  positionsOf,
  stateBeforeStart,
  type Fields,
} from './fields';
import type { RowRules } from './fileRules';
import { rejection, type Rejection } from './reasons';

export const APPLICATION_COLUMNS = [
  'protocollo', 'prestazione', 'causale', 'sede', 'regione', 'plurilocalizzata', 'matricola',
  'modalita_pagamento', 'lavoratori', 'ore_richieste', 'ore_autorizzate', 'periodo_dal', 'periodo_al',
  'data_presentazione', 'stato', 'data_stato',
] as const;

/** Offices and regions of the store's reference data. */
export interface ReferenceData {
  officeRegion: ReadonlyMap<string, string>;
  regions: ReadonlySet<string>;
}

/** Columns of the staging table, in the order `copyLine` writes them. */
export const STAGED_APPLICATION_COLUMNS = [
  'line', 'application_id', 'benefit', 'cause', 'office_code', 'region_code', 'multi_region', 'employer_id',
  'payment_mode', 'workers', 'hours_requested', 'hours_authorised', 'period_from', 'period_to', 'presented_on',
  'state', 'state_on',
] as const;

const REQUIRED = APPLICATION_COLUMNS.filter((c) => c !== 'ore_autorizzate');
const DATES = ['periodo_dal', 'periodo_al', 'data_presentazione', 'data_stato'] as const;
const FUTURE_DATES = ['data_presentazione', 'data_stato'] as const;
const FLAGS = ['0', '1'];

/**
 * The checks a row of domande.csv must pass on its own (`check`: the first rule of EXTRACT.md it
 * breaks, or null) and its line of the staging table's COPY, for a file whose header put the
 * columns at `position`.
 */
export function applicationRowRules(position: Readonly<Record<string, number>>, ref: ReferenceData, referenceDate: string): RowRules {
  const at = positionsOf(position, APPLICATION_COLUMNS);
  const required = columnsAt(at, REQUIRED);
  const dates = columnsAt(at, DATES);
  const futureDates = columnsAt(at, FUTURE_DATES);
  const [stateOn, presentedOn] = columnsAt(at, ['data_stato', 'data_presentazione']);

  function hoursAuthorisedRule(f: Fields): Rejection | null {
    const granted = f[at.ore_autorizzate];
    const state = f[at.stato];
    if (state !== 'AUTORIZZATA') {
      return granted === ''
        ? null
        : rejection('ORE_AUTORIZZATE_NON_AMMESSE', { detail: `ore_autorizzate is allowed only with stato AUTORIZZATA, not ${state}` });
    }
    if (granted === '') {return rejection('CAMPO_OBBLIGATORIO', { field: 'ore_autorizzate' });}
    return (
      notDecimal('ore_autorizzate', granted) ??
      (Number(granted) > Number(f[at.ore_richieste])
        ? rejection('ORE_AUTORIZZATE_NON_AMMESSE', { detail: `ore_autorizzate ${granted} is more than ore_richieste ${f[at.ore_richieste]}` })
        : null)
    );
  }

  return {
    check(f) {
      const benefit = f[at.prestazione];
      const office = f[at.sede];
      const region = f[at.regione];
      // `??` runs each check only while the previous ones passed: one reason per row, no closures per row.
      return (
        firstEmpty(f, required) ??
        notOneOf('prestazione', benefit, BENEFITS) ??
        notOneOf('causale', f[at.causale], CAUSES) ??
        notOneOf('plurilocalizzata', f[at.plurilocalizzata], FLAGS) ??
        notOneOf('modalita_pagamento', f[at.modalita_pagamento], PAYMENT_MODES) ??
        notOneOf('stato', f[at.stato], APPLICATION_STATES) ??
        (ref.officeRegion.has(office) ? null : rejection('SEDE_SCONOSCIUTA', { value: office })) ??
        (ref.regions.has(region) ? null : rejection('REGIONE_SCONOSCIUTA', { value: region })) ??
        (benefit !== 'CIGD' && region !== ref.officeRegion.get(office)
          ? rejection('REGIONE_NON_COERENTE', { value: region, office, officeRegion: ref.officeRegion.get(office)! })
          : null) ??
        (f[at.plurilocalizzata] === '1' && benefit !== 'CIGD' ? rejection('PLURILOCALIZZATA_NON_CIGD', { value: benefit }) : null) ??
        (benefit === 'CIGD' && f[at.modalita_pagamento] !== 'DIRETTO' ? rejection('CIGD_NON_DIRETTO', { value: f[at.modalita_pagamento] }) : null) ??
        notWholeAtLeastOne('lavoratori', f[at.lavoratori]) ??
        notDecimal('ore_richieste', f[at.ore_richieste]) ??
        hoursAuthorisedRule(f) ??
        firstBadDate(f, dates) ??
        (f[at.periodo_dal] > f[at.periodo_al] ? rejection('PERIODO_NON_VALIDO', { from: f[at.periodo_dal], to: f[at.periodo_al] }) : null) ??
        firstFutureDate(f, futureDates, referenceDate) ??
        stateBeforeStart(f, stateOn, presentedOn)
      );
    },
    // Only the free-text keys may need quoting: every other value has passed a check of its
    // form (digits, a date, a listed code), and an empty ore_autorizzate is COPY's NULL.
    copyLine(line, f) {
      return `${line},${copyField(f[at.protocollo])},${f[at.prestazione]},${f[at.causale]},${f[at.sede]},${f[at.regione]},` +
        `${f[at.plurilocalizzata] === '1' ? 't' : 'f'},${copyField(f[at.matricola])},${f[at.modalita_pagamento]},` +
        `${f[at.lavoratori]},${f[at.ore_richieste]},${f[at.ore_autorizzate]},${f[at.periodo_dal]},${f[at.periodo_al]},` +
        `${f[at.data_presentazione]},${f[at.stato]},${f[at.data_stato]}`;
    },
  };
}
