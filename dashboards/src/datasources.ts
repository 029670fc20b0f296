/**
 * The two datasources every dashboard and alert rule names, by the fixed uids that
 * provisioning/datasources/dasmo.yml gives them (a test checks they agree).
 */
import type { DataSourceRef } from '@grafana/grafana-foundation-sdk/common';

/** The DASMO plugin: every figure, scoped per user by the store. */
export const DASMO: DataSourceRef = { type: 'inps-dasmo-datasource', uid: 'dasmo' };

/** Grafana's PostgreSQL datasource, as the read-only role dasmo_alerts: the alert and load-log views only. */
export const DASMO_VIEWS: DataSourceRef = { type: 'grafana-postgresql-datasource', uid: 'dasmo-viste' };
