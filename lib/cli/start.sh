#!/usr/bin/env bash
# npm start: any missing setup, then the web app and the worker, each through the one entry (lib/cli/entry.ts)
# that migrates and, on an empty database in demo mode, seeds the demo. Demo mode is the default here and
# nowhere else: RECOUVRA_DEMO=0 npm start starts on an empty database.
set -euo pipefail
cd "$(dirname "$0")/../.."

bash lib/cli/setup.sh --build
export RECOUVRA_DEMO="${RECOUVRA_DEMO:-1}" SMTP_CAPTURE="${SMTP_CAPTURE:-1}" PORT="${PORT:-3000}"
# Migrate and seed once before both processes start, so neither waits on the other's lock with a half-built page.
node dist/entry.mjs prepare
exec node_modules/.bin/concurrently -k -n web,worker -c blue,magenta \
  "node dist/entry.mjs web" "node dist/entry.mjs worker"
