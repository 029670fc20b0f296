-- Views for Grafana's alert rules and the data-status dashboard (ARCHITECTURE.md: alerting cannot
-- run through a frontend datasource plugin, so Grafana's PostgreSQL datasource reads these views
-- with the read-only role dasmo_alerts). The thresholds come from the `setting` table only, so
-- changing a setting changes the alerts without touching Grafana.
--
-- Every figure is taken "at asOf": the latest reference date loaded successfully. A fact's state
-- at asOf is its latest change dated on or before asOf; same-day changes keep the file's order
-- (load_id, line_number). A fact with no change dated by asOf is still in its first state.

CREATE VIEW alert_as_of AS
SELECT max(reference_date) AS as_of, max(finished_at) AS last_load_at
FROM load_run
WHERE outcome = 'CARICATO';

-- Applications presented by asOf, with their state and age at asOf.
CREATE VIEW alert_application_at_as_of AS
SELECT a.application_id, a.region_code, a.office_code, a.presented_on, d.as_of,
       d.as_of - a.presented_on AS age_days,
       COALESCE((SELECT e.state FROM application_event e
                 WHERE e.application_id = a.application_id AND e.state_on <= d.as_of
                 ORDER BY e.state_on DESC, e.load_id DESC, e.line_number DESC LIMIT 1),
                'PRESENTATA') AS state
FROM alert_as_of d
JOIN application a ON a.presented_on <= d.as_of;

-- SR41 received by asOf, with their application's region and office, state and age at asOf.
CREATE VIEW alert_sr41_at_as_of AS
SELECT s.sr41_id, s.worker_pseudonym, s.received_on, a.region_code, a.office_code, d.as_of,
       d.as_of - s.received_on AS age_days,
       COALESCE((SELECT e.state FROM sr41_event e
                 WHERE e.sr41_id = s.sr41_id AND e.state_on <= d.as_of
                 ORDER BY e.state_on DESC, e.load_id DESC, e.line_number DESC LIMIT 1),
                'RICEVUTO') AS state
FROM alert_as_of d
JOIN sr41 s ON s.received_on <= d.as_of
JOIN application a ON a.application_id = s.application_id;

-- One row per (region, office): every office with its own region, plus any other region its
-- applications carry (CIGD is granted by a region that can differ from the office's). Alerts are
-- per office and labelled with the region whose directorate may see the figure (DOMAIN.md).
CREATE VIEW alert_office_key AS
SELECT region_code, office_code FROM office
UNION
SELECT DISTINCT region_code, office_code FROM application;

-- alta criticità at asOf (DOMAIN.md): workers with at least one SR41 received by asOf and not
-- cancelled, none paid by asOf (PAGATO is final, so "paid by asOf" is "PAGATO at asOf"), whose
-- first SR41 (any state) was received more than setting high_criticality_days before asOf.
CREATE VIEW alert_high_criticality_worker AS
SELECT x.worker_pseudonym, min(x.received_on) AS first_received_on
FROM alert_sr41_at_as_of x
GROUP BY x.worker_pseudonym
HAVING bool_or(x.state <> 'ANNULLATO')
   AND NOT bool_or(x.state = 'PAGATO')
   AND max(x.age_days) > (SELECT value FROM setting WHERE name = 'high_criticality_days');

-- The figures the alert rules watch, one row per figure and (region, office), 0 when none:
--   giacenza_cronica          open applications older than setting chronic_days;
--   giacenza_molto_risalente  open applications older than setting very_old_days;
--   sr41_oltre_soglia         SR41 in lavorazione older than setting sr41_open_days;
--   alta_criticita            workers of alta criticità with an SR41 of the office that is not
--                             cancelled (a worker counts in each such office, so offices can add
--                             up to more than the national distinct count).
-- A rule asks for one figure (WHERE figura = ...); PostgreSQL then computes only that branch.
CREATE VIEW alert_office_figure AS
WITH thresholds AS (
  SELECT max(value) FILTER (WHERE name = 'chronic_days') AS chronic_days,
         max(value) FILTER (WHERE name = 'very_old_days') AS very_old_days,
         max(value) FILTER (WHERE name = 'sr41_open_days') AS sr41_open_days
  FROM setting
), counts AS (
  SELECT 'giacenza_cronica' AS figura, x.region_code, x.office_code, count(*) AS n
  FROM alert_application_at_as_of x, thresholds t
  WHERE x.state IN ('PRESENTATA', 'IN_ISTRUTTORIA') AND x.age_days > t.chronic_days
  GROUP BY x.region_code, x.office_code
  UNION ALL
  SELECT 'giacenza_molto_risalente', x.region_code, x.office_code, count(*)
  FROM alert_application_at_as_of x, thresholds t
  WHERE x.state IN ('PRESENTATA', 'IN_ISTRUTTORIA') AND x.age_days > t.very_old_days
  GROUP BY x.region_code, x.office_code
  UNION ALL
  SELECT 'sr41_oltre_soglia', x.region_code, x.office_code, count(*)
  FROM alert_sr41_at_as_of x, thresholds t
  WHERE x.state IN ('RICEVUTO', 'IN_LAVORAZIONE', 'IN_PAGAMENTO') AND x.age_days > t.sr41_open_days
  GROUP BY x.region_code, x.office_code
  UNION ALL
  SELECT 'alta_criticita', x.region_code, x.office_code, count(DISTINCT x.worker_pseudonym)
  FROM alert_sr41_at_as_of x
  JOIN alert_high_criticality_worker w ON w.worker_pseudonym = x.worker_pseudonym
  WHERE x.state <> 'ANNULLATO'
  GROUP BY x.region_code, x.office_code
)
SELECT f.figura, k.region_code AS regione, r.name AS regione_nome, k.office_code AS sede, o.name AS sede_nome,
       d.as_of, COALESCE(c.n, 0)::integer AS valore
FROM (VALUES ('giacenza_cronica'), ('giacenza_molto_risalente'), ('sr41_oltre_soglia'), ('alta_criticita')) AS f (figura)
CROSS JOIN alert_office_key k
JOIN region r ON r.region_code = k.region_code
JOIN office o ON o.office_code = k.office_code
CROSS JOIN alert_as_of d
LEFT JOIN counts c ON c.figura = f.figura AND c.region_code = k.region_code AND c.office_code = k.office_code;

-- Data freshness: the day's data (asOf = yesterday, Europe/Rome) must be loaded by
-- setting refresh_deadline_hour; before that hour, the day before yesterday is still on time.
-- giorni_mancanti is NULL when nothing was ever loaded (the alert treats no data as firing).
CREATE VIEW alert_data_freshness AS
WITH clock AS (
  SELECT now() AT TIME ZONE 'Europe/Rome' AS rome_now,
         (SELECT value FROM setting WHERE name = 'refresh_deadline_hour') AS deadline_hour
), expected AS (
  SELECT rome_now, deadline_hour,
         rome_now::date - CASE WHEN extract(hour FROM rome_now) >= deadline_hour THEN 1 ELSE 2 END AS expected_as_of
  FROM clock
)
SELECT d.as_of, d.last_load_at, e.deadline_hour AS ora_limite, e.expected_as_of,
       greatest(0, e.expected_as_of - d.as_of)::integer AS giorni_mancanti
FROM alert_as_of d CROSS JOIN expected e;

-- The load log for the data-status dashboard: counts only, never the rejected lines themselves.
CREATE VIEW data_status_load AS
SELECT r.load_id, r.reference_date, r.folder_name, r.outcome, r.message, r.started_at, r.finished_at,
       COALESCE(sum(f.rows_read), 0)::integer AS righe_lette,
       COALESCE(sum(f.rows_loaded), 0)::integer AS righe_caricate,
       COALESCE(sum(f.rows_duplicate), 0)::integer AS righe_duplicate,
       COALESCE(sum(f.rows_rejected), 0)::integer AS righe_scartate
FROM load_run r
LEFT JOIN load_file f ON f.load_id = r.load_id
GROUP BY r.load_id;

CREATE VIEW data_status_rejects AS
SELECT r.reference_date, x.file_name, x.reason_code, count(*)::integer AS righe
FROM rejected_row x
JOIN load_run r ON r.load_id = x.load_id
GROUP BY r.reference_date, x.file_name, x.reason_code;

CREATE VIEW data_status_gap AS
SELECT g.gap_date, r.reference_date AS rilevato_dal_caricamento_del
FROM data_gap g
JOIN load_run r ON r.load_id = g.detected_by;

-- The read-only role of Grafana's PostgreSQL datasource. Roles belong to the whole server, so it
-- may exist already (another database, or created with a password by the deployment): create it
-- only when missing, and never give it a password here (compose sets LOGIN PASSWORD from .env).
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'dasmo_alerts') THEN
    CREATE ROLE dasmo_alerts NOLOGIN;
  END IF;
EXCEPTION
  -- Two databases migrating at the same moment can both see the role missing.
  WHEN duplicate_object OR unique_violation THEN NULL;
END
$$;

-- Views run with their owner's rights, so SELECT on these views is all the role needs: it gets
-- nothing on the base tables (no worker pseudonyms, no rejected lines).
GRANT USAGE ON SCHEMA public TO dasmo_alerts;
GRANT SELECT ON alert_as_of, alert_office_figure, alert_data_freshness, data_status_load, data_status_rejects, data_status_gap
  TO dasmo_alerts;
