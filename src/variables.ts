/**
 * Query variables: regione, sede (narrowed by a region), prestazione, causale, modalita, stato,
 * motivo, as GET /api/variables/{name} lists them within the user's scope.
 */
import {
  createDataFrame,
  CustomVariableSupport,
  FieldType,
  type DataQueryRequest,
  type DataQueryResponse,
} from '@grafana/data';
import { from, type Observable } from 'rxjs';
import { toStoreError } from './storeError';
import type { DataSource } from './datasource';
import type { VariableQuery, VariableValue } from './types';

export class DasmoVariableSupport extends CustomVariableSupport<DataSource, VariableQuery> {
  constructor(
    private readonly datasource: DataSource,
    readonly editor: CustomVariableSupport<DataSource, VariableQuery>['editor']
  ) {
    super();
  }

  query(request: DataQueryRequest<VariableQuery>): Observable<DataQueryResponse> {
    const query = request.targets[0];
    return from(
      this.datasource.variableValues(query, request.scopedVars).then(
        (values) => ({ data: [valuesFrame(values)] }),
        (err) => ({ data: [], errors: [{ refId: query.refId, message: toStoreError(err).message }] })
      )
    );
  }
}

/** text/value fields: the names Grafana reads a variable's options from. */
export function valuesFrame(values: readonly VariableValue[]) {
  return createDataFrame({
    fields: [
      { name: 'text', type: FieldType.string, values: values.map((v) => v.text) },
      { name: 'value', type: FieldType.string, values: values.map((v) => v.value) },
    ],
  });
}
