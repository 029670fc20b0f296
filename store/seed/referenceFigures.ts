/**
 * DOMAIN.md's published reference figures, with the tolerance a --scale 1 dataset must meet,
 * and the comparison of measured values against them (used by the tally and by
 * `dasmo calibration`). Counts and hours scale with --scale; shares do not.
 */
export type FigureId =
  | 'presented_2021_03_31'
  | 'authorised_2021_03_31'
  | 'rejected_2021_03_31'
  | 'open_2021_03_31'
  | 'sr41_requests_2021_03_31'
  | 'sr41_paid_2021_03_31'
  | 'awaiting_first_payment_2021_03_31'
  | 'high_criticality_2021_03_31'
  | 'presented_2020_07_09'
  | 'authorised_2020_07_09'
  | 'open_2020_07_09'
  | 'hours_cigo_2020'
  | 'hours_aso_2020'
  | 'hours_cigd_2020'
  | 'largest_regions_share';

export interface ReferenceFigure {
  id: FigureId;
  label: string;
  value: number;
  /** Relative tolerance (0.01 = ±1%) or, for shares, absolute points. */
  tolerance: number;
  kind: 'count' | 'hours' | 'share';
}

export const REFERENCE_FIGURES: readonly ReferenceFigure[] = [
  { id: 'presented_2021_03_31', label: 'Applications presented − cancelled at 2021-03-31', value: 4_264_828, tolerance: 0.01, kind: 'count' },
  { id: 'authorised_2021_03_31', label: 'Applications AUTORIZZATA at 2021-03-31', value: 3_853_698, tolerance: 0.01, kind: 'count' },
  { id: 'rejected_2021_03_31', label: 'Applications RESPINTA at 2021-03-31', value: 342_433, tolerance: 0.01, kind: 'count' },
  { id: 'open_2021_03_31', label: 'Applications in giacenza at 2021-03-31', value: 68_697, tolerance: 0.01, kind: 'count' },
  { id: 'sr41_requests_2021_03_31', label: 'SR41 received − cancelled by 2021-03-31', value: 19_870_501, tolerance: 0.02, kind: 'count' },
  { id: 'sr41_paid_2021_03_31', label: 'SR41 paid by 2021-03-31', value: 19_755_850, tolerance: 0.02, kind: 'count' },
  { id: 'awaiting_first_payment_2021_03_31', label: 'Workers awaiting a first payment at 2021-03-31', value: 5_828, tolerance: 0.25, kind: 'count' },
  { id: 'high_criticality_2021_03_31', label: '… of which alta criticità (> 30 days)', value: 326, tolerance: 0.25, kind: 'count' },
  { id: 'presented_2020_07_09', label: 'Applications presented − cancelled at 2020-07-09', value: 1_570_042, tolerance: 0.1, kind: 'count' },
  { id: 'authorised_2020_07_09', label: 'Applications AUTORIZZATA at 2020-07-09', value: 1_380_700, tolerance: 0.1, kind: 'count' },
  { id: 'open_2020_07_09', label: 'Applications in giacenza at 2020-07-09', value: 109_853, tolerance: 0.1, kind: 'count' },
  { id: 'hours_cigo_2020', label: 'CIGO hours authorised 2020-04-01…2020-12-31', value: 1_901.0e6, tolerance: 0.05, kind: 'hours' },
  { id: 'hours_aso_2020', label: 'ASO hours authorised 2020-04-01…2020-12-31', value: 1_349.2e6, tolerance: 0.05, kind: 'hours' },
  { id: 'hours_cigd_2020', label: 'CIGD hours authorised 2020-04-01…2020-12-31', value: 798.4e6, tolerance: 0.05, kind: 'hours' },
  { id: 'largest_regions_share', label: 'Lombardia+Veneto+Emilia-Romagna+Piemonte share of hours authorised 2020-03-01…2020-08-31 (%)', value: 56, tolerance: 3, kind: 'share' },
];

/** The days and ranges the figures are taken at. */
export const CALIBRATION_DATES = {
  late: '2021-03-31',
  early: '2020-07-09',
  hoursFrom: '2020-04-01',
  hoursTo: '2020-12-31',
  shareFrom: '2020-03-01',
  shareTo: '2020-08-31',
} as const;

export interface FigureComparison {
  id: FigureId;
  label: string;
  reference: number;
  measured: number | null;
  /** Percent for counts and hours, points for shares. */
  deviation: number | null;
  tolerance: number;
  unit: '%' | 'points';
  withinTolerance: boolean;
}

export function compareFigures(measured: Partial<Record<FigureId, number>>, scale = 1): FigureComparison[] {
  return REFERENCE_FIGURES.map((f) => {
    const reference = f.kind === 'share' ? f.value : f.value * scale;
    const value = measured[f.id];
    const deviation =
      value === undefined ? null : f.kind === 'share' ? value - reference : ((value - reference) / reference) * 100;
    const limit = f.kind === 'share' ? f.tolerance : f.tolerance * 100;
    return {
      id: f.id,
      label: f.label,
      reference,
      measured: value ?? null,
      deviation,
      tolerance: limit,
      unit: f.kind === 'share' ? 'points' : '%',
      withinTolerance: deviation !== null && Math.abs(deviation) <= limit,
    };
  });
}

function formatNumber(n: number): string {
  return Math.abs(n) >= 1000 ? Math.round(n).toLocaleString('en-US') : String(Math.round(n * 10) / 10);
}

/** A plain-text table: figure, reference, measured, deviation, and a flag when outside tolerance. */
export function formatComparison(rows: readonly FigureComparison[]): string {
  const lines = rows.map((r) => {
    const dev =
      r.deviation === null ? 'n/a' : `${r.deviation >= 0 ? '+' : ''}${r.deviation.toFixed(2)}${r.unit === '%' ? '%' : ' pt'}`;
    const tol = `±${r.tolerance}${r.unit === '%' ? '%' : ' pt'}`;
    return [r.label, formatNumber(r.reference), r.measured === null ? 'n/a' : formatNumber(r.measured), dev, tol, r.withinTolerance ? 'ok' : 'OUTSIDE'];
  });
  const header = ['figure', 'reference', 'measured', 'deviation', 'tolerance', ''];
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const fmt = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ').trimEnd();
  return [fmt(header), ...lines.map(fmt)].join('\n') + '\n';
}
