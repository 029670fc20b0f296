/**
 * Where applications come from: the 107 INPS offices, weighted by their region's share of
 * COVID-19 wage-integration hours (the industrial North far above its share of employment:
 * Lombardia, Veneto, Emilia-Romagna and Piemonte held about 56% of the hours in 2020).
 */
import { readOffices, type Office } from '../db/reference';
import { cumulativeWeights, type Random } from './random';

/** Share of hours by region (percent), after INPS's 2020 CIG statistics and employment. */
export const REGION_WEIGHTS: Readonly<Record<string, number>> = {
  '01': 10, // Piemonte
  '02': 0.3, // Valle d'Aosta
  '03': 24, // Lombardia
  '04': 2, // Trentino-Alto Adige
  '05': 12.5, // Veneto
  '06': 2.5, // Friuli-Venezia Giulia
  '07': 2, // Liguria
  '08': 11, // Emilia-Romagna
  '09': 7, // Toscana
  '10': 1.5, // Umbria
  '11': 3, // Marche
  '12': 7.5, // Lazio
  '13': 2, // Abruzzo
  '14': 0.4, // Molise
  '15': 5.1, // Campania
  '16': 3.5, // Puglia
  '17': 0.7, // Basilicata
  '18': 1.5, // Calabria
  '19': 3.5, // Sicilia
  '20': 1.5, // Sardegna
};

/** The four regions DOMAIN.md's 56% refers to. */
export const LARGEST_REGIONS = ['03', '05', '08', '01'] as const;

/** A metropolitan directorate (Roma, Milano, Napoli, Torino) serves several provinces' worth of employers. */
const METROPOLITAN_WEIGHT = 3;

export class OfficeMap {
  readonly offices: readonly Office[];
  readonly regionOf: ReadonlyMap<string, string>;
  private readonly officeCumulative: Float64Array;
  private readonly regionCodes: string[];
  private readonly regionCumulative: Float64Array;

  constructor(offices: readonly Office[] = readOffices()) {
    this.offices = offices;
    this.regionOf = new Map(offices.map((o) => [o.code, o.regionCode]));
    const perRegion = new Map<string, number>();
    for (const o of offices) {
      perRegion.set(o.regionCode, (perRegion.get(o.regionCode) ?? 0) + this.officeWeight(o));
    }
    this.officeCumulative = cumulativeWeights(
      offices.map((o) => ((REGION_WEIGHTS[o.regionCode] ?? 0) * this.officeWeight(o)) / perRegion.get(o.regionCode)!)
    );
    this.regionCodes = Object.keys(REGION_WEIGHTS);
    this.regionCumulative = cumulativeWeights(this.regionCodes.map((r) => REGION_WEIGHTS[r]));
  }

  private officeWeight(o: Office): number {
    return o.kind === 'DIREZIONE_METROPOLITANA' ? METROPOLITAN_WEIGHT : 1;
  }

  pickOffice(rng: Random): Office {
    return this.offices[rng.pick(this.officeCumulative)];
  }

  /** A granting region other than `except` (a plurilocalizzata CIGD's), weighted like the offices. */
  pickOtherRegion(rng: Random, except: string): string {
    for (;;) {
      const r = this.regionCodes[rng.pick(this.regionCumulative)];
      if (r !== except) {
        return r;
      }
    }
  }
}
