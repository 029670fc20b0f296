-- Normative milestones (DOMAIN.md), shown as annotations by GET /api/annotations. Kept as data so
-- a new decree is one INSERT; a test checks these rows against NORMATIVE_MILESTONES in src/model.
CREATE TABLE normative_milestone (
  milestone_on date PRIMARY KEY,
  title        text NOT NULL
);
INSERT INTO normative_milestone (milestone_on, title) VALUES
  ('2020-03-17', 'DL 18/2020 "Cura Italia"'),
  ('2020-05-19', 'DL 34/2020 "Rilancio"'),
  ('2020-06-16', 'DL 52/2020'),
  ('2020-08-14', 'DL 104/2020 "Agosto"'),
  ('2020-10-28', 'DL 137/2020 "Ristori"'),
  ('2020-12-30', 'L. 178/2020 (legge di bilancio 2021)'),
  ('2021-03-22', 'DL 41/2021 "Sostegni"'),
  ('2021-05-25', 'DL 73/2021 "Sostegni bis"'),
  ('2021-07-21', 'Messaggio INPS 2668 (DASMO)');
