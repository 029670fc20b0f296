/**
 * The generator's own reading of EXTRACT.md's row rules, to test that clean rows pass them all
 * and each bad-row kind breaks the rule it is named after. Deliberately simple and separate
 * from the loader: two readings of one document that agree are worth more than one.
 */
import {
  APPLICATION_STATES,
  APPLICATION_TRANSITIONS,
  BENEFITS,
  CAUSES,
  PAYMENT_MODES,
  REJECTION_REASONS,
  SR41_STATES,
  SR41_TRANSITIONS,
  type ApplicationState,
  type Sr41State,
} from '../../src/model/domain';
import { isIsoDay } from '../../src/model/calendar';
import { A, S } from './columns';

export const FISCAL_CODE_PATTERN = /^[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]$/;
const NUMBER = /^\d+(\.\d+)?$/;
const INTEGER = /^\d+$/;

interface KnownApplication {
  periodFrom: string;
  periodTo: string;
  /** Dated states, in the order accepted. */
  history: Array<{ state: ApplicationState; day: string }>;
}

/** Checks rows folder after folder (in date order), remembering keys across folders. */
export class ExtractChecker {
  private readonly applications = new Map<string, KnownApplication>();
  private readonly sr41States = new Map<string, Sr41State>();
  private readonly seen = new Set<string>();
  private readonly regions: ReadonlySet<string>;

  constructor(private readonly regionOf: ReadonlyMap<string, string>) {
    this.regions = new Set(regionOf.values());
  }

  /** The rule a domande.csv row breaks (its reason code), or null; a valid row is remembered. */
  application(f: string[], referenceDate: string): string | null {
    const reason = this.applicationRule(f, referenceDate);
    if (reason === null && !this.seen.has(`A${f[A.protocollo]};${f[A.stato]};${f[A.data_stato]}`)) {
      this.seen.add(`A${f[A.protocollo]};${f[A.stato]};${f[A.data_stato]}`);
      const known = this.applications.get(f[A.protocollo]) ?? { periodFrom: f[A.periodo_dal], periodTo: f[A.periodo_al], history: [] };
      known.history.push({ state: f[A.stato] as ApplicationState, day: f[A.data_stato] });
      this.applications.set(f[A.protocollo], known);
    }
    return reason;
  }

  private applicationRule(f: string[], ref: string): string | null {
    if (f.length !== 16 || f.some((v) => v === undefined)) {
      return 'COLONNE_ERRATE';
    }
    for (const i of [A.protocollo, A.matricola, A.stato]) {
      if (f[i] === '') {
        return 'CAMPO_OBBLIGATORIO';
      }
    }
    if (
      !(BENEFITS as readonly string[]).includes(f[A.prestazione]) ||
      !(CAUSES as readonly string[]).includes(f[A.causale]) ||
      !(PAYMENT_MODES as readonly string[]).includes(f[A.modalita_pagamento]) ||
      !(APPLICATION_STATES as readonly string[]).includes(f[A.stato]) ||
      !['0', '1'].includes(f[A.plurilocalizzata])
    ) {
      return 'VALORE_NON_AMMESSO';
    }
    const officeRegion = this.regionOf.get(f[A.sede]);
    if (!officeRegion) {
      return 'SEDE_SCONOSCIUTA';
    }
    if (!this.regions.has(f[A.regione])) {
      return 'REGIONE_SCONOSCIUTA';
    }
    if (f[A.prestazione] !== 'CIGD' && f[A.regione] !== officeRegion) {
      return 'REGIONE_NON_COERENTE';
    }
    if (f[A.plurilocalizzata] === '1' && f[A.prestazione] !== 'CIGD') {
      return 'PLURILOCALIZZATA_NON_CIGD';
    }
    if (f[A.prestazione] === 'CIGD' && f[A.modalita_pagamento] !== 'DIRETTO') {
      return 'CIGD_NON_DIRETTO';
    }
    if (!INTEGER.test(f[A.lavoratori]) || Number(f[A.lavoratori]) < 1 || !NUMBER.test(f[A.ore_richieste])) {
      return 'NUMERO_NON_VALIDO';
    }
    if (f[A.ore_autorizzate] !== '') {
      if (!NUMBER.test(f[A.ore_autorizzate])) {
        return 'NUMERO_NON_VALIDO';
      }
      if (f[A.stato] !== 'AUTORIZZATA' || Number(f[A.ore_autorizzate]) > Number(f[A.ore_richieste])) {
        return 'ORE_AUTORIZZATE_NON_AMMESSE';
      }
    }
    for (const i of [A.periodo_dal, A.periodo_al, A.data_presentazione, A.data_stato]) {
      if (!isIsoDay(f[i])) {
        return 'DATA_NON_VALIDA';
      }
    }
    if (f[A.periodo_dal] > f[A.periodo_al]) {
      return 'PERIODO_NON_VALIDO';
    }
    if (f[A.data_presentazione] > ref || f[A.data_stato] > ref) {
      return 'DATA_FUTURA';
    }
    if (f[A.data_stato] < f[A.data_presentazione]) {
      return 'DATA_STATO_NON_COERENTE';
    }
    const known = this.applications.get(f[A.protocollo]);
    const last = known?.history[known.history.length - 1];
    if (last && !this.seen.has(`A${f[A.protocollo]};${f[A.stato]};${f[A.data_stato]}`)) {
      if (f[A.data_stato] < last.day || !APPLICATION_TRANSITIONS[last.state].includes(f[A.stato] as ApplicationState)) {
        return 'TRANSIZIONE_NON_AMMESSA';
      }
    }
    return null;
  }

  /** The rule an sr41.csv row breaks, or null; a valid row is remembered. */
  sr41(f: string[], referenceDate: string): string | null {
    const reason = this.sr41Rule(f, referenceDate);
    if (reason === null) {
      this.sr41States.set(f[S.id_sr41], f[S.stato] as Sr41State);
      this.seen.add(`S${f[S.id_sr41]};${f[S.stato]};${f[S.data_stato]}`);
    }
    return reason;
  }

  private sr41Rule(f: string[], ref: string): string | null {
    if (f.length !== 11 || f.some((v) => v === undefined)) {
      return 'COLONNE_ERRATE';
    }
    for (const i of [S.id_sr41, S.protocollo, S.codice_fiscale, S.stato]) {
      if (f[i] === '') {
        return 'CAMPO_OBBLIGATORIO';
      }
    }
    if (!(SR41_STATES as readonly string[]).includes(f[S.stato])) {
      return 'VALORE_NON_AMMESSO';
    }
    if (!FISCAL_CODE_PATTERN.test(f[S.codice_fiscale])) {
      return 'CODICE_FISCALE_NON_VALIDO';
    }
    if (f[S.stato] === 'RICEVUTO' && f[S.iban] === '') {
      return 'IBAN_MANCANTE';
    }
    if (!NUMBER.test(f[S.ore]) || Number(f[S.ore]) <= 0 || !NUMBER.test(f[S.importo])) {
      return 'NUMERO_NON_VALIDO';
    }
    if (!isIsoDay(f[S.data_ricezione]) || !isIsoDay(f[S.data_stato]) || !/^\d{4}-\d{2}$/.test(f[S.competenza])) {
      return 'DATA_NON_VALIDA';
    }
    if (f[S.data_ricezione] > ref || f[S.data_stato] > ref) {
      return 'DATA_FUTURA';
    }
    if (f[S.data_stato] < f[S.data_ricezione]) {
      return 'DATA_STATO_NON_COERENTE';
    }
    const scartato = f[S.stato] === 'SCARTATO';
    if (scartato !== (f[S.motivo_scarto] !== '') || (scartato && !(REJECTION_REASONS as readonly string[]).includes(f[S.motivo_scarto]))) {
      return 'MOTIVO_SCARTO_NON_COERENTE';
    }
    const app = this.applications.get(f[S.protocollo]);
    if (!app) {
      return 'DOMANDA_SCONOSCIUTA';
    }
    const stateAtReceipt = app.history.filter((h) => h.day <= f[S.data_ricezione]).pop()?.state;
    if (stateAtReceipt !== 'AUTORIZZATA') {
      return 'DOMANDA_NON_AUTORIZZATA';
    }
    if (f[S.competenza] < app.periodFrom.slice(0, 7) || f[S.competenza] > app.periodTo.slice(0, 7)) {
      return 'COMPETENZA_FUORI_PERIODO';
    }
    const previous = this.sr41States.get(f[S.id_sr41]);
    if (previous && !this.seen.has(`S${f[S.id_sr41]};${f[S.stato]};${f[S.data_stato]}`)) {
      if (!SR41_TRANSITIONS[previous].includes(f[S.stato] as Sr41State)) {
        return 'TRANSIZIONE_NON_AMMESSA';
      }
    }
    return null;
  }
}
