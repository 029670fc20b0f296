/**
 * Bad rows of the kinds a real extract carries, one maker per EXTRACT.md rule, so that the
 * loader's quarantine is exercised by the demo data too. A maker bends a clean row it has just
 * seen (usually under a new key, so the clean history stays intact) or answers null when the
 * row does not lend itself to that fault.
 */
import { dayNumber, isoDay } from './dayNumbers';
import { A, S } from './columns';
import { Random } from './random';

export interface DirtyContext {
  referenceDate: string;
  regionOf: ReadonlyMap<string, string>;
}

type Maker = (f: string[], ctx: DirtyContext) => string[] | null;

const withKey = (f: string[], keyIndex: number, suffix: string): string[] => {
  const g = f.slice();
  g[keyIndex] = `${f[keyIndex]}${suffix}`;
  return g;
};
const future = (ctx: DirtyContext) => isoDay(dayNumber(ctx.referenceDate) + 3);

/** Application faults, named by the loader's reason code they should produce. */
export const APPLICATION_FAULTS: Readonly<Record<string, Maker>> = {
  SEDE_SCONOSCIUTA: (f) => Object.assign(withKey(f, A.protocollo, 'X1'), { [A.sede]: '9999' }),
  REGIONE_NON_COERENTE: (f, ctx) => {
    if (f[A.prestazione] === 'CIGD') {
      return null;
    }
    const own = ctx.regionOf.get(f[A.sede]);
    return Object.assign(withKey(f, A.protocollo, 'X2'), { [A.regione]: own === '12' ? '03' : '12' });
  },
  PLURILOCALIZZATA_NON_CIGD: (f) =>
    f[A.prestazione] === 'CIGD' ? null : Object.assign(withKey(f, A.protocollo, 'X3'), { [A.plurilocalizzata]: '1' }),
  CIGD_NON_DIRETTO: (f) =>
    f[A.prestazione] !== 'CIGD'
      ? null
      : Object.assign(withKey(f, A.protocollo, 'X4'), { [A.modalita_pagamento]: 'CONGUAGLIO' }),
  ORE_AUTORIZZATE_NON_AMMESSE: (f) =>
    f[A.stato] !== 'AUTORIZZATA'
      ? null
      : Object.assign(withKey(f, A.protocollo, 'X5'), { [A.ore_autorizzate]: String(Number(f[A.ore_richieste]) + 120) }),
  DATA_FUTURA: (f, ctx) => Object.assign(withKey(f, A.protocollo, 'X6'), { [A.data_stato]: future(ctx) }),
  DATA_NON_VALIDA: (f) =>
    Object.assign(withKey(f, A.protocollo, 'X7'), { [A.data_presentazione]: `${f[A.data_presentazione].slice(0, 4)}-02-30` }),
  PERIODO_NON_VALIDO: (f) =>
    Object.assign(withKey(f, A.protocollo, 'X8'), { [A.periodo_dal]: f[A.periodo_al], [A.periodo_al]: f[A.periodo_dal] }),
  VALORE_NON_AMMESSO: (f) => Object.assign(withKey(f, A.protocollo, 'X9'), { [A.prestazione]: 'CIGX' }),
  NUMERO_NON_VALIDO: (f) => Object.assign(withKey(f, A.protocollo, 'XA'), { [A.ore_richieste]: '1.234,5' }),
  // Same key: a decided application cannot go from AUTORIZZATA to RESPINTA.
  TRANSIZIONE_NON_AMMESSA: (f) =>
    f[A.stato] !== 'AUTORIZZATA' ? null : Object.assign(f.slice(), { [A.stato]: 'RESPINTA', [A.ore_autorizzate]: '' }),
};

/** SR41 faults. */
export const SR41_FAULTS: Readonly<Record<string, Maker>> = {
  CODICE_FISCALE_NON_VALIDO: (f) =>
    Object.assign(withKey(f, S.id_sr41, 'X1'), { [S.codice_fiscale]: `${f[S.codice_fiscale].slice(0, 6)}XX${f[S.codice_fiscale].slice(8)}` }),
  IBAN_MANCANTE: (f) => (f[S.stato] !== 'RICEVUTO' ? null : Object.assign(withKey(f, S.id_sr41, 'X2'), { [S.iban]: '' })),
  DOMANDA_SCONOSCIUTA: (f) => Object.assign(withKey(f, S.id_sr41, 'X3'), { [S.protocollo]: `99${f[S.protocollo]}` }),
  DOMANDA_NON_AUTORIZZATA: (f) =>
    Object.assign(withKey(f, S.id_sr41, 'X4'), { [S.data_ricezione]: '2020-03-02', [S.data_stato]: '2020-03-02' }),
  COMPETENZA_FUORI_PERIODO: (f) => Object.assign(withKey(f, S.id_sr41, 'X5'), { [S.competenza]: '2019-01' }),
  MOTIVO_SCARTO_NON_COERENTE: (f) =>
    Object.assign(withKey(f, S.id_sr41, 'X6'), { [S.stato]: 'SCARTATO', [S.motivo_scarto]: '', [S.iban]: '' }),
  DATA_FUTURA: (f, ctx) => Object.assign(withKey(f, S.id_sr41, 'X7'), { [S.data_stato]: future(ctx) }),
  DATA_NON_VALIDA: (f) => Object.assign(withKey(f, S.id_sr41, 'X8'), { [S.data_ricezione]: '2020-13-01' }),
  NUMERO_NON_VALIDO: (f) => Object.assign(withKey(f, S.id_sr41, 'X9'), { [S.ore]: '0' }),
  // Same key: a paid SR41 is final.
  TRANSIZIONE_NON_AMMESSA: (f) =>
    f[S.stato] !== 'PAGATO' ? null : Object.assign(f.slice(), { [S.stato]: 'SCARTATO', [S.motivo_scarto]: 'ALTRO' }),
};

/**
 * Decides after each clean row whether a bad one follows (with probability `share`), and which:
 * the kinds take turns, so every kind shows up once enough rows have gone by.
 */
export class DirtyMixer {
  private readonly rng: Random;
  private readonly kinds: string[];
  private next = 0;
  readonly made: Record<string, number> = {};

  constructor(
    private readonly faults: Readonly<Record<string, Maker>>,
    private readonly share: number,
    private readonly ctx: DirtyContext,
    seedParts: number[]
  ) {
    this.rng = new Random(...seedParts);
    this.kinds = Object.keys(faults);
  }

  /** The bad line to write after `line`, if any. */
  after(line: string): string | null {
    if (this.share <= 0 || !this.rng.chance(this.share)) {
      return null;
    }
    const fields = line.split(';');
    for (let i = 0; i < this.kinds.length; i++) {
      const kind = this.kinds[(this.next + i) % this.kinds.length];
      const bad = this.faults[kind](fields, this.ctx);
      if (bad) {
        this.next = (this.next + i + 1) % this.kinds.length;
        this.made[kind] = (this.made[kind] ?? 0) + 1;
        return bad.join(';');
      }
    }
    return null;
  }
}
