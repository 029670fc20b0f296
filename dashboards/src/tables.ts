/**
 * Tables comparing regions or offices: one column per figure (one query each, joined on the
 * region or office column), the place's column linking to its own Giacenze view, and figures
 * that should be zero coloured like the alerts.
 */
import type { Subject } from '../../src/model/measures';
import { DASHBOARD_UIDS } from './layout';
import { cell, columnOf, columnOfMeasure, drillDown, linkedColumn, tablePanel, type PanelText } from './panels';
import { figures } from './queries';
import { zeroIsGoodThresholds } from './thresholds';

export interface ComparisonOptions {
  /** Sort by this figure, largest first. */
  sortBy?: string;
  /** Keep the first rows only (after sorting). */
  limit?: number;
  /** Figures that should be zero, with the colour of a cell that is not. */
  alarms?: Record<string, string>;
}

export function comparisonTable(text: PanelText, by: 'regione' | 'sede', subject: Subject, measures: readonly string[], options: ComparisonOptions = {}) {
  // A region opens with all its offices; an office opens alone, whatever region was chosen.
  const link =
    by === 'regione'
      ? drillDown('Giacenze della regione', DASHBOARD_UIDS.giacenze, { regione: cell('regione'), sede: '$__all' })
      : drillDown('Giacenze della sede', DASHBOARD_UIDS.giacenze, { regione: '$__all', sede: cell('sede') });
  const panel = tablePanel(text, figures(subject, measures, { groupBy: [by] }))
    .withTransformation({ id: 'joinByField', options: { byField: columnOf(by), mode: 'outer' } })
    .overrideByName(columnOf(by), linkedColumn(columnOf(by), link))
    .span(24);
  if (options.sortBy) {
    panel.withTransformation({ id: 'sortBy', options: { sort: [{ field: columnOfMeasure(subject, options.sortBy), desc: true }] } });
  }
  if (options.limit) {
    panel.withTransformation({ id: 'limit', options: { limitField: options.limit } });
  }
  for (const [measure, colour] of Object.entries(options.alarms ?? {})) {
    panel.overrideByName(columnOfMeasure(subject, measure), [
      { id: 'custom.cellOptions', value: { type: 'color-background' } },
      { id: 'thresholds', value: zeroIsGoodThresholds(colour).build() },
    ]);
  }
  return panel;
}
