/**
 * What every DASMO dashboard shares: uid and folder, time range from the first COVID-19 month
 * to the latest data, Rome's time zone, the variables, links to the other dashboards keeping
 * variables and time, and the annotations (normative milestones, load events) from the plugin.
 */
import { AnnotationQueryBuilder, DashboardBuilder, DashboardCursorSync, DashboardLinkBuilder, DashboardLinkType } from '@grafana/grafana-foundation-sdk/dashboard';
import { romeDayStartMs } from '../../src/model/calendar';
import { TIME_ZONE } from '../../src/model/domain';
import { DASMO } from './datasources';
import { milestonesAndLoads } from './queries';
import { dashboardVariables } from './variables';

/** The Grafana folders (dashboards/<folder>/), one per INPS role level (DOMAIN.md). */
export const FOLDERS = ['Nazionale', 'Regionale', 'Sede'] as const;
export type Folder = (typeof FOLDERS)[number];

/** The tag every DASMO dashboard carries; the dashboards' links list them by it. */
export const DASMO_TAG = 'dasmo';

/** The fixed uids of the dashboards, so links and data links can name them. */
export const DASHBOARD_UIDS = {
  panoramica: 'dasmo-panoramica-nazionale',
  domande: 'dasmo-domande-cig',
  sr41: 'dasmo-flussi-sr41',
  giacenze: 'dasmo-giacenze',
  statoDati: 'dasmo-stato-dati',
} as const;

/** The first day DASMO monitors: the first COVID-19 applications, March 2020. */
export const MONITORING_START = '2020-03-01';

export interface GeneratedDashboard {
  folder: Folder;
  /** The file name under dashboards/<folder>/. */
  file: string;
  builder: DashboardBuilder;
}

export function dasmoDashboard(uid: string, title: string, description: string, withVariables = true): DashboardBuilder {
  const builder = new DashboardBuilder(title)
    .uid(uid)
    .description(description)
    .tags([DASMO_TAG])
    .timezone(TIME_ZONE)
    .time({ from: new Date(romeDayStartMs(MONITORING_START)).toISOString(), to: 'now' })
    .refresh('')
    .tooltip(DashboardCursorSync.Crosshair)
    .editable()
    .link(
      new DashboardLinkBuilder('Cruscotti DASMO')
        .type(DashboardLinkType.Dashboards)
        .tags([DASMO_TAG])
        .asDropdown(true)
        .includeVars(true)
        .keepTime(true)
    )
    .annotation(
      new AnnotationQueryBuilder()
        .name('Norme ed eventi di caricamento')
        .datasource(DASMO)
        .enable(true)
        .iconColor('purple')
        .target(milestonesAndLoads())
    );
  return withVariables ? builder.variables(dashboardVariables()) : builder;
}
