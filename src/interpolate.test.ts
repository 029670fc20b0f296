import { interpolateFilters, interpolateValues } from './interpolate';
import { installTemplateSrv } from './testing/grafanaDoubles';

const templateSrv = installTemplateSrv([
  { name: 'regione', current: 'Lazio', options: ['Lazio', 'Lombardia', 'Veneto'] },
  { name: 'prestazione', current: ['CIGO', 'ASO'], options: ['CIGO', 'CIGD', 'ASO', 'CISOA'] },
  { name: 'sede', current: '$__all', options: ['Roma Tuscolano', 'Milano Nord'] },
]);

test('a single-value variable, in each of Grafana syntaxes', () => {
  for (const ref of ['$regione', '${regione}', '[[regione]]', '${regione:raw}']) {
    expect(interpolateValues([ref], 'Regione', templateSrv)).toEqual({ value: ['Lazio'] });
  }
});

test('a multi-value variable becomes several values, next to literals, without repeats', () => {
  expect(interpolateValues(['$prestazione', 'CIGD', 'ASO'], 'Prestazione', templateSrv)).toEqual({
    value: ['CIGO', 'ASO', 'CIGD'],
  });
});

test('"All" drops the filter: the store already limits the query to the user scope', () => {
  expect(interpolateValues(['$sede'], 'Sede', templateSrv)).toEqual({ value: 'all' });
  expect(interpolateFilters({ sede: ['${sede}'], regione: ['$regione'] }, templateSrv)).toEqual({
    value: { regione: ['Lazio'] },
  });
  expect(interpolateFilters({ sede: ['$sede'] }, templateSrv)).toEqual({ value: undefined });
});

test('a repeated panel value (scopedVars) wins over the dashboard selection', () => {
  const scopedVars = { regione: { text: 'Veneto', value: 'Veneto' } };
  expect(interpolateFilters({ regione: ['$regione'] }, templateSrv, scopedVars)).toEqual({
    value: { regione: ['Veneto'] },
  });
});

test('an unknown variable is an error naming the filter and the variable', () => {
  expect(interpolateFilters({ prestazione: ['CIGO'], regione: ['$regone'] }, templateSrv)).toEqual({
    error: 'Il filtro "Regione" usa la variabile $regone, che non esiste in questa dashboard.',
  });
});

test('literal values pass through untouched, empty lists disappear', () => {
  expect(interpolateFilters({ causale: ['COVID19_NAZ'], modalita: [] }, templateSrv)).toEqual({
    value: { causale: ['COVID19_NAZ'] },
  });
  expect(interpolateFilters(undefined, templateSrv)).toEqual({ value: undefined });
});
