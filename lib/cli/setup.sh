#!/usr/bin/env bash
# Does whatever setup this checkout is missing, and nothing it already has: services, packages, .env, the Prisma
# client and (with --build) the production build. `npm start` and `npm test` call it first, so a fresh clone
# needs no other command; `npm run setup` runs it on its own.
set -euo pipefail
cd "$(dirname "$0")/../.."

build=0
for arg in "$@"; do
  case "$arg" in
    --build) build=1 ;;
    *) echo "usage: setup.sh [--build]" >&2; exit 2 ;;
  esac
done

bash lib/cli/ensure-services.sh

token() { node -e "console.log(require('node:crypto').randomBytes(${1:-24}).toString('base64url'))"; }
if [ ! -f .env ]; then
  cat > .env <<ENV
DATABASE_URL=postgresql://recouvra_app:$(token)@127.0.0.1:5432/recouvra
IMPORT_DATABASE_URL=postgresql://recouvra_import:$(token)@127.0.0.1:5432/recouvra
MIGRATION_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/recouvra
REDIS_URL=redis://127.0.0.1:6379
NEXTAUTH_URL=http://localhost:3000
NEXTAUTH_SECRET=$(token 32)
NEXT_TELEMETRY_DISABLED=1
ENV
  echo "setup: wrote .env"
elif ! grep -q '^IMPORT_DATABASE_URL=' .env; then
  # An .env written before the import had its own role: same server and database, a password of its own.
  node -e "process.loadEnvFile('.env'); const u = new URL(process.env.DATABASE_URL); u.username = 'recouvra_import';
           u.password = process.argv[1]; console.log('IMPORT_DATABASE_URL=' + u)" "$(token)" >> .env
  echo "setup: added IMPORT_DATABASE_URL to .env"
fi

# npm writes node_modules/.package-lock.json at the end of every install: older than the lock file means the
# lock changed since (a pull, a checkout), missing means nothing was installed.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: installing packages (npm ci)"
  npm ci --no-audit --no-fund
fi

if [ ! -f lib/db/generated/client.ts ] || [ prisma/schema.prisma -nt lib/db/generated/client.ts ]; then
  npm run db:generate
fi

if [ "$build" = 1 ] && bash lib/cli/build-is-stale.sh; then
  npm run build
fi
