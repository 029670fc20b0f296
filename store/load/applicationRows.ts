/**
 * domande.csv (EXTRACT.md): the columns, and the checks a row must pass on its own before it is
 * staged. Checks needing other rows or the store (duplicates, transitions) come later, in SQL
 * and in the history walk.
 */
import { APPLICATION_STATES, BENEFITS, CAUSES, PAYMENT_MODES } from '../../src/model/domain';
import {
  firstBadDate,
  firstEmpty,
  firstFutureDate,
  notDecimal,
  notOneOf,
  notWholeAtLeastOne,
  stateBeforeStart,
  type Row,
} from './fields';
import { rejection, type Rejection } from './reasons';

export const APPLICATION_COLUMNS = [
  'protocollo', 'prestazione', 'causale', 'sede', 'regione', 'plurilocalizzata', 'matricola',
  'modalita_pagamento', 'lavoratori', 'ore_richieste', 'ore_autorizzate', 'periodo_dal', 'periodo_al',
  'data_presentazione', 'stato', 'data_stato',
] as const;

const REQUIRED = APPLICATION_COLUMNS.filter((c) => c !== 'ore_autorizzate');
const DATES = ['periodo_dal', 'periodo_al', 'data_presentazione', 'data_stato'] as const;

/** Offices and regions of the store's reference data. */
export interface ReferenceData {
  officeRegion: ReadonlyMap<string, string>;
  regions: ReadonlySet<string>;
}

/** Columns of the staging table, in the order `stagedApplication` returns them. */
export const STAGED_APPLICATION_COLUMNS = [
  'line', 'application_id', 'benefit', 'cause', 'office_code', 'region_code', 'multi_region', 'employer_id',
  'payment_mode', 'workers', 'hours_requested', 'hours_authorised', 'period_from', 'period_to', 'presented_on',
  'state', 'state_on',
] as const;

function hoursAuthorisedRule(row: Row): Rejection | null {
  const granted = row('ore_autorizzate');
  if (row('stato') !== 'AUTORIZZATA') {
    return granted === ''
      ? null
      : rejection('ORE_AUTORIZZATE_NON_AMMESSE', { detail: `ore_autorizzate is allowed only with stato AUTORIZZATA, not ${row('stato')}` });
  }
  if (granted === '') {return rejection('CAMPO_OBBLIGATORIO', { field: 'ore_autorizzate' });}
  return (
    notDecimal('ore_autorizzate', granted) ??
    (Number(granted) > Number(row('ore_richieste'))
      ? rejection('ORE_AUTORIZZATE_NON_AMMESSE', {
          detail: `ore_autorizzate ${granted} is more than ore_richieste ${row('ore_richieste')}`,
        })
      : null)
  );
}

/** The first rule of EXTRACT.md the row breaks, or null when it may be staged. */
export function checkApplicationRow(row: Row, ref: ReferenceData, referenceDate: string): Rejection | null {
  const benefit = row('prestazione');
  const office = row('sede');
  // `??` runs each check only while the previous ones passed: one reason per row, no closures per row.
  return (
    firstEmpty(row, REQUIRED) ??
    notOneOf('prestazione', benefit, BENEFITS) ??
    notOneOf('causale', row('causale'), CAUSES) ??
    notOneOf('plurilocalizzata', row('plurilocalizzata'), ['0', '1']) ??
    notOneOf('modalita_pagamento', row('modalita_pagamento'), PAYMENT_MODES) ??
    notOneOf('stato', row('stato'), APPLICATION_STATES) ??
    (ref.officeRegion.has(office) ? null : rejection('SEDE_SCONOSCIUTA', { value: office })) ??
    (ref.regions.has(row('regione')) ? null : rejection('REGIONE_SCONOSCIUTA', { value: row('regione') })) ??
    (benefit !== 'CIGD' && row('regione') !== ref.officeRegion.get(office)
      ? rejection('REGIONE_NON_COERENTE', { value: row('regione'), office, officeRegion: ref.officeRegion.get(office)! })
      : null) ??
    (row('plurilocalizzata') === '1' && benefit !== 'CIGD' ? rejection('PLURILOCALIZZATA_NON_CIGD', { value: benefit }) : null) ??
    (benefit === 'CIGD' && row('modalita_pagamento') !== 'DIRETTO' ? rejection('CIGD_NON_DIRETTO', { value: row('modalita_pagamento') }) : null) ??
    notWholeAtLeastOne('lavoratori', row('lavoratori')) ??
    notDecimal('ore_richieste', row('ore_richieste')) ??
    hoursAuthorisedRule(row) ??
    firstBadDate(row, DATES) ??
    (row('periodo_dal') > row('periodo_al') ? rejection('PERIODO_NON_VALIDO', { from: row('periodo_dal'), to: row('periodo_al') }) : null) ??
    firstFutureDate(row, ['data_presentazione', 'data_stato'], referenceDate) ??
    stateBeforeStart(row, 'data_presentazione')
  );
}

/** The staged values of a valid row, in STAGED_APPLICATION_COLUMNS order. */
export function stagedApplication(line: number, row: Row): Array<string | null> {
  return [
    String(line), row('protocollo'), row('prestazione'), row('causale'), row('sede'), row('regione'),
    row('plurilocalizzata') === '1' ? 't' : 'f', row('matricola'), row('modalita_pagamento'), row('lavoratori'),
    row('ore_richieste'), row('ore_autorizzate') || null, row('periodo_dal'), row('periodo_al'),
    row('data_presentazione'), row('stato'), row('data_stato'),
  ];
}
