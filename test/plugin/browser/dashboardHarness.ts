/**
 * The integration harness (`window.dasmo`) plus `window.dasmoVariables`, which puts a dashboard's
 * template variables in Grafana's TemplateSrv stand-in, as Grafana does when a dashboard opens.
 */
import { installTemplateSrv, type VariableDouble } from '../../../src/testing/grafanaDoubles';
import './harness';

Object.assign(window, { dasmoVariables: (variables: VariableDouble[]) => void installTemplateSrv(variables) });
