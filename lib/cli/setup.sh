#!/usr/bin/env bash
# npm run setup: everything a fresh clone needs before `npm start`.
set -euo pipefail
cd "$(dirname "$0")/../.."

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
  echo "wrote .env"
elif ! grep -q '^IMPORT_DATABASE_URL=' .env; then
  # An .env written before the import had its own role: same server and database, a password of its own.
  node -e "process.loadEnvFile('.env'); const u = new URL(process.env.DATABASE_URL); u.username = 'recouvra_import';
           u.password = process.argv[1]; console.log('IMPORT_DATABASE_URL=' + u)" "$(token)" >> .env
  echo "added IMPORT_DATABASE_URL to .env"
fi

npm install --no-audit --no-fund
npm run db:generate
npm run db:migrate
npx tsx lib/cli/role-passwords.ts
npm run db:seed
npm run build
echo
echo "Ready: npm start, then open http://localhost:3000"
