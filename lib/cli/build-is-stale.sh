#!/usr/bin/env bash
# Exits 0 when the production build is missing or older than a source file it is built from.
cd "$(dirname "$0")/../.."
[ -f .next/BUILD_ID ] && [ -f dist/entry.mjs ] || exit 0
[ -n "$(find app components lib messages workers public next.config.js proxy.ts instrumentation.ts package-lock.json \
  -newer .next/BUILD_ID -type f -not -path 'lib/db/generated/*' -print -quit)" ]
