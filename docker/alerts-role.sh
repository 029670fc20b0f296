#!/bin/sh
# Gives the read-only role dasmo_alerts (created NOLOGIN by migration 040) its login and the
# password from the environment (.env), so that no secret is written in the repository. Runs at
# every `docker compose up`, so changing DASMO_ALERTS_PASSWORD in .env takes effect.
set -eu
psql -v ON_ERROR_STOP=1 -v pw="$DASMO_ALERTS_PASSWORD" <<'SQL'
ALTER ROLE dasmo_alerts LOGIN PASSWORD :'pw';
SQL
echo "dasmo_alerts can log in."
