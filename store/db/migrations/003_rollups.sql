-- Daily rollups kept by the loader (ARCHITECTURE.md "Rollups at load time"): a panel reads these,
-- not the raw facts. Grain: day × region × office × scheme × cause × payment mode × multi-region.
-- Only non-empty rows are stored. Age bands are those of DOMAIN.md; chronic and very_old use the
-- thresholds of the `setting` table in force when the row was computed.

CREATE TABLE application_flow_daily (
  day               date NOT NULL,
  region_code       text NOT NULL,
  office_code       text NOT NULL,
  benefit           text NOT NULL,
  cause             text NOT NULL,
  payment_mode      text NOT NULL,
  multi_region      boolean NOT NULL,
  presented         integer NOT NULL DEFAULT 0,
  authorised        integer NOT NULL DEFAULT 0,
  rejected          integer NOT NULL DEFAULT 0,
  cancelled         integer NOT NULL DEFAULT 0,
  hours_requested   numeric NOT NULL DEFAULT 0, -- of the applications presented on the day
  workers           bigint  NOT NULL DEFAULT 0, -- of the applications presented on the day
  hours_authorised  numeric NOT NULL DEFAULT 0, -- of the authorisations dated the day
  decision_days_sum bigint  NOT NULL DEFAULT 0, -- Σ (decision date − presentation date) over authorised + rejected
  PRIMARY KEY (day, region_code, office_code, benefit, cause, payment_mode, multi_region)
);

CREATE TABLE application_stock_daily (
  day          date NOT NULL,
  region_code  text NOT NULL,
  office_code  text NOT NULL,
  benefit      text NOT NULL,
  cause        text NOT NULL,
  payment_mode text NOT NULL,
  multi_region boolean NOT NULL,
  state        text NOT NULL, -- PRESENTATA or IN_ISTRUTTORIA at the end of the day
  age_0_30     integer NOT NULL DEFAULT 0,
  age_31_60    integer NOT NULL DEFAULT 0,
  age_61_90    integer NOT NULL DEFAULT 0,
  age_91_180   integer NOT NULL DEFAULT 0,
  age_over_180 integer NOT NULL DEFAULT 0,
  chronic      integer NOT NULL DEFAULT 0,
  very_old     integer NOT NULL DEFAULT 0,
  PRIMARY KEY (day, region_code, office_code, benefit, cause, payment_mode, multi_region, state)
);

CREATE TABLE sr41_flow_daily (
  day              date NOT NULL,
  region_code      text NOT NULL,
  office_code      text NOT NULL,
  benefit          text NOT NULL,
  cause            text NOT NULL,
  payment_mode     text NOT NULL,
  multi_region     boolean NOT NULL,
  rejection_reason text NOT NULL DEFAULT '', -- '' except on rows counting rejections
  received         integer NOT NULL DEFAULT 0,
  paid             integer NOT NULL DEFAULT 0,
  rejected         integer NOT NULL DEFAULT 0,
  cancelled        integer NOT NULL DEFAULT 0,
  amount_paid      numeric NOT NULL DEFAULT 0,
  hours_paid       numeric NOT NULL DEFAULT 0,
  payment_days_sum bigint  NOT NULL DEFAULT 0, -- Σ (payment date − receipt date) over paid
  PRIMARY KEY (day, region_code, office_code, benefit, cause, payment_mode, multi_region, rejection_reason)
);

CREATE TABLE sr41_stock_daily (
  day          date NOT NULL,
  region_code  text NOT NULL,
  office_code  text NOT NULL,
  benefit      text NOT NULL,
  cause        text NOT NULL,
  payment_mode text NOT NULL,
  multi_region boolean NOT NULL,
  state        text NOT NULL, -- RICEVUTO, IN_LAVORAZIONE or IN_PAGAMENTO at the end of the day
  age_0_30     integer NOT NULL DEFAULT 0,
  age_31_60    integer NOT NULL DEFAULT 0,
  age_61_90    integer NOT NULL DEFAULT 0,
  age_91_180   integer NOT NULL DEFAULT 0,
  age_over_180 integer NOT NULL DEFAULT 0,
  over_open_threshold integer NOT NULL DEFAULT 0, -- older than setting sr41_open_days
  PRIMARY KEY (day, region_code, office_code, benefit, cause, payment_mode, multi_region, state)
);
