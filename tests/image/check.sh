#!/usr/bin/env bash
# The production image's steps, without Docker (none runs on our machines): the Dockerfile's prod-deps stage
# (npm ci --omit=dev) and runner stage (standalone server + bundled entry + migrations) assembled in a scratch
# folder, started as an unprivileged user with a production configuration against a fresh database and a
# password-protected Redis, and asked /api/health. Also checks that an unsafe configuration is refused.
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$(pwd)

if bash lib/cli/build-is-stale.sh; then npm run build; fi

work=$(mktemp -d /tmp/recouvra-image.XXXXXX)
db="recouvra_image_$$"
redis_port=6391
redis_pw=$(node -e "console.log(require('node:crypto').randomBytes(18).toString('hex'))")
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  redis-cli -p "$redis_port" -a "$redis_pw" --no-auth-warning shutdown nosave >/dev/null 2>&1 || true
  psql -q -h 127.0.0.1 -U postgres -d postgres -c "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "image check FAILED: $*" >&2; exit 1; }

echo "image: prod-deps stage (npm ci --omit=dev)"
cp package.json package-lock.json "$work/"
(cd "$work" && npm ci --omit=dev --prefer-offline --no-audit --no-fund --loglevel=error)
# typescript and @playwright/test stay: they are optional peers of next, which npm installs as devOptional.
for dev in tsx vitest @faker-js/faker eslint; do
  [ ! -e "$work/node_modules/$dev" ] || fail "dev package $dev is in the production packages"
done

echo "image: runner stage"
cp -r .next/standalone/. "$work/"
cp -r dist "$work/dist"
mkdir -p "$work/prisma" "$work/storage"
cp -r prisma/migrations "$work/prisma/"
chmod 755 "$work"
chown -R nobody "$work/storage"

redis-server --port "$redis_port" --bind 127.0.0.1 --requirepass "$redis_pw" --save "" --appendonly no \
  --maxmemory-policy noeviction --daemonize yes --logfile "$work/redis.log" >/dev/null

prod_env=(
  NODE_ENV=production RECOUVRA_ENV=production RECOUVRA_ENV_LOADED=1 NEXT_TELEMETRY_DISABLED=1
  HOSTNAME=127.0.0.1 PORT=3390 RECOUVRA_STANDALONE_DIR="$work" STORAGE_DIR="$work/storage"
  DATABASE_URL="postgresql://recouvra_app:recouvra_app@127.0.0.1:5432/$db"
  IMPORT_DATABASE_URL="postgresql://recouvra_import:recouvra_import@127.0.0.1:5432/$db"
  MIGRATION_DATABASE_URL="postgresql://postgres@127.0.0.1:5432/$db"
  REDIS_URL="redis://:$redis_pw@127.0.0.1:$redis_port" QUEUE_PREFIX="recouvra-image-$$"
  NEXTAUTH_URL=https://recouvra.test NEXTAUTH_SECRET="$(node -e "console.log(require('node:crypto').randomBytes(32).toString('base64'))")"
  SMTP_URL=smtp://127.0.0.1:2599
)
# exec all the way down, so that $! of `as_app … &` is the node process itself and a kill reaches it.
as_app() { cd "$work" && exec setpriv --reuid=nobody --regid=nogroup --clear-groups env -i PATH="$PATH" "${prod_env[@]}" "$@"; }

echo "image: an unsafe configuration is refused"
if out=$( (as_app NEXTAUTH_SECRET= REDIS_URL="redis://127.0.0.1:$redis_port" node dist/entry.mjs web) 2>&1); then
  fail "the entry started without NEXTAUTH_SECRET and a Redis password"
fi
grep -q 'NEXTAUTH_SECRET:' <<<"$out" && grep -q 'REDIS_URL: must carry a password' <<<"$out" ||
  fail "the refusal does not name each setting: $out"
if out=$( (as_app NEXTAUTH_URL=http://recouvra.test timeout 60 node server.js) 2>&1); then
  fail "server.js started with an http NEXTAUTH_URL"
fi
grep -q 'NEXTAUTH_URL:' <<<"$out" || fail "server.js did not name NEXTAUTH_URL: $out"

echo "image: web and worker as an unprivileged user"
(as_app node dist/entry.mjs worker) >"$work/worker.log" 2>&1 &
pids+=($!)
(as_app node dist/entry.mjs web) >"$work/web.log" 2>&1 &
pids+=($!)

health=""
for _ in $(seq 1 120); do
  health=$(curl -s --max-time 2 http://127.0.0.1:3390/api/health || true)
  grep -q '"ok":true' <<<"$health" && grep -q '"alive":true' <<<"$health" && break
  sleep 1
done
grep -q '"ok":true' <<<"$health" && grep -q '"alive":true' <<<"$health" || {
  tail -n 20 "$work/web.log" "$work/worker.log" >&2
  fail "no healthy answer with a live worker from /api/health: ${health:-nothing}"
}
page=$(curl -s --max-time 10 http://127.0.0.1:3390/signin)
css=$(grep -o '/_next/static/[^"]*\.css' <<<"$page" | head -n 1)
[ -n "$css" ] || fail "/signin links no stylesheet"
[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:3390$css")" = 200 ] || fail "$css is not served"
[ -z "$(ls "$work/storage")" ] || [ "$(stat -c %U "$work/storage")" = nobody ] || fail "storage not owned by the app user"

for pid in "${pids[@]}"; do kill -TERM "$pid"; done
for pid in "${pids[@]}"; do wait "$pid" || true; done
pids=()
echo "image: ok ($health)"
