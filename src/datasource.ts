/**
 * The DASMO datasource (its data side; module.ts adds the editors): every panel's queries go to the store in one POST /api/query through
 * Grafana's data proxy (route `dasmo` in plugin.json, which adds the token; Grafana adds the
 * user's login), and come back as frames, with each failed query's error on its own panel.
 */
import {
  DataSourceApi,
  type CoreApp,
  type DataFrame,
  type DataQueryError,
  type DataQueryRequest,
  type DataQueryResponse,
  type DataSourceInstanceSettings,
  type TestDataSourceResponse,
} from '@grafana/data';
import { getBackendSrv, getTemplateSrv, type BackendSrvRequest } from '@grafana/runtime';
import { lastValueFrom } from 'rxjs';
import type { Frame, QueryRequest, QueryResponse, StoreQuery } from './model/query';
import { annotationSupport, toAnnotationFrame, type StoreAnnotation } from './annotations';
import { CODED_DIMENSIONS, toDataFrames, type GroupNames } from './frames';
import { interpolateValues } from './interpolate';
import { migrateQuery } from './migrate';
import { StoreError, toStoreError } from './storeError';
import { dayRange, toStoreQuery } from './storeQuery';
import { describeConnection, type HealthAnswer } from './testConnection';
import {
  DEFAULT_QUERY,
  type AnnotationTarget,
  type DasmoOptions,
  type DasmoQuery,
  type VariableName,
  type VariableQuery,
  type VariableValue,
} from './types';

/** The proxy route of plugin.json that forwards to the store. */
export const STORE_ROUTE = 'dasmo';

export class DataSource extends DataSourceApi<DasmoQuery, DasmoOptions> {
  /** Grafana's proxy URL for this datasource's store route. */
  readonly storeBaseUrl: string;
  readonly storeUrl: string | undefined;
  /** Code → name of regions and offices, one request per list per datasource instance. */
  private readonly codeNames = new Map<VariableName, Promise<Map<string, string>>>();

  constructor(instanceSettings: DataSourceInstanceSettings<DasmoOptions>) {
    super(instanceSettings);
    this.storeBaseUrl = `${instanceSettings.url}/${STORE_ROUTE}`;
    this.storeUrl = instanceSettings.jsonData.storeUrl;
    // Grafana runs annotations through query(); module.ts adds the editors for them and for variables.
    this.annotations = annotationSupport();
  }

  getDefaultQuery(_app: CoreApp): Partial<DasmoQuery> {
    return DEFAULT_QUERY;
  }

  filterQuery(query: DasmoQuery): boolean {
    return !query.hide;
  }

  async query(request: DataQueryRequest<DasmoQuery>): Promise<DataQueryResponse> {
    const targets = request.targets.map(migrateQuery).filter((t) => this.filterQuery(t));
    const range = dayRange(request.range);
    const data: DataFrame[] = [];
    const errors: DataQueryError[] = [];
    const batch: StoreQuery[] = [];
    for (const target of targets) {
      if (target.subject === 'annotazioni') {
        await this.annotationFrame(target, range).then(
          (frame) => data.push(frame),
          (err) => errors.push({ refId: target.refId, message: toStoreError(err).message })
        );
        continue;
      }
      const prepared = toStoreQuery(target, getTemplateSrv(), request.scopedVars);
      if ('error' in prepared) {
        errors.push({ refId: target.refId, message: prepared.error });
      } else {
        batch.push(prepared.value);
      }
    }
    if (batch.length > 0) {
      await this.runBatch({ range, queries: batch }, data, errors);
    }
    return { data, errors: errors.length > 0 ? errors : undefined };
  }

  /** One POST for the whole panel; a query the store refuses fails alone. */
  private async runBatch(body: QueryRequest, data: DataFrame[], errors: DataQueryError[]): Promise<void> {
    let response: QueryResponse;
    try {
      response = await this.request<QueryResponse>('/api/query', { method: 'POST', data: body });
    } catch (err) {
      const failure = toStoreError(err);
      for (const q of body.queries) {
        errors.push({ refId: q.refId, message: failure.message, status: failure.status });
      }
      return;
    }
    const byRefId = new Map(body.queries.map((q) => [q.refId, q]));
    const names = await this.groupNames(response.results.flatMap((r) => r.frames ?? []));
    for (const result of response.results) {
      const query = byRefId.get(result.refId);
      if (!query) {
        continue;
      }
      if (result.error) {
        errors.push({
          refId: result.refId,
          message: `Lo store non ha potuto eseguire la query ${result.refId}: ${result.error.message}`,
        });
      } else {
        data.push(...toDataFrames(result.frames ?? [], query, names));
      }
    }
  }

  /**
   * Names of the region and office codes the frames hold, from the same lists as the variables,
   * fetched once per datasource instance. Without them (store list unreachable) codes are shown.
   */
  private async groupNames(frames: readonly Frame[]): Promise<GroupNames> {
    const used = CODED_DIMENSIONS.filter((d) =>
      frames.some((f) => f.fields.some((field) => field.name === d || (field.labels && d in field.labels)))
    );
    const names: GroupNames = {};
    for (const d of used) {
      let list = this.codeNames.get(d);
      if (!list) {
        list = this.variableValues({ refId: 'names', variable: d }).then(
          (values) => new Map(values.map((v) => [v.value, v.text])),
          () => {
            this.codeNames.delete(d);
            return new Map<string, string>();
          }
        );
        this.codeNames.set(d, list);
      }
      names[d] = await list;
    }
    return names;
  }

  private async annotationFrame(target: AnnotationTarget, range: QueryRequest['range']): Promise<DataFrame> {
    const events = await this.request<StoreAnnotation[]>('/api/annotations', { params: range });
    return toAnnotationFrame(events, target);
  }

  /**
   * Values of a template variable. `sede` is narrowed by a region or a `$variable`; the store
   * takes one region per call, so several regions are several calls.
   */
  async variableValues(query: VariableQuery, scopedVars = {}): Promise<VariableValue[]> {
    const path = `/api/variables/${query.variable}`;
    if (query.variable === 'stato') {
      return this.request<VariableValue[]>(path, { params: { of: query.of ?? 'domande' } });
    }
    if (query.variable !== 'sede' || !query.regione) {
      return this.request<VariableValue[]>(path);
    }
    const regions = interpolateValues([query.regione], 'Regione', getTemplateSrv(), scopedVars);
    if ('error' in regions) {
      throw new StoreError(regions.error, 400);
    }
    if (regions.value === 'all') {
      return this.request<VariableValue[]>(path);
    }
    const lists = await Promise.all(
      regions.value.map((regione) => this.request<VariableValue[]>(path, { params: { regione } }))
    );
    return lists.flat();
  }

  /** Save & test: is the store there, does it accept the token, who is the user, how fresh are the data. */
  async testDatasource(): Promise<TestDataSourceResponse> {
    if (!this.storeUrl) {
      return { status: 'error', message: "Manca l'URL dello store: inserirlo nelle impostazioni del datasource." };
    }
    try {
      const health = await this.request<HealthAnswer>('/api/health');
      const regions = await this.variableValues({ refId: 'test', variable: 'regione' });
      return describeConnection(health, regions);
    } catch (err) {
      return { status: 'error', message: toStoreError(err).message };
    }
  }

  /** Every call to the store goes through here: one place for the proxy URL and error mapping. */
  async request<T>(path: string, options: Omit<BackendSrvRequest, 'url'> = {}): Promise<T> {
    try {
      const response = await lastValueFrom(
        getBackendSrv().fetch<T>({
          ...options,
          url: `${this.storeBaseUrl}${path}`,
          showErrorAlert: false,
          showSuccessAlert: false,
        })
      );
      return response.data;
    } catch (err) {
      throw toStoreError(err);
    }
  }
}
