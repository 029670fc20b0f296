-- Raw facts, as the nightly extract states them (EXTRACT.md), one row per state change.

-- The load log: every folder the loader saw, loaded or refused.
CREATE TABLE load_run (
  load_id        bigserial PRIMARY KEY,
  reference_date date NOT NULL,
  folder_name    text NOT NULL,
  manifest_sha256 text,
  outcome        text NOT NULL CHECK (outcome IN ('CARICATO', 'GIA_CARICATO', 'RIFIUTATO')),
  message        text,
  started_at     timestamptz NOT NULL,
  finished_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX load_run_reference_date ON load_run (reference_date);

-- Per file of a load: rows read = loaded + duplicates + rejected.
CREATE TABLE load_file (
  load_id        bigint NOT NULL REFERENCES load_run ON DELETE CASCADE,
  file_name      text NOT NULL,
  rows_read      integer NOT NULL,
  rows_loaded    integer NOT NULL,
  rows_duplicate integer NOT NULL,
  rows_rejected  integer NOT NULL,
  rejects_by_reason jsonb NOT NULL DEFAULT '{}',
  ignored_columns text[] NOT NULL DEFAULT '{}',
  PRIMARY KEY (load_id, file_name),
  CHECK (rows_read = rows_loaded + rows_duplicate + rows_rejected)
);

-- Rejected rows, with personal data masked (the quarantine file beside the folder keeps the line as sent).
CREATE TABLE rejected_row (
  load_id     bigint NOT NULL REFERENCES load_run ON DELETE CASCADE,
  file_name   text NOT NULL,
  line_number integer NOT NULL,
  reason_code text NOT NULL,
  message     text NOT NULL,
  masked_line text NOT NULL,
  PRIMARY KEY (load_id, file_name, line_number)
);

-- Days with no extract, loaded past.
CREATE TABLE data_gap (
  gap_date date PRIMARY KEY,
  detected_by bigint NOT NULL REFERENCES load_run
);

-- An application's attributes, as its latest row states them.
CREATE TABLE application (
  application_id  text PRIMARY KEY,
  benefit         text NOT NULL,
  cause           text NOT NULL,
  office_code     text NOT NULL REFERENCES office,
  region_code     text NOT NULL REFERENCES region,
  multi_region    boolean NOT NULL,
  employer_id     text NOT NULL,
  payment_mode    text NOT NULL,
  workers         integer NOT NULL,
  hours_requested numeric NOT NULL,
  period_from     date NOT NULL,
  period_to       date NOT NULL,
  presented_on    date NOT NULL
);

-- One row per state change. Same-day changes keep the file's order: (load_id, line_number).
CREATE TABLE application_event (
  application_id   text NOT NULL REFERENCES application,
  state            text NOT NULL,
  state_on         date NOT NULL,
  hours_authorised numeric,
  load_id          bigint NOT NULL REFERENCES load_run,
  line_number      integer NOT NULL,
  PRIMARY KEY (application_id, state, state_on)
);
CREATE INDEX application_event_state_on ON application_event (state_on);

-- An SR41 with the worker pseudonymised (HMAC of the fiscal code); the IBAN is never stored.
CREATE TABLE sr41 (
  sr41_id          text PRIMARY KEY,
  application_id   text NOT NULL REFERENCES application,
  worker_pseudonym text NOT NULL,
  period_month     date NOT NULL,
  hours            numeric NOT NULL,
  amount           numeric NOT NULL,
  received_on      date NOT NULL
);
CREATE INDEX sr41_application ON sr41 (application_id);
CREATE INDEX sr41_worker ON sr41 (worker_pseudonym);

CREATE TABLE sr41_event (
  sr41_id          text NOT NULL REFERENCES sr41,
  state            text NOT NULL,
  state_on         date NOT NULL,
  rejection_reason text,
  load_id          bigint NOT NULL REFERENCES load_run,
  line_number      integer NOT NULL,
  PRIMARY KEY (sr41_id, state, state_on)
);
CREATE INDEX sr41_event_state_on ON sr41_event (state_on);

-- The user roster (utenti.csv); loading a roster replaces it.
CREATE TABLE app_user (
  login       text PRIMARY KEY,
  full_name   text NOT NULL,
  role        text NOT NULL,
  region_code text REFERENCES region,
  active_from date NOT NULL,
  active_to   date
);
