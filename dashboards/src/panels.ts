/**
 * Panel helpers: titles, descriptions and units come from the measures catalogue
 * (src/model/measures.ts), so a panel reads the same words as the query editor.
 */
import * as barchart from '@grafana/grafana-foundation-sdk/barchart';
import * as bargauge from '@grafana/grafana-foundation-sdk/bargauge';
import type { Builder, Dataquery } from '@grafana/grafana-foundation-sdk/cog';
import {
  BigValueGraphMode,
  ReduceDataOptionsBuilder,
  StackingConfigBuilder,
  StackingMode,
  TableSortByFieldStateBuilder,
  VizOrientation,
} from '@grafana/grafana-foundation-sdk/common';
import type { DynamicConfigValue } from '@grafana/grafana-foundation-sdk/dashboard';
import * as stat from '@grafana/grafana-foundation-sdk/stat';
import * as table from '@grafana/grafana-foundation-sdk/table';
import * as timeseries from '@grafana/grafana-foundation-sdk/timeseries';
import { AGE_BANDS } from '../../src/model/domain';
import { DIMENSION_LABELS, findMeasure, type Dimension, type MeasureDefinition, type Subject, type Unit } from '../../src/model/measures';
import { DASMO } from './datasources';
import { ageBandColour } from './thresholds';

/** Grafana units for the catalogue's units: counts in the reader's locale, days spelled out. */
const GRAFANA_UNITS: Readonly<Record<Unit, string>> = {
  domande: 'locale',
  sr41: 'locale',
  lavoratori: 'locale',
  ore: 'short',
  giorni: 'suffix: giorni',
  euro: 'currencyEUR',
  percento: 'percent',
};

export function measureOf(subject: Subject, id: string): MeasureDefinition {
  const m = findMeasure(subject, id);
  if (!m) {
    throw new Error(`The dashboards ask for measure "${id}" of subject "${subject}", which the catalogue does not define.`);
  }
  return m;
}

/**
 * What Grafana shows as a column's name, and what overrides and transformations match: the plugin
 * names breakdown columns by DIMENSION_LABELS and value columns by the measure's label.
 */
export const columnOf = (d: Dimension): string => DIMENSION_LABELS[d];
export const columnOfMeasure = (subject: Subject, id: string): string => measureOf(subject, id).label;

export function unitOf(subject: Subject, id: string): string {
  return GRAFANA_UNITS[measureOf(subject, id).unit];
}

export interface PanelText {
  title: string;
  description: string;
}

/** A panel's title and description from the catalogue: the measure's label (or `title`) and its description. */
export function textOf(subject: Subject, id: string, title?: string): PanelText {
  const m = measureOf(subject, id);
  return { title: title ?? m.label, description: m.description };
}

/** One big number: the stock at the range's end, or (interval day) the last day's flow. */
export function statPanel(text: PanelText, unit: string, target: Builder<Dataquery>, lastDay = false): stat.PanelBuilder {
  return new stat.PanelBuilder()
    .title(text.title)
    .description(text.description)
    .datasource(DASMO)
    .withTarget(target)
    .unit(unit)
    .graphMode(lastDay ? BigValueGraphMode.Area : BigValueGraphMode.None)
    .reduceOptions(new ReduceDataOptionsBuilder().calcs(['lastNotNull']).values(false))
    .height(4)
    .span(4);
}

export function trendPanel(text: PanelText, unit: string, targets: Builder<Dataquery>[], stacked = false): timeseries.PanelBuilder {
  const p = new timeseries.PanelBuilder()
    .title(text.title)
    .description(text.description)
    .datasource(DASMO)
    .targets(targets)
    .unit(unit)
    .fillOpacity(stacked ? 60 : 10)
    .height(8)
    .span(12);
  return stacked ? p.stacking(new StackingConfigBuilder().mode(StackingMode.Normal)) : p;
}

/** Bars of one value per group (interval none), e.g. regions side by side. */
export function barPanel(text: PanelText, unit: string, target: Builder<Dataquery>): barchart.PanelBuilder {
  return new barchart.PanelBuilder()
    .title(text.title)
    .description(text.description)
    .datasource(DASMO)
    .withTarget(target)
    .unit(unit)
    .orientation(VizOrientation.Horizontal)
    .height(10)
    .span(12);
}

/** The age bands of a backlog at the range's end, one bar per band, coloured against the alert thresholds. */
export function ageBandPanel(text: PanelText, target: Builder<Dataquery>, chronicDays: number): bargauge.PanelBuilder {
  const p = new bargauge.PanelBuilder()
    .title(text.title)
    .description(text.description)
    .datasource(DASMO)
    .withTarget(target)
    .unit('locale')
    .orientation(VizOrientation.Horizontal)
    .reduceOptions(new ReduceDataOptionsBuilder().calcs(['lastNotNull']).values(false))
    .height(8)
    .span(12);
  return colourAgeBands(p, chronicDays);
}

interface Overridable {
  overrideByRegexp(regexp: string, properties: DynamicConfigValue[]): unknown;
}

/**
 * Names and colours the series of a breakdown by fascia_eta: a band is orange once its youngest
 * age passes `chronicDays`, red past the very-old threshold (the alerts' thresholds).
 */
export function colourAgeBands<P extends Overridable>(panel: P, chronicDays: number): P {
  for (const band of AGE_BANDS) {
    panel.overrideByRegexp(`.*\\b${band.id}\\b.*`, [columnTitle(band.label), fixedColour(ageBandColour(band, chronicDays))]);
  }
  return panel;
}

export function tablePanel(text: PanelText, targets: Builder<Dataquery>[], datasource = DASMO): table.PanelBuilder {
  return new table.PanelBuilder().title(text.title).description(text.description).datasource(datasource).targets(targets).height(10).span(12);
}

export function sortedBy(displayName: string): TableSortByFieldStateBuilder[] {
  return [new TableSortByFieldStateBuilder().displayName(displayName).desc(true)];
}

export function fixedColour(colour: string): DynamicConfigValue {
  return { id: 'color', value: { mode: 'fixed', fixedColor: colour } };
}

/** Field override values: a column's title, unit and thresholds colouring its cells. */
export function columnTitle(title: string): DynamicConfigValue {
  return { id: 'displayName', value: title };
}

/** The variables every DASMO dashboard has; a link keeps those it does not set. */
const LINKED_VARIABLES = ['regione', 'sede', 'prestazione', 'causale'] as const;

/** `${__data.fields.<name>}`: the value of another column on the clicked row. */
export const cell = (field: string): string => `\${__data.fields.${field}}`;
/** The value of the clicked row's column at `index` (for columns a transformation named). */
export const cellAt = (index: number): string => `\${__data.fields[${index}]}`;

/**
 * A link in a table cell to a dashboard, setting some variables (e.g. regione from the row) and
 * keeping the time range and every other variable as chosen.
 */
export function drillDown(title: string, dashboardUid: string, set: Partial<Record<(typeof LINKED_VARIABLES)[number], string>>): DataLink {
  const params = LINKED_VARIABLES.map((v) => (set[v] !== undefined ? `var-${v}=${set[v]}` : `\${${v}:queryparam}`));
  return { title, url: `/d/${dashboardUid}?\${__url_time_range}&${params.join('&')}`, targetBlank: false };
}

/** A field's data link, as Grafana stores it in fieldConfig (title, url with ${__data…} macros). */
export interface DataLink {
  title: string;
  url: string;
  targetBlank: boolean;
}

/** Override values giving a column a title and data links to its own view. */
export function linkedColumn(title: string, ...links: DataLink[]): DynamicConfigValue[] {
  return [columnTitle(title), { id: 'links', value: links }];
}
