#!/usr/bin/env bash
# npm run setup: everything a fresh clone needs before `npm start`.
set -euo pipefail
cd "$(dirname "$0")/../.."

bash lib/cli/ensure-services.sh

if [ ! -f .env ]; then
  secret=$(node -e "console.log(require('node:crypto').randomBytes(32).toString('base64url'))")
  cat > .env <<ENV
DATABASE_URL=postgresql://recouvra_app:recouvra_app@127.0.0.1:5432/recouvra
MIGRATION_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/recouvra
REDIS_URL=redis://127.0.0.1:6379
NEXTAUTH_URL=http://localhost:3000
NEXTAUTH_SECRET=$secret
NEXT_TELEMETRY_DISABLED=1
ENV
  echo "wrote .env"
fi

npm install --no-audit --no-fund
npm run db:generate
npm run db:migrate
npm run db:seed
npm run build
echo
echo "Ready: npm start, then open http://localhost:3000"
