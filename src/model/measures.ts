/**
 * The catalogue of DASMO figures (DOMAIN.md "Every figure, defined"), as the query model names
 * them. Each entry says how the figure aggregates over time, which breakdowns it allows and
 * how a person reads it; the store, the query editor and the dashboards all read this list.
 */

/** Breakdown dimensions, in the API's words. */
export const DIMENSIONS = [
  'regione',
  'sede',
  'prestazione',
  'causale',
  'modalita',
  'plurilocalizzata',
  'stato',
  'fascia_eta',
  'motivo',
] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** Dimensions every figure can be broken down by (an SR41 takes its application's). */
export const BASE_DIMENSIONS: readonly Dimension[] = [
  'regione',
  'sede',
  'prestazione',
  'causale',
  'modalita',
  'plurilocalizzata',
];
const STOCK_DIMENSIONS: readonly Dimension[] = [...BASE_DIMENSIONS, 'stato', 'fascia_eta'];

export const SUBJECTS = ['domande', 'sr41'] as const;
export type Subject = (typeof SUBJECTS)[number];

/**
 * How a figure behaves over a time bucket:
 * - flow: summed over the bucket's days;
 * - stock: taken at the bucket's last day;
 * - mean / p90: over the events in the bucket;
 * - distinct: distinct workers in the bucket;
 * - ratio: computed from flows over the bucket and the stock at its end.
 */
export type Aggregation = 'flow' | 'stock' | 'mean' | 'p90' | 'distinct' | 'ratio';

export type Unit = 'domande' | 'sr41' | 'giorni' | 'ore' | 'euro' | 'lavoratori' | 'percento';

export interface MeasureDefinition {
  id: string;
  subject: Subject;
  aggregation: Aggregation;
  unit: Unit;
  /** Italian label for editors and panels. */
  label: string;
  /** One line from DOMAIN.md, in Italian, for the query editor. */
  description: string;
  /** Editor group. */
  group: string;
  groupBy: readonly Dimension[];
}

const m = (
  subject: Subject,
  id: string,
  aggregation: Aggregation,
  unit: Unit,
  group: string,
  label: string,
  description: string,
  groupBy: readonly Dimension[] = BASE_DIMENSIONS
): MeasureDefinition => ({ id, subject, aggregation, unit, group, label, description, groupBy });

export const MEASURES: readonly MeasureDefinition[] = [
  // Domande
  m('domande', 'presentate', 'flow', 'domande', 'Flussi', 'Presentate', 'Domande con data di presentazione nel giorno.'),
  m('domande', 'autorizzate', 'flow', 'domande', 'Flussi', 'Autorizzate', 'Passaggi allo stato AUTORIZZATA datati nel giorno.'),
  m('domande', 'respinte', 'flow', 'domande', 'Flussi', 'Respinte', 'Passaggi allo stato RESPINTA datati nel giorno.'),
  m('domande', 'annullate', 'flow', 'domande', 'Flussi', 'Annullate', 'Passaggi allo stato ANNULLATA datati nel giorno.'),
  m('domande', 'definite', 'flow', 'domande', 'Flussi', 'Definite', 'Autorizzate più respinte nel giorno.'),
  m('domande', 'in_giacenza', 'stock', 'domande', 'Giacenza', 'In giacenza', 'Domande presentate entro il giorno e ancora aperte a fine giornata.', STOCK_DIMENSIONS),
  m('domande', 'giacenza_cronica', 'stock', 'domande', 'Giacenza', 'Giacenza cronica', 'Domande in giacenza da più della soglia cronica (90 giorni).', STOCK_DIMENSIONS),
  m('domande', 'giacenza_molto_risalente', 'stock', 'domande', 'Giacenza', 'Giacenza molto risalente', 'Domande in giacenza da più della soglia molto risalente (180 giorni).', STOCK_DIMENSIONS),
  m('domande', 'tempo_definizione_medio', 'mean', 'giorni', 'Tempi', 'Tempo medio di definizione', 'Media dei giorni tra presentazione e decisione, sulle decisioni del periodo.'),
  m('domande', 'tempo_definizione_p90', 'p90', 'giorni', 'Tempi', 'Tempo di definizione (90° percentile)', 'Novantesimo percentile dei giorni tra presentazione e decisione.'),
  m('domande', 'ore_richieste', 'flow', 'ore', 'Ore e lavoratori', 'Ore richieste', 'Ore richieste dalle domande presentate nel periodo.'),
  m('domande', 'ore_autorizzate', 'flow', 'ore', 'Ore e lavoratori', 'Ore autorizzate', 'Ore autorizzate dalle autorizzazioni del periodo.'),
  m('domande', 'lavoratori', 'flow', 'lavoratori', 'Ore e lavoratori', 'Lavoratori', 'Lavoratori delle domande presentate nel periodo.'),
  m('domande', 'percentuale_evase', 'ratio', 'percento', 'Flussi', 'Percentuale evase', 'Definite ÷ (definite + in giacenza a fine periodo), in percento.'),
  // SR41
  m('sr41', 'ricevuti', 'flow', 'sr41', 'Flussi', 'Ricevuti', 'SR41 con data di ricezione nel giorno.'),
  m('sr41', 'pagati', 'flow', 'sr41', 'Flussi', 'Pagati', 'SR41 passati allo stato PAGATO nel giorno.'),
  m('sr41', 'scartati', 'flow', 'sr41', 'Flussi', 'Scartati', 'SR41 scartati nel giorno, per motivo di scarto.', [...BASE_DIMENSIONS, 'motivo']),
  m('sr41', 'annullati', 'flow', 'sr41', 'Flussi', 'Annullati', 'SR41 annullati nel giorno.'),
  m('sr41', 'in_lavorazione', 'stock', 'sr41', 'Giacenza', 'In lavorazione', 'SR41 ricevuti entro il giorno e ancora aperti a fine giornata.', STOCK_DIMENSIONS),
  m('sr41', 'importo_pagato', 'flow', 'euro', 'Pagamenti', 'Importo pagato', 'Euro pagati con gli SR41 pagati nel periodo.'),
  m('sr41', 'ore_pagate', 'flow', 'ore', 'Pagamenti', 'Ore pagate', 'Ore pagate con gli SR41 pagati nel periodo.'),
  m('sr41', 'tempo_pagamento_medio', 'mean', 'giorni', 'Tempi', 'Tempo medio di pagamento', 'Media dei giorni tra ricezione e pagamento degli SR41 pagati.'),
  m('sr41', 'tempo_pagamento_p90', 'p90', 'giorni', 'Tempi', 'Tempo di pagamento (90° percentile)', 'Novantesimo percentile dei giorni tra ricezione e pagamento.'),
  m('sr41', 'lavoratori_pagati', 'distinct', 'lavoratori', 'Lavoratori', 'Lavoratori pagati', 'Lavoratori distinti con almeno un SR41 pagato nel periodo.'),
  m('sr41', 'lavoratori_in_attesa', 'stock', 'lavoratori', 'Lavoratori', 'In attesa del primo pagamento', 'Lavoratori con un SR41 ricevuto e non annullato e nessun pagamento ancora.'),
  m('sr41', 'alta_criticita', 'stock', 'lavoratori', 'Lavoratori', 'Alta criticità', 'Lavoratori in attesa il cui primo SR41 è stato ricevuto oltre 30 giorni fa.'),
];

export function findMeasure(subject: string, id: string): MeasureDefinition | undefined {
  return MEASURES.find((x) => x.subject === subject && x.id === id);
}

export function measuresOf(subject: Subject): MeasureDefinition[] {
  return MEASURES.filter((x) => x.subject === subject);
}

/** Italian labels of the dimensions, for editors, legends and table headers. */
export const DIMENSION_LABELS: Readonly<Record<Dimension, string>> = {
  regione: 'Regione',
  sede: 'Sede',
  prestazione: 'Prestazione',
  causale: 'Causale',
  modalita: 'Modalità di pagamento',
  plurilocalizzata: 'Plurilocalizzata',
  stato: 'Stato',
  fascia_eta: 'Fascia di età',
  motivo: 'Motivo di scarto',
};
