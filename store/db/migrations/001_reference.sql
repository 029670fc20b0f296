-- Reference data: regions, INPS offices, and the thresholds DOMAIN.md calls settings.
CREATE TABLE region (
  region_code text PRIMARY KEY,
  name        text NOT NULL
);

CREATE TABLE office (
  office_code text PRIMARY KEY,
  name        text NOT NULL,
  province    text NOT NULL,
  region_code text NOT NULL REFERENCES region,
  kind        text NOT NULL
);

-- One place for the backlog thresholds: the SQL views, the alerts and the dashboards read it.
CREATE TABLE setting (
  name        text PRIMARY KEY,
  value       integer NOT NULL CHECK (value >= 0),
  description text NOT NULL
);
INSERT INTO setting (name, value, description) VALUES
  ('chronic_days', 90, 'giacenza cronica: open for more than this many days'),
  ('very_old_days', 180, 'giacenza molto risalente: open for more than this many days'),
  ('high_criticality_days', 30, 'alta criticità: first SR41 received more than this many days ago, still unpaid'),
  ('sr41_open_days', 30, 'SR41 in lavorazione older than this many days are flagged'),
  ('refresh_deadline_hour', 9, 'the day''s data must be loaded by this hour, Europe/Rome');
