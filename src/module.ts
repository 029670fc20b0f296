import { DataSourcePlugin, type DataSourceInstanceSettings } from '@grafana/data';
import { annotationSupport } from './annotations';
import { DataSource } from './datasource';
import { AnnotationEditor } from './components/AnnotationEditor';
import { ConfigEditor } from './components/ConfigEditor';
import { QueryEditor } from './components/QueryEditor';
import { VariableQueryEditor } from './components/VariableQueryEditor';
import { DasmoVariableSupport } from './variables';
import type { DasmoOptions, DasmoQuery } from './types';

/** The datasource as Grafana instantiates it: with its variable and annotation editors. */
export class DasmoDataSource extends DataSource {
  constructor(instanceSettings: DataSourceInstanceSettings<DasmoOptions>) {
    super(instanceSettings);
    this.variables = new DasmoVariableSupport(this, VariableQueryEditor);
    this.annotations = annotationSupport(AnnotationEditor);
  }
}

export const plugin = new DataSourcePlugin<DasmoDataSource, DasmoQuery, DasmoOptions>(DasmoDataSource)
  .setConfigEditor(ConfigEditor)
  .setQueryEditor(QueryEditor);
