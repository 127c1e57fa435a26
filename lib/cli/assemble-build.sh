#!/usr/bin/env bash
# After `next build`: completes the standalone server (it does not copy static assets itself) and bundles the
# entry (migrations, demo seed, web and worker start) into dist/, which is what the production image runs.
set -euo pipefail
cd "$(dirname "$0")/../.."

rm -rf .next/standalone/.next/static .next/standalone/public
cp -r .next/static .next/standalone/.next/static
cp -r public .next/standalone/public

# Packages stay imports (resolved from node_modules at run time); the project's own TypeScript is bundled.
# Splitting keeps the demo seed (and its dev-only faker) in a chunk that production never loads.
rm -rf dist
node_modules/.bin/esbuild lib/cli/entry.ts --bundle --platform=node --format=esm --target=node20 \
  --splitting --packages=external --outdir=dist --out-extension:.js=.mjs --log-level=warning
