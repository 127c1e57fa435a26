#!/usr/bin/env bash
# Serves the built app on its own seeded database for the end-to-end tests.
set -euo pipefail
cd "$(dirname "$0")/../.."
port="${1:-3100}"

# Everything this server owns is named after its port, so two checkouts can run their e2e tests side by side.
db="recouvra_e2e$([ "$port" = 3100 ] || echo "_$port")"
export DATABASE_URL="postgresql://recouvra_app:recouvra_app@127.0.0.1:5432/$db"
export IMPORT_DATABASE_URL="postgresql://recouvra_import@127.0.0.1:5432/$db"
export MIGRATION_DATABASE_URL="postgresql://postgres@127.0.0.1:5432/$db"
export QUEUE_PREFIX="recouvra-e2e-$port"
export NEXTAUTH_URL="http://localhost:$port"
export NEXTAUTH_SECRET=e2e-only-secret-not-for-production-use
export NEXT_TELEMETRY_DISABLED=1
# The worker keeps the e-mails the scenarios send in its own capture SMTP server, beside a running demo's.
smtp_port=$((port - 1975))
export SMTP_CAPTURE=1 SMTP_CAPTURE_PORT=$smtp_port SMTP_URL="smtp://127.0.0.1:$smtp_port"
# Card payments (decision 0020) against a local server standing in for Stripe's API, started below.
stripe_port=$((port + 9000))
export STRIPE_SECRET_KEY=sk_test_e2e_only STRIPE_WEBHOOK_SECRET=whsec_e2e_only_not_for_production
export STRIPE_API_URL="http://127.0.0.1:$stripe_port"
export RECOUVRA_ENV_LOADED=1 # ignore a developer's .env: this server's settings are all above

redis-cli -h 127.0.0.1 --scan --pattern "$QUEUE_PREFIX:*" | xargs -r redis-cli -h 127.0.0.1 del >/dev/null
npx tsx lib/cli/migrate.ts
# Rates an earlier run's tests appended (tests/e2e/rates.spec.ts): the seed's wipe keeps rate rows, which belong
# to no agency, and every run starts from the shipped tables.
node -e "const c = new (require('pg').Client)(process.env.MIGRATION_DATABASE_URL);
  c.connect().then(() => c.query(\"DELETE FROM legal_rate WHERE published_ref = 'e2e'; DELETE FROM reference_rate WHERE published_ref = 'e2e'\")).then(() => c.end())"
npx tsx prisma/seed.ts --wipe "$db" >/dev/null

# The same build and entry as npm start and the production image, rebuilt only when a source file changed.
if bash lib/cli/build-is-stale.sh; then npm run build; fi
# The worker runs the import jobs; both processes stop with this script (Playwright ends it after the run).
trap 'kill 0' EXIT
# Both processes' JSON lines are kept for tests/logs/scan-logs.ts, which looks in them for the demo's people.
logs="${E2E_LOG_DIR:-.e2e-logs}/$port"
rm -rf "$logs" && mkdir -p "$logs"
node dist/entry.mjs worker > >(tee "$logs/worker.log") 2>&1 &
npx tsx tests/fakes/stripe-api.ts "$stripe_port" &
PORT="$port" node dist/entry.mjs web > >(tee "$logs/web.log") 2>&1
