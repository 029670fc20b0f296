#!/bin/sh
# The store service's start: load the user roster, write the demo extracts into the inbox on the
# first start (the loader service loads them, the same road as real extracts), then serve the API.
# Migrations are applied by every `dasmo` command when it opens the database.
set -eu

if [ -n "${DASMO_ROSTER:-}" ]; then
  if [ -f "$DASMO_ROSTER" ]; then
    node bin/dasmo.js users "$DASMO_ROSTER"
  else
    echo "store: no roster at $DASMO_ROSTER; nobody can use DASMO until one is loaded (dasmo users)." >&2
  fi
fi

# The marker stays in the inbox volume, so the demo is written once, not at every restart.
if [ "${DASMO_DEMO_DATA:-0}" = "1" ] && [ ! -e "$DASMO_INBOX/.demo-written" ]; then
  node bin/dasmo.js seed --scale "$DASMO_DEMO_SCALE" --from "$DASMO_DEMO_FROM" --to "$DASMO_DEMO_TO" --out "$DASMO_INBOX" --quiet
  touch "$DASMO_INBOX/.demo-written"
fi

exec node bin/dasmo.js serve --port "$DASMO_PORT"
