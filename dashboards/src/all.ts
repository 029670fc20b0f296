/** The list of DASMO dashboards and how each becomes the JSON file Grafana provisions. */
import type { GeneratedDashboard } from './layout';
import { domandeCig } from './domandeCig';
import { flussiSr41 } from './flussiSr41';
import { giacenze } from './giacenze';
import { panoramicaNazionale } from './panoramicaNazionale';
import { statoDati } from './statoDati';

export const ALL_DASHBOARDS: ReadonlyArray<() => GeneratedDashboard> = [panoramicaNazionale, statoDati, domandeCig, flussiSr41, giacenze];

/**
 * The file's text: stable key order as built, two-space indent, final newline. Panels get ids in
 * layout order (Grafana needs them for links to a panel and for its edit state).
 */
export function renderDashboard(d: GeneratedDashboard): string {
  const dashboard = d.builder.build();
  (dashboard.panels ?? []).forEach((panel, i) => {
    panel.id = i + 1;
  });
  return `${JSON.stringify(dashboard, null, 2)}\n`;
}
