#!/usr/bin/env bash
# Type-checks the k6 scripts against the k6 API's type definitions (TypeScript checkJs), so that a
# wrong k6 call fails the build. Needs Node.js with npm; the build runs it, and so can you.
set -euo pipefail
cd "$(dirname "$0")"
if ! command -v npm >/dev/null 2>&1 || ! command -v node >/dev/null 2>&1; then
  echo "load-test: Node.js and npm are required to type-check the k6 scripts, and were not found on PATH." >&2
  echo "load-test: install Node.js 18 or newer with npm (Debian: apt-get install nodejs npm), or skip this" >&2
  echo "load-test: module with -Dk6.typecheck.skip=true." >&2
  exit 1
fi
# npm ci installs exactly what package-lock.json pins (from the local npm cache once fetched).
npm ci --no-audit --no-fund --loglevel=error
npx --no-install tsc -p tsconfig.json
echo "load-test: k6 scripts type-check against @types/k6 $(node -p 'require("./node_modules/@types/k6/package.json").version')"
